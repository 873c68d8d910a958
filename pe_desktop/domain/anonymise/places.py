"""UK places whose names are ordinary words: "Reading", "Bath", "Sale", "March".

The allow-list detector (``names``) redacts every capitalised word that is not an
ordinary English word, so "Todmorden" and "Looe" never get through; but "she moved
to Reading" did, because "reading" is a word. ``resources/qa/uk-settlements.txt``
lists the UK settlements whose names are also words, and this module decides when
such a capitalised word is the place. It is, when the context says place:

1. after a locative or movement word: "in", "at", "near", "from", "to", "around",
   "outside", "into", "towards", "across", "via", "visited", "left", "the outskirts
   of", "the town of"... (so "lives in", "moved to", "based in", "grew up near"),
   optionally with "central", "north", "rural"... in between;
2. before a place word: "Reading Borough Council", "Bath Station", "the Sale area",
   "Reading town centre", "Wells Cathedral", "a Reading-based charity";
3. on an address line, next to a street address or a postcode ("12 Hope Street,
   Deal CT14 6XX");
4. in a list with a place ("between Bath and Wells", "Wisbech, March and Ely").

And it is NOT, whatever the rule above says:

- a month after a time word: "in March", "from January to March", "by March" are
  months; "March" is the town only after "near", "at", "outside", "towards",
  "visited"..., before a place word ("March Town", "March station"), on an address
  line or in a list with a place;
- a word used as a modifier: "Bath time", "Reading age", "Reading skills";
- a school subject: "Reading and Writing", "progress in Reading", "good at Reading";
- lower case ("reading"), or capitalised with none of the cues above ("Reading the
  case notes, she...", "Hope was expressed" is left to the name rules).

Loaded once, on first use (a few hundred names), never at import.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from pe_desktop.domain.anonymise.folding import fold_str

MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july",
                    "august", "september", "october", "november", "december"})

_MODIFIER = r"(?:(?:the\s+)?(?:central|north|south|east|west|northern|southern|eastern|" \
    r"western|inner|outer|rural|greater|nearby|old|urban|suburban)\s+)?"
#: Words before a place: "moved to", "lives in", "the outskirts of"...
_LOCATIVE = re.compile(
    r"(?:^|[^\w'’-])(?P<prep>in|at|near|nr|from|to|around|outside|into|towards?|across|"
    r"via|beyond|within|between|nearby|visited|visiting|visits?|left|leaving|leave|fled|reached|"
    r"reaching|(?:outskirts|centre|center|edge|city|town|village|area|suburbs|streets|"
    r"people|residents|north|south|east|west)\s+of)\s+" + _MODIFIER + r"$", re.IGNORECASE)
#: Locative words after which a month name is the town ("near March").
_MONTH_PLACE_PREPS = frozenset({"near", "nr", "at", "outside", "towards", "toward", "between",
                                "visited", "visiting", "visit", "visits", "via", "fled",
                                "reached", "reaching", "nearby"})
#: Place words after a place name: "Reading Borough Council", "the Bath area".
_FOLLOWER = re.compile(
    r"(?:['’]s)?\s+(?:(?:Borough|Council|Station|Hospital|Town|Centre|Center|College|"
    r"University|Children['’]?s\s+Services|Social\s+Services|Social\s+Care|Crown\s+Court|"
    r"County\s+Court|Family\s+Court|Magistrates['’]?|Police|Library|Jobcentre|Job\s+Centre|"
    r"Foodbank|Food\s+Bank|Leisure\s+Centre|Football\s+Club|FC|Infirmary|Royal\s+Infirmary|"
    r"General\s+Hospital|District|City|Civic|Town\s+Hall|Spa|Minster|Cathedral|Abbey|"
    r"Priory|Barracks|Prison|Mosque|Gurdwara|Synagogue|Parish|Road|Street|Lane|Avenue|"
    r"Bus\s+Station|Railway\s+Station|Retail\s+Park|Hub|Campus|Youth\s+Offending|"
    r"Family\s+Centre|Children['’]?s\s+Centre|Hub|Team|Trust|Surgery|Practice|School|"
    r"Academy|Nursery|Clinic|Services|Partnership)\b"
    r"|(?:area|areas|district|town\s+centre|city\s+centre|town|station|hospital|council|"
    r"office|offices|branch|campus|site|locality|suburbs|outskirts|postcode|estate|"
    r"estates|neighbourhood|high\s+street|train\s+station|bus\s+station|team|teams|"
    r"early\s+help|locality|patch|hub|service|services)\b(?!\s+(?:time|routine)))")
#: Descriptive words between a place and its institution ("Sale Moor Community Hub").
_DESCRIPTORS = r"(?:\s+(?:Community|Family|Families|Children['’]?s?|Early|Help|Youth|Health|" \
    r"Mental|Social|Care|Adult|Adults|Child|Young|People['’]?s?|Resource|Support|Day|" \
    r"Leisure|Sports?|Medical|General|District|Royal|Central|North|South|East|West|" \
    r"Women['’]?s|Men['’]?s|Parents['’]?|Carers['’]?|Learning|Wellbeing|Safeguarding|" \
    r"Housing|Neighbourhood|Multi-Agency|Integrated|Primary|Junior|Infant|Town|City))"
_FOLLOWER_LATER = re.compile(_DESCRIPTORS + r"{1,3}" + _FOLLOWER.pattern)
#: Lower-case nouns after the word that make it a modifier: "Bath time", "Reading age".
_MODIFIED = frozenset({"time", "times", "routine", "routines", "skills", "skill", "age",
                       "ages", "level", "levels", "ability", "abilities", "comprehension",
                       "book", "books", "material", "materials", "scheme", "schemes",
                       "group", "groups", "session", "sessions", "intervention",
                       "interventions", "recovery", "assessment", "assessments", "test",
                       "tests", "score", "scores", "record", "records", "list", "lists",
                       "task", "tasks", "progress", "target", "targets", "difficulties",
                       "plan", "plans", "log", "logs", "club", "buddy", "buddies", "water",
                       "toys", "towel", "towels", "mat", "seat", "chair", "lift",
                       "aids", "aid", "glasses", "corner", "diary", "partner",
                       "partners", "fluency", "journal", "journals", "challenge", "week",
                       "volunteer", "volunteers", "homework"})
#: School subjects: "Reading and Writing", "Maths, Reading" are lessons, not towns.
_SUBJECTS = frozenset({"maths", "mathematics", "math", "writing", "english", "spelling",
                       "spellings", "phonics", "numeracy", "literacy", "science",
                       "history", "geography", "art", "music", "drama", "pe", "ict",
                       "computing", "french", "spanish", "re", "handwriting", "grammar",
                       "comprehension", "speaking", "listening", "sats", "spag",
                       "punctuation", "oracy", "arithmetic"})
#: Words shortly before "in/at Reading" that make it the subject ("progress in Reading").
_ATTAINMENT = frozenset({"progress", "attainment", "achievement", "level", "levels",
                         "skills", "difficulties", "difficulty", "struggles", "struggled",
                         "struggling", "behind", "ahead", "good", "better", "best", "bad",
                         "worse", "weak", "weaker", "strong", "stronger", "excels",
                         "excelled", "improved", "improvement", "improving", "improve",
                         "confident", "confidence", "interest", "interested", "target",
                         "targets", "results", "result", "grade", "grades", "ability",
                         "strength", "strengths", "weakness", "expected", "gaps", "gap",
                         "scores", "score", "intervention", "delay", "delayed",
                         "achieving", "achieve", "achieved", "attaining", "attained"})
#: Words that never continue a name ("MOVED TO READING IN MAY" is all capitals).
_LINKS = frozenset({"in", "on", "at", "to", "for", "with", "and", "or", "but", "so", "by",
                    "from", "when", "where", "while", "last", "this", "next", "since",
                    "after", "before", "because", "until", "is", "was", "are", "were",
                    "has", "had", "the", "a", "an", "of", "as", "then", "now", "he", "she",
                    "they", "we", "i", "it", "her", "his", "their"})
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&)\s+|\s*/\s*)")
_ADDRESS_GAP = re.compile(r"[\s,\u2063]*(?:[A-Z][\w'’.-]*[\s,\u2063]+){0,2}")


class _Tok(Protocol):
    start: int
    end: int
    text: str

    @property
    def cap(self) -> bool: ...


@lru_cache(maxsize=1)
def settlements() -> dict[str, tuple[tuple[str, ...], ...]]:
    """First word (folded) -> every listed name starting with it, as folded words,
    longest first."""
    from pe_desktop.paths import resources_dir

    path = resources_dir() / "qa" / "uk-settlements.txt"
    names: dict[str, set[tuple[str, ...]]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            words = tuple(fold_str(w) for w in _words(line))
            if words:
                names.setdefault(words[0], set()).add(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in names.items()}


def _words(name: str) -> list[str]:
    """A name's words as the detector tokenises them ("King's Lynn" -> King, Lynn)."""
    from pe_desktop.domain.anonymise.names import tokens

    return [t.text for t in tokens(name)]


