"""Benchmark dataset: supervision, observations, feedback and evidence items.

Bulk inserts (Core ``insert`` with executemany, ids assigned here so the
domain rows can refer to them); the FTS triggers index every row as it goes
in, exactly as they do for the app's own writes. At scale 1 (150 placements):
about 3,000 supervision sessions, 30,000 evidence items with ~60,000 domain
mappings, ~400 observations and ~300 feedback records.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

ITEMS_PER_PLACEMENT = 200
#: A rare word planted in 1% of items, and a common one in most, for the search benchmark.
RARE_WORD = "genogram"
VOCAB = ["assessment", "visit", "family", "carer", "plan", "risk", "review", "team", "duty", "referral", "capacity", "school", "health", "housing", "benefit", "advocacy", "contact", "court", "consent", "autonomy", "wellbeing", "strengths", "placement", "recording", "supervision", "theory", "research", "law", "policy"]


def _text(rng: random.Random, base: str, words: int = 30) -> str:
    extra = " ".join(rng.choice(VOCAB) for _ in range(words))
    return f"{base} {extra}."


def extend(ctx: Any, rng: random.Random, scale: float) -> dict[str, int]:
    from sqlalchemy import func, insert, select

    from pe_desktop.domain.coverage import default_required_observations
    from pe_desktop.domain.evidence_vocab import (
        JUDGEMENT_ORDER,
        EvidenceKind,
        FeedbackSource,
        ObservationStatus,
        ObserverRole,
        SupervisionType,
    )
    from pe_desktop.services.evidence.demo import (
        ACCOUNTS,
        ACTIONS,
        DOMAIN_KEYS,
        FEEDBACK,
        ITEM_TITLES,
        NOTES,
        REFLECTIONS,
        SETTINGS,
        TOPICS,
    )
    from pe_desktop.storage.models import (
        EvidenceDomain,
        EvidenceItem,
        FeedbackDomain,
        Observation,
        ObservationJudgement,
        Placement,
        ServiceFeedback,
        SupervisionAction,
        SupervisionDomain,
        SupervisionSession,
    )

    today = ctx.today()
    rows: dict[Any, list[dict]] = {t: [] for t in (
        SupervisionSession, SupervisionDomain, SupervisionAction, Observation,
        ObservationJudgement, ServiceFeedback, FeedbackDomain, EvidenceItem, EvidenceDomain)}
    with ctx.session() as s:
        next_id = {t: int(s.scalar(select(func.coalesce(func.max(t.id), 0)).select_from(t))) + 1
                   for t in rows}
        placements = s.execute(select(Placement.id, Placement.kind, Placement.start_date,
                                      Placement.planned_end_date)).all()

        def add(table: Any, **values: Any) -> int:
            values["id"] = next_id[table]
            next_id[table] += 1
            rows[table].append(values)
            return values["id"]

        kinds = list(ITEM_TITLES)
        for pid, kind, start, end in placements:
            if start > today:
                continue
            last = min(today, end)
            d = start + timedelta(days=6)
            while d <= last:
                sid = add(SupervisionSession, placement_id=pid, held_on=d, start_time="10:00",
                          duration_minutes=60, kind=SupervisionType.FORMAL_PE,
                          attendees="Student, practice educator",
                          agenda="Wellbeing; actions; case discussion; learning",
                          discussion=_text(rng, f"We discussed {rng.choice(TOPICS)}", 60),
                          reflections=rng.choice(REFLECTIONS), wellbeing="Well.",
                          acknowledged_by="", acknowledged_at=None)
                for k in rng.sample(DOMAIN_KEYS, rng.randint(1, 3)):
                    add(SupervisionDomain, session_id=sid, domain_key=k)
                if rng.random() < 0.5:
                    add(SupervisionAction, session_id=sid, description=rng.choice(ACTIONS),
                        owner="Student", due_date=d + timedelta(days=7),
                        done_on=d + timedelta(days=6) if d + timedelta(days=6) < today else None)
                d += timedelta(days=7)
            n_obs = default_required_observations(kind.value)
            span = (end - start).days
            for i in range(n_obs):
                on = start + timedelta(days=span * (i + 1) // (n_obs + 1))
                done = on < today
                oid = add(Observation, placement_id=pid, observed_on=on,
                          status=ObservationStatus.COMPLETED if done else ObservationStatus.PLANNED,
                          observer_role=ObserverRole.PE if i == 0 else ObserverRole.ONSITE_SUPERVISOR,
                          observer_name="", observer_role_detail="",
                          setting=rng.choice(SETTINGS), consent_obtained=done, consent_notes="",
                          observer_account=rng.choice(ACCOUNTS) if done else "",
                          feedback="", student_reflection=rng.choice(REFLECTIONS))
                if done:
                    for k in rng.sample(DOMAIN_KEYS, 4):
                        add(ObservationJudgement, observation_id=oid, domain_key=k,
                            judgement=JUDGEMENT_ORDER[min(3, i + 1)], comment=rng.choice(NOTES))
                    fid = add(ServiceFeedback, placement_id=pid, observation_id=oid,
                              received_on=on, source=FeedbackSource.SERVICE_USER,
                              how_gathered="Asked after the visit", content=rng.choice(FEEDBACK))
                    add(FeedbackDomain, feedback_id=fid, domain_key=rng.choice(DOMAIN_KEYS))
            n_items = max(1, int(ITEMS_PER_PLACEMENT * rng.uniform(0.8, 1.2)))
            days = max(1, (last - start).days)
            for _ in range(n_items):
                k: EvidenceKind = rng.choice(kinds)
                desc = _text(rng, rng.choice(REFLECTIONS), 40)
                if rng.random() < 0.01:
                    desc += f" Used a {RARE_WORD} with the family."
                iid = add(EvidenceItem, placement_id=pid, kind=k,
                          title=ITEM_TITLES[k].format(topic=rng.choice(TOPICS))[:200],
                          item_date=start + timedelta(days=rng.randrange(days)), description=desc)
                for key in rng.sample(DOMAIN_KEYS, rng.randint(1, 3)):
                    add(EvidenceDomain, item_id=iid, domain_key=key, note=rng.choice(NOTES))
        for table, batch in rows.items():
            for i in range(0, len(batch), 5000):
                s.execute(insert(table), batch[i:i + 5000])
    return {t.__tablename__: len(b) for t, b in rows.items()}
