"""Builders shared by the evidence/supervision tests (unit and GUI)."""

from __future__ import annotations

from datetime import date, timedelta

from pe_desktop.domain.enums import PlacementKind, PlacementStatus
from pe_desktop.services.placements.service import PlacementInput, PlacementService
from pe_desktop.services.placements.students import StudentInput, StudentService


def make_placement(ctx, *, kind=PlacementKind.FIRST, start: date | None = None,
                   name: str = "Zoë Ní Bhriain", active: bool = True) -> int:
    """A placement started 40 days before the test clock, made active."""
    start = start or ctx.today() - timedelta(days=40)
    with ctx.session() as s:
        st = StudentService(ctx).create_in(
            s, StudentInput(full_name=name, university="University of Northfield",
                            student_number=f"NF{abs(hash(name)) % 10**6}", preferred_name="Zo"))
        p = PlacementService(ctx).create_in(
            s, PlacementInput(student_id=st.id, kind=kind, organisation="Northfield City Council",
                              start_date=start, team="Children in Need", oss_name="Bríd Kavanagh"))
        pid = p.id
    if active:
        PlacementService(ctx).change_status(pid, PlacementStatus.ACTIVE, start)
    return pid
