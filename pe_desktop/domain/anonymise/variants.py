"""Every way a known person, organisation or place may be written.

People: full name, each given name and surname, the preferred name, hyphen
and double-barrelled parts, surname particles (Ní Bhriain, van der Berg),
titles (Ms Haddad), and initials (ZB, Z.B., Z. B., Z-B). Matching itself is
case- and accent-insensitive (see ``folding``), so ALL CAPS, lower case and
unaccented spellings need no variants of their own; possessives are covered
because a match ends at a word boundary before ``'s``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pe_desktop.domain.anonymise.folding import fold_str
from pe_desktop.domain.anonymise.model import CATEGORY_LABELS, ROLE_LABELS, KnownEntities

TITLES = ("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame",
          "master", "rev", "revd", "cllr")
#: Lower-case words that belong to the surname that follows them.
PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "la", "le",
             "ni", "nic", "o", "mac", "mc", "bin", "bint", "ibn", "al", "el", "ben", "ap",
             "ter", "st", "dos", "das", "do"}
#: Dotless initials that are ordinary words or everyday acronyms: only the dotted
#: form (I.T.) is treated as initials.
INITIAL_STOP = {"am", "an", "as", "at", "be", "by", "do", "go", "he", "hi", "if", "in", "is",
                "it", "me", "my", "no", "of", "ok", "on", "or", "so", "to", "up", "us", "we",
                "uk", "gp", "pe", "sw", "cp", "la", "ta", "pm", "tv", "id", "ma", "ba", "hr",
                "ot", "ad", "ae", "ic", "ft", "pt", "eu", "nb", "re", "vs", "mh", "sen", "asd",
                "who", "nhs", "can", "the", "and", "but", "for", "not", "you", "all", "any",
                "are", "was", "has", "had", "his", "her", "its", "our", "she", "him", "may",
                "epr", "pcf", "oss", "cin", "lac", "sgo", "iro", "mash", "ehcp", "adhd",
                "dols", "lpa", "pip", "esa", "dwp", "cqc", "swe", "ofsted", "lado"}
#: Words in organisation and place names that identify nothing on their own.
GENERIC_ORG_WORDS = {
    "the", "of", "and", "for", "&", "in", "on", "at", "a", "an", "council", "city", "county",
    "borough", "district", "metropolitan", "team", "teams", "service", "services", "social",
    "care", "work", "children", "children's", "childrens", "adult", "adults", "adult's",
    "family", "families", "support", "university", "college", "school", "primary", "academy",
    "trust", "foundation", "nhs", "health", "hospital", "centre", "center", "ltd", "limited",
    "plc", "cic", "charity", "group", "housing", "association", "project", "unit", "ward",
    "community", "mental", "east", "west", "north", "south", "central", "early", "help",
    "youth", "young", "people", "people's", "assessment", "safeguarding", "duty", "hub",
    "partnership", "local", "authority", "authorities", "department", "office", "house",
    "home", "homes", "network", "board", "road", "street", "new", "old", "upper", "lower",
    "great", "little", "st", "saint", "st.", "royal", "general", "infirmary", "surgery",
    "practice", "medical", "court", "place", "park", "green", "hill", "estate", "way",
    "kingdom", "united", "national", "regional", "area", "integrated", "disability",
    "disabilities", "learning", "older", "fostering", "adoption", "leaving", "looked", "after", "child", "protection", "drug", "alcohol", "recovery", "refuge",
    "women's", "women", "men", "aid", "domestic", "abuse", "homeless", "homelessness",
    "carers", "carer", "day", "residential", "supported", "living", "floating", "team,",
    "institute", "faculty", "school's", "studies", "studies,", "education", "policy",
}


@dataclass(frozen=True)
class Variant:
    """A folded string to find at word boundaries, and what it becomes."""

    folded: str
    category: str
    label: str
    role: str = ""  # the person's role, "" for organisations and places
    kind: str = "name"  # "name" | "initials" | "part"


_SPLIT = re.compile(r"[\s]+")


def _name_parts(name: str) -> tuple[list[str], list[str]]:
    """(given names, surname words) of a full name; particles join the surname."""
    words = [w.strip(",.()") for w in _SPLIT.split(name.strip()) if w.strip(",.()")]
    words = [w for w in words if fold_str(w).rstrip(".") not in TITLES] or words
    if len(words) <= 1:
        return words, []
    # The surname starts at the first particle after the first word, else the last word.
    start = len(words) - 1
    for i in range(1, len(words) - 1):
        if fold_str(words[i]) in PARTICLES:
            start = i
            break
    return words[:start], words[start:]


def _initials(letters: list[str]) -> list[str]:
    """Spellings of initials: ZB, Z.B., Z. B., Z-B (all folded to lower case)."""
    if len(letters) < 2:
        return []
    plain = "".join(letters)
    forms = [".".join(letters) + ".", ". ".join(letters) + ".", "-".join(letters),
             ".".join(letters)]
    if plain not in INITIAL_STOP:
        forms.append(plain)
    return forms


def person_variants(name: str, preferred: str, role: str) -> list[Variant]:
    label = ROLE_LABELS.get(role, ROLE_LABELS["other"])
    given, surname = _name_parts(name)
    strings: set[str] = set()
    parts: set[str] = set()
    full = " ".join(given + surname)
    if full:
        strings.add(full)
    if name.strip():
        strings.add(" ".join(name.split()))
    sur = " ".join(surname)
    if sur:
        strings.add(sur)
        # Without particles too ("Bhriain", "Berg") and each hyphen part.
        core = [w for w in surname if fold_str(w) not in PARTICLES]
        if core and core != surname:
            strings.add(" ".join(core))
    for w in given + surname:
        for piece in [w, *w.split("-")]:
            if len(piece) >= 2 and fold_str(piece) not in PARTICLES:
                parts.add(piece)
    firsts = [g for g in given[:1]]
    if preferred:
        strings.add(preferred)
        for piece in preferred.split():
            if len(piece) >= 2:
                parts.add(piece)
        firsts.append(preferred)
        if sur:
            strings.add(f"{preferred} {sur}")
    for f in firsts:
        if sur:
            strings.add(f"{f} {sur}")
    for t in TITLES:
        for s in {sur, full, *(p for p in parts)}:
            if s:
                strings.add(f"{t} {s}")
                strings.add(f"{t}. {s}")
    out = [Variant(fold_str(s), "person", label, role, "name" if " " in s else "part")
           for s in strings if s]
    out += [Variant(fold_str(p), "person", label, role, "part") for p in parts]
    letters = [fold_str(w)[:1] for w in given + [x for s in surname for x in s.split("-")]
               if fold_str(w) not in PARTICLES and w[:1].isalpha()]
    first_last = [fold_str(given[0])[:1], fold_str(surname[-1])[:1]] if given and surname else []
    for group in {tuple(letters), tuple(first_last)}:
        for form in _initials(list(group)):
            out.append(Variant(form, "person", label, role, "initials"))
    return out


def _acronym(words: list[str]) -> str:
    letters = [w[0] for w in words if w[:1].isupper() and fold_str(w) not in {"of", "and", "the"}]
    return "".join(letters)


def org_variants(name: str, category: str, is_word=None) -> list[Variant]:
    """The whole name, its distinctive words, and its acronym (3+ letters)."""
    label = CATEGORY_LABELS[category]
    out = [Variant(fold_str(" ".join(name.split())), category, label)]
    words = [w.strip(",.()") for w in name.split()]
    distinctive = [w for w in words if w and fold_str(w) not in GENERIC_ORG_WORDS
                   and not w.isdigit()]
    for w in distinctive:
        if len(w) < 3 or (is_word is not None and is_word(w)):
            continue
        out.append(Variant(fold_str(w), category, label, kind="part"))
    if len(distinctive) >= 2:
        out.append(Variant(fold_str(" ".join(distinctive)), category, label))
    acronym = _acronym(words)
    if len(acronym) >= 3 and fold_str(acronym) not in INITIAL_STOP:
        out.append(Variant(fold_str(acronym), category, label, kind="initials"))
    return out


def all_variants(known: KnownEntities, is_word=None) -> list[Variant]:
    out: list[Variant] = []
    for p in known.people:
        out += person_variants(p.name, p.preferred_name, p.role)
    for o in known.organisations:
        out += org_variants(o, "organisation", is_word)
    for pl in known.places:
        out += org_variants(pl, "place", is_word)
    return [v for v in out if v.folded.strip(" .-")]
