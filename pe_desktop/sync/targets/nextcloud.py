"""Nextcloud chunked upload (v2) for large files.

Protocol: ``MKCOL …/remote.php/dav/uploads/USER/ID`` (header ``Destination``:
the final URL), ``PUT …/ID/N`` for chunks N = 1, 2, … (same header), then
``MOVE …/ID/.file`` with ``Destination``; the server assembles the chunks.
The transfer ID is derived from the file's SHA-256 and the chunk size, so a
push killed half-way finds its chunks on the server and sends only the rest.
Offered when the target URL is a Nextcloud files URL
(``…/remote.php/dav/files/USER/…``) and the MKCOL succeeds; any other
answer falls back to a plain PUT.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from pe_desktop.sync.targets.base import (
    AUTH,
    FULL,
    ByteProgress,
    CancelCheck,
    TargetError,
    check_cancel,
)

if TYPE_CHECKING:
    from pe_desktop.sync.targets.webdav import WebDavTarget

FILES_URL = re.compile(r"^(?P<root>.*/remote\.php/dav)/files/(?P<user>[^/]+)/")


def uploads_url(files_url: str) -> str | None:
    """The chunk-upload collection matching a Nextcloud files URL, else None."""
    m = FILES_URL.match(files_url)
    return f"{m['root']}/uploads/{m['user']}/" if m else None


def _existing_chunks(target: WebDavTarget, folder: str) -> dict[str, int]:
    from webdav4.client import Client

    listing = Client(folder, auth=target.client.http.auth, http_client=target.client.http,
                     retry=False)
    entries = target.retry.run(lambda: target.call(lambda: listing.ls("", detail=True),
                                                   "listing uploaded chunks"), "listing chunks")
    return {str(e["name"]).strip("/"): int(e.get("content_length") or 0)
            for e in entries if e.get("type") != "directory"}


def chunked_upload(target: WebDavTarget, dest: str, path: Path, sha: str, size: int,
                   progress: ByteProgress | None, cancel: CancelCheck | None) -> bool:
    """Upload ``path`` to ``dest`` in chunks; False when the server does not offer it."""
    base = uploads_url(target.url)
    if base is None:
        return False
    folder = f"{base}pe-desktop-{sha[:32]}-{target.chunk_size}/"
    dest_url = target.url_for(dest)
    headers = {"Destination": dest_url, "OC-Total-Length": str(size)}
    try:
        resp = target.retry.run(lambda: target.request(
            "MKCOL", folder, "starting a chunked upload", ok=(201, 405), headers=headers),
            "starting a chunked upload", cancel)
    except TargetError as exc:
        if exc.kind in (AUTH, FULL):
            raise
        return False  # not offered here (404/403/501…): plain PUT instead
    have = _existing_chunks(target, folder) if resp.status_code == 405 else {}
    done = 0
    with open(path, "rb") as fh:
        for number, offset in enumerate(range(0, size, target.chunk_size), start=1):
            length = min(target.chunk_size, size - offset)
            if have.get(str(number)) == length:
                done += length
                if progress:
                    progress(done, size)
                continue
            check_cancel(cancel)
            fh.seek(offset)
            block = fh.read(length)
            target.retry.run(lambda n=number, b=block: target.request(
                "PUT", f"{folder}{n}", f"uploading part {n}", content=b,
                headers={**headers, "Content-Length": str(len(b))}),
                f"uploading part {number}", cancel)
            done += length
            if progress:
                progress(done, size)

    def assemble() -> None:
        r = target.request("MOVE", f"{folder}.file", "assembling the chunked upload",
                           ok=(201, 204, 404), headers={**headers, "Overwrite": "T"})
        if r.status_code == 404 and target.remote_size(dest) != size:
            raise TargetError(f"{target.name}: the server lost the uploaded parts; they will be "
                              "sent again on the next push", kind="server")

    target.retry.run(assemble, "assembling the chunked upload", cancel)
    return True
