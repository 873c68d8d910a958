"""Selection: always-include rules, and an HMAC draw anyone can re-derive."""

from __future__ import annotations

import hashlib
import hmac
import uuid

from pe_desktop.domain.qa.dates import day_label, month_year, placement_day
from pe_desktop.domain.qa.sampling import Candidate, decide, draw


def test_draw_is_hmac_sha256_of_the_uid_read_as_a_fraction():
    salt, uid = bytes(range(32)), "3f2b8c1e-0000-4000-8000-000000000001"
    digest = hmac.new(salt, uid.encode(), hashlib.sha256).digest()
    assert draw(salt, uid) == int.from_bytes(digest[:8], "big") / 2**64


def test_rules_always_select_and_give_their_reason():
    salt = b"s" * 32
    cands = [Candidate("a", "final", "fail"), Candidate("b", "final", "pass", borderline=True),
             Candidate("c", "midway", "concerns"), Candidate("d", "midway", "satisfactory")]
    d = decide(cands, salt=salt, rate_percent="0.0001")
    assert [x.selected for x in d] == [True, True, True, False]
    assert d[0].reason == "Always included: every EPR fail"
    assert "borderline" in d[1].reason and "concerns" in d[2].reason
    assert d[3].reason.startswith("Not sampled: its draw")
    # a rule the panel did not ask for does not apply
    assert not decide(cands[:1], salt=salt, rate_percent="0.0001", rules=())[0].selected


def test_about_the_rate_is_sampled_and_the_draw_depends_on_the_salt():
    uids = [str(uuid.UUID(int=i)) for i in range(4000)]
    cands = [Candidate(u, "final", "pass") for u in uids]
    picked = sum(x.selected for x in decide(cands, salt=b"round-1" * 4, rate_percent=10))
    assert 320 <= picked <= 480  # 10% of 4000 within ~5 standard deviations
    a = {x.uid for x in decide(cands, salt=b"round-1" * 4, rate_percent=10) if x.selected}
    b = {x.uid for x in decide(cands, salt=b"round-2" * 4, rate_percent=10) if x.selected}
    assert a != b and len(a & b) < len(a) / 2
    assert all(x.selected for x in decide(cands[:50], salt=b"x" * 32, rate_percent=100))


def test_dates_become_placement_days_or_month_year():
    from datetime import date

    start = date(2026, 1, 5)  # a Monday
    assert placement_day(start, date(2026, 1, 5)) == 1
    assert placement_day(start, date(2026, 1, 12)) == 6  # the next Monday
    assert placement_day(start, date(2026, 1, 11)) == 5  # Sunday: still day 5
    assert day_label(start, date(2026, 1, 1)) == "before the first day"
    assert month_year(date(2026, 3, 9)) == "March 2026"
