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
