"""The outbox: content-addressed, idempotent, durable state, per-target delivery."""

from __future__ import annotations

import stat
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sync_helpers import make_bundle

from pe_desktop.sync.files import sha256_file
from pe_desktop.sync.outbox import Outbox, OutboxBusy, delivery_name
from pe_desktop.sync.targets import FolderTarget, Target, TargetError

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.fixture
def box(tmp_path):
    b = Outbox(tmp_path / "outbox", now=lambda: NOW)
    yield b
    b.close()


def _folder(tmp_path: Path, name: str = "usb") -> FolderTarget:
    root = tmp_path / name
    root.mkdir(exist_ok=True)
    return FolderTarget(name, root)


def test_enqueue_is_content_addressed_private_and_idempotent(box, tmp_path):
    src = make_bundle(tmp_path)
    sha, size = sha256_file(src)
    item = box.enqueue("bundles/round 7.zip.age", src, {"round": "R7"})
    assert item.name == f"bundles/round-7-{sha}.zip.age"
    assert (item.sha256, item.size, item.state, item.attempts) == (sha, size, "queued", 0)
    assert item.meta == {"round": "R7"} and item.enqueued_at == "2026-11-23T12:00:00+00:00"
    assert stat.S_IMODE(item.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(box.root.stat().st_mode) == 0o700
    again = box.enqueue("other-name.age", src, {"x": 1})
    assert again == item and len(box.items()) == 1
    src.write_bytes(b"different")
    assert len({i.sha256 for i in [item, box.enqueue("b.age", src, {})]}) == 2


def test_enqueue_of_a_missing_file_adds_nothing(box, tmp_path):
    with pytest.raises(FileNotFoundError):
        box.enqueue("x.age", tmp_path / "nope", {})
    assert box.items() == [] and list(box.files.iterdir()) == []


@pytest.mark.parametrize("given,expected", [
    ("a.age", "a-{s}.age"), ("../../etc/p w.d", "etc/p-w-{s}.d"), ("x", "x-{s}"),
    ("dir/sub/b.tar.gz", "dir/sub/b-{s}.tar.gz"), ("ü!.age", "file-{s}.age"),
])
def test_delivery_names(given, expected):
    assert delivery_name(given, "ab" * 32) == expected.format(s="ab" * 32)


def test_push_delivers_records_and_skips_what_was_sent(box, tmp_path):
    a, b = _folder(tmp_path, "a"), _folder(tmp_path, "b")
    item = box.enqueue("x.age", make_bundle(tmp_path), {})
    seen = []
    report = box.push([a, b], progress=lambda d, t, m: seen.append((d, t, m)))
    assert report.ok and [d.outcome for d in report.deliveries] == ["sent", "sent"]
    assert seen[-1][0] == seen[-1][1] == 2 * item.size and "x-" in seen[0][2]
    after = box.item(item.sha256)
    assert after.state == "sent" and after.sent_to == ("a", "b") and after.attempts == 2
    assert after.sent_at == ("2026-11-23T12:00:00+00:00",) * 2
    assert (a.root / item.name).is_file() and (b.root / item.name).is_file()
    again = box.push([a, b])
    assert again.deliveries == [] and again.already_sent == 2 and again.ok


def test_meta_targets_restricts_where_an_item_goes(box, tmp_path):
    a, b = _folder(tmp_path, "a"), _folder(tmp_path, "b")
    box.enqueue("x.age", make_bundle(tmp_path), {"targets": ["b"]})
    report = box.push([a, b])
    assert [(d.target, d.outcome) for d in report.deliveries] == [("b", "sent")]
    assert a.list() == []


class Flaky(Target):
    """A target failing the way a server does, until told otherwise."""

    kind = "test"

    def __init__(self, name, inner, error=None):
        super().__init__(name)
        self.inner, self.error, self.calls = inner, error, 0

    def describe(self):
        return "flaky"

    def put(self, name, path, progress=None, cancel=None):
        self.calls += 1
        if self.error:
            raise self.error
        return self.inner.put(name, path, progress, cancel)

    def list(self, prefix=""):
        return self.inner.list(prefix)

    def get(self, name, dest):
        return self.inner.get(name, dest)

    def exists(self, name):
        return self.inner.exists(name)

    def delete(self, name):
        self.inner.delete(name)

    def check(self):
        return "ok"


def test_failure_is_recorded_and_the_next_push_completes(box, tmp_path):
    t = Flaky("panel", _folder(tmp_path), TargetError("panel: the server is down", kind="server"))
    x = box.enqueue("x.age", make_bundle(tmp_path, seed=1), {})
    box.enqueue("y.age", make_bundle(tmp_path, name="y", seed=2), {})
    report = box.push([t])
    assert not report.ok and len(report.failures) == 2 and t.calls == 2
    assert report.failures[0].error == "panel: the server is down"
    failed = box.item(x.sha256)
    assert (failed.state, failed.attempts, failed.last_error) == \
        ("failed", 1, "panel: the server is down")
    t.error = None
    report = box.push([t])
    assert report.ok and {i.state for i in box.items()} == {"sent"}
    assert box.item(x.sha256).last_error == "" and box.item(x.sha256).attempts == 2


def test_a_target_wide_failure_stops_trying_that_target(box, tmp_path):
    t = Flaky("panel", _folder(tmp_path), TargetError("panel: wrong password", kind="auth"))
    for seed in range(3):
        box.enqueue(f"{seed}.age", make_bundle(tmp_path, name=str(seed), seed=seed), {})
    report = box.push([t])
    assert t.calls == 1 and len(report.failures) == 3
    assert [d.error for d in report.failures] == ["panel: wrong password"] + \
        ["not tried: panel: wrong password"] * 2
    assert [i.state for i in box.items()] == ["failed"] * 3


def test_interrupted_state_and_leftovers_are_recovered(tmp_path):
    box = Outbox(tmp_path / "outbox", now=lambda: NOW)
    item = box.enqueue("x.age", make_bundle(tmp_path), {})
    box.journal.set_state(item.sha256, "sending", "t", attempt=True)  # killed mid-push
    (box.files / ".tmp-deadbeef").write_bytes(b"half a copy")
    (box.files / ("f" * 64)).write_bytes(b"an enqueue killed before its journal row")
    box.close()
    box = Outbox(tmp_path / "outbox", now=lambda: NOW)
    assert sorted(p.name for p in box.files.iterdir()) == [item.sha256]
    assert box.item(item.sha256).state == "sending"
    assert box.push([_folder(tmp_path)]).ok
    assert box.item(item.sha256).state == "sent"
    box.close()


def test_a_missing_file_is_reported_not_fatal(box, tmp_path):
    item = box.enqueue("x.age", make_bundle(tmp_path), {})
    item.path.unlink()
    report = box.push([_folder(tmp_path)])
    assert "missing from the outbox" in report.failures[0].error


def test_one_push_at_a_time(box, tmp_path):
    src = make_bundle(tmp_path)
    box.enqueue("x.age", src, {})
    entered, release = threading.Event(), threading.Event()

    class Slow(Flaky):
        def put(self, name, path, progress=None, cancel=None):
            entered.set()
            release.wait(10)
            return "sent"

    worker = threading.Thread(target=box.push, args=([Slow("a", None)],))
    worker.start()
    assert entered.wait(10)
    other = Outbox(box.root, now=lambda: NOW)
    with pytest.raises(OutboxBusy, match="Another push"):
        other.push([_folder(tmp_path)])
    other.close()
    release.set()
    worker.join(10)


def test_cancel_puts_the_item_back_in_the_queue(box, tmp_path):
    item = box.enqueue("x.age", make_bundle(tmp_path, size=3_000_000), {})
    target = _folder(tmp_path)
    calls = []
    report = box.push([target], progress=lambda d, t, m: calls.append(d),
                      cancel=lambda: len(calls) > 1)
    assert report.cancelled and not report.ok
    assert box.item(item.sha256).state == "queued" and target.list() == []
    assert box.push([target]).ok and target.list() == [item.name]


def test_killed_after_recording_the_delivery_is_settled_as_sent(box, tmp_path):
    item = box.enqueue("x.age", make_bundle(tmp_path), {})
    box.journal.set_state(item.sha256, "sending", "t", attempt=True)
    box.journal.delivered(item.sha256, "usb", "folder", "t")  # then SIGKILL
    report = box.push([_folder(tmp_path)])
    assert report.deliveries == [] and report.already_sent == 1
    assert box.item(item.sha256).state == "sent"
