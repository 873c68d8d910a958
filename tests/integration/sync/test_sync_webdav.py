"""WebDAV targets against a real wsgidav server: verify, retry, fail clearly, never partial."""

from __future__ import annotations

import socket

import pytest
from dav_server import PASSWORD, USER, DavServer
from sync_helpers import make_bundle

from pe_desktop.sync.files import sha256_file
from pe_desktop.sync.outbox import Outbox
from pe_desktop.sync.targets import RetryPolicy, TargetError, WebDavTarget


def _puts(dav, name=None):
    return [p for m, p, _ in dav.faults.log if m == "PUT" and (name is None or name in p)]


def test_put_verify_rename_and_the_rest(dav, make_dav_target, tmp_path):
    src = make_bundle(tmp_path, size=300_000)
    t = make_dav_target()
    assert "writable (0 files)" in t.check()
    assert t.put("x.age", src) == "sent"
    assert dav.files() == ["x.age"]
    assert sha256_file(dav.root / "x.age") == sha256_file(src)
    methods = [m for m, p, _ in dav.faults.log if ".x.age.part" in p]
    assert methods[:2] == ["PUT", "PROPFIND"] and "GET" in methods and "MOVE" in methods
    n = len(_puts(dav))
    assert t.put("x.age", src) == "already there" and len(_puts(dav)) == n
    assert t.put("round/y.age", src) == "sent"
    assert t.list() == ["x.age"] and t.list("round/") == ["round/y.age"]
    assert t.exists("round/y.age") and not t.exists("nope.age")
    back = t.get("round/y.age", tmp_path / "back.age")
    assert sha256_file(back) == sha256_file(src)
    t.delete("x.age")
    assert dav.files() == ["round/y.age"]


def test_wrong_password_is_one_line_and_not_retried(dav, make_dav_target, tmp_path):
    t = make_dav_target(password="wrong")
    with pytest.raises(TargetError) as err:
        t.put("x.age", make_bundle(tmp_path))
    assert "refused the user name or password (401)" in str(err.value)
    assert err.value.kind == "auth" and t.retry.delays == [] and dav.files() == []


@pytest.mark.parametrize("status,text,kind", [
    (403, "may not write to .* \\(403 Forbidden\\)", "forbidden"),
    (507, "the panel's storage on the server is full \\(507", "storage-full"),
])
def test_refusals_on_upload(dav, make_dav_target, tmp_path, status, text, kind):
    dav.faults.fail(status, 1, {"PUT"})
    with pytest.raises(TargetError, match=text) as err:
        make_dav_target().put("x.age", make_bundle(tmp_path))
    assert err.value.kind == kind and dav.files() == []


def test_missing_folder(dav, make_dav_target, tmp_path):
    with pytest.raises(TargetError, match="the folder .* does not exist on the server"):
        make_dav_target(url=dav.url + "missing/").put("x.age", make_bundle(tmp_path))


def test_server_errors_are_retried_with_backoff(dav, make_dav_target, tmp_path):
    src = make_bundle(tmp_path)
    dav.faults.fail(503, 2, {"PUT"})
    dav.faults.fail(500, 1, {"MOVE"})
    t = make_dav_target()
    assert t.put("x.age", src) == "sent"
    assert t.retry.delays == [0.5, 1.0, 0.5]  # two PUT retries, then one MOVE retry
    assert sha256_file(dav.root / "x.age") == sha256_file(src)


def test_retry_after_is_honoured_up_to_the_cap(dav, make_dav_target, tmp_path):
    dav.faults.fail(429, 1, {"PUT"}, **{"Retry-After": "120"})
    t = make_dav_target()
    t.put("x.age", make_bundle(tmp_path))
    assert t.retry.delays == [30.0]


def test_a_server_that_keeps_failing_gives_up_cleanly(dav, make_dav_target, tmp_path):
    dav.faults.fail(500, 100, {"PUT"})
    t = make_dav_target()
    with pytest.raises(TargetError, match=r"\(HTTP 500\) \(gave up after 4 attempts\)"):
        t.put("x.age", make_bundle(tmp_path))
    assert t.retry.delays == [0.5, 1.0, 2.0] and dav.files() == []


def test_a_dropped_upload_is_retried_and_nothing_partial_appears(dav, make_dav_target,
                                                                 tmp_path):
    src = make_bundle(tmp_path, size=2_000_000)
    dav.faults.drop(after_bytes=700_000, count=2)
    t = make_dav_target()
    assert t.put("x.age", src) == "sent"
    assert dav.faults.dropped == 2 and len(t.retry.delays) == 2
    assert dav.files() == ["x.age"]
    assert sha256_file(dav.root / "x.age") == sha256_file(src)


