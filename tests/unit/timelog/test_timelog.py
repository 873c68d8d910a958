"""The PE's time: weekly buckets, supervision counted automatically, allocation,
CSV export, check-in attachment, the CLI."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta

import pytest

from pe_desktop.cli.main import main
from pe_desktop.domain.errors import ValidationError
from pe_desktop.domain.timelog import Minutes, TimeActivity, hours, weekly
from pe_desktop.services.placements.service import PlacementService
from pe_desktop.services.timelog.service import TimeInput, TimeLogService


@pytest.fixture
def placement(demo_ctx):
    return next(p for p in PlacementService(demo_ctx).list() if p.status.value == "active"
                and p.days_completed > 20)


def test_weekly_buckets_include_empty_weeks_and_stray_entries():
    mon = date(2026, 11, 2)
    weeks = weekly([Minutes(mon + timedelta(2), TimeActivity.TRAVEL, 30),
                    Minutes(mon + timedelta(3), TimeActivity.TRAVEL, 45),
                    Minutes(mon - timedelta(10), TimeActivity.MEETING, 60)],
                   mon, mon + timedelta(15), 180)
    assert [w.week_of for w in weeks] == [mon - timedelta(14), mon - timedelta(7), mon,
                                          mon + timedelta(7), mon + timedelta(14)]
    assert weeks[2].by_activity == {TimeActivity.TRAVEL: 75} and weeks[1].total == 0
    assert weeks[0].total == 60 and weeks[2].over == 0
    assert hours(75) == "1 h 15" and hours(120) == "2 h" and hours(5) == "5 min"


def test_supervision_counts_automatically_and_logged_time_adds(demo_ctx, placement):
    svc = TimeLogService(demo_ctx)
    before = svc.summary(placement.id)
    sup = before.by_activity.get(TimeActivity.SUPERVISION, 0)
    assert sup > 0  # the demo's sessions
    svc.add(placement.id, TimeInput(date(2026, 11, 20), TimeActivity.REPORT_WRITING, 95,
                                    "midway draft"))
    svc.set_allocation(placement.id, 360)
    after = svc.summary(placement.id)
    assert after.total == before.total + 95 and after.allocation == 360
    assert after.weeks[-1].week_of <= date(2026, 11, 23)  # not past today
    auto = [r for r in svc.entries(placement.id) if r.automatic]
    assert auto and all(r.activity == TimeActivity.SUPERVISION for r in auto)


def test_bad_time_is_refused(demo_ctx, placement):
    svc = TimeLogService(demo_ctx)
    n = len(svc.entries(placement.id))
    for data, field in [
        (TimeInput(date(2026, 11, 24), TimeActivity.TRAVEL, 30), "on"),
        (TimeInput(date(2026, 11, 20), TimeActivity.SUPERVISION, 30), "activity"),
        (TimeInput(date(2026, 11, 20), TimeActivity.TRAVEL, 0), "minutes"),
        (TimeInput(date(2026, 11, 20), TimeActivity.TRAVEL, 24 * 60 + 1), "minutes"),
    ]:
        with pytest.raises(ValidationError) as err:
            svc.add(placement.id, data)
        assert field in err.value.problems
    assert len(svc.entries(placement.id)) == n
    with pytest.raises(ValidationError):
        svc.set_allocation(placement.id, -1)


def test_cli_logs_exports_csv_and_pdf(demo_ctx, placement, data_dir, tmp_path, capsys):
    args = ["--data-dir", str(data_dir), "timelog", "--placement", str(placement.id)]
    assert main([*args, "--add", "2026-11-19", "travel", "50", "--note", "home visit",
                 "--allocation", "4.5"]) == 0
    out = tmp_path / "time.csv"
    assert main([*args, "--out", str(out)]) == 0
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][0] == "Week beginning" and "Travel (hours)" in rows[0]
    assert rows[-1][0] == "Total" and rows[1][rows[0].index("Allocation (hours)")] == "4.50"
    travel = sum(float(r[rows[0].index("Travel (hours)")]) for r in rows[1:-1])
    assert travel == pytest.approx(50 / 60, abs=0.01)
    assert out.stat().st_mode & 0o777 == 0o600
    assert placement.student_name not in out.read_text(encoding="utf-8-sig")
    capsys.readouterr()
    assert main([*args, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["allocation_minutes_per_week"] == 270
    assert main([*args, "--out", str(tmp_path / "time.txt")]) == 1
    assert "csv or .pdf" in capsys.readouterr().err
    assert main([*args, "--add", "yesterday", "travel", "5"]) == 1


def test_summary_attaches_to_a_checkin_and_reaches_the_statement(demo_ctx, placement,
                                                                 data_dir):
    from pe_desktop.services.currency.rows import CheckInInput
    from pe_desktop.services.currency.service import CurrencyService
    from pe_desktop.services.currency.statement import build_statement

    cur = CurrencyService(demo_ctx)
    cur.save_checkin(CheckInInput(date(2026, 11, 20), "A. Manager", True,
                                               placement.id))
    assert main(["--data-dir", str(data_dir), "timelog", "--placement", str(placement.id),
                 "--attach-checkin", "latest"]) == 0
    assert main(["--data-dir", str(data_dir), "timelog", "--placement", str(placement.id),
                 "--attach-checkin", "9999"]) == 1
    st = build_statement(demo_ctx)
    section = next(s for s in st.sections if s.title.startswith("Time on placements"))
    row = section.tables[0][1].rows[0]
    assert row[0] == "20/11/2026" and row[1] != placement.student_name
