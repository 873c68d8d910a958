"""Demo time log: on running placements, the PE's observations, report writing, meetings,
marking and travel week by week (the struggling student's weeks run well over three hours)."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import insert

from pe_desktop.domain.enums import PlacementStatus
from pe_desktop.domain.timelog import TimeActivity
from pe_desktop.services.context import AppContext
from pe_desktop.services.placements.service import PlacementService
from pe_desktop.storage.models import TimeEntry

WEEKLY = ((TimeActivity.REPORT_WRITING, 30, 60), (TimeActivity.MARKING, 20, 45),
          (TimeActivity.TRAVEL, 30, 70), (TimeActivity.PREPARATION, 10, 25))


def add_demo_time(ctx: AppContext, heavy: int | None = None, seed: int = 11) -> dict[str, int]:
    rng = random.Random(seed)
    today = ctx.today()
    rows = []
    for p in PlacementService(ctx).list():
        if p.status != PlacementStatus.ACTIVE or p.start_date > today:
            continue
        day = p.start_date
        week = 0
        while day <= today:
            for activity, lo, hi in WEEKLY:
                minutes = rng.randrange(lo, hi)
                if p.id == heavy and week >= 3:
                    minutes *= 2
                rows.append(dict(placement_id=p.id, on_date=min(day + timedelta(days=2), today),
                                 activity=activity, minutes=minutes, note=""))
            if week % 4 == 2:
                rows.append(dict(placement_id=p.id, on_date=min(day + timedelta(days=3), today),
                                 activity=TimeActivity.OBSERVATION, minutes=90,
                                 note="Direct observation and feedback"))
            if p.id == heavy and week >= 3:
                rows.append(dict(placement_id=p.id, on_date=min(day + timedelta(days=1), today),
                                 activity=TimeActivity.MEETING, minutes=75,
                                 note="Concerns meeting and follow-up"))
            day += timedelta(days=7)
            week += 1
    if rows:
        with ctx.session() as s:
            s.execute(insert(TimeEntry), rows)
    return {"time_entries": len(rows)}
