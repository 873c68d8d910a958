"""One clock: local dates, UTC instants, and nothing else reading the wall clock."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pe_desktop.clock import FixedClock, default_clock, local_date

ROOT = Path(__file__).resolve().parents[2]
WALL_CLOCK = re.compile(
    r"datetime\.now\(|datetime\.utcnow\(|date\.today\(|\butcnow\(|QDate\.currentDate\("
    r"|QDateTime\.current|time\.time\(\)|time\.localtime\(|time\.gmtime\("
)


def _sources() -> list[Path]:
    files = []
    for folder in ("pe_desktop", "benchmarks", "tests", "migrations"):
        files += (ROOT / folder).rglob("*.py")
    return [f for f in files if f.name != "clock.py" and f != Path(__file__).resolve()]


def test_nothing_but_the_clock_module_reads_the_wall_clock():
    offenders = [
        f"{f.relative_to(ROOT)}:{n}: {line.strip()}"
        for f in _sources()
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)
        if WALL_CLOCK.search(line)
    ]
    assert offenders == []


def test_the_pattern_catches_what_it_should():
    for bad in ("x = datetime.now(UTC)", "date.today()", "QDate.currentDate()", "utcnow()"):
        assert WALL_CLOCK.search(bad), bad


@pytest.mark.parametrize("zone", ["Pacific/Auckland", "America/Los_Angeles", "Pacific/Kiritimati",
                                  "Europe/London", "UTC"])
def test_fixed_clock_today_is_the_local_date_in_any_zone(zone):
    tz = ZoneInfo(zone)
    clock = FixedClock(date(2026, 11, 5), time(23, 30), tz=tz)
    instant = clock.now()
    assert instant.tzinfo is UTC
    assert clock.today() == date(2026, 11, 5)
    assert local_date(instant, tz) == date(2026, 11, 5)


def test_fixed_clock_moves_forward_and_across_midnight():
    clock = FixedClock(date(2027, 2, 28), time(23, 59, 30), tz=ZoneInfo("Europe/London"))
    a, b = clock.now(), clock.now()
    assert b > a
    clock.advance(timedelta(seconds=40))
    assert clock.today() == date(2027, 3, 1)
    clock.set(date(2028, 2, 29))
    assert clock.today() == date(2028, 2, 29)


def test_local_date_refuses_naive_datetimes():
    with pytest.raises(ValueError):
        local_date(datetime(2026, 1, 1))


def test_environment_fixes_the_default_clock(monkeypatch):
    monkeypatch.setenv("PE_DESKTOP_CLOCK", "2031-06-01T09:00")
    assert default_clock().today() == date(2031, 6, 1)
    monkeypatch.setenv("PE_DESKTOP_CLOCK", "next tuesday")
    with pytest.raises(ValueError, match="PE_DESKTOP_CLOCK"):
        default_clock()
