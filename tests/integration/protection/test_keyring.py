"""The data key in a real Secret Service keyring (gnome-keyring on a private D-Bus session)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from pe_desktop.paths import DataPaths
    from pe_desktop.services.context import open_context
    from pe_desktop.services.protection.unlock import quick_native_store
    import subprocess
    paths = DataPaths(Path(sys.argv[1]))
    if len(sys.argv) > 2:                   # a later start: one read, keyring not imported
        quick = quick_native_store(paths)
        print("quick", type(quick.backend).__name__, "keyring" in sys.modules)
        raise SystemExit(0)
    ctx = open_context(paths.root)          # first start: a new key, kept in the keyring
    print("store", ctx.store.kind, ctx.keys_created, flush=True)
    ctx.close()
    subprocess.run([sys.executable, "-c", "CODE = " + repr(CODE) + "\\n" + CODE, sys.argv[1],
                    "quick"], check=True)
    again = open_context(paths.root)
    print("reopened", again.keys_created, again.keys.current == ctx.keys.current)
    again.close()
""")


@pytest.mark.skipif(not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")),
                    reason="needs dbus-run-session and gnome-keyring-daemon")
def test_key_in_the_secret_service_and_the_quick_start_path(tmp_path):
    runner = tmp_path / "run.sh"
    runner.write_text('#!/bin/sh\neval $(printf pw | gnome-keyring-daemon --unlock '
                      '--components=secrets 2>/dev/null)\nexec "$@"\n')
    runner.chmod(0o700)
    env = {k: v for k, v in os.environ.items() if k != "PE_DESKTOP_DATA_KEY"}
    env.update(HOME=str(tmp_path / "home"), PYTHONPATH=str(Path(__file__).parents[3]))
    (tmp_path / "home").mkdir()
    code = "CODE = " + repr(SCRIPT) + "\n" + SCRIPT
    proc = subprocess.run(["dbus-run-session", "--", str(runner), sys.executable, "-c", code,
                           str(tmp_path / "data")], capture_output=True, text=True, env=env,
                          timeout=120)
    if "store native" not in proc.stdout:
        pytest.skip(f"no working Secret Service here: {proc.stderr.strip()[-200:]}")
    assert "store native True" in proc.stdout
    assert "quick _SecretServiceReader False" in proc.stdout
    assert "reopened False True" in proc.stdout
    # the key itself is in the keyring only, never in the data folder
    info = (tmp_path / "data" / "keys" / "data-key.json").read_text()
    assert '"id"' in info and len(info) < 300
