"""Every person and place in the demo database reaches the anonymiser."""

from __future__ import annotations

from sqlalchemy import select

from pe_desktop.domain.anonymise import Anonymiser
from pe_desktop.services.qa.known import known_entities
from pe_desktop.storage.models import Placement, Student


def test_demo_people_and_places_are_known_and_redacted(demo_ctx):
    known = known_entities(demo_ctx)
    with demo_ctx.read_session() as s:
        students = s.scalars(select(Student)).all()
        placements = s.scalars(select(Placement)).all()
        names = [st.full_name for st in students]
        oss = [p.oss_name for p in placements if p.oss_name]
        orgs = {p.organisation for p in placements}
    roles = {p.name: p.role for p in known.people}
    assert all(roles.get(n) == "student" for n in names)
    assert all(roles.get(n) == "oss" for n in oss)
    assert orgs <= set(known.organisations)
    anon = Anonymiser(known)
    for name in names + oss:
        text = f"Today {name} met {name.split()[0]} and {name.split()[-1].upper()}."
        out = anon.anonymise(text).text
        for part in name.split():
            if len(part) > 2:
                assert part.lower() not in out.lower(), (name, out)
