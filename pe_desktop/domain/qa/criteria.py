"""QA review criteria as data (``resources/qa/criteria-v*.json``) and the rules
that compare reviews: completeness, disagreement and the agreed view.

A panel may edit its own copy of the criteria file (``panel criteria``
settings point at it); every review records the criteria version it used.
Ratings are ordinal (``meets`` 2, ``partly`` 1, ``not_met`` 0); ``na`` has no
score, and a rated criterion against ``na`` counts as the widest disagreement.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = "pe-desktop/qa-criteria"


@dataclass(frozen=True)
class Criterion:
    key: str
    title: str
    guidance: str
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class Rating:
    key: str
    label: str
    score: int | None


@dataclass(frozen=True)
class Criteria:
    version: str
    title: str
    ratings: tuple[Rating, ...]
    criteria: tuple[Criterion, ...]
    themes: tuple[str, ...]
    max_spread: int
    max_differences: int

    @property
    def rating_keys(self) -> tuple[str, ...]:
        return tuple(r.key for r in self.ratings)

    def label(self, rating: str) -> str:
        return next((r.label for r in self.ratings if r.key == rating), rating)

    def score(self, rating: str) -> int | None:
        return next((r.score for r in self.ratings if r.key == rating), None)

    def for_kind(self, kind: str) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if kind in c.kinds)

    def template(self, kind: str) -> dict[str, Any]:
        """The blank form for an item of ``kind`` (what ``panel review --template`` prints)."""
        return {
            "criteria_version": self.version,
            "allowed_ratings": {r.key: r.label for r in self.ratings},
            "ratings": [{"key": c.key, "title": c.title, "guidance": c.guidance,
                         "rating": "", "comment": ""} for c in self.for_kind(kind)],
            "good_practice": [],
            "themes": [],
            "allowed_themes": list(self.themes),
            "comment": "",
        }

    def check(self, kind: str, form: dict[str, Any]) -> dict[str, dict[str, str]]:
        """A filled form's ratings as ``{key: {"rating", "comment"}}``; ValueError if incomplete."""
        if not isinstance(form, dict) or not isinstance(form.get("ratings"), list):
            raise ValueError("The form has no \"ratings\" list.")
        if form.get("criteria_version", self.version) != self.version:
            raise ValueError(f"The form is for criteria {form.get('criteria_version')!r}; "
                             f"this panel uses {self.version!r}.")
        got: dict[str, dict[str, str]] = {}
        for entry in form["ratings"]:
            if not isinstance(entry, dict) or "key" not in entry:
                raise ValueError("Each rating needs a \"key\".")
            got[str(entry["key"])] = {"rating": str(entry.get("rating") or ""),
                                      "comment": str(entry.get("comment") or "").strip()}
        wanted = [c.key for c in self.for_kind(kind)]
        unknown = sorted(set(got) - set(wanted))
        if unknown:
            raise ValueError(f"Unknown criterion for a {kind} report: {unknown[0]}.")
        missing = [k for k in wanted if not got.get(k, {}).get("rating")]
        if missing:
            raise ValueError(f"Rate every criterion: {', '.join(missing)} not rated.")
        bad = [k for k in wanted if got[k]["rating"] not in self.rating_keys]
        if bad:
            raise ValueError(f"{bad[0]}: rating {got[bad[0]]['rating']!r} is not one of "
                             + ", ".join(self.rating_keys) + ".")
        return {k: got[k] for k in wanted}

    def step(self, a: str, b: str) -> int:
        """How far apart two ratings are (rated against ``na`` is the widest)."""
        sa, sb = self.score(a), self.score(b)
        if sa is None and sb is None:
            return 0
        if sa is None or sb is None:
            return max(r.score or 0 for r in self.ratings)
        return abs(sa - sb)

    def disagreement(self, reviews: list[dict[str, str]]) -> tuple[bool, list[str]]:
        """Whether ``reviews`` (each ``{criterion: rating}``) need moderation, and where."""
        if len(reviews) < 2:
            return False, []
        keys = [c.key for c in self.criteria if all(c.key in r for r in reviews)]
        wide, differ = [], []
        for k in keys:
            spread = max(self.step(a[k], b[k]) for a in reviews for b in reviews)
            if spread > self.max_spread:
                wide.append(k)
            elif spread:
                differ.append(k)
        flagged = bool(wide) or len(differ) > self.max_differences
        return flagged, wide + (differ if flagged else [])

    def agreed(self, reviews: list[dict[str, str]]) -> dict[str, str]:
        """Without moderation: each criterion's most common rating; a tie takes the lower."""
        out: dict[str, str] = {}
        for c in self.criteria:
            votes = [r[c.key] for r in reviews if c.key in r]
            if not votes:
                continue
            counts = Counter(votes)
            top = max(counts.values())
            tied = [v for v in counts if counts[v] == top]
            out[c.key] = min(tied, key=lambda v: (self.score(v) is None, self.score(v) or 0))
        return out


def parse_criteria(data: dict[str, Any]) -> Criteria:
    try:
        if data.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} file")
        ratings = tuple(Rating(str(r["key"]), str(r["label"]),
                               None if r.get("score") is None else int(r["score"]))
                        for r in data["ratings"])
        crit = tuple(Criterion(str(c["key"]), str(c["title"]), str(c.get("guidance", "")),
                               tuple(c.get("kinds", ("midway", "final"))))
                     for c in data["criteria"])
        mod = data.get("moderation", {})
        out = Criteria(str(data["version"]), str(data.get("title", "")), ratings, crit,
                       tuple(str(t) for t in data.get("themes", [])),
                       int(mod.get("max_spread", 1)), int(mod.get("max_differences", 3)))
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"The criteria file cannot be read: {exc}") from exc
    if len({c.key for c in crit}) != len(crit) or not crit:
        raise ValueError("The criteria file needs criteria with distinct keys.")
    return out


def load_criteria(path: Path | None = None) -> Criteria:
    from pe_desktop.paths import resources_dir

    path = path or resources_dir() / "qa" / "criteria-v1.json"
    return parse_criteria(json.loads(Path(path).read_text(encoding="utf-8")))
