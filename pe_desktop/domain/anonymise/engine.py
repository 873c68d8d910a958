"""The Anonymiser: gathers candidate spans from every recogniser and keeps a
sorted, non-overlapping set.

Priority when spans overlap: the PE's own redactions, then known entities, then
pattern identifiers, then unknown names; within a source the longer span wins.
Keep-phrases (the gazetteer and the PE's un-redactions) veto unknown-name spans
and soft patterns; they never veto a known entity or a hard identifier, except
a known surname used as a theorist's name in a citation (see ``keep``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pe_desktop.domain.anonymise.folding import fold, fold_str, map_span
from pe_desktop.domain.anonymise.keep import keep_spans, theorist_citation
from pe_desktop.domain.anonymise.model import (
    CATEGORY_LABELS,
    ROLE_LABELS,
    AnonymisedText,
    KnownEntities,
    Redaction,
)
from pe_desktop.domain.anonymise.names import NameDetector, extend_name, lexicon
from pe_desktop.domain.anonymise.patterns import find_patterns
from pe_desktop.domain.anonymise.trie import alternation
from pe_desktop.domain.anonymise.variants import TITLES, Variant, all_variants

_PRIORITY = {"user": 0, "hard": 1, "known": 2, "pattern": 3, "unknown-name": 4}
#: Patterns that win over a known name inside them (zoe.haddad@example.org is an email).
HARD_PATTERNS = {"email", "url", "handle", "phone", "nhs_number", "nino", "postcode"}
#: Labels this anonymiser writes; text inside them is never redacted again.
_ALL_LABELS = sorted({*ROLE_LABELS.values(), *CATEGORY_LABELS.values()}, key=len, reverse=True)
LABEL_RX = re.compile("|".join(re.escape(label) for label in _ALL_LABELS))
#: Patterns a keep-phrase may override (their shapes also occur in kept text).
SOFT_PATTERNS = {"address", "reference", "vehicle"}
MASK = "\u2063"  # invisible separator: not a letter, so never part of a token
NAME_CATEGORIES = {"person", "organisation", "place", "address"}

Candidate = tuple[int, int, str, str, str]  # start, end, category, label, source
SPACE = r"[\s]+"  # a space in a variant matches any run of whitespace


def _variant_body(strings: set[str]) -> str:
    r"""The alternation of every variant, longest first.

    Every person has each title before each of their names ("ms haddad", "dr. haddad"),
    so most variants are TITLES x {" ", ". "} x names. Those go into one branch
    ``(?:titles)\.?[\s]+(?:names)`` tried before the rest: it matches exactly what
    the whole alternation would when no other variant starts with a title and a space,
    since any other variant that fits where a titled name fits is then shorter
    (checked here; otherwise the plain prefix tree).
    """
    seps = (" ", ". ")
    heads = [t + sep for t in TITLES for sep in seps]
    names: set[str] = set()
    for v in strings:
        for h in heads:
            if v.startswith(h):
                names.add(v[len(h):])
    names = {n for n in names if n and all(h + n in strings for h in heads)}
    titled = {h + n for h in heads for n in names}
    rest = strings - titled
    if not names or any(c.isspace() and c != " " for v in strings for c in v) or \
            any(v.startswith(h) for v in rest for h in heads):
        return alternation(strings, SPACE)
    branch = "(?:" + alternation(TITLES, SPACE) + ")" + r"\.?" + SPACE + \
        "(?:" + alternation(names, SPACE) + ")"
    return branch + "|" + alternation(rest, SPACE) if rest else branch


def _variant_regex(variants: list[Variant]) -> re.Pattern[str] | None:
    if not variants:
        return None
    body = _variant_body({v.folded for v in variants})
    return re.compile(rf"(?<![\w@])(?:{body})(?![\w@]|\.\w)")


class Anonymiser:
    """Redacts one text at a time; build once per set of known entities."""

    def __init__(self, known: KnownEntities, *, extra_redact: Iterable[str] = (),
                 keep: Iterable[str] = ()) -> None:
        self.known = known
        lex = lexicon()
        self._variants = all_variants(known, lex.is_word)
        self._by_folded: dict[str, Variant] = {}
        for v in self._variants:
            # A string that is two people's names takes the first person's label.
            self._by_folded.setdefault(v.folded, v)
        self._known_rx = _variant_regex(self._variants)
        self._extra = sorted({s.strip() for s in extra_redact if s.strip()}, key=len, reverse=True)
        self._keep = sorted({fold_str(s.strip()) for s in keep if s.strip()}, key=len,
                            reverse=True)
        self._detector = NameDetector(lex, self._known_words())

    def _known_words(self) -> set[str]:
        return {v.folded for v in self._variants if v.kind != "initials"}

    # -- recognisers ---------------------------------------------------------------
    def _user_spans(self, text: str, folded: str, index: list[int]) -> list[Candidate]:
        out: list[Candidate] = []
        for s in self._extra:
            cats = [c for (a, b, c) in find_patterns(s) if a == 0 and b == len(s)]
            category = cats[0] if cats else "person"
            rx = re.compile(r"(?<!\w)" + re.escape(fold_str(s)) + r"(?!\w)")
            for m in rx.finditer(folded):
                a, b = map_span(index, m.start(), m.end())
                out.append((a, b, category, CATEGORY_LABELS[category], "user"))
        return out

    def _known_spans(self, text: str, folded: str, index: list[int]) -> list[Candidate]:
        if self._known_rx is None:
            return []
        out: list[Candidate] = []
        lex = lexicon()
        for m in self._known_rx.finditer(folded):
            v = self._by_folded.get(re.sub(r"\s+", " ", m.group()))
            if v is None:
                continue
            a, b = map_span(index, m.start(), m.end())
            original = text[a:b]
            if v.kind == "initials" and any(c.isalpha() and not c.isupper() for c in original):
                continue  # "zb" in running text is not Z.B.
            if v.kind == "part" and lex.is_word(original) and not original[:1].isupper():
                continue  # "green", "will", "grace" as ordinary words
            if v.category == "person" and theorist_citation(text, a, b, original):
                continue  # "Erikson's stages" when the student is Ruby Erikson
            a, b = _whole_compound(text, a, b)
            out.append((a, b, v.category, v.label, "known"))
        return out

    @staticmethod
    def _pattern_spans(text: str) -> list[Candidate]:
        return [(a, b, c, CATEGORY_LABELS[c], "pattern")
                for a, b, c in find_patterns(text) if b > a]

    # -- resolution ----------------------------------------------------------------
    def _keep_spans(self, text: str, folded: str, index: list[int]) -> list[tuple[int, int]]:
        spans = keep_spans(text, (folded, index))
        for k in self._keep:
            for m in re.finditer(r"(?<!\w)" + re.escape(k) + r"(?!\w)", folded):
                spans.append(map_span(index, m.start(), m.end()))
        return spans

    @staticmethod
    def _extend(text: str, chosen: list[Candidate], protected: list[tuple[int, int]],
                keeps: list[tuple[int, int]]) -> list[Candidate]:
        """Grow names over adjacent capitalised words (see ``extend_name``)."""
        chosen.sort()
        out: list[Candidate] = []
        for k, (a, b, category, label, source) in enumerate(chosen):
            if category in ("person", "organisation", "place") and source != "user":
                blocked = protected + [(c[0], c[1]) for c in chosen[:k] + chosen[k + 1:]]
                blocked += [(x, y) for x, y in keeps if not (x < b and a < y)
                            and not _near_name(text, a, b, x, y)
                            and not _near_name(text, x, y, a, b)]
                a, b = extend_name(text, a, b, blocked)
                if out and out[-1][1] > a:
                    a = out[-1][1]
            out.append((a, b, category, label, source))
        return [c for c in out if c[0] < c[1]]

    def anonymise(self, text: str) -> AnonymisedText:
        if not text:
            return AnonymisedText(text, ())
        folded, index = fold(text)
        labels = [(m.start(), m.end()) for m in LABEL_RX.finditer(text)]
        keeps = self._keep_spans(text, folded, index)
        user_keeps = [map_span(index, m.start(), m.end()) for k in self._keep
                      for m in re.finditer(r"(?<!\w)" + re.escape(k) + r"(?!\w)", folded)]
        cands = self._user_spans(text, folded, index)
        cands += self._known_spans(text, folded, index)
        cands += self._pattern_spans(text)
        # The detector sees labels and identifiers already found as blanks, so its
        # context is the same on a first pass and on already-anonymised text.
        masked = list(text)
        for a, b in labels + [(c[0], c[1]) for c in cands]:
            masked[a:b] = MASK * (b - a)
        strong_spans = set()
        anchors = [(c[0], c[1]) for c in cands if c[2] in ("address", "postcode")]
        for a, b, c, strong in self._detector.find("".join(masked), anchors):
            cands.append((a, b, c, CATEGORY_LABELS[c], "unknown-name"))
            if strong:
                strong_spans.add((a, b))
        chosen: list[Candidate] = []
        taken = [(a, b) for a, b in labels]
        protected = list(taken)
        def rank(c: Candidate) -> tuple[int, int, int]:
            tier = "hard" if c[4] == "pattern" and c[2] in HARD_PATTERNS else c[4]
            return _PRIORITY[tier], c[0] - c[1], c[0]

        queue = sorted(cands, key=rank)
        while queue:
            cand = queue.pop(0)
            a, b, category, _label, source = cand
            if b <= a:
                continue
            if _overlaps(a, b, protected):
                queue[:0] = _remainders(text, cand, protected)
                continue
            clash = [c for c in chosen if c[0] < b and a < c[1]]
            if clash:
                # A longer name may swallow names wholly inside it ("[Calderdale] Royal
                # Hospital" becomes one organisation); anything else loses.
                if category not in NAME_CATEGORIES or any(
                        c[4] == "user" or c[2] not in NAME_CATEGORIES or c[0] < a or c[1] > b
                        or (c[0], c[1]) == (a, b) for c in clash):
                    # keep what sticks out ("@B Ab": the handle, then "Ab")
                    if category in NAME_CATEGORIES:
                        queue[:0] = _remainders(text, cand, [(c[0], c[1]) for c in clash])
                    continue
                label = next((c[3] for c in clash if c[2] == category), _label)
                for c in clash:
                    chosen.remove(c)
                    taken.remove((c[0], c[1]))
                cand = (a, b, category, label, clash[0][4])
            if source != "user" and _inside(a, b, user_keeps):
                continue
            if source == "unknown-name" and (a, b) not in strong_spans and \
                    _only_kept(text, a, b, keeps):
                continue
            if source == "pattern" and category in SOFT_PATTERNS and _inside(a, b, keeps):
                continue
            chosen.append(cand)
            taken.append((a, b))
        chosen = self._extend(text, chosen, protected, keeps)
        return AnonymisedText(text, tuple(Redaction(a, b, c, label, s)
                                          for a, b, c, label, s in chosen))


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < e and s < b for s, e in spans)


_COMPOUND_NEXT = re.compile(r"[-.][^\W\d_][\w'’]*")
_COMPOUND_PREV = re.compile(r"[^\W\d_][\w'’]*[-]$")


def _whole_compound(text: str, a: int, b: int) -> tuple[int, int]:
    """Widen a name found inside a hyphenated word to the whole word ("A.M" in
    "A.M-C.", "Haddad" in "Haddad-Smith")."""
    while (m := _COMPOUND_NEXT.match(text, b)) and m.group()[0] == "-" or (
            m and text[b - 1:b].isupper() and m.group()[1:].isupper()):
        b = m.end()
    m = _COMPOUND_PREV.search(text, max(0, a - 40), a)
    if m:
        a = m.start()
    return a, b


def _near_name(text: str, a: int, b: int, x: int, y: int) -> bool:
    """Is keep-phrase [x, y) an institution word right after the name ("Food Bank")?"""
    return x == b + 1 and text[b:x] == " " and y - x <= 12


def _remainders(text: str, cand: Candidate, spans: list[tuple[int, int]]) -> list[Candidate]:
    """The parts of ``cand`` outside ``spans`` that still hold a letter or digit."""
    a, b, category, label, source = cand
    pieces: list[Candidate] = []
    pos = a
    for s, e in sorted(spans):
        if e <= pos or s >= b:
            continue
        if s > pos:
            pieces.append((pos, s, category, label, source))
        pos = max(pos, e)
    if pos < b:
        pieces.append((pos, b, category, label, source))
    out = []
    for s, e, *rest in pieces:
        while s < e and not text[s].isalnum():
            s += 1
        while e > s and not text[e - 1].isalnum():
            e -= 1
        if s < e:
            out.append((s, e, *rest))
    return out


def _only_kept(text: str, a: int, b: int, keeps: list[tuple[int, int]]) -> bool:
    """Does every letter of [a, b) lie inside a keep-phrase?"""
    if not _overlaps(a, b, keeps):
        return False
    return all(not text[i].isalnum() or any(s <= i < e for s, e in keeps) for i in range(a, b))


def _inside(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= a and b <= e for s, e in spans)
