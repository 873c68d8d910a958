"""Accent- and case-insensitive matching with offsets into the original text.

``fold`` maps every character to a lower-case ASCII-ish form (Zoë -> zoe,
Bartłomiej -> bartlomiej, Máiréad -> mairead) and keeps, for each folded
character, the index of the original character it came from, so a match found
in the folded text maps back to exact original offsets.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

#: Letters that do not decompose into a base letter plus a combining mark.
_SPECIAL = {
    "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
    "ß": "ss", "ẞ": "ss", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th",
    "ı": "i", "ħ": "h", "Ħ": "h", "ŀ": "l", "Ŀ": "l",
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-",
    "\u2013": "-", "\u00a0": " ",
}


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    if ch.isascii():
        return ch.lower()
    decomposed = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    if not base:
        return ch  # a lone combining mark: keep it so offsets stay one-to-one-ish
    return base.casefold()


def fold(text: str) -> tuple[str, list[int]]:
    """Return (folded text, index map); ``index[i]`` is the original index of folded char i.

    The map has one extra entry, ``len(text)``, so an end offset maps too.
    """
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        f = fold_char(ch)
        out.append(f)
        index.extend([i] * len(f))
    index.append(len(text))
    return "".join(out), index


def fold_str(text: str) -> str:
    return fold(text)[0]


def map_span(index: list[int], start: int, end: int) -> tuple[int, int]:
    """Original (start, end) for a folded span [start, end)."""
    if end <= start:
        return index[start], index[start]
    return index[start], index[end - 1] + 1
