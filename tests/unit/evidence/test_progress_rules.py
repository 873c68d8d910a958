"""The nine-domain progress picture's rules (issue 16, progress at a glance)."""

from __future__ import annotations

from datetime import date, timedelta

from pe_desktop.domain.coverage import (
    DomainJudgement,
    EvidenceRef,
    EvidenceSource,
    build_coverage,
)
from pe_desktop.domain.evidence_vocab import EvidenceKind, Judgement
from pe_desktop.domain.frameworks import default_registry
from pe_desktop.domain.progress import (
    Standing,
    build_progress,
    expected_judgement,
    expected_records,
    fraction_done,
)

START, END = date(2026, 9, 1), date(2026, 12, 10)


def _ref(n: int, on: date, kind: EvidenceKind, *keys: str) -> EvidenceRef:
    return EvidenceRef(EvidenceSource.ITEM, n, kind, on, f"item {n}", frozenset(keys))


def _picture(today: date, refs, judgements=()):
    fw = default_registry().default
    cov = build_coverage(fw.domains, refs, judgements)
    return fw, build_progress(cov, refs, judgements, START, END, today,
                              fraction_done(START, END, today))


def test_fraction_takes_the_further_of_calendar_and_days_and_stays_in_range():
    assert fraction_done(START, END, START) == 0
    assert fraction_done(START, END, END + timedelta(days=30)) == 1
    assert fraction_done(START, END, START - timedelta(days=3)) == 0
    assert fraction_done(START, END, START + timedelta(days=10), days_completed=35,
                         required_days=70) == 0.5


def test_expectation_grows_through_the_placement():
    assert [expected_records(f) for f in (0, 0.2, 0.25, 0.5, 0.99, 1)] == [0, 1, 1, 2, 4, 4]
    assert expected_judgement(0.3) is None
    assert expected_judgement(0.5) == Judgement.DEVELOPING
    assert expected_judgement(0.85) == Judgement.MEETS


def test_day_one_is_not_behind_and_midway_gaps_are_named():
    fw, early = _picture(START + timedelta(days=3), [])
    assert {d.standing for d in early.domains} == {Standing.NOT_STARTED}
    k1, k2 = fw.domains[0].key, fw.domains[1].key
    mid = START + timedelta(days=50)
    refs = [_ref(1, START + timedelta(days=5), EvidenceKind.REFLECTIVE_LOG, k1, k2),
            _ref(2, START + timedelta(days=20), EvidenceKind.CASE_WORK, k1),
            _ref(3, START + timedelta(days=30), EvidenceKind.REFLECTIVE_LOG, k2)]
    judgements = [DomainJudgement(k2, Judgement.NOT_YET, START + timedelta(days=40), 7)]
    _, pic = _picture(mid, refs, judgements)
    one, two, three = pic.domains[:3]
    assert one.standing == Standing.ON_TRACK and one.count == 2 and one.expected_now == 2
    assert one.evidence_dates == (START + timedelta(days=5), START + timedelta(days=20))
    assert two.standing == Standing.BEHIND
    assert two.reasons == ("one kind of evidence, 2 expected", "latest Not yet, Developing expected")
    assert three.reasons == ("0 of 2 records expected",)
    assert pic.headline().startswith("50% of the placement done: 1 of 9 domains on track")
    assert "behind: 2, 3, 4" in pic.headline()
    assert "Domain 2" in two.summary() and "latest judgement Not yet" in two.summary()
    assert pic.position(END + timedelta(days=5)) == 1 and pic.midway == START + timedelta(days=50)
