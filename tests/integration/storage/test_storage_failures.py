"""Damaged, locked, rewound and full storage; demo --force under kill -9: one
clear line, the data as it was (issue 11)."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from keys import connect as db_connect

from pe_desktop.cli.main import main

OLD_NAME = "Old Profile Keepme"


def _digest(db: Path) -> str:
    """The logical content of every table (not the file bytes, which WAL moves)."""
    con = db_connect(db)
    try:
        h = hashlib.sha256()
        for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                   "AND name NOT LIKE 'search_index%' ORDER BY name"):
            h.update(name.encode())
            for row in con.execute(f'SELECT * FROM "{name}" ORDER BY 1'):
                h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        con.close()


def _file_sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture
def old_data(ctx):
    """A data folder with a small dataset that is not the demo's."""
    from pe_desktop.services.placements.students import StudentInput, StudentService
    from pe_desktop.services.profile import ProfileData, ProfileService

    ProfileService(ctx).save(ProfileData(OLD_NAME, "SW111111", "Keep Council"))
    StudentService(ctx).create(StudentInput("Łukasz Nowak", "University of Northfield", "NF9",
                                            email="lukasz.private@example.ac.uk"))
    ctx.close()
    return ctx.paths.root


def _one_error_line(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    return err[0]


def test_demo_force_failing_midway_leaves_old_data_and_a_backup(old_data, monkeypatch, capsys):
    import pe_desktop.services.reports.demo as reports_demo

    db = old_data / "pe-desktop.sqlite"
    before = _digest(db)

    def explode(ctx):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(reports_demo, "add_demo_reports", explode)
    assert main(["--data-dir", str(old_data), "demo", "--force"]) == 1
    assert "disk holding your PE Desktop data is full" in _one_error_line(capsys)
    assert _digest(db) == before
    backups = list((old_data / "backups").glob("*before-demo*.sqlite"))
    assert len(backups) == 1 and backups[0].stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("delay", [0.9, 1.8])
def test_demo_force_killed_leaves_old_or_whole_new_data(old_data, delay):
    db = old_data / "pe-desktop.sqlite"
    before = _digest(db)
    proc = subprocess.Popen([sys.executable, "-m", "pe_desktop", "--data-dir", str(old_data),
                             "demo", "--force"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    time.sleep(delay)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    con = db_connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        name = con.execute("SELECT full_name FROM profile").fetchone()[0]
        placements = con.execute("SELECT count(*) FROM placements").fetchone()[0]
    finally:
        con.close()
    if name == OLD_NAME:
        assert _digest(db) == before
    else:  # the new demo, complete
        assert placements == 12


def test_locked_database_names_the_other_program(old_data, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("PE_DESKTOP_BUSY_TIMEOUT_MS", "200")
    db = old_data / "pe-desktop.sqlite"
    before = _digest(db)
    holder = db_connect(db)
    holder.isolation_level = None
    holder.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        assert main(["--data-dir", str(old_data), "demo", "--force"]) == 1
        line = _one_error_line(capsys)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "another copy of PE Desktop" in line and "backup" in line
    assert _digest(db) == before


def test_damaged_page_is_reported_as_damage(old_data, capsys):
    db = old_data / "pe-desktop.sqlite"
    con = db_connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = int(con.execute("PRAGMA page_size").fetchone()[0])
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name='students'").fetchone()[0]
    con.close()
    data = bytearray(db.read_bytes())
    start = (root - 1) * page
    data[start:start + page] = b"\xff" * page  # scribble over the students table's page
    db.write_bytes(bytes(data))
    before = _file_sha(db)
    out = old_data.parent / "out.json"
    assert main(["--data-dir", str(old_data), "export", "--json", str(out)]) == 1
    line = _one_error_line(capsys)
    assert "damaged" in line and "backups" in line
    assert not out.exists()
    assert _file_sha(db) == before


def test_lost_schema_version_is_refused_without_touching_the_file(old_data, capsys):
    db = old_data / "pe-desktop.sqlite"
    con = db_connect(db)
    con.execute("DELETE FROM alembic_version")
    con.commit()
    con.close()
    before = _file_sha(db)
    assert main(["--data-dir", str(old_data), "placements"]) == 1
    assert "lost its schema version record" in _one_error_line(capsys)
    assert _file_sha(db) == before and not (old_data / "backups").exists()


def test_schema_stamped_back_is_refused_before_any_upgrade(old_data, capsys):
    db = old_data / "pe-desktop.sqlite"
    con = db_connect(db)
    con.execute("UPDATE alembic_version SET version_num = "
                "(SELECT version_num FROM alembic_version)")  # keep the row, then rewind:
    first = "0001_foundation"
    con.execute("UPDATE alembic_version SET version_num = ?", (first,))
    con.commit()
    con.close()
    before = _digest(db)
    assert main(["--data-dir", str(old_data), "placements"]) == 1
    line = _one_error_line(capsys)
    assert "already holds tables a later version adds" in line or "newer version" in line
    assert _digest(db) == before


def test_unexpected_error_prints_no_record_contents_and_logs_scrubbed(old_data, monkeypatch,
                                                                    capsys):
    import pe_desktop.services.interchange.document as document

    def leak(ctx, path):
        raise ValueError("Łukasz Nowak lukasz.private@example.ac.uk (SQL parameters)")

    monkeypatch.setattr(document, "export_json", leak)
    assert main(["--data-dir", str(old_data), "export", "--json", str(old_data / "x.json")]) == 1
    line = _one_error_line(capsys)
    assert "ValueError" in line and "Łukasz" not in line and "example.ac.uk" not in line
    log = old_data / "logs" / "errors.log"
    assert log.stat().st_mode & 0o777 == 0o600
    text = log.read_text(encoding="utf-8")
    assert "ValueError" in text and "leak" in text
    assert "Łukasz" not in text and "example.ac.uk" not in text


def _mount_tmpfs(path: Path, size_kb: int) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    path.mkdir()
    ok = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(path)],
                        capture_output=True).returncode == 0
    return ok


@pytest.fixture
def tiny_disk(tmp_path):
    mnt = tmp_path / "tiny"
    db_kb = 1100  # the small dataset plus WAL room, not the demo on top
    if not _mount_tmpfs(mnt, db_kb):
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    yield mnt
    subprocess.run(["umount", str(mnt)], capture_output=True)


def test_full_disk_is_reported_as_full_not_as_damage(old_data, tiny_disk, capsys):
    data = tiny_disk / "data"
    shutil.copytree(old_data, data)
    db = data / "pe-desktop.sqlite"
    before = _digest(db)
    # Fill the rest of the disk.
    with open(tiny_disk / "filler", "wb") as fh, pytest.raises(OSError):
        while True:
            fh.write(b"\0" * 65536)
            fh.flush()
    for args in (["demo", "--force"], ["import", "--json", str(old_data / "none.json")]):
        code = main(["--data-dir", str(data), *args])
        line = _one_error_line(capsys)
        assert code == 1
        if args[0] == "demo":
            assert "disk holding your PE Desktop data is full" in line, line
        assert "damaged" not in line and "not a readable" not in line, line
    (tiny_disk / "filler").unlink()
    assert _digest(db) == before
