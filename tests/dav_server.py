"""A real WebDAV server on 127.0.0.1 for tests: wsgidav + cheroot, basic auth.

``/dav/`` and Nextcloud-style ``/remote.php/dav/files/alice/`` both map to
``root``; ``/remote.php/dav/uploads/alice/`` holds chunked uploads, which
:class:`NextcloudChunks` assembles on ``MOVE …/.file`` as Nextcloud does.
:class:`Faults` injects failures: statuses for the next N requests, a
connection dropped after some bytes of an upload, a byte counter.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

USER, PASSWORD = "alice", "s3cret-pw"
FILES = f"/remote.php/dav/files/{USER}"
UPLOADS = f"/remote.php/dav/uploads/{USER}"


@dataclass
class Rule:
    status: int
    count: int
    methods: set[str] | None = None
    headers: dict[str, str] = field(default_factory=dict)


class _CountingInput:
    def __init__(self, inner: Any, faults: Faults, drop_after: int | None, sock: Any) -> None:
        self.inner = inner
        self.faults = faults
        self.drop_after = drop_after
        self.sock = sock
        self.seen = 0

    def read(self, size: int = -1) -> bytes:
        if self.faults.delay_per_read:
            time.sleep(self.faults.delay_per_read)
        data = self.inner.read(size) if size is not None else self.inner.read()
        self.seen += len(data)
        with self.faults.lock:
            self.faults.received += len(data)
        if self.drop_after is not None and self.seen >= self.drop_after:
            with self.faults.lock:
                self.faults.dropped += 1
            self.sock.shutdown(socket.SHUT_RDWR)
            raise ConnectionAbortedError("test server dropped the connection")
        return data

    def readline(self, *args: Any) -> bytes:
        return self.inner.readline(*args)

    def __iter__(self):
        return iter(self.inner)


class Faults:
    """WSGI middleware answering with injected failures."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.lock = threading.Lock()
        self.rules: list[Rule] = []
        self.drops: list[tuple[int, int]] = []  # (after bytes, how many times)
        self.received = 0  # request-body bytes received in PUTs
        self.dropped = 0
        self.log: list[tuple[str, str, int]] = []
        self.delay_per_read = 0.0

    def fail(self, status: int, count: int = 1, methods: set[str] | None = None,
             **headers: str) -> None:
        with self.lock:
            self.rules.append(Rule(status, count, methods, headers))

    def drop(self, after_bytes: int, count: int = 1) -> None:
        with self.lock:
            self.drops.append((after_bytes, count))

    def clear(self) -> None:
        with self.lock:
            self.rules.clear()
            self.drops.clear()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        method = environ["REQUEST_METHOD"]
        with self.lock:
            rule = next((r for r in self.rules if r.count > 0 and (
                r.methods is None or method in r.methods)), None)
            if rule:
                rule.count -= 1
            drop = None
            if method == "PUT" and self.drops and not rule:
                after, n = self.drops[0]
                drop = after
                self.drops[0] = (after, n - 1)
                if n - 1 <= 0:
                    self.drops.pop(0)
            self.log.append((method, environ.get("PATH_INFO", ""), rule.status if rule else 0))
        if rule:
            body = f"injected {rule.status}\n".encode()
            start_response(f"{rule.status} Injected", [
                ("Content-Type", "text/plain"), ("Content-Length", str(len(body))),
                *rule.headers.items()])
            if method == "PUT":  # the client may still be sending: read it away
                _drain(environ)
            return [body]
        if method == "PUT":
            sock = _socket_of(environ) if drop is not None else None
            environ["wsgi.input"] = _CountingInput(environ["wsgi.input"], self, drop, sock)
        return self.app(environ, start_response)


def _drain(environ: dict[str, Any]) -> None:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    stream = environ["wsgi.input"]
    while length > 0:
        block = stream.read(min(length, 65536))
        if not block:
            break
        length -= len(block)


def _socket_of(environ: dict[str, Any]) -> Any:
    """The client socket behind cheroot's request body reader."""
    reader = environ["wsgi.input"].rfile
    raw = getattr(reader, "raw", reader)
    return getattr(raw, "_sock", None) or raw


class NextcloudChunks:
    """Assemble ``…/uploads/USER/ID/.file`` MOVEs into the destination, like Nextcloud."""

    def __init__(self, app: Any, files_root: Path, uploads_root: Path) -> None:
        self.app = app
        self.files_root = files_root
        self.uploads_root = uploads_root
        self.assembled = 0

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        path = unquote(environ.get("PATH_INFO", ""))
        if environ["REQUEST_METHOD"] == "MOVE" and path.startswith(UPLOADS + "/") \
                and path.endswith("/.file"):
            folder = self.uploads_root / path[len(UPLOADS) + 1:-len("/.file")]
            dest = unquote(urlsplit(environ.get("HTTP_DESTINATION", "")).path)
            if not folder.is_dir() or not dest.startswith(FILES + "/"):
                start_response("404 Not Found", [("Content-Length", "0")])
                return [b""]
            target = self.files_root / dest[len(FILES) + 1:]
            parts = sorted((p for p in folder.iterdir() if p.name.isdigit()),
                           key=lambda p: int(p.name))
            tmp = target.with_name(target.name + ".assembling")
            with open(tmp, "wb") as out:
                for part in parts:
                    out.write(part.read_bytes())
            existed = target.exists()
            tmp.replace(target)
            shutil.rmtree(folder)
            self.assembled += 1
            start_response("204 No Content" if existed else "201 Created",
                           [("Content-Length", "0")])
            return [b""]
        return self.app(environ, start_response)


class DavServer:
    def __init__(self, base: Path, *, nextcloud: bool = True) -> None:
        from cheroot import wsgi
        from wsgidav.wsgidav_app import WsgiDAVApp

        self.root = base / "dav-root"
        self.uploads = base / "dav-uploads"
        self.root.mkdir(parents=True, exist_ok=True)
        self.uploads.mkdir(parents=True, exist_ok=True)
        mapping = {"/dav": str(self.root), FILES: str(self.root)}
        if nextcloud:
            mapping[UPLOADS] = str(self.uploads)
        config = {
            "provider_mapping": mapping,
            "http_authenticator": {"domain_controller": None, "accept_basic": True,
                                   "accept_digest": False, "default_to_digest": False},
            "simple_dc": {"user_mapping": {"*": {USER: {"password": PASSWORD}}}},
            "verbose": 0,
            "logging": {"enable_loggers": []},
            "property_manager": True,
            "lock_storage": True,
            "block_size": 65536,
        }
        dav = WsgiDAVApp(config)
        self.chunks = NextcloudChunks(dav, self.root, self.uploads)
        self.faults = Faults(self.chunks)
        self.server = wsgi.Server(("127.0.0.1", 0), self.faults, numthreads=4)
        self.server.expiration_interval = 0.05  # stop() waits for one interval
        self.server.prepare()
        self.port = self.server.bind_addr[1]
        self.thread = threading.Thread(target=self.server.serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/dav/"

    @property
    def nextcloud_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{FILES}/"

    def stop(self) -> None:
        self.server.stop()
        self.thread.join(timeout=5)

    def files(self) -> list[str]:
        return sorted(str(p.relative_to(self.root)) for p in self.root.rglob("*") if p.is_file())
