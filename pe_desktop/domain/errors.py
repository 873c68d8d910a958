"""Errors the domain and services raise with messages fit for a user."""

from __future__ import annotations


class PEDesktopError(Exception):
    """Base for errors shown to the user as one line."""


class ValidationError(PEDesktopError):
    """One or more fields are invalid. ``problems`` maps field → message."""

    def __init__(self, problems: dict[str, str], record: str | None = None) -> None:
        self.problems = dict(problems)
        self.record = record
        parts = "; ".join(f"{f}: {m}" for f, m in self.problems.items())
        super().__init__(f"{record}: {parts}" if record else parts)


class NotFoundError(PEDesktopError):
    pass


class DatabaseVersionError(PEDesktopError):
    """The database was written by a newer version of PE Desktop."""


def storage_problem(exc: BaseException) -> str | None:
    """A one-line message for a database error a user can act on (a full disk), else None."""
    text = str(getattr(exc, "orig", None) or exc)
    if "disk is full" in text or "No space left" in text:
        return ("No space left on device: the database could not be written, so nothing was "
                "saved; your data is as it was before. Free some space and try again.")
    if "database is locked" in text:
        return "The data is in use by another PE Desktop window or command; try again."
    return None
