"""Counted nouns in messages: "1 record", "3 records" — never "1 record(s)"."""

from __future__ import annotations


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and ``noun``, the noun in the plural unless ``n`` is 1.

    ``noun`` may be several words ("report section"): the last one takes the
    ``s``; give ``plural`` for the irregular ones.
    """
    if n == 1:
        return f"{n} {noun}"
    return f"{n} {plural or noun + 's'}"
