"""Coverage, gap, observation and supervision-frequency rules (pure domain)."""

from datetime import date

import pytest

from pe_desktop.domain.coverage import (
    DomainJudgement,
    EvidenceRef,
    EvidenceSource,
    GapKind,
    ObservationProgress,
    build_coverage,
    default_required_observations,
    observation_shortfall_severity,
)
from pe_desktop.domain.evidence_vocab import JUDGEMENT_ORDER, EvidenceKind, Judgement
from pe_desktop.domain.frameworks import default_registry
from pe_desktop.domain.supervision_rules import expected_sessions, next_due, supervision_status

PCF = default_registry().default
D = date(2026, 10, 1)


def ref(rid, kind, *keys, on=D, source=EvidenceSource.ITEM):
    return EvidenceRef(source, rid, kind, on, f"item {rid}", frozenset(keys))


def test_every_domain_without_evidence_is_a_gap():
    cov = build_coverage(PCF.domains, [])
    assert [c.number for c in cov] == list(range(1, 10))
    assert all(c.gaps == (GapKind.NO_EVIDENCE,) and c.total == 0 for c in cov)


def test_one_kind_of_evidence_is_a_single_source_gap_two_kinds_are_not():
    refs = [
        ref(1, EvidenceKind.SUPERVISION, "knowledge", source=EvidenceSource.SUPERVISION),
        ref(2, EvidenceKind.SUPERVISION, "knowledge", source=EvidenceSource.SUPERVISION),
        ref(3, EvidenceKind.REFLECTIVE_LOG, "values_ethics"),
        ref(4, EvidenceKind.CASE_WORK, "values_ethics", "professionalism"),
    ]
    cov = {c.key: c for c in build_coverage(PCF.domains, refs)}
    assert cov["knowledge"].gaps == (GapKind.SINGLE_SOURCE,)
    assert cov["knowledge"].counts == {EvidenceKind.SUPERVISION: 2}
    assert cov["values_ethics"].gaps == ()
    assert cov["values_ethics"].kinds == (EvidenceKind.REFLECTIVE_LOG, EvidenceKind.CASE_WORK)
    assert cov["professionalism"].gaps == (GapKind.SINGLE_SOURCE,)
    assert cov["diversity_equality"].gaps == (GapKind.NO_EVIDENCE,)


def test_unknown_domain_keys_are_ignored():
    cov = build_coverage(PCF.domains, [ref(1, EvidenceKind.OTHER, "not_a_domain")])
    assert sum(c.total for c in cov) == 0


def test_latest_judgement_is_from_the_most_recent_observation():
    js = [
        DomainJudgement("knowledge", Judgement.DEVELOPING, date(2026, 9, 1), 1),
        DomainJudgement("knowledge", Judgement.MEETS, date(2026, 10, 1), 2),
        DomainJudgement("knowledge", Judgement.NOT_YET, date(2026, 8, 1), 3),
        DomainJudgement("skills_interventions", Judgement.DEVELOPING, date(2026, 10, 1), 4),
        DomainJudgement("skills_interventions", Judgement.EXCEEDS, date(2026, 10, 1), 5),
    ]
    cov = {c.key: c for c in build_coverage(PCF.domains, [], js)}
    assert cov["knowledge"].latest_judgement.judgement == Judgement.MEETS
    assert cov["skills_interventions"].latest_judgement.observation_id == 5  # same day: later record
    assert cov["values_ethics"].latest_judgement is None


def test_judgement_scale_is_ordered_lowest_first():
    assert JUDGEMENT_ORDER[0] == Judgement.NOT_YET and JUDGEMENT_ORDER[-1] == Judgement.EXCEEDS
    assert len(set(JUDGEMENT_ORDER)) == len(Judgement)


@pytest.mark.parametrize("kind,n", [("first", 2), ("final", 3), ("other", 2)])
def test_default_observations_by_placement_kind(kind, n):
    assert default_required_observations(kind) == n


def test_observation_progress_needs_one_by_the_pe():
    p = ObservationProgress(required=3, pe_required=1, completed=3, completed_by_pe=0)
    assert p.shortfall == 0 and p.pe_shortfall == 1 and not p.met
    assert p.problems() == ["at least one observation must be by the Practice Educator"]
    ok = ObservationProgress(3, 1, 3, 1)
    assert ok.met and ok.problems() == []
    short = ObservationProgress(3, 1, 1, 1, planned=1)
    assert short.problems() == ["1 of 3 required direct observations completed (1 planned)"]


def test_shortfall_severity_by_progress_through_placement():
    short = ObservationProgress(2, 1, 0, 0)
    assert observation_shortfall_severity(short, 0.3) is None
    assert observation_shortfall_severity(short, 0.5) == "due"
    assert observation_shortfall_severity(short, 0.85) == "overdue"
    assert observation_shortfall_severity(ObservationProgress(2, 1, 2, 1), 0.95) is None


def test_expected_sessions_one_per_full_interval_until_the_end():
    start, end = date(2026, 9, 7), date(2026, 12, 18)
    assert expected_sessions(start, end, date(2026, 9, 6), 7) == 0
    assert expected_sessions(start, end, date(2026, 9, 12), 7) == 0
    assert expected_sessions(start, end, date(2026, 9, 13), 7) == 1
    assert expected_sessions(start, end, date(2026, 10, 4), 14) == 2
    assert expected_sessions(start, end, date(2027, 6, 1), 7) == expected_sessions(start, end, end, 7)
    with pytest.raises(ValueError):
        expected_sessions(start, end, end, 0)


def test_supervision_overdue_counts_from_last_session_or_start():
    start, end = date(2026, 9, 7), date(2026, 12, 18)
    st = supervision_status(start, end, date(2026, 9, 20), 7, [])
    assert st.overdue_days == 6 and st.next_due == date(2026, 9, 14) and st.held == 0
    st = supervision_status(start, end, date(2026, 9, 20), 7, [date(2026, 9, 15)])
    assert not st.overdue and st.next_due == date(2026, 9, 22)
    assert "1 held of 2 expected (weekly)" in st.summary()
    # a suspended or finished placement is never overdue
    assert not supervision_status(start, end, date(2026, 11, 1), 7, [], running=False).overdue
    # future-dated sessions are not counted as held
    assert supervision_status(start, end, date(2026, 9, 10), 7, [date(2026, 9, 30)]).held == 0
    assert next_due(start, None, 14) == date(2026, 9, 21)
