"""People and places the database does not know: an allow-list detector.

Why an allow-list and not NER: measured on placement-report passages, Presidio
with its defaults leaked 48% of identifiers and, even with UK recognisers and
the known names, 14%, while it tagged theorists as people; statistical NER is
weakest exactly where reports are hard (lower-case and all-caps names, names
after field labels, non-English names) and needs a model download. An
allow-list (Philter's design) inverts the risk: every capitalised token that is
NOT an ordinary English word, a domain term in the keep gazetteer, or a
sentence-initial ordinary word is redacted, and context cues ("his son X",
"Mrs X", "X Primary School", "X Surgery", "Ward 7") catch names that are also
words. Its failure mode is over-redaction (the PE un-redacts in the preview),
not a leak. It is pure Python over two word lists (see ``lexicon``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pe_desktop.domain.anonymise.folding import fold_str
from pe_desktop.domain.anonymise.keep import cited, theorists
from pe_desktop.domain.anonymise.lexicon import Lexicon, lexicon
from pe_desktop.domain.anonymise.places import month_in_date, place_tokens

__all__ = ["NameDetector", "lexicon", "Lexicon"]

_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*(?:['’]s?)?", re.UNICODE)
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lady",
          "lord", "rev", "revd", "cllr", "councillor", "judge", "father", "sister", "brother",
          "aunt", "auntie", "aunty", "uncle", "nan", "nana", "nanna", "nanny", "gran", "granny",
          "grandma", "grandad", "granddad", "grandpa", "grandmother", "grandfather", "cousin"}
#: Relation words after which the next word is a name ("his son Lennon", "Nan (Shirley)").
RELATIONS = {"son", "daughter", "brother", "sister", "mum", "mother", "father", "dad",
             "nan", "nana", "nanna", "gran", "granny", "grandma", "grandmother", "grandad",
             "granddad", "grandfather", "grandpa", "aunt", "auntie", "aunty", "uncle", "cousin",
             "partner", "husband", "wife", "boyfriend", "girlfriend", "ex-partner", "stepfather",
             "stepmother", "stepdad", "stepmum", "stepson", "stepdaughter", "niece", "nephew",
             "friend", "neighbour", "child", "baby", "infant", "toddler", "sibling", "twin",
             "called", "named", "aka", "alias", "nicknamed", "carer", "worker", "colleague",
             "manager", "supervisor", "student", "teacher", "headteacher", "senco", "gp",
             "social worker", "client", "resident", "patient", "service user", "tenant",
             "mentor", "tutor", "landlord", "solicitor", "advocate", "interpreter"}
#: Nouns that end the name of a place or institution ("Oak Primary School").
INSTITUTIONS = {
    "school": "organisation", "academy": "organisation", "college": "organisation",
    "nursery": "organisation", "surgery": "organisation", "practice": "organisation",
    "hospital": "organisation", "infirmary": "organisation", "hospice": "organisation",
    "centre": "organisation", "center": "organisation", "clinic": "organisation",
    "church": "organisation", "mosque": "organisation", "temple": "organisation",
    "gurdwara": "organisation", "synagogue": "organisation", "chapel": "organisation",
    "house": "place", "lodge": "place", "hall": "place", "court": "place", "estate": "place",
    "ward": "place", "unit": "organisation", "manor": "place", "grange": "place",
    "villa": "place", "villas": "place", "park": "place",
    "village": "place", "town": "place", "heights": "place", "towers": "place",
    "university": "organisation", "trust": "organisation", "council": "organisation",
    "project": "organisation", "foundation": "organisation", "housing": "organisation",
    "primary": "organisation", "infants": "organisation", "juniors": "organisation",
    "club": "organisation", "pharmacy": "organisation", "library": "organisation",
    "prison": "organisation", "hmp": "organisation", "hostel": "place", "refuge": "place",
    "road": "address", "street": "address", "lane": "address", "avenue": "address",
    "grove": "address", "close": "address", "drive": "address", "crescent": "address",
    "terrace": "address", "way": "address", "walk": "address", "mews": "address",
    "view": "address", "rise": "address", "row": "address", "square": "address",
    "parade": "address", "gardens": "address", "green": "place", "fold": "address",
    "croft": "address", "vale": "address", "mount": "address", "place": "address",
}
#: Capitalised words that may precede an institution noun without naming one.
GENERIC = {"the", "a", "an", "local", "family", "children's", "childrens", "day", "community",
           "health", "medical", "primary", "secondary", "special", "high", "junior", "infant",
           "nursery", "general", "district", "city", "county", "mental", "main", "pupil",
           "referral", "comprehensive", "grammar", "independent", "residential", "secure",
           "acute", "psychiatric", "maternity", "women's", "his", "her", "their", "our", "my",
           "new", "previous", "current", "same", "this", "that", "assessment", "respite",
           "care", "nursing", "foster", "children", "youth", "sixth", "form", "further",
           "education", "private", "state", "catholic", "church", "of", "england", "ce",
           "rc", "faith", "free", "boarding", "job", "drop-in", "early", "years", "crown", "magistrates", "magistrates'", "appeal", "supreme",
           "coroner's", "royal", "university", "teaching", "open",
           "housing", "safeguarding", "mash", "hub", "contact", "social", "services", "team",
           "adult", "adults", "child", "and", "for", "in", "on", "with", "out", "hours"}
#: Numbered things that are not places ("Level 3", "Year 6", "Stage 2").
NUMBERED_OK = {"level", "stage", "tier", "domain", "section", "article", "part", "schedule",
               "page", "week", "day", "year", "step", "phase", "module", "band", "grade",
               "chapter", "appendix", "annex", "regulation", "standard", "form", "session",
               "meeting", "visit", "floor", "question", "point", "item", "number", "no",
               "paragraph", "para", "rule", "version", "option", "priority", "cycle", "key",
               "covid", "covid-19", "team", "group", "appointment", "month", "term",
               "semester", "placement", "block", "category", "type", "tranche",
               "round", "line", "figure", "table", "box", "unit", "quarter", "q", "wave"}
PERSON_VERBS = {"said", "says", "told", "tells", "was", "is", "has", "had", "and", "shared",
                "attended", "explained", "reported", "disclosed", "stated", "felt", "feels",
                "wanted", "wants", "lives", "lived", "asked", "agreed", "became", "describes",
                "described", "appeared", "seemed", "spoke", "went", "came", "would", "will",
                "could", "can", "did", "does", "made", "gave", "showed", "responded",
                "presented", "engaged", "struggled", "refused", "declined", "admitted",
                "denied", "cried", "smiled", "laughed", "left", "arrived", "moved", "began",
                "started", "continues", "continued", "needs", "needed", "likes", "loves",
                "enjoys", "mentioned", "noted", "confirmed", "called", "phoned", "rang",
                "emailed", "texted", "visited", "saw", "met", "who", "whose", "herself",
                "himself", "themself", "themselves"}


_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "their",
                "our", "my", "your", "its", "each", "every", "whose"}
#: Capitalised words that end a name chain rather than continue it.
_CHAIN_STOP = {"i", "the", "a", "an", "and", "or", "but", "mr", "mrs", "ms", "dr", "miss"}
#: Words after "Hope and" that show a person ("Hope and her mum", "Hope and I").
_NOT_NOUNS = _DETERMINERS | {"she", "he", "they", "i", "we", "you", "it", "me", "him",
                             "them", "us", "both", "all"} | PERSON_VERBS
#: Participles whose subject is a feeling, not a person ("Hope was expressed").
_ABSTRACT_PASSIVES = {"expressed", "voiced", "restored", "renewed", "rekindled", "fading",
                      "sustained", "instilled", "fostered", "evident"}
#: Capitalised prepositions a place name does not absorb ("In Reading, ...").
_PLACE_PREPS = {"in", "at", "near", "from", "to", "around", "outside", "into", "towards",
                "across", "via", "between", "of", "by", "for", "on"}
#: Below this Zipf frequency a capitalised word alone mid-sentence is taken as a name.
RARE_ZIPF = 3.6
#: Below this a first-name word is taken as a name even at the start of a sentence.
COMMON_ZIPF = 4.5
#: Suffixes that make abstract nouns, and how common their stem must be.
_ABSTRACT_SUFFIXES = ("ment", "ness", "ity", "ism", "ship", "hood", "tion", "sion", "ance",
                      "ence", "ency", "ancy")
ABSTRACT_STEM_ZIPF = 3.0


@dataclass(frozen=True)
class Tok:
    start: int
    end: int
    text: str  # without a trailing possessive

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def upper(self) -> bool:
        return len(self.text) > 1 and self.text.isupper()


def tokens(text: str) -> list[Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        s = m.group()
        end = m.end()
        for poss in ("'s", "’s", "'", "’"):
            if s.endswith(poss) and len(s) > len(poss) + 1:
                s = s[: -len(poss)]
                end -= len(poss)
                break
        s = s.rstrip(".")
        end = m.start() + len(s)
        if s:
            out.append(Tok(m.start(), end, s))
    return out


_SENTENCE_END = re.compile(r"(?:[.!?:;•*\u2022>|=\"“(\[]|^|\n|\s-\s|\s–\s)[\s\"“'‘(\[]*$")


_NEXT_CAP = re.compile(r" ([A-Z][\w'’&-]*)")
_PREV_CAP = re.compile(r"([A-Z][\w'’&-]*) $")


def extend_name(text: str, a: int, b: int, blocked: list[tuple[int, int]]) -> tuple[int, int]:
    """Grow a redacted name over the capitalised words around it on the same line:
    "[Todmorden] Food Bank", "Age UK [Sefton]", "[Sefton] Hill". Stops at titles,
    relation words, "I", "The", sentence starts, and anything already redacted."""
    def free(s: int, e: int) -> bool:
        return not any(x < e and s < y for x, y in blocked)

    while True:
        m = _NEXT_CAP.match(text, b)
        if not m or fold_str(m.group(1).rstrip("'’s")) in _CHAIN_STOP | TITLES | RELATIONS \
                or not free(m.start(1), m.end(1)) or text[b - 1:b] in ".:;!?":
            break
        w = m.group(1)
        b = m.end(1) - (2 if w.endswith(("'s", "’s")) else 0)
        if b < m.end(1):
            break
    while True:
        m = _PREV_CAP.search(text, 0, a)
        if not m or fold_str(m.group(1)) in _CHAIN_STOP | TITLES | RELATIONS \
                or not free(m.start(1), m.end(1)) or m.group(1).endswith(("'s", "’s")):
            break
        before = text[max(0, m.start(1) - 3):m.start(1)]
        if m.start(1) == 0 or re.search(r"[.!?:;\n(\[\"“•]\s*$", before):
            break  # a sentence's first word is not part of the name
        a = m.start(1)
    return a, b


class NameDetector:
    """Finds names and places that nobody told the anonymiser about."""

    def __init__(self, lex: Lexicon, known_words: set[str] | None = None) -> None:
        self.lex = lex
        self.known = known_words or set()
        self.enabled = bool(lex.words)

    def _sentence_initial(self, text: str, tok: Tok) -> bool:
        before = text[max(0, tok.start - 6):tok.start]
        if tok.start == 0:
            return True
        return bool(_SENTENCE_END.search(before)) and not re.search(
            r"\b(?:Mr|Mrs|Ms|Dr|St|Mx|No|vs|e\.g|i\.e|cf|approx|ref)\.\s*$", before)

    def _ordinary(self, text: str, tok: Tok) -> bool:
        """Is this capitalised token an ordinary word in this position?"""
        if fold_str(tok.text) in theorists():
            return True
        if not self.enabled:
            return True
        return self.lex.is_word(tok.text)

    def find(self, text: str, anchors: Sequence[tuple[int, int]] = ()
             ) -> Iterator[tuple[int, int, str, bool]]:
        """(start, end, category, strong): strong spans come from a context cue.
        ``anchors`` (street addresses, postcodes) let ``places`` see address lines."""
        toks = tokens(text)
        flags: list[str | None] = [None] * len(toks)  # category if redacted
        strong = [False] * len(toks)  # redacted on a cue no keep-phrase overrides
        for i, t in enumerate(toks):
            prev = toks[i - 1] if i else None
            gap = text[prev.end:t.start] if prev else ""
            prev_word = fold_str(prev.text) if prev else ""
            # 1. cues: a title or relation word right before
            if prev and prev_word in TITLES and prev.cap and re.fullmatch(r"\.?\s+", gap) \
                    and t.cap and not (prev_word in RELATIONS and self.lex.is_word(t.text)
                                       and not self.lex.is_name_word(t.text)):
                flags[i] = "person"
                strong[i] = True
                continue
            if prev and prev_word in RELATIONS and re.fullmatch(r"[,:]?\s*\(?\s*", gap) \
                    and not self._function(t) and self._could_be_name(t):
                flags[i] = "person"
                strong[i] = True
                continue
            if re.fullmatch(r"[^\W\d_](?:[.-]\s?[^\W\d_]){1,3}\.?", t.text) and t.text.isupper():
                flags[i] = "person"  # initials: J.K., J-K, J. K.
                continue
            if not (t.cap or t.upper):
                if self.enabled and len(t.text) >= 3 and not self.lex.is_word(t.text) and \
                        self._before_person_verb(text, toks, i):
                    flags[i] = "person"  # "lennon said"
                continue
            if cited(text, t.start, t.end) and not self._sentence_initial(text, t) or \
                    re.match(r"\s*(?:,\s*|\()(?:19|20)\d\d", text[t.end:t.end + 8]):
                continue  # "Wilson (2011)", "Thompson's PCS model": an author
            if fold_str(t.text) in RELATIONS or fold_str(t.text) in TITLES:
                continue
            if month_in_date(text, toks, i):
                continue  # "in April", "5 April": a date, not a place or a person
            if t.upper and len(t.text) <= 3 and re.match(r"['’]s\s", text[t.end:t.end + 3]) \
                    and not self.lex.is_word(t.text):
                flags[i] = "person"  # "JK's mother"
                continue
            if t.upper and len(t.text) <= 6:
                # acronyms: kept when known words or gazetteer entries (the gazetteer
                # vetoes later); unknown ones may name an organisation
                if self.enabled and not self.lex.is_word(t.text) and len(t.text) >= 3:
                    flags[i] = "organisation"
                continue
            if self._ordinary(text, t):
                if self._possessive_name(text, toks, i) or (
                        self.lex.is_name_word(t.text) and self._name_like(text, toks, i)) or \
                        self._rare_alone(text, toks, i):
                    flags[i] = self._category(text, t)
                continue
            flags[i] = self._category(text, t)
        if self.enabled:  # "moved to Reading", "Bath Station": places named by words
            for i in place_tokens(text, toks, flags, anchors):
                flags[i] = "place"
        for a, b, c in self._institutions(text, toks, flags):
            yield a, b, c, True
        for a, b, c in self._numbered_places(text):
            yield a, b, c, False
        yield from self._merge(text, toks, flags, strong)

    @staticmethod
    def _before_person_verb(text: str, toks: list[Tok], i: int) -> bool:
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        return nxt is not None and text[toks[i].end:nxt.start] == " " and \
            fold_str(nxt.text) in PERSON_VERBS - {"and", "who", "whose"}

    def _could_be_name(self, t: Tok) -> bool:
        """After "his son": "Lennon", "lennon", "Will" yes; "Protection", "who" no."""
        if not self.lex.is_word(t.text):
            return True
        return self.lex.is_name_word(t.text) or (t.cap and self.lex.zipf(t.text) < RARE_ZIPF)

    def _possessive_name(self, text: str, toks: list[Tok], i: int) -> bool:
        """ "to understand Poppy's regression": a capitalised word with a possessive,
        mid-sentence, not after a determiner, before a lower-case word."""
        t = toks[i]
        if not re.match(r"['’]s?\s+[a-z]", text[t.end:t.end + 4]) or \
                self._sentence_initial(text, t):
            return False
        prev = toks[i - 1] if i else None
        return prev is not None and not prev.cap and \
            fold_str(prev.text) not in _DETERMINERS

    @staticmethod
    def _category(text: str, t: Tok) -> str:
        """A place after "in", "near", "lives in"...; otherwise a person."""
        before = text[max(0, t.start - 12):t.start]
        if re.search(r"\b(?:in|near|around|outside|across|to|towards|of)\s+$", before):
            return "place"
        return "person"

    def _abstract_noun(self, w: str) -> bool:
        """ "Empowerment", "Reflexivity": an abstract noun made from a common word
        (capitalised as a heading or a value, never a name); "Clement" and
        "Laurence" have no such stem, and name words never count."""
        if self.lex.is_name_word(w):
            return False
        for suf in _ABSTRACT_SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                stem = w[: -len(suf)]
                if any(self.lex.zipf(base) >= ABSTRACT_STEM_ZIPF
                       for base in (stem, stem + "e", stem[:-1] + "y", stem + "ate")):
                    return True
        return False

    def _rare_alone(self, text: str, toks: list[Tok], i: int) -> bool:
        """A capitalised uncommon word ("Amir", "Obi") outside a Title Case phrase."""
        t = toks[i]
        w = fold_str(t.text)
        if len(w) < 2 or w not in self.lex.words or self.lex.zipf(w) >= RARE_ZIPF \
                or w in theorists() or self._abstract_noun(w):
            return False  # letters, derived forms ("safeguarded") and common words
        sentence_start = self._sentence_initial(text, t)
        for j in (i - 1, i + 1):
            if 0 <= j < len(toks) and toks[j].cap and self.lex.is_word(toks[j].text) and \
                    re.fullmatch(r"\s+|\s*(?:and|of|for|the|&)\s*",
                                 text[min(toks[j].end, t.end):max(toks[j].start, t.start)]) \
                    and not (j < i and sentence_start):
                return False  # "Independent Reviewing Officer"
        if sentence_start:
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            return nxt is not None and fold_str(nxt.text) in PERSON_VERBS and \
                text[t.end:nxt.start].strip() in ("", ",")
        return True

    def _function(self, t: Tok) -> bool:
        return fold_str(t.text) in {"who", "which", "that", "is", "was", "and", "the", "a",
                                    "an", "of", "to", "in", "with", "has", "had", "were",
                                    "are", "as", "at", "on", "for", "by", "or", "but", "not"}

    def _name_like(self, text: str, toks: list[Tok], i: int) -> bool:
        """A capitalised first-name word: a name mid-sentence, or before a verb or surname."""
        t = toks[i]
        if not self._sentence_initial(text, t):
            return True
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is None:
            return False
        gap = text[t.end:nxt.start]
        if "'" in text[t.end:t.end + 2] or "’" in text[t.end:t.end + 2]:
            return True  # "Grace's"
        if nxt.cap and gap.strip() == "" and (not self.lex.is_word(nxt.text)
                                               or self.lex.is_name_word(nxt.text)) \
                and not month_in_date(text, toks, i + 1):
            return True  # "Autumn Blake"
        if self.lex.zipf(t.text) < COMMON_ZIPF:
            return True  # "Sophia", "Milo": rarely a word at all
        if i + 2 < len(toks) and not toks[i + 2].cap and gap == " ":
            w1, w2 = fold_str(nxt.text), fold_str(toks[i + 2].text)
            if w1 == "and" and self.lex.is_word(w2) and w2 not in _NOT_NOUNS | RELATIONS:
                return False  # "Hope and resilience were themes", not "Hope and her mum"
            if w1 in ("was", "is", "were") and w2 in _ABSTRACT_PASSIVES:
                return False  # "Hope was expressed"
        return fold_str(nxt.text) in PERSON_VERBS and gap.strip() in ("", ",")

    def _institutions(self, text: str, toks: list[Tok], flags: list[str | None]
                      ) -> Iterator[tuple[int, int, str]]:
        for i, t in enumerate(toks):
            kind = INSTITUTIONS.get(fold_str(t.text))
            if kind is None or not t.cap:
                continue
            j = i
            while j > 0 and toks[j - 1].cap and re.fullmatch(r"[ ]|\s*&\s*|'s ", text[toks[j - 1].end:toks[j].start]) and not self._sentence_break(text, toks[j - 1]):
                j -= 1
            names = [x for x in toks[j:i] if fold_str(x.text) not in GENERIC
                     and fold_str(x.text) not in INSTITUTIONS]
            if not names:
                continue
            if kind == "address" and all(self.lex.is_word(x.text) for x in names) and \
                    not any(flags[k] for k in range(j, i)):
                kind = "address"
            start = next(x for x in toks[j:i] if fold_str(x.text) not in GENERIC).start
            yield start, t.end, kind

    def _sentence_break(self, text: str, t: Tok) -> bool:
        return self._sentence_initial(text, t) and fold_str(t.text) in GENERIC

    @staticmethod
    def _numbered_places(text: str) -> Iterator[tuple[int, int, str]]:
        for m in re.finditer(r"\b([A-Z][a-z]+)\s+(\d{1,2}[A-Za-z]?)\b(?![.,:/]\d)", text):
            word = m.group(1).lower()
            if word in NUMBERED_OK:
                continue
            if word == "ward" or not re.search(r"\b(?:19|20)\d\d\b", m.group(2)):
                yield m.start(), m.end(), "place"

    def _merge(self, text: str, toks: list[Tok], flags: list[str | None], strong: list[bool]
               ) -> Iterator[tuple[int, int, str, bool]]:
        """Adjacent redacted tokens become one span ("Shirley Mbeki-Walsh")."""
        i = 0
        while i < len(toks):
            if flags[i] is None:
                i += 1
                continue
            while i > 0 and flags[i - 1] is None and toks[i - 1].cap and \
                    text[toks[i - 1].end:toks[i].start] == " " and \
                    fold_str(toks[i - 1].text) not in _CHAIN_STOP | TITLES | RELATIONS \
                    and not (flags[i] == "place" and fold_str(toks[i - 1].text) in _PLACE_PREPS):
                i -= 1  # "Age UK Sefton", "Forward Leeds"; not "In [Reading]"
            j = i
            while j + 1 < len(toks) and re.fullmatch(r"[ ]|-", text[toks[j].end:toks[j + 1].start]) \
                    and (flags[j + 1] is not None or (
                        toks[j + 1].cap and fold_str(toks[j + 1].text) not in _CHAIN_STOP
                        and text[toks[j].end:toks[j].end + 1] not in "'’")):
                j += 1  # "Angela Bright", "Sowerby Bridge", "Calder Valley Citizens Advice"
            yield toks[i].start, toks[j].end, flags[i] or "person", any(strong[i:j + 1])
            i = j + 1
