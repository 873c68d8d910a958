"""Counting placement days from attendance records."""

from __future__ import annotations

from collections.abc import Iterable

from pe_desktop.domain.enums import AttendanceKind

#: Study days are part of the placement's practice-learning days; absences are not.
COUNTED_KINDS = frozenset({AttendanceKind.ATTENDED, AttendanceKind.STUDY})


def days_completed(kinds: Iterable[AttendanceKind | str]) -> int:
    return sum(1 for k in kinds if AttendanceKind(k) in COUNTED_KINDS)


def days_remaining(required: int, completed: int) -> int:
    return max(0, required - completed)
