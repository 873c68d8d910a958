"""Keeping attachment files encrypted under the current data key."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from pe_desktop.services.protection.keys import read_info, set_flag_value

if TYPE_CHECKING:
    from pe_desktop.services.context import AppContext

#: Sub-stores of the attachment folder besides its root (currency certificates).
SUB_STORES = ("", "currency")
_FLAG = "files_encrypted_for"


def key_marker(key: bytes) -> str:
    """A non-secret tag of the data key the files were last brought up to."""
    return hashlib.sha256(b"pe-desktop files marker" + key).hexdigest()[:16]


def encrypt_attachments_if_needed(ctx: AppContext) -> int:
    """Encrypt plain files (from before encryption) and files under a retired key.

    Runs once per key: a marker in ``keys/data-key.json`` records the key the
    files were last brought up to, so ordinary start-ups skip the folder walk.
    """
    if ctx.keys is None:
        return 0
    marker = key_marker(ctx.keys.current)
    info = read_info(ctx.paths) or {}
    if info.get(_FLAG) == marker:
        return 0
    done = 0
    if ctx.paths.attachments.is_dir():
        for sub in SUB_STORES:
            done += ctx.attachments(sub).encrypt_plain_files()
    set_flag_value(ctx.paths, _FLAG, marker)
    return done
