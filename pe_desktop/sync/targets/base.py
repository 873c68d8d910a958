"""What every target offers, its errors and the retry policy."""

from __future__ import annotations

import logging
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

#: progress(bytes_done, bytes_total) while one file moves.
ByteProgress = Callable[[int, int], None]
#: cancel() -> True when the user asked to stop.
CancelCheck = Callable[[], bool]

#: Kinds of failure (``TargetError.kind``); the first three mean "this target is
#: unusable right now", so a push stops trying further files on it.
AUTH = "auth"
FORBIDDEN = "forbidden"
NOT_FOUND = "not-found"
FULL = "storage-full"
SERVER = "server"
CONNECTION = "connection"
TLS = "tls"
VERIFY = "verify"
LOCAL = "local"
TARGET_WIDE = {AUTH, FORBIDDEN, NOT_FOUND, FULL, CONNECTION, TLS}


class TargetError(Exception):
    """A transfer failed; ``str(exc)`` is one line fit for the user.

    ``retryable`` errors (connection dropped, 5xx, 429) are retried by
    :class:`RetryPolicy`; the others (wrong password, folder missing, storage
    full, TLS) are reported at once.
    """

    def __init__(self, message: str, *, kind: str = SERVER, retryable: bool = False,
                 status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.retryable = retryable
        self.status = status


class TransferCancelled(Exception):
    """The user cancelled; nothing half-written is left under a final name."""


def check_cancel(cancel: CancelCheck | None) -> None:
    if cancel is not None and cancel():
        raise TransferCancelled()


@dataclass
class RetryPolicy:
    """Exponential backoff: ``base * factor**n`` seconds, capped at ``max_delay``.

    ``sleep`` is injectable so tests do not wait; ``Retry-After`` from a server
    (seconds) is honoured up to ``max_delay``.
    """

    attempts: int = 5
    base_delay: float = 1.0
    factor: float = 2.0
    max_delay: float = 30.0
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    delays: list[float] = field(default_factory=list, repr=False)  # what was slept, for tests

    def delay(self, attempt: int, hint: float | None = None) -> float:
        wait = self.base_delay * self.factor ** attempt
        if hint is not None:
            wait = max(wait, hint)
        return min(wait, self.max_delay)

    def run(self, fn: Callable[[], T], what: str, cancel: CancelCheck | None = None) -> T:
        """Call ``fn`` until it succeeds, a non-retryable error, or attempts run out."""
        last: TargetError | None = None
        for attempt in range(self.attempts):
            check_cancel(cancel)
            try:
                return fn()
            except TargetError as exc:
                if not exc.retryable:
                    raise
                last = exc
                if attempt + 1 >= self.attempts:
                    break
                wait = self.delay(attempt, getattr(exc, "retry_after", None))
                log.info("%s failed (%s); retry %d in %.1f s", what, exc.kind, attempt + 1, wait)
                self.delays.append(wait)
                self.sleep(wait)
        assert last is not None
        raise TargetError(f"{last} (gave up after {self.attempts} attempts)", kind=last.kind,
                          retryable=False, status=last.status) from last


class Target(ABC):
    """A place files are delivered to and fetched from, by flat or slash-separated names.

    Every ``put`` writes to a temporary name, verifies size and SHA-256, then
    renames: a reader never sees a partial file under a final name, and a
    repeated ``put`` of the same bytes is a no-op.
    """

    kind: str = ""

    def __init__(self, name: str) -> None:
        self.name = name

    @abstractmethod
    def describe(self) -> str:
        """Where this target points (no secrets)."""

    @abstractmethod
    def put(self, name: str, path: Path, progress: ByteProgress | None = None,
            cancel: CancelCheck | None = None) -> str:
        """Deliver ``path`` as ``name``; return "sent" or "already there"."""

    @abstractmethod
    def list(self, prefix: str = "") -> list[str]:
        """Names of complete files starting with ``prefix`` (temporary names excluded)."""

    @abstractmethod
    def get(self, name: str, dest: Path) -> Path:
        """Download ``name`` to ``dest`` (atomically, 0600)."""

    @abstractmethod
    def exists(self, name: str) -> bool: ...

    @abstractmethod
    def delete(self, name: str) -> None: ...

    @abstractmethod
    def check(self) -> str:
        """Test the connection and write access; return a one-line summary."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}: {self.describe()}>"


def temp_name(name: str) -> str:
    """The temporary name a file is written under before its final rename."""
    head, _, tail = name.rpartition("/")
    return f"{head}/.{tail}.part" if head else f".{tail}.part"


def is_temp_name(name: str) -> bool:
    tail = name.rpartition("/")[2]
    return tail.startswith(".") and tail.endswith(".part")


def check_name(name: str) -> str:
    """Refuse names that could escape the target's folder."""
    parts = name.split("/")
    if not name or name.startswith("/") or any(p in ("", ".", "..") for p in parts) \
            or "\\" in name or "\x00" in name:
        raise TargetError(f"Not a valid file name for a target: {name!r}", kind=LOCAL)
    return name
