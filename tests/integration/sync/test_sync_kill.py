"""kill -9 during a push loses nothing: the next push completes it (short version of
``scripts/push-soak``, which does this 100 times at random instants)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from dav_server import PASSWORD, USER
from sync_helpers import make_bundle

from pe_desktop.sync.files import sha256_file
from pe_desktop.sync.outbox import Outbox

SOAK = Path(__file__).resolve().parents[3] / "scripts" / "push-soak"


def test_push_killed_half_way_is_completed_by_the_next(dav, make_dav_target, tmp_path):
    outbox = tmp_path / "outbox"
    with Outbox(outbox) as box:
        item = box.enqueue("bundles/round.age", make_bundle(tmp_path, size=6_000_000), {})
    dav.faults.delay_per_read = 0.02  # ~1.5 s for the whole upload
    env = {**os.environ, "SOAK_USER": USER, "SOAK_PASSWORD": PASSWORD}
    proc = subprocess.Popen([sys.executable, str(SOAK), "--worker", str(outbox), dav.url],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while dav.faults.received < 1_500_000 and time.monotonic() < deadline \
            and proc.poll() is None:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert 1_500_000 <= dav.faults.received < 6_000_000  # killed mid-upload
    assert not (dav.root / item.name).exists()  # nothing partial under the final name
    with Outbox(outbox) as box:
        assert box.item(item.sha256).state == "sending"
        dav.faults.delay_per_read = 0
        report = box.push([make_dav_target()])
        assert report.ok and box.item(item.sha256).state == "sent"
    assert dav.files() == [item.name]  # exactly one file, no temporary left
    assert sha256_file(dav.root / item.name) == sha256_file(item.path)
