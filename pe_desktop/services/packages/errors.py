"""Why a package or signed document was refused."""

from __future__ import annotations

from pe_desktop.domain.errors import PEDesktopError


class PackageRejected(PEDesktopError):
    """A package, request or signature failed a check; ``reason`` is a stable code.

    Reason codes (documented in docs/qa-protocol.md): ``not-age``, ``wrong-recipient``,
    ``not-zip``, ``unsafe-path``, ``missing-file``, ``extra-file``, ``hash-mismatch``,
    ``bad-signature``, ``untrusted-signer``, ``bad-format``, ``unsupported-version``,
    ``too-large``.
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
