"""Benchmark data for peer QA: signed reports over the years.

Completed placements (the latest ``60 × scale``) get a signed midway report and
EPR, dated at their midway and end, with a fail, a borderline pass and a midway
raising concerns every few placements; text names the student, the on-site
supervisor and a service user so the anonymiser has work to do. Listed in
``benchmarks.generate.EXTENDERS``.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, time
from typing import Any

from benchmarks.gen_reports import _text

SIGNED_PLACEMENTS = 60


def extend(ctx: Any, rng: random.Random, scale: float) -> dict[str, int]:
    from sqlalchemy import update

    from pe_desktop.domain.enums import PlacementStatus
    from pe_desktop.domain.reports import Recommendation, ReportKind, VersionStatus
    from pe_desktop.domain.schedule import calendar_date_of_day
    from pe_desktop.services.placements.service import PlacementService
    from pe_desktop.services.reports.service import ReportContent, ReportService
    from pe_desktop.storage.models import ReportVersion

    svc = ReportService(ctx)
    done = [p for p in PlacementService(ctx).list(include_archived=True)
            if p.status == PlacementStatus.COMPLETED]
    done = sorted(done, key=lambda p: p.start_date)[-max(1, int(SIGNED_PLACEMENTS * scale)):]
    signed = 0
    for i, p in enumerate(done):
        first = p.student_name.split()[0]
        oss = (p.oss_name or "the supervisor").split()[0]
        for kind in (ReportKind.MIDWAY, ReportKind.FINAL):
            view = svc.open(p.id, kind)
            if view.version.status == VersionStatus.SIGNED:
                continue
            rec = (Recommendation.CONCERNS if i % 9 == 4 else Recommendation.SATISFACTORY) \
                if kind == ReportKind.MIDWAY else (
                Recommendation.FAIL if i % 11 == 3 else Recommendation.PASS)
            story = (f"{first} visited Mrs Adebayo and her son Tyler at home; {oss} observed "
                     f"and fed back that {first} explained the plan clearly. ")
            svc.save(view.version.id, ReportContent(
                narratives={d.key: story + _text(rng, 5, first) for d in view.domains},
                summary=_text(rng, 6, first), recommendation=rec,
                borderline=kind == ReportKind.FINAL and i % 7 == 2,
                action_plan=_text(rng, 2, first) if kind == ReportKind.MIDWAY else "",
                student_comments="I agree with this report.",
                oss_comments=f"{oss}: " + _text(rng, 1)))
            svc.sign(view.version.id, override=True, override_reason="Benchmark data")
            day = p.required_days // 2 if kind == ReportKind.MIDWAY else p.required_days
            on = calendar_date_of_day(p.start_date, max(1, day))
            at = datetime.combine(on, time(16), tzinfo=UTC)
            with ctx.session() as s:
                s.execute(update(ReportVersion).where(ReportVersion.id == view.version.id)
                          .values(signed_at=at))
            signed += 1
    return {"signed_reports": signed}
