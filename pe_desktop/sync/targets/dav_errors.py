"""Turning HTTP statuses and network failures into one-line :class:`TargetError` s."""

from __future__ import annotations

import ssl

from pe_desktop.sync.targets.base import (
    AUTH,
    CONNECTION,
    FORBIDDEN,
    FULL,
    NOT_FOUND,
    SERVER,
    TLS,
    TargetError,
)

RETRY_STATUSES = {408, 423, 425, 429, 500, 502, 503, 504}


def status_error(target: str, status: int, doing: str, where: str,
                 retry_after: str | None = None) -> TargetError:
    """The error for an HTTP status answering ``doing`` (e.g. "uploading x")."""
    head = f"{target}: {doing}"
    if status == 401:
        err = TargetError(f"{head}: the server refused the user name or password (401); "
                          "check them in the target's settings", kind=AUTH, status=status)
    elif status == 403:
        err = TargetError(f"{head}: this account may not write to {where} (403 Forbidden)",
                          kind=FORBIDDEN, status=status)
    elif status in (404, 409):
        err = TargetError(f"{head}: the folder {where} does not exist on the server "
                          f"({status}); create it or correct the address", kind=NOT_FOUND,
                          status=status)
    elif status == 507:
        err = TargetError(f"{head}: the panel's storage on the server is full (507 Insufficient "
                          "Storage); ask the panel to free space, nothing was lost here",
                          kind=FULL, status=status)
    elif status in RETRY_STATUSES:
        err = TargetError(f"{head}: the server is unavailable or failing (HTTP {status})",
                          kind=SERVER, retryable=True, status=status)
    else:
        err = TargetError(f"{head}: the server answered HTTP {status}", kind=SERVER,
                          retryable=status >= 500, status=status)
    if retry_after and retry_after.strip().isdigit():
        err.retry_after = float(retry_after.strip())  # type: ignore[attr-defined]
    return err


def _is_tls(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError) or "CERTIFICATE_VERIFY_FAILED" in str(seen) \
                or "SSL" in type(seen).__name__:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def network_error(target: str, exc: BaseException, doing: str, host: str) -> TargetError:
    """The error for an httpx transport failure."""
    import httpx

    head = f"{target}: {doing}"
    if _is_tls(exc):
        return TargetError(f"{head}: the secure connection to {host} failed (TLS: "
                           f"{_short(exc)}); check the address and the server's certificate",
                           kind=TLS)
    if isinstance(exc, httpx.ConnectError):
        text = str(exc).lower()
        reason = "connection refused" if "refused" in text else _short(exc)
        return TargetError(f"{head}: cannot connect to {host} ({reason}); are you online and "
                           "is the address right?", kind=CONNECTION, retryable=True)
    if isinstance(exc, httpx.TimeoutException):
        return TargetError(f"{head}: {host} did not answer in time", kind=CONNECTION,
                           retryable=True)
    return TargetError(f"{head}: the connection to {host} was dropped ({_short(exc)})",
                       kind=CONNECTION, retryable=True)


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:160]