def _match(text: str, toks: Sequence[_Tok], i: int) -> int:
    """Index after the longest listed name starting at capitalised token ``i`` (or i)."""
    t = toks[i]
    if not t.cap:
        return i
    head = fold_str(t.text)
    m = re.fullmatch(r"(.+)-(?:based|born|raised|bred)", head)
    if m:  # "a Reading-based charity"
        return i + 1 if (m.group(1),) in settlements().get(m.group(1), ()) else i
    entries = settlements().get(head)
    if entries is None:
        return i
    for words in entries:
        j = i + len(words)
        if j > len(toks):
            continue
        if all(fold_str(toks[k].text) == words[k - i] for k in range(i + 1, j)) and all(
                len(text[toks[k - 1].end:toks[k].start]) <= 3
                and "\n" not in text[toks[k - 1].end:toks[k].start] for k in range(i + 1, j)):
            return j
    return i


def place_tokens(text: str, toks: Sequence[_Tok], flags: Sequence[str | None],
                 anchors: Sequence[tuple[int, int]] = ()) -> list[int]:
    """Indices of tokens that name a listed place in this context (see the module
    docstring). ``flags`` holds what the other rules found (``"place"`` seeds lists);
    ``anchors`` are street-address and postcode spans."""
    if not settlements():
        return []
    out: list[int] = []
    placed = [f == "place" for f in flags]
    for _pass in range(2):  # the second pass sees lists whose place comes later
        i = 0
        while i < len(toks):
            j = _match(text, toks, i)
            if j == i:
                i += 1
                continue
            if placed[i] or any(flags[k] for k in range(i, j)) or \
                    not _is_place(text, toks, i, j, placed, anchors):
                i = j
                continue
            for k in range(i, j):
                out.append(k)
                placed[k] = True
            i = j
    return out


