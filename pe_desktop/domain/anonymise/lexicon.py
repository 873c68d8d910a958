"""The English word list the unknown-name detector allows.

Two resource files under ``resources/qa/`` (see ``LICENSE-wordlists.txt``
there and ``scripts/build_anon_wordlists.py``, which generates them):

- ``english-words.txt``: ordinary English words, lower case, one per line,
  each with its frequency band (Zipf x 10). Words that only ever occur as
  names were filtered out when the list was built.
- ``name-words.txt``: first names and surnames that are ALSO ordinary words
  (Grace, Will, Frank, Autumn, Green): capitalised in running text they are
  more likely a person than the word.

Loaded once, on first use (a set of ~80k strings: ~50 ms), never at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pe_desktop.domain.anonymise.folding import fold_str

_SUFFIXES = ("ied", "'s", "’s", "s'", "s", "es", "ies", "ed", "d", "ing", "er", "ers", "ly", "ness",
             "ment", "ments", "ful", "less", "able", "ably", "ity", "ive", "ist", "ists",
             "ism", "al", "ally", "ise", "ised", "ises", "ising", "isation", "ize", "ized",
             "ization", "est", "ship", "hood")
_PREFIXES = ("un", "non", "re", "pre", "post", "over", "under", "anti", "co", "self", "mis",
             "dis", "sub", "inter", "multi", "semi", "out", "counter", "de", "in", "im", "ir",
             "il", "hyper", "hypo", "neuro", "trans", "cross", "mid", "well", "ill", "tri", "bi")


#: A derived form counts as a word only if its stem is at least this common (Zipf x 10).
STEM_BAND = 30


@dataclass
class Lexicon:
    words: dict[str, int] = field(default_factory=dict)  # folded word -> zipf x 10
    name_words: frozenset[str] = frozenset()

    def zipf(self, token: str) -> float:
        w = fold_str(token)
        return self.words.get(w, 0) / 10

    @lru_cache(maxsize=65536)  # noqa: B019 - one lexicon per process
    def is_word(self, token: str) -> bool:
        """Is ``token`` an ordinary English word (any inflection, hyphen parts, any case)?"""
        w = fold_str(token).strip("'’.-")
        if not w:
            return False
        if w in self.words or len(w) == 1:  # "a", "I", a list item "B"
            return True
        if "-" in w or "/" in w:
            parts = [p for p in re.split(r"[-/]", w) if p]
            return bool(parts) and all(self.is_word(p) for p in parts)
        for suf in _SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                stem = w[: -len(suf)]
                for base in (stem, stem + "e", stem + "y" if suf in ("ies", "ied") else "",
                             stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else ""):
                    # only from a common stem: "leeds" is not "leed" + s
                    if base and self.words.get(base, 0) >= STEM_BAND:
                        return True
        for pre in _PREFIXES:
            if w.startswith(pre) and len(w) - len(pre) >= 4 and \
                    self.words.get(w[len(pre):], 0) >= STEM_BAND:
                return True
        # British spellings of American entries and vice versa
        for a, b in (("our", "or"), ("ise", "ize"), ("isation", "ization"), ("yse", "yze"),
                     ("tre", "ter"), ("ogue", "og"), ("ence", "ense"), ("ll", "l")):
            if a in w and self.words.get(w.replace(a, b), 0) >= STEM_BAND:
                return True
        return False

    def is_name_word(self, token: str) -> bool:
        w = fold_str(token)
        if "-" in w:  # "Lily-Mae", "Mary-Jane"
            return any(self.is_name_word(p) for p in w.split("-"))
        return len(w) > 1 and w in self.name_words

    def __hash__(self) -> int:  # for lru_cache on methods
        return id(self)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    from pe_desktop.paths import resources_dir

    base = resources_dir() / "qa"
    words: dict[str, int] = {}
    path = base / "english-words.txt"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            word, _, band = line.partition("\t")
            words[word] = int(band or 0)
    extra = base / "domain-words.txt"
    if extra.exists():
        for line in extra.read_text(encoding="utf-8").splitlines():
            for word in line.split("#", 1)[0].split():
                words[fold_str(word)] = max(words.get(fold_str(word), 0), 40)
    name_words: set[str] = set()
    names = base / "name-words.txt"
    if names.exists():
        name_words = {fold_str(x) for x in names.read_text(encoding="utf-8").split()
                      if x and not x.startswith("#")}
    return Lexicon(words, frozenset(name_words))
