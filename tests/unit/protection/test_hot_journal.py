"""A write cut off by a crash leaves a hot rollback journal: opening the data
(the key check is read-only) rolls it back instead of calling the folder read-only."""

from __future__ import annotations

import shutil

from pe_desktop.storage import crypto

KEY = bytes(range(32))


def _crashed_mid_write(tmp_path):
    live, crashed = tmp_path / "live.sqlite", tmp_path / "crashed.sqlite"
    con = crypto.dbapi().connect(str(live), isolation_level=None)
    con.execute(crypto.key_pragma(KEY))
    con.execute("PRAGMA journal_mode = DELETE")
    con.execute("CREATE TABLE t (x)")
    con.execute("INSERT INTO t VALUES (randomblob(100000))")
    con.execute("PRAGMA cache_size = 1")  # spill the uncommitted pages into the file
    con.execute("BEGIN")
    con.execute("INSERT INTO t SELECT randomblob(100000) FROM t")
    con.execute("INSERT INTO t SELECT randomblob(100000) FROM t")
    # the files as a kill -9 would leave them: database plus hot journal
    shutil.copy(live, crashed)
    shutil.copy(live.with_name(live.name + "-journal"),
                crashed.with_name(crashed.name + "-journal"))
    con.execute("ROLLBACK")
    con.close()
    return crashed


def test_key_check_rolls_a_hot_journal_back(tmp_path):
    crashed = _crashed_mid_write(tmp_path)
    assert crypto.opens_with(crashed, KEY)
    assert not crashed.with_name(crashed.name + "-journal").exists()
    con = crypto.connect(crashed, KEY, readonly=True)
    try:
        assert con.execute("SELECT count(*) FROM t").fetchone()[0] == 1  # the committed row
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()


def test_a_wrong_key_still_reads_as_locked_with_a_hot_journal(tmp_path):
    crashed = _crashed_mid_write(tmp_path)
    assert not crypto.opens_with(crashed, bytes(32))