def _is_place(text: str, toks: Sequence[_Tok], i: int, j: int, placed: list[bool],
              anchors: Sequence[tuple[int, int]]) -> bool:
    a, b = toks[i].start, toks[j - 1].end
    name = fold_str(text[a:b])
    month = j == i + 1 and name in MONTHS
    line_start = text.rfind("\n", 0, a) + 1
    before = text[max(line_start, a - 60):a]
    after = text[b:b + 40]
    if _modifier(after) or _subject(text, toks, i, j):
        return False
    if re.search(r"-(?:based|born|raised|bred)$", name):
        return not month
    if _FOLLOWER.match(after) or _FOLLOWER_LATER.match(after):
        return not (month and re.search(r"(?:\b(?:the|in|by|of|from|to|until|since|"
                                        r"during|early|late|mid|end|last|next|this)|\d)\s+$",
                                        before, re.IGNORECASE))
    if month and re.match(r"(?:['’]s\b|,?\s*\d)", after):
        return False  # "at March 2025", "March's review": a date
    m = _LOCATIVE.search(before)
    # a month after "in", "from", "to", "of"... stays a month ("in March"); a name
    # going on in another capitalised word is some other thing's name ("referred to
    # Street Triage", "in Reading Recovery")
    if m and (not month or m.group("prep").lower() in _MONTH_PLACE_PREPS) and not (
            j < len(toks) and toks[j].cap and text[b:toks[j].start] == " "
            and fold_str(toks[j].text) not in _LINKS):
        return True
    if _on_address_line(text, a, b, anchors):
        return True
    # a list with a place: "Bath and Wells", "Wisbech, March and Ely", "from Deal to March"
    k = j + 1 if j < len(toks) and fold_str(toks[j].text) in ("and", "or") else j
    if k < len(toks) and placed[k] and _LIST_GAP.fullmatch(text[b:toks[k].start]):
        return True  # "the Sandwich and [Deal] teams"
    if i > 0:
        k = i - 1
        if fold_str(toks[k].text) in ("and", "or", "to") and k > 0:
            k -= 1
        gap = text[toks[k].end:a]
        if placed[k] and (_LIST_GAP.fullmatch(gap) or re.fullmatch(r"\s+to\s+", gap) and re.search(
                r"\bfrom\s+$", text[max(0, toks[k].start - 60):toks[k].start], re.I)):
            return True
    return False


