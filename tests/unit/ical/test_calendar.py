"""Calendar export (issue 16): what is in it, stable UIDs, the CLI."""

from __future__ import annotations

import os
import subprocess
import sys

from icalendar import Calendar

from pe_desktop.services.calendar import calendar_events, write_calendar
from pe_desktop.services.placements.service import PlacementService


def _read(path):
    return Calendar.from_ical(path.read_bytes())


def test_events_cover_meetings_reports_sessions_and_actions(demo_ctx, tmp_path):
    events = calendar_events(demo_ctx)
    kinds = {e.category for e in events}
    assert {"Review meeting", "Report deadline", "Supervision"} <= kinds
    assert len({e.uid for e in events}) == len(events)  # unique
    out = tmp_path / "all.ics"
    n = write_calendar(demo_ctx, out)
    cal = _read(out)
    vevents = cal.walk("VEVENT")
    assert len(vevents) == n == len(events)
    assert oct(out.stat().st_mode & 0o777) == "0o600"  # it names students
    assert all(str(v["UID"]).endswith("@pe-desktop.invalid") for v in vevents)


def test_uids_are_stable_across_exports_and_a_json_round_trip(demo_ctx, ctx_factory, tmp_path):
    from pe_desktop.services.interchange.document import export_json, import_json

    first = {e.uid: e.summary for e in calendar_events(demo_ctx)}
    assert {e.uid: e.summary for e in calendar_events(demo_ctx)} == first
    export_json(demo_ctx, tmp_path / "d.json")
    other = ctx_factory()
    import_json(other, tmp_path / "d.json")
    assert {e.uid: e.summary for e in calendar_events(other)} == first


def test_one_placement_only(demo_ctx):
    p = next(r for r in PlacementService(demo_ctx).list() if r.status == "active")
    events = calendar_events(demo_ctx, p.id)
    first = p.student_name.split()[0]
    assert events and all(first in e.summary for e in events)


def test_cli_writes_the_calendar(demo_ctx, tmp_path):
    out = tmp_path / "cli.ics"
    p = PlacementService(demo_ctx).list()[-1]
    result = subprocess.run(
        [sys.executable, "-m", "pe_desktop.cli.main", "--data-dir", str(demo_ctx.paths.root),
         "calendar", "--placement", str(p.id), "--out", str(out)],
        capture_output=True, text=True, env=dict(os.environ), timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Wrote ")
    assert len(_read(out).walk("VEVENT")) == len(calendar_events(demo_ctx, p.id))
    bad = subprocess.run(
        [sys.executable, "-m", "pe_desktop.cli.main", "--data-dir", str(demo_ctx.paths.root),
         "calendar", "--placement", "99999", "--out", str(out)],
        capture_output=True, text=True, timeout=60)
    assert bad.returncode != 0 and len(bad.stderr.strip().splitlines()) == 1
