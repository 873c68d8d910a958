"""What a reviewer needs to keep: the curated gazetteer and its rules.

``resources/qa/keep-gazetteer.txt`` lists phrases (PCF domains, legislation,
theorists and theories, designated roles, benefits, capacity instruments,
fostering forms, practice frameworks, recording systems). Rules add any
"... Act YEAR" (with an optional section), "... Regulations YEAR", "Form X" and
section references ("s.47", "Section 20"). A keep span vetoes unknown-name
guesses and soft patterns only: it never hides a known person.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pe_desktop.domain.anonymise.folding import fold, fold_str, map_span

_TITLE_WORD = r"(?:[A-Z][\w'’-]*|and|of|the|for|in|on|to|with|&)"
_SECTION = r"(?:,?\s+(?:s\.?|ss\.?|sec\.?|section|sections|part|sch\.?|schedule)\s?\d+[A-Za-z]?(?:\(\d+\))*(?:\([a-z]\))?)*"
RULES = [
    # Adoption and Children Act 2002 s.1; Care Act 2014; Children Act 1989 s.47
    re.compile(rf"\b[A-Z][\w'’-]*(?:\s+{_TITLE_WORD}){{0,8}}\s+(?:Act|Acts|Order|Measure)\s+(?:\((?:19|20)\d\d\)|(?:18|19|20)\d\d){_SECTION}"),
    # The Fostering Services (England) Regulations 2011
    re.compile(rf"\b[A-Z][\w'’-]*(?:\s+(?:{_TITLE_WORD}|\([A-Z][\w ]*\))){{0,10}}\s+(?:Regulations|Rules|Guidance|Code of Practice|Standards)\s+(?:18|19|20)\d\d{_SECTION}"),
    re.compile(r"\b(?:Form|Annex|Appendix|Schedule|Part|Tier|Level|Stage|Step|Section|Article|Regulation|Standard|Domain)\s+(?:[A-Z]{1,2}\b|\d+[A-Za-z]?\b)"),
    re.compile(r"\b(?:s|ss|sec)\.?\s?\d+[A-Za-z]?(?:\(\d+\))*\b", re.IGNORECASE),
    re.compile(r"\b(?:Section|Article|Regulation|Paragraph|Para|Rule)\s+\d+[A-Za-z]?(?:\(\d+\))*", re.IGNORECASE),
    # citations: "(Erikson, 1950)", "Lishman (2009)"
    re.compile(r"\((?:[A-Z][\w'’-]+(?:,?\s+(?:and|&)\s+[A-Z][\w'’-]+)*(?:\s+et al\.?)?,?\s+(?:19|20)\d\d[a-z]?(?:;\s*)?)+\)"),
]
#: Words after a theorist's name that show a citation, not a person.
THEORY_WORDS = (r"theory|theories|model|models|stages?|cycle|hierarchy|framework|approach|"
                r"concept|work|ideas?|notion|triangle|ladder|wheel|matrix|typology|principles|"
                r"taxonomy|levels?|psychosocial|ecological|reflective|zone|pyramid|map|web")
_CITE_AFTER = re.compile(rf"^(?:['’]s?)?\s*(?:\(\s*(?:19|20)\d\d|,\s*(?:19|20)\d\d|(?:\w+\s+)?(?:{THEORY_WORDS})\b|et al)",
                         re.IGNORECASE)
_CITE_BEFORE = re.compile(r"(?:drawing on|drew on|draw on|according to|as described by|"
                          r"informed by|using|applying|applied|per|cf\.?|following|"
                          r"theorists? such as|such as|see|citing|cited)\s+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def gazetteer() -> tuple[tuple[str, ...], re.Pattern[str] | None]:
    """(phrases, regex over folded text) from the resource file."""
    from pe_desktop.paths import resources_dir

    path = resources_dir() / "qa" / "keep-gazetteer.txt"
    phrases: list[str] = []
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                phrases.append(line)
    folded = sorted({fold_str(p) for p in phrases}, key=len, reverse=True)
    if not folded:
        return (), None
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in folded)
    return tuple(phrases), re.compile(rf"(?<![\w])(?:{body})(?![\w])")


@lru_cache(maxsize=1)
def theorists() -> frozenset[str]:
    """Single-word gazetteer entries that are surnames (folded)."""
    phrases, _ = gazetteer()
    return frozenset(fold_str(p) for p in phrases if " " not in p and p[:1].isupper()
                     and not p.isupper())


_CONNECTORS = {"and", "of", "the", "for", "in", "on", "to", "with", "&"}


def _trim_title(text: str, start: int, end: int) -> int:
    """Move a title's start right past anything that is not an ordinary word, so
    "Mrs Patel and the Children Act 1989" keeps only "Children Act 1989"."""
    from pe_desktop.domain.anonymise.lexicon import lexicon

    lex = lexicon()
    if not lex.words:
        return start
    words = list(re.finditer(r"\(?[\w'’-]+\)?", text[start:end]))
    cut = start
    for m in words:
        w = m.group().strip("()")
        if w in ("Act", "Acts", "Order", "Measure", "Regulations", "Rules", "Guidance",
                 "Standards") or w[:1].isdigit():
            break
        if not (lex.is_word(w) or w.lower() in _CONNECTORS):
            cut = start + m.end()
    # never start on a connector
    rest = text[cut:end]
    lead = re.match(r"(?:\s|\b(?:and|of|the|for|in|on|to|with)\b|&)*", rest)
    return cut + (lead.end() if lead else 0)


def keep_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for i, rx in enumerate(RULES):
        for m in rx.finditer(text):
            a = _trim_title(text, m.start(), m.end()) if i < 2 else m.start()
            spans.append((a, m.end()))
    _, rx = gazetteer()
    if rx is not None:
        folded, index = fold(text)
        for m in rx.finditer(folded):
            a, b = map_span(index, m.start(), m.end())
            spans.append((a, b))
    return spans


def cited(text: str, start: int, end: int) -> bool:
    """Is the word at [start, end) followed by a citation ("(2016)", "'s model")?"""
    return bool(_CITE_AFTER.match(text[end:end + 40]))


def theorist_citation(text: str, start: int, end: int, original: str) -> bool:
    """Is this name (matching a known person) a theorist cited, not the person?

    Only single surnames that are also in the gazetteer's theorists qualify, and
    only with a citation cue next to them: "Erikson (1950)", "Erikson's stages",
    "drawing on Erikson".
    """
    if fold_str(original) not in theorists():
        return False
    after = text[end:end + 40]
    before = text[max(0, start - 30):start]
    return bool(_CITE_AFTER.match(after) or _CITE_BEFORE.search(before))