_TIME_BEFORE = frozenset({"in", "by", "until", "till", "since", "during", "early", "late",
                          "mid", "last", "next", "this", "every", "each", "throughout",
                          "before", "after", "between", "over"})
_PART_OF = re.compile(r"\b(?:end|start|beginning|middle|month|rest|half|week|weeks|course|"
                      r"\d+(?:st|nd|rd|th)?)\s+of\s+$", re.IGNORECASE)


def month_in_date(text: str, toks: Sequence[_Tok], i: int) -> bool:
    """Is capitalised token ``i`` a month used as a date? "in April", "by the end of
    April", "5 April", "April 2025", "from January to March". A month name that is
    also a first name ("she gave it to April", "April said") is not, so the name
    rules still see it."""
    t = toks[i]
    if fold_str(t.text) not in MONTHS:
        return False
    before = text[max(0, t.start - 40):t.start]
    after = text[t.end:t.end + 12]
    if re.match(r"['’]s\b", after):
        return False  # "April's mum"
    if re.match(r",?\s*(?:\d|\u2063)", after) or re.search(r"\d(?:st|nd|rd|th)?\s+$", before):
        return True  # "April 2025", "5 April", "5th April"; a masked date
    if _PART_OF.search(before):
        return True
    k = i - 1
    if k >= 0 and re.fullmatch(r"\s+", text[toks[k].end:t.start]):
        prev = fold_str(toks[k].text)
        if prev in _TIME_BEFORE:
            return True
        if prev in ("and", "or", "to") and k >= 1 and fold_str(toks[k - 1].text) in MONTHS:
            return True  # "January and April", "January to April"
    if k >= 0 and re.fullmatch(r"\s*[-–]\s*", text[toks[k].end:t.start]) and \
            fold_str(toks[k].text) in MONTHS:
        return True  # "January–April"
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and re.fullmatch(r"\s*[-–]\s*", text[t.end:nxt.start]) and \
            fold_str(nxt.text) in MONTHS:
        return True  # "January–April"
    return nxt is not None and fold_str(nxt.text) in ("to", "and", "or", "until") and \
        i + 2 < len(toks) and fold_str(toks[i + 2].text) in MONTHS


def _modifier(after: str) -> bool:
    """ "Bath time", "Reading age": the word modifies the lower-case noun after it."""
    m = re.match(r"(?:['’]s)?\s+([a-z]+)", after)
    return bool(m and m.group(1) in _MODIFIED)


def _subject(text: str, toks: Sequence[_Tok], i: int, j: int) -> bool:
    """A school subject: "Reading and Writing", "Maths, Reading", "progress in Reading"."""
    if j != i + 1 or not fold_str(toks[i].text).endswith("ing"):
        return False
    for k in (i - 2, i - 1, j, j + 1):
        if 0 <= k < len(toks) and k not in range(i, j) and toks[k].cap and \
                fold_str(toks[k].text) in _SUBJECTS:
            return True
    for k in (i - 1, j):  # "Reading and Spelling", "Listening, Reading"
        other = k - 1 if k < i else k + 1
        if 0 <= k < len(toks) and fold_str(toks[k].text) in ("and", "or", "&") and \
                0 <= other < len(toks) and toks[other].cap and \
                fold_str(toks[other].text).endswith("ing") and \
                fold_str(toks[other].text) not in settlements():
            return True
    # "progress in Reading", "good at Reading", "behind her peers in Reading"
    if i >= 1 and fold_str(toks[i - 1].text) in ("in", "at", "with", "for"):
        window = [fold_str(t.text) for t in toks[max(0, i - 4):i - 1]]
        return any(w in _ATTAINMENT for w in window)
    return False


def _on_address_line(text: str, a: int, b: int, anchors: Sequence[tuple[int, int]]) -> bool:
    """Next to a street address or postcode on the same line, separated only by commas
    and at most two other capitalised words ("[address], Deal, Kent [postcode]")."""
    for s, e in anchors:
        if e <= a:
            gap = text[e:a]
        elif s >= b:
            gap = text[b:s]
        else:
            continue
        if "\n" not in gap and len(gap) <= 40 and _ADDRESS_GAP.fullmatch(gap):
            return True
    return False
