"""A WebDAV folder as a target (Nextcloud, ownCloud, any RFC 4918 server).

Built on ``webdav4`` (httpx). Each ``put``: PUT (or Nextcloud chunked upload)
to ``.NAME.part``, verify size and SHA-256 (the server's ``X-Hash-SHA256``
answer where it gives one, else by reading the file back), MOVE to ``NAME``,
check the final size. Every request is retried by the target's
:class:`RetryPolicy` when the failure is transient (dropped connection, 5xx,
429); the others become one clear line.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from pe_desktop.sync.files import CHUNK, sha256_file
from pe_desktop.sync.targets.base import (
    NOT_FOUND,
    SERVER,
    VERIFY,
    ByteProgress,
    CancelCheck,
    RetryPolicy,
    Target,
    TargetError,
    TransferCancelled,
    check_cancel,
    check_name,
    is_temp_name,
    temp_name,
)
from pe_desktop.sync.targets.dav_errors import network_error, status_error

#: Files larger than this use Nextcloud chunked upload where offered.
DEFAULT_CHUNK_SIZE = 10 * 1024 * 1024


class WebDavTarget(Target):
    kind = "webdav"

    def __init__(
        self,
        name: str,
        url: str,
        user: str | None = None,
        password: str | None = None,
        *,
        retry: RetryPolicy | None = None,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        chunking: bool = True,
        timeout: float = 60.0,
        verify_tls: bool | str = True,
    ) -> None:
        super().__init__(name)
        self.url = url if url.endswith("/") else url + "/"
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise TargetError(f"{name}: not a WebDAV address: {url!r} (expected "
                              "https://host/path/)", kind=NOT_FOUND)
        self.host = parts.netloc.rpartition("@")[2]
        self.user = user
        self._password = password
        self.retry = retry or RetryPolicy()
        self.chunk_size = chunk_size
        self.chunking = chunking
        self.timeout = timeout
        self.verify_tls = verify_tls
        self._client: Any = None

    def describe(self) -> str:
        return f"WebDAV {self.url}" + (f" as {self.user}" if self.user else "")

    # -- plumbing ------------------------------------------------------------------
    @property
    def client(self) -> Any:
        if self._client is None:
            import httpx
            from webdav4.client import Client

            auth = (self.user, self._password or "") if self.user else None
            self._client = Client(self.url, auth=auth, retry=False, verify=self.verify_tls,
                                  timeout=httpx.Timeout(self.timeout, connect=15.0))
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.http.close()
            self._client = None

    def url_for(self, name: str) -> str:
        return self.url + quote(name)

    def call(self, fn: Callable[[], Any], doing: str, where: str = "") -> Any:
        """Run one webdav4/httpx call, mapping its failures to :class:`TargetError`."""
        import httpx
        from webdav4.client import (
            BadGatewayError,
            ClientError,
            HTTPError,
            InsufficientStorage,
            ResourceNotFound,
        )

        where = where or self.url
        try:
            return fn()
        except (TargetError, TransferCancelled):
            raise
        except ResourceNotFound as exc:
            raise status_error(self.name, 404, doing, where) from exc
        except InsufficientStorage as exc:
            raise status_error(self.name, 507, doing, where) from exc
        except BadGatewayError as exc:
            raise status_error(self.name, 502, doing, where) from exc
        except HTTPError as exc:
            raise status_error(self.name, exc.status_code, doing, where,
                               exc.response.headers.get("retry-after")) from exc
        except httpx.HTTPError as exc:
            raise network_error(self.name, exc, doing, self.host) from exc
        except ClientError as exc:
            raise TargetError(f"{self.name}: {doing}: {exc}", kind=SERVER) from exc

    def request(self, method: str, url: str, doing: str, ok: tuple[int, ...] = (200, 201, 204),
                **kwargs: Any) -> Any:
        """One raw HTTP request (absolute URL); a status outside ``ok`` raises."""
        def send() -> Any:
            return self.client.http.request(method, url, **kwargs)

        resp = self.call(send, doing)
        if resp.status_code not in ok:
            raise status_error(self.name, resp.status_code, doing, self.url,
                               resp.headers.get("retry-after"))
        return resp

    def _retry(self, fn: Callable[[], Any], doing: str, cancel: CancelCheck | None = None) -> Any:
        return self.retry.run(fn, doing, cancel)

    # -- reading -------------------------------------------------------------------
    def remote_size(self, name: str) -> int | None:
        """Size of a file on the server, None when it does not exist."""
        def size() -> int | None:
            from webdav4.client import ResourceNotFound

            try:
                info = self.client.info(name)
            except ResourceNotFound:
                return None
            if info.get("type") == "directory":
                return None
            return info.get("content_length")

        return self._retry(lambda: self.call(size, f"checking {name}"), f"checking {name}")

    def remote_sha256(self, name: str, cancel: CancelCheck | None = None) -> str:
        """Read ``name`` back and hash it."""
        def read() -> str:
            digest = hashlib.sha256()
            with self.client.http.stream("GET", self.url_for(name)) as resp:
                if resp.status_code != 200:
                    raise status_error(self.name, resp.status_code, f"reading back {name}",
                                       self.url)
                for block in resp.iter_bytes(CHUNK):
                    digest.update(block)
                    check_cancel(cancel)
            return digest.hexdigest()

        return self._retry(lambda: self.call(read, f"reading back {name}"),
                           f"reading back {name}", cancel)

    def list(self, prefix: str = "") -> list[str]:
        head = prefix.rpartition("/")[0]

        def ls() -> list[Any]:
            return self.client.ls(head or "", detail=True)

        entries = self._retry(lambda: self.call(ls, "listing the folder"), "listing")
        names = []
        for entry in entries:
            rel = str(entry.get("name", "")).strip("/")
            if entry.get("type") == "directory" or not rel or is_temp_name(rel):
                continue
            if rel.startswith(prefix):
                names.append(rel)
        return sorted(names)

    def exists(self, name: str) -> bool:
        return self.remote_size(check_name(name)) is not None

    def get(self, name: str, dest: Path) -> Path:
        check_name(name)
        dest = Path(dest)
        tmp = dest.with_name(f".{dest.name}.part")

        def fetch() -> None:
            fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as fh, self.client.http.stream("GET", self.url_for(name)) \
                    as resp:
                if resp.status_code != 200:
                    raise status_error(self.name, resp.status_code, f"downloading {name}",
                                       self.url)
                for block in resp.iter_bytes(CHUNK):
                    fh.write(block)
                fh.flush()
                os.fsync(fh.fileno())

        try:
            self._retry(lambda: self.call(fetch, f"downloading {name}"), f"downloading {name}")
            os.replace(tmp, dest)
        finally:
            tmp.unlink(missing_ok=True)
        return dest

    def delete(self, name: str) -> None:
        check_name(name)
        self._retry(lambda: self.request("DELETE", self.url_for(name), f"deleting {name}",
                                         ok=(200, 204, 404)), f"deleting {name}")

    # -- writing -------------------------------------------------------------------
    def put(self, name: str, path: Path, progress: ByteProgress | None = None,
            cancel: CancelCheck | None = None) -> str:
        check_name(name)
        sha, size = sha256_file(path)
        if self.remote_size(name) == size and self.remote_sha256(name, cancel) == sha:
            return "already there"
        self._make_parents(name)
        tmp = temp_name(name)
        server_sha = None
        uploaded = False
        if self.chunking and size > self.chunk_size:
            from pe_desktop.sync.targets.nextcloud import chunked_upload

            uploaded = chunked_upload(self, tmp, path, sha, size, progress, cancel)
        if not uploaded:
            server_sha = self._retry(lambda: self._put_once(tmp, name, path, size, progress,
                                                            cancel),
                                     f"uploading {name}", cancel)
        self._verify(tmp, name, sha, size, server_sha, cancel)
        self._retry(lambda: self._move(tmp, name, size), f"renaming {name}", cancel)
        if self.remote_size(name) != size:
            raise TargetError(f"{self.name}: {name} has the wrong size on the server after "
                              "renaming", kind=VERIFY)
        return "sent"

    def _make_parents(self, name: str) -> None:
        parts = name.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            folder = "/".join(parts[:i])
            self._retry(lambda f=folder: self.request(
                "MKCOL", self.url_for(f) + "/", f"creating folder {f}", ok=(201, 405)),
                f"creating folder {folder}")

    def _put_once(self, tmp: str, name: str, path: Path, size: int,
                  progress: ByteProgress | None, cancel: CancelCheck | None) -> str | None:
        def body() -> Iterator[bytes]:
            done = 0
            with open(path, "rb") as fh:
                while block := fh.read(CHUNK):
                    check_cancel(cancel)
                    yield block
                    done += len(block)
                    if progress:
                        progress(done, size)

        resp = self.request("PUT", self.url_for(tmp), f"uploading {name}",
                            content=body(), headers={"Content-Length": str(size),
                                                     "X-Hash": "sha256",
                                                     "Content-Type": "application/octet-stream"})
        return resp.headers.get("x-hash-sha256")

    def _verify(self, tmp: str, name: str, sha: str, size: int, server_sha: str | None,
                cancel: CancelCheck | None) -> None:
        got_size = self.remote_size(tmp)
        got_sha = server_sha.lower() if server_sha and got_size == size else None
        if got_size == size and got_sha is None:
            got_sha = self.remote_sha256(tmp, cancel)
        if got_size != size or got_sha != sha:
            self.delete(tmp)
            raise TargetError(f"{self.name}: the uploaded copy of {name} did not match "
                              f"(size {got_size} of {size}, hash differs); it was removed and "
                              "will be sent again on the next push", kind=VERIFY)

    def _move(self, tmp: str, name: str, size: int) -> None:
        doing = f"renaming the upload to {name}"
        resp = self.request("MOVE", self.url_for(tmp), doing, ok=(201, 204, 404),
                            headers={"Destination": self.url_for(name), "Overwrite": "T"})
        # 404: the temp file is gone — a MOVE whose answer was lost already did it.
        if resp.status_code == 404 and self.remote_size(name) != size:
            raise status_error(self.name, 404, doing, self.url)

    def check(self) -> str:
        files = self.list()
        probe = ".pe-desktop-probe.part"
        self._retry(lambda: self.request("PUT", self.url_for(probe), "writing a test file",
                                         content=b"probe"), "writing a test file")
        self.delete(probe)
        who = f" as {self.user}" if self.user else ""
        return f"Connected to {self.host}{who}: the folder is writable ({len(files)} files)."
