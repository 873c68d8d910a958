"""``pe-desktop qa target …``, ``qa push`` and ``qa outbox`` as a script would use them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from dav_server import PASSWORD, USER
from sync_helpers import make_bundle

from pe_desktop.sync.outbox import Outbox


def run(data_dir, *args, password=PASSWORD):
    env = {**os.environ, "PE_DESKTOP_WEBDAV_PASSWORD": password}
    return subprocess.run([sys.executable, "-m", "pe_desktop", "--data-dir", str(data_dir),
                           *args], capture_output=True, text=True, env=env, timeout=120)


def test_targets_push_and_outbox(dav, data_dir, tmp_path):
    share = tmp_path / "onedrive"
    share.mkdir()
    r = run(data_dir, "qa", "target", "add", "usb", "--folder", str(share))
    assert r.returncode == 0 and "writable" in r.stdout, r.stderr
    r = run(data_dir, "qa", "target", "add", "panel", "--webdav", dav.url, "--user", USER)
    assert r.returncode == 0, r.stderr
    assert "PE_DESKTOP_WEBDAV_PASSWORD (not stored)" in r.stdout and "Connected to" in r.stdout
    r = run(data_dir, "qa", "target", "list", "--json")
    assert [(t["name"], t["kind"]) for t in json.loads(r.stdout)] == \
        [("usb", "folder"), ("panel", "webdav")]
    assert PASSWORD.encode() not in (data_dir / "pe-desktop.sqlite").read_bytes()

    with Outbox(data_dir / "outbox") as box:
        item = box.enqueue("bundles/r1.age", make_bundle(tmp_path, size=400_000), {})
    r = run(data_dir, "qa", "push")
    assert r.returncode == 0, r.stderr
    assert f"sent: {item.name} → panel" in r.stdout and f"sent: {item.name} → usb" in r.stdout
    assert "100%" in r.stdout and "Push: 2 delivered, 0 failed" in r.stdout
    assert dav.files() == [item.name] and (share / item.name).is_file()
    r = run(data_dir, "qa", "outbox", "--json")
    [shown] = json.loads(r.stdout)
    assert shown["state"] == "sent" and sorted(s["target"] for s in shown["sent_to"]) == \
        ["panel", "usb"]

    with Outbox(data_dir / "outbox") as box:
        box.enqueue("bundles/r2.age", make_bundle(tmp_path, size=1000, seed=2), {})
    r = run(data_dir, "qa", "push", "--target", "panel", password="wrong")
    assert r.returncode == 1
    errors = r.stderr.strip().splitlines()
    assert len(errors) == 1 and "refused the user name or password (401)" in errors[0]
    r = run(data_dir, "qa", "outbox")
    assert "failed" in r.stdout and "401" in r.stdout
    r = run(data_dir, "qa", "target", "remove", "gone")
    assert r.returncode == 1 and "No target named 'gone' (targets: usb, panel)" in r.stderr