def test_dropped_every_time_leaves_no_final_file(dav, make_dav_target, tmp_path):
    src = make_bundle(tmp_path, size=1_000_000)
    dav.faults.drop(after_bytes=200_000, count=10)
    t = make_dav_target()
    with pytest.raises(TargetError, match="connection .* was dropped|gave up"):
        t.put("x.age", src)
    assert not (dav.root / "x.age").exists() and t.list() == []
    dav.faults.clear()
    assert t.put("x.age", src) == "sent" and dav.files() == ["x.age"]


def test_connection_refused(tmp_path, no_sleep):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    t = WebDavTarget("panel", f"http://127.0.0.1:{port}/dav/", USER, PASSWORD, retry=no_sleep)
    with pytest.raises(TargetError, match="cannot connect to 127.0.0.1:.*connection refused"):
        t.put("x.age", make_bundle(tmp_path))
    assert len(no_sleep.delays) == 3


def test_tls_failure_is_named(dav, tmp_path, no_sleep):
    t = WebDavTarget("panel", f"https://127.0.0.1:{dav.port}/dav/", USER, PASSWORD,
                     retry=no_sleep)
    with pytest.raises(TargetError, match=r"the secure connection to .* failed \(TLS"):
        t.list()
    assert no_sleep.delays == []


def test_a_corrupted_upload_is_caught_before_the_rename(dav, make_dav_target, tmp_path,
                                                      monkeypatch):
    src = make_bundle(tmp_path)
    t = make_dav_target()
    monkeypatch.setattr(t, "remote_sha256", lambda name, cancel=None: "0" * 64)
    with pytest.raises(TargetError, match="did not match"):
        t.put("x.age", src)
    assert dav.files() == []  # the bad temp copy was removed, nothing under the final name


def test_nextcloud_chunked_upload_resumes_after_a_failure(dav, tmp_path):
    src = make_bundle(tmp_path, size=1_050_000)
    one_try = RetryPolicy(attempts=1, sleep=lambda s: None)
    t = WebDavTarget("nc", dav.nextcloud_url, USER, PASSWORD, chunk_size=100_000, retry=one_try)
    # Let parts 1-4 through, then fail the 5th: the first push stops half-way.
    sent = []
    real = t.request

    def request(method, url, doing, ok=(200, 201, 204), **kw):
        if method == "PUT" and url.rstrip("/").rsplit("/", 1)[-1] == "5" and not sent:
            sent.append(url)
            raise TargetError("nc: dropped", kind="connection", retryable=True)
        return real(method, url, doing, ok, **kw)

    t.request = request
    with pytest.raises(TargetError):
        t.put("big.age", src)
    parts_first = len([p for p in _puts(dav) if "/uploads/" in p])
    assert parts_first == 4 and dav.files() == []
    assert t.put("big.age", src) == "sent"
    parts_second = len([p for p in _puts(dav) if "/uploads/" in p]) - parts_first
    assert parts_second == 7  # parts 5..11 only: 1-4 were found on the server
    assert dav.chunks.assembled == 1 and dav.files() == ["big.age"]
    assert sha256_file(dav.root / "big.age") == sha256_file(src)
    t.close()


def test_chunking_falls_back_to_put_where_not_offered(tmp_path, no_sleep):
    server = DavServer(tmp_path, nextcloud=False)
    try:
        src = make_bundle(tmp_path, size=500_000)
        t = WebDavTarget("nc", server.nextcloud_url, USER, PASSWORD, chunk_size=100_000,
                         retry=no_sleep)
        assert t.put("big.age", src) == "sent"
        assert sha256_file(server.root / "big.age") == sha256_file(src)
        assert server.chunks.assembled == 0
        t.close()
    finally:
        server.stop()


def test_outbox_push_to_webdav_with_progress(dav, make_dav_target, tmp_path):
    box = Outbox(tmp_path / "outbox")
    item = box.enqueue("bundles/r1.age", make_bundle(tmp_path, size=500_000), {})
    seen = []
    report = box.push([make_dav_target()], progress=lambda d, t, m: seen.append(d))
    assert report.ok and dav.files() == [item.name]
    assert seen[0] == 0 and seen[-1] == item.size
    box.close()
