"""Targets: where outbox files go (a folder, a WebDAV server).

``target_from_config({"name": …, "kind": "folder", "path": …})`` or
``{"kind": "webdav", "url": …, "user": …}`` with the password passed apart
(it never lives in the configuration).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pe_desktop.sync.targets.base import (
    RetryPolicy,
    Target,
    TargetError,
    TransferCancelled,
)
from pe_desktop.sync.targets.folder import FolderTarget
from pe_desktop.sync.targets.webdav import WebDavTarget

KINDS = ("folder", "webdav")


def target_from_config(config: dict[str, Any], password: str | None = None, *,
                       retry: RetryPolicy | None = None, **options: Any) -> Target:
    """Build a target from its stored configuration (no secrets in ``config``)."""
    name = str(config.get("name") or "target")
    kind = config.get("kind")
    if kind == "folder":
        return FolderTarget(name, Path(str(config["path"])))
    if kind == "webdav":
        return WebDavTarget(name, str(config["url"]), config.get("user") or None, password,
                            retry=retry, **options)
    raise TargetError(f"{name}: unknown kind of target {kind!r} (expected folder or webdav)")


__all__ = ["FolderTarget", "KINDS", "RetryPolicy", "Target", "TargetError", "TransferCancelled",
           "WebDavTarget", "target_from_config"]
