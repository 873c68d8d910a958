"""Files handed to the app by the desktop (double-click, "Open with"): what they are.

The MIME types in ``packaging/pe-desktop-mime.xml`` send ``.pepkg``, ``.peqa``
and ``.peinvite`` files to ``pe-desktop FILE``. This module names the kind of
such a file from its extension (and, for ``.peqa``, its first bytes) and the
import that handles it, as the GUI action and the equivalent CLI command. It
reads at most a few bytes and changes nothing: the import itself runs through
the existing services only after the user asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pe_desktop.domain.errors import PEDesktopError

SUFFIXES = (".pepkg", ".peqa", ".peinvite")
AGE_MAGIC = b"age-encryption.org/"

QA_REQUEST = "qa-request"
QA_BUNDLE = "qa-bundle"
OSS_PACKAGE = "oss-package"
OSS_INVITATION = "oss-invitation"


@dataclass(frozen=True)
class OpenedFile:
    path: Path
    kind: str
    title: str  # what the file is, for a person
    action: str  # what to do with it
    command: str  # the equivalent CLI command
    page: str | None = None  # the GUI page that imports it here, if any


def is_openable(arg: str) -> bool:
    """Whether a command-line argument names a file of one of our types (by extension)."""
    return arg.lower().endswith(SUFFIXES)


def describe(path: Path) -> OpenedFile:
    """The kind of ``path`` and its import; :class:`PEDesktopError` if it is not ours."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise PEDesktopError(f"{path.name}: not a PE Desktop file (expected "
                             f"{', '.join(SUFFIXES)}).")
    try:
        with path.open("rb") as fh:
            head = fh.read(64)
    except OSError as exc:
        raise PEDesktopError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    if not head:
        raise PEDesktopError(f"{path.name} is empty: it is not a PE Desktop file.")
    quoted = _quote(path)
    if suffix == ".peqa":
        if head.startswith(AGE_MAGIC):
            return OpenedFile(
                path, QA_BUNDLE, "an encrypted QA sample bundle for a peer QA panel",
                "Only the panel it was made for can open it; send it to the panel "
                "(it is already anonymised and encrypted).",
                "(none: bundles are opened by the panel's own software)")
        return OpenedFile(
            path, QA_REQUEST, "a peer QA sample request from a panel",
            "Import it on the Peer QA page (the panel's signature is checked first).",
            f"pe-desktop qa requests --import {quoted}", page="qa")
    if suffix == ".pepkg":
        return OpenedFile(
            path, OSS_PACKAGE, "a package of records from an on-site supervisor",
            "Import it into the placement it belongs to (signature and key are checked).",
            f"pe-desktop oss import {quoted}")
    return OpenedFile(
        path, OSS_INVITATION, "an invitation for an on-site supervisor",
        "Open it in an on-site supervisor's own data folder (a new, empty one), "
        "not in a practice educator's.",
        f"pe-desktop --data-dir NEW-FOLDER oss join {quoted}")


def _quote(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))
