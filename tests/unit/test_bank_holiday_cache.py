"""England's bank holidays from the on-disk cache: same answers, no `holidays` import."""

from __future__ import annotations

import json
import os
import stat
from datetime import date

import pytest

from pe_desktop.domain import working_days
from pe_desktop.services import bank_holiday_cache
from pe_desktop.services.bank_holiday_cache import FILENAME, BankHolidayCache


@pytest.fixture(autouse=True)
def _library_source_after():
    yield
    working_days.use_source(None)


def _library_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(year: int) -> frozenset[date]:
        raise AssertionError(f"asked the holidays package for {year}")

    monkeypatch.setattr(working_days, "library_bank_holidays", fail)


def test_answers_match_the_package_and_are_read_back_without_it(tmp_path, monkeypatch):
    expected = {y: working_days.library_bank_holidays(y) for y in (2026, 2027)}
    assert date(2026, 12, 28) in expected[2026]  # substitute day for Boxing Day
    first = BankHolidayCache(tmp_path)
    assert {y: first(y) for y in expected} == expected
    path = tmp_path / FILENAME
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    _library_forbidden(monkeypatch)
    again = BankHolidayCache(tmp_path)
    assert {y: again(y) for y in expected} == expected


def test_installed_cache_feeds_the_working_day_rules(tmp_path, monkeypatch):
    bank_holiday_cache.install(tmp_path)
    assert working_days.is_bank_holiday(date(2026, 8, 31))
    assert not working_days.is_bank_holiday(date(2026, 9, 1))
    _library_forbidden(monkeypatch)
    bank_holiday_cache.install(tmp_path)  # a later start reads the file
    assert working_days.is_bank_holiday(date(2026, 5, 25))


@pytest.mark.parametrize("content", ["", "{not json", "[]", '{"format": 1}',
                                     '{"format": 1, "library": "x", "years": {}}'])
def test_damaged_or_foreign_file_is_worked_out_again(tmp_path, content):
    (tmp_path / FILENAME).write_text(content)
    cache = BankHolidayCache(tmp_path)
    assert cache(2026) == working_days.library_bank_holidays(2026)
    assert json.loads((tmp_path / FILENAME).read_text())["years"]["2026"]


def test_damaged_dates_are_worked_out_again(tmp_path):
    BankHolidayCache(tmp_path)(2026)
    data = json.loads((tmp_path / FILENAME).read_text())
    data["years"]["2026"] = ["31/12/2026"]
    (tmp_path / FILENAME).write_text(json.dumps(data))
    assert BankHolidayCache(tmp_path)(2026) == working_days.library_bank_holidays(2026)


def test_a_changed_package_is_asked_again(tmp_path, monkeypatch):
    BankHolidayCache(tmp_path)(2026)
    monkeypatch.setattr(bank_holiday_cache, "library_fingerprint", lambda: "another version")
    calls: list[int] = []
    real = working_days.library_bank_holidays
    monkeypatch.setattr(working_days, "library_bank_holidays",
                        lambda y: calls.append(y) or real(y))
    BankHolidayCache(tmp_path)(2026)
    assert calls == [2026]


def test_an_unwritable_cache_folder_costs_only_speed(tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    cache = BankHolidayCache(blocked)
    assert cache(2026) == working_days.library_bank_holidays(2026)
    assert blocked.read_text() == "x"


def test_without_source_files_the_installed_version_keys_the_cache(tmp_path, monkeypatch):
    """A frozen build keeps modules in an archive: nothing to stat, so the
    distribution's version names the dates (and a new version asks again)."""
    real_stat = os.stat

    def no_files(path, *a, **k):
        if "holidays" in str(path):
            raise FileNotFoundError(path)
        return real_stat(path, *a, **k)

    monkeypatch.setattr(bank_holiday_cache.os, "stat", no_files)
    key = bank_holiday_cache.library_fingerprint()
    assert key is not None and key.startswith("holidays==")
    BankHolidayCache(tmp_path)(2026)
    _library_forbidden(monkeypatch)
    assert BankHolidayCache(tmp_path)(2026) == frozenset(
        date.fromisoformat(d) for d in json.loads((tmp_path / FILENAME).read_text())
        ["years"]["2026"])
