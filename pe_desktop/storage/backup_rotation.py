"""Which backups a rotation keeps: N daily, N weekly, N monthly (like restic's ``forget``).

Pure function over (instant, item) pairs, so the policy is tested without files.
The newest backup of each of the most recent ``daily`` days is kept, then the
newest of each of the most recent ``weekly`` ISO weeks, then of the most
recent ``monthly`` months; the very newest backup is always kept.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

T = TypeVar("T", bound=Hashable)


@dataclass(frozen=True)
class KeepPolicy:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12

    def __post_init__(self) -> None:
        for name in ("daily", "weekly", "monthly"):
            value = getattr(self, name)
            if not isinstance(value, int) or not 0 <= value <= 1000:
                raise ValueError(f"keep {name} must be a whole number from 0 to 1000")


def _buckets(policy: KeepPolicy) -> list[tuple[int, Callable[[date], Hashable]]]:
    return [
        (policy.daily, lambda d: d),
        (policy.weekly, lambda d: d.isocalendar()[:2]),
        (policy.monthly, lambda d: (d.year, d.month)),
    ]


def to_keep(items: Sequence[tuple[datetime, T]], policy: KeepPolicy,
            local_date: Callable[[datetime], date]) -> set[T]:
    """The items to keep; ``local_date`` maps an instant to the user's calendar date."""
    newest_first = sorted(items, key=lambda p: p[0], reverse=True)
    keep: set[T] = set()
    if newest_first:
        keep.add(newest_first[0][1])
    for count, bucket_of in _buckets(policy):
        seen: set[Hashable] = set()
        for when, item in newest_first:
            if len(seen) >= count:
                break
            b = bucket_of(local_date(when))
            if b not in seen:
                seen.add(b)
                keep.add(item)
    return keep
