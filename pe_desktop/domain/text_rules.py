"""What a stored text may contain, and how to show an untrusted value in a message.

Pure rules, shared by every way data gets in (dialogs, the student CSV, the
JSON interchange, demo data, later packages) through
:mod:`pe_desktop.services.field_rules`.

- No control characters (Unicode category Cc: NUL, ESC, 0x14 from a
  mis-decoded file, …) in any text. Multi-line fields may hold tab, line feed
  and carriage return; single-line fields may not.
- No lone surrogates (``"\\ud800"`` in JSON): they cannot be stored as UTF-8.
- No bidirectional overrides or isolates (U+202A-U+202E, U+2066-U+2069) and
  no line/paragraph separators in single-line fields: they make a name display
  as something other than what it is.
- A ``?`` touching a letter in a name is worth a warning: it is what a program
  writes for a letter its code page cannot hold (``?ukasz``).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

MULTILINE_ALLOWED = frozenset("\t\n\r")
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SEPARATORS = frozenset("\u2028\u2029")
_QUESTION_IN_WORD = re.compile(r"\?[^\W\d_]", re.UNICODE)  # "?ukasz", "Wi?niewska"

#: Dates the app stores (a wider range means nonsense that later arithmetic
#: — end dates, due dates, UTC conversion — cannot handle).
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2199, 12, 31)
#: SQLite stores integers as signed 64-bit.
INT_MIN = -(2**63)
INT_MAX = 2**63 - 1


def _char_name(ch: str) -> str:
    code = f"U+{ord(ch):04X}"
    try:
        return f"{code} {unicodedata.name(ch)}"
    except ValueError:
        return code


#: Every character :func:`text_problem` may refuse: category Cc is exactly
#: U+0000-U+001F and U+007F-U+009F, Cs is U+D800-U+DFFF. Text without any of them
#: (nearly all text) is passed by one regex scan instead of a loop in Python.
_SUSPECT = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029"
                      "\u202a-\u202e\u2066-\u2069]")
#: ``suspect_search(text)`` is None when no character of ``text`` can be refused.
suspect_search = _SUSPECT.search


def text_problem(value: str, *, multiline: bool) -> str | None:
    """Why ``value`` may not be stored, or None."""
    if _SUSPECT.search(value) is None:
        return None
    for ch in value:
        cat = unicodedata.category(ch)
        if ch == "\x00":
            return "contains a NUL byte (is the file binary or damaged?)"
        if cat == "Cc" and not (multiline and ch in MULTILINE_ALLOWED):
            if ch in MULTILINE_ALLOWED:
                return "must be a single line (it contains a line break or tab)"
            return f"contains a control character ({_char_name(ch)})"
        if cat == "Cs":
            return f"contains an unpaired surrogate ({_char_name(ch)}), which is not text"
        if not multiline and (ch in _BIDI or ch in _SEPARATORS):
            return f"contains an invisible formatting character ({_char_name(ch)})"
    return None


def question_mark_warning(value: str) -> str | None:
    """A warning when ``?`` stands where a letter is expected (``?ukasz``)."""
    if "?" in value and _QUESTION_IN_WORD.search(value):
        return ("has '?' where a letter is expected: a program that could not hold the "
                "letter may have replaced it (save the file as UTF-8 and check the name)")
    return None


def date_problem(value: date | datetime) -> str | None:
    d = value.date() if isinstance(value, datetime) else value
    if not DATE_MIN <= d <= DATE_MAX:
        return f"must be between {DATE_MIN.year} and {DATE_MAX.year}"
    return None


def int_problem(value: int) -> str | None:
    if not INT_MIN <= value <= INT_MAX:
        return "is too large a number"
    return None


def shown(value: object, limit: int = 40) -> str:
    """``value`` quoted for a one-line message: control and invisible characters
    escaped (an ESC sequence in a file must not reach the terminal), long
    values shortened."""
    text = value if isinstance(value, str) else repr(value)
    out = []
    for ch in text[:limit]:
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cs", "Cf", "Zl", "Zp") or ch in _BIDI:
            out.append(ch.encode("unicode_escape", "backslashreplace").decode("ascii")
                       if cat != "Cs" else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    more = "…" if len(text) > limit else ""
    return "'" + "".join(out) + more + "'"
