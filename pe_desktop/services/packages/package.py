"""Signed and encrypted packages: ``age(zip(manifest.json, manifest.json.p7s, signer.pem, files))``.

Layout of the zip (``pe-desktop/package`` version 1)::

    manifest.json        UTF-8 JSON; its "files" list gives every other file's
                         path, size and SHA-256
    manifest.json.p7s    detached CMS signature (DER) over manifest.json's bytes
    signer.pem           the signing certificate (also inside the .p7s)
    <files>              as listed in the manifest

Opening checks, in order, each with its own rejection reason: age decryption
with the recipient's identity, a readable zip, safe member names, manifest and
signature present, the signature (and, when pinned, the signer), then every
listed file present with its size and hash, and nothing unlisted.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

from pe_desktop.services.packages.cms import SignatureInfo, sign_detached, verify_detached
from pe_desktop.services.packages.errors import PackageRejected
from pe_desktop.services.packages.keys import SigningKey, age_decrypt, age_encrypt

FORMAT = "pe-desktop/package"
VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.p7s"
SIGNER = "signer.pem"
RESERVED = (MANIFEST, SIGNATURE, SIGNER)
MAX_UNPACKED = 512 * 1024 * 1024  # refuse zip bombs
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed: the same content gives the same zip


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class BuiltPackage:
    data: bytes  # the age-encrypted zip
    sha256: str  # of ``data``
    zip_bytes: bytes
    manifest: dict[str, Any]
    manifest_bytes: bytes


@dataclass(frozen=True)
class OpenedPackage:
    manifest: dict[str, Any]
    manifest_bytes: bytes
    files: dict[str, bytes]
    signer: SignatureInfo


def _safe(name: str) -> bool:
    parts = name.split("/")
    return bool(name) and not name.startswith("/") and "\\" not in name and \
        all(p not in ("", ".", "..") for p in parts) and ":" not in parts[0]


def build_package(manifest: dict[str, Any], files: dict[str, bytes], signer: SigningKey,
                  recipients: list[str]) -> BuiltPackage:
    """Sign ``manifest`` (with a "files" list added) and encrypt the zip to ``recipients``."""
    for name in files:
        if not _safe(name) or name in RESERVED:
            raise ValueError(f"bad package member name {name!r}")
    full = dict(manifest)
    full["package"] = {"format": FORMAT, "version": VERSION}
    full["files"] = [{"path": n, "size": len(b), "sha256": sha256(b)}
                     for n, b in sorted(files.items())]
    manifest_bytes = (json.dumps(full, ensure_ascii=False, indent=2, sort_keys=True)
                      + "\n").encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        members = [(MANIFEST, manifest_bytes),
                   (SIGNATURE, sign_detached(manifest_bytes, signer)),
                   (SIGNER, signer.cert_pem.encode())] + sorted(files.items())
        for name, data in members:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zf.writestr(info, data)
    zip_bytes = buf.getvalue()
    encrypted = age_encrypt(zip_bytes, recipients)
    return BuiltPackage(encrypted, sha256(encrypted), zip_bytes, full, manifest_bytes)


def read_zip(zip_bytes: bytes, *, expect_fingerprint: str | None = None) -> OpenedPackage:
    """Check a decrypted package (see the module docstring for the order of checks)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(zip_bytes))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise PackageRejected("not-zip", "The decrypted package is not a zip file.") from exc
    names = [i.filename for i in infos]
    bad = [n for n in names if not _safe(n)]
    if bad:
        raise PackageRejected("unsafe-path", f"The package holds an unsafe name: {bad[0]!r}.")
    if len(set(names)) != len(names):
        raise PackageRejected("unsafe-path", "The package holds the same name twice.")
    if sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise PackageRejected("too-large", "The package unpacks to more than 512 MB.")
    for needed in (MANIFEST, SIGNATURE):
        if needed not in names:
            raise PackageRejected("missing-file", f"The package has no {needed}.")
    manifest_bytes = zf.read(MANIFEST)
    signer = verify_detached(manifest_bytes, zf.read(SIGNATURE),
                             expect_fingerprint=expect_fingerprint)
    try:
        manifest = json.loads(manifest_bytes.decode("utf-8"))
        listed = {f["path"]: f for f in manifest["files"]}
        if manifest["package"] != {"format": FORMAT, "version": VERSION}:
            raise PackageRejected("unsupported-version",
                                  f"Package format {manifest['package']!r} is not supported.")
    except PackageRejected:
        raise
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise PackageRejected("bad-format", "The manifest is not a package manifest.") from exc
    extra = [n for n in names if n not in listed and n not in RESERVED]
    if extra:
        raise PackageRejected("extra-file", f"The package holds a file its manifest does not "
                                            f"list: {extra[0]}.")
    files: dict[str, bytes] = {}
    for path, entry in listed.items():
        if path not in names:
            raise PackageRejected("missing-file", f"The package is missing {path}.")
        data = zf.read(path)
        if len(data) != entry.get("size") or sha256(data) != entry.get("sha256"):
            raise PackageRejected("hash-mismatch", f"{path} does not match its hash in the "
                                                   "manifest.")
        files[path] = data
    return OpenedPackage(manifest, manifest_bytes, files, signer)


def open_package(data: bytes, identity: str, *, expect_fingerprint: str | None = None
                 ) -> OpenedPackage:
    """Decrypt with an age identity, then :func:`read_zip`."""
    return read_zip(age_decrypt(data, identity), expect_fingerprint=expect_fingerprint)
