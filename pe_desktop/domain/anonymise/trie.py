"""One regular expression for many literal strings, as a prefix tree.

Python's ``re`` tries the branches of ``a|b|c…`` one after another at every
position, so a flat alternation of the thousands of spellings a dataset's known
people have costs milliseconds per text. The same strings as a trie
(``ha(?:ddad|rris)``) cost one branch per character.

The trie matches exactly what the flat alternation of the same strings sorted
longest first matches: at a node, longer continuations are tried before the
string that ends there (a greedy ``(?:…)?``), and only one child can match the
next character, so backtracking visits the matching strings longest first, as
the flat alternation does. A space in a string matches any run of whitespace
(``space``), as the flat patterns did; strings holding any other whitespace
character would make two children able to match the same character, so
``alternation`` then falls back to the flat form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""


def flat_alternation(strings: Iterable[str], space: str) -> str:
    """``a|b|c`` longest first (ties in order, so the pattern is the same in every
    process whatever the string hashing), each escaped, a space matching ``space``."""
    alts = sorted(set(strings), key=lambda a: (-len(a), a))
    return "|".join(re.escape(a).replace(r"\ ", space) for a in alts)


def alternation(strings: Iterable[str], space: str = r"\s+") -> str:
    """A regex body matching any of ``strings`` (the longest possible first)."""
    items = {s for s in strings if s}
    if any(c.isspace() and c != " " for s in items for c in s):
        return flat_alternation(items, space)
    root: dict = {}
    for s in items:
        node = root
        for ch in s:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return _node_pattern(root, space)


def _atom(ch: str, space: str) -> str:
    return space if ch == " " else re.escape(ch)


def _node_pattern(node: dict, space: str) -> str:
    ends = _END in node
    children = sorted(k for k in node if k != _END)
    branches = []
    for ch in children:
        child = node[ch]
        # follow a chain of single children without an end into one literal run
        run = [_atom(ch, space)]
        while len(child) == 1 and _END not in child:
            (nxt,) = child
            run.append(_atom(nxt, space))
            child = child[nxt]
        rest = _node_pattern(child, space) if child else ""
        branches.append("".join(run) + rest)
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if ends else body
