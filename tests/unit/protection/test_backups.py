"""Backups: rotation policy, backup now, list with counts, restore, check, daily."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from evidence_helpers import make_placement
from protection_helpers import add_item_with_file
from sqlalchemy import func, select, text

from pe_desktop.services.backup import automatic
from pe_desktop.services.backup.check import run_check
from pe_desktop.services.backup.service import BackupService
from pe_desktop.services.backup.settings import BackupSettings, load_settings, save_settings
from pe_desktop.storage import crypto
from pe_desktop.storage.backup_rotation import KeepPolicy, to_keep
from pe_desktop.storage.models import AuditEvent, Student


def _count(ctx, model) -> int:
    with ctx.read_session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_rotation_keeps_7_daily_4_weekly_12_monthly():
    start = datetime(2024, 1, 1, 9, tzinfo=UTC)
    items = [(start + timedelta(days=i), i) for i in range(730)]  # two years, one a day
    kept = to_keep(items, KeepPolicy(), lambda d: d.date())
    newest = 729
    assert set(range(newest - 6, newest + 1)) <= kept  # 7 dailies
    assert len(kept) <= 7 + 4 + 12 and len(kept) >= 12
    months = {(start + timedelta(days=i)).strftime("%Y-%m") for i in kept}
    assert len(months) == 12  # one per month for a year
    assert to_keep(items, KeepPolicy(1, 0, 0), lambda d: d.date()) == {newest}
    assert to_keep([], KeepPolicy(), lambda d: d.date()) == set()


def test_backup_list_restore_round_trip(ctx, tmp_path):
    make_placement(ctx, name="Before Backup")
    svc = BackupService(ctx)
    made = svc.backup_now()
    assert made.path.stat().st_mode & 0o777 == 0o600
    assert not crypto.is_plain_sqlite(made.path)
    make_placement(ctx, name="After Backup")
    assert _count(ctx, Student) == 2
    [info] = [b for b in svc.list() if b.path == made.path]
    assert info.counts["students"] == 1 and info.counts["placements"] == 1 and not info.problem
    svc.restore(made.path)
    assert _count(ctx, Student) == 1
    labels = [b.label for b in svc.list()]
    assert "before-restore" in labels  # the replaced data was kept
    with ctx.read_session() as s:
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    assert last.action == "restore"
    assert run_check(ctx).ok


def test_restore_refuses_a_foreign_or_damaged_file(ctx, tmp_path):
    import pytest

    from pe_desktop.domain.errors import PEDesktopError

    junk = tmp_path / "pe-desktop-20260101-000000-000000-x.sqlite"
    junk.write_bytes(b"\0" * 8192)
    before = ctx.paths.database.read_bytes()
    with pytest.raises(PEDesktopError, match="cannot be restored"):
        BackupService(ctx).restore(junk)
    assert ctx.paths.database.read_bytes() == before


def test_second_location_and_daily_once_a_day(ctx, tmp_path):
    second = tmp_path / "usb"
    save_settings(ctx.paths, BackupSettings(second_location=str(second)))
    made = automatic.daily_if_due(ctx)
    assert made is not None and made.second_copy is not None and made.second_copy.exists()
    assert automatic.daily_if_due(ctx) is None  # once per day
    assert load_settings(ctx.paths).last_daily == ctx.today().isoformat()
    # the second location gone: the main backup still happens, the problem is reported
    second.rename(tmp_path / "unplugged")
    (tmp_path / "usb").write_text("not a folder")
    again = BackupService(ctx).backup_now()
    assert again.path.exists() and again.second_problem


def test_rotation_never_removes_todays_backups(ctx):
    old = ctx.paths.backups
    old.mkdir(exist_ok=True)
    for day in range(1, 40):
        name = (datetime(2026, 9, 1, tzinfo=UTC) + timedelta(days=day)).strftime(
            "pe-desktop-%Y%m%d-120000-000000-daily.sqlite")
        (old / name).write_bytes(b"x")
    for _ in range(3):
        BackupService(ctx).backup_now()
    names = [p.name for p in old.iterdir()]
    stamp = ctx.now().astimezone(UTC).strftime("%Y%m%d")  # backup names are stamped in UTC
    assert sum(stamp in n for n in names) == 3
    assert len(names) <= 3 + 7 + 4 + 12


def test_check_finds_altered_attachment_and_stale_search_index(ctx, tmp_path):
    from pe_desktop.storage.fts import rebuild

    _pid, sha = add_item_with_file(ctx, tmp_path)
    assert run_check(ctx).ok
    path = ctx.attachments().path_for(sha)
    good = path.read_bytes()
    path.write_bytes(good[:-1] + bytes([good[-1] ^ 1]))
    result = run_check(ctx)
    assert not result.ok and "attachment 'reflective-log.txt' is altered" in result.problems[0]
    path.write_bytes(good)
    with ctx.session() as s:
        s.execute(text("INSERT INTO search_index(search_index) VALUES ('delete-all')"))
    result = run_check(ctx)
    assert not result.ok and "search index out of step" in result.problems[0]
    with ctx.session() as s:  # one record's text changed behind the index's back
        rebuild(s.connection())
        trigger = s.execute(text("SELECT sql FROM sqlite_master "
                                 "WHERE name = 'evidence_items_fts_au'")).scalar()
        s.execute(text("DROP TRIGGER evidence_items_fts_au"))
        s.execute(text("UPDATE evidence_items SET description = 'quite other words'"))
    result = run_check(ctx)  # the missing trigger is named first...
    assert result.problems == ["database schema damaged: trigger evidence_items_fts_au is missing"]
    with ctx.session() as s:  # ...and once it is back, the stale entry it let through
        s.execute(text(trigger))
    result = run_check(ctx)
    assert not result.ok and "search index out of step: 1 record" in result.problems[0]


def test_backup_on_a_full_disk_changes_nothing(ctx, monkeypatch):
    import pytest

    def full(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(automatic, "backup_database", full)
    with pytest.raises(automatic.BackupError, match="No space left on device"):
        BackupService(ctx).backup_now()
    assert run_check(ctx).ok
