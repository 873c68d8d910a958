"""Anonymisation benchmark: leaks by category, keep-rate, time per passage.

    python -m benchmarks.anonymise [--split dev|heldout|all] [--show]

The corpus (``benchmarks/data/anonymise_corpus.jsonl``, markup in
``benchmarks/README.md``) marks every identifier ``[[category|text]]`` (``*`` after
the category: the database knows it) and every phrase a reviewer needs
``{{text}}``. An identifier LEAKS when any of its words (bar "the", "of", "and"...)
shows a letter or digit outside every redaction; a keep-phrase is KEPT when no redaction touches it. Passages
with ``"split": "heldout"`` were set aside before any tuning: report them apart.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
MARK = re.compile(r"\[\[(?P<cat>[a-z_]+)(?P<known>\*?)\|(?P<id>.*?)\]\]|\{\{(?P<keep>.*?)\}\}")


@dataclass
class Passage:
    id: int
    kind: str
    split: str
    known: str
    text: str
    identifiers: list[tuple[int, int, str, bool]] = field(default_factory=list)
    keeps: list[tuple[int, int]] = field(default_factory=list)


def parse(line: str) -> Passage:
    d = json.loads(line)
    p = Passage(d["id"], d["kind"], d["split"], d["known"], "")
    out: list[str] = []
    pos = 0
    length = 0
    for m in MARK.finditer(d["text"]):
        out.append(d["text"][pos:m.start()])
        length += len(d["text"][pos:m.start()])
        inner = m.group("id") if m.group("cat") else m.group("keep")
        if m.group("cat"):
            p.identifiers.append((length, length + len(inner), m.group("cat"),
                                  bool(m.group("known"))))
        else:
            p.keeps.append((length, length + len(inner)))
        out.append(inner)
        length += len(inner)
        pos = m.end()
    out.append(d["text"][pos:])
    p.text = "".join(out)
    return p


def load(path: Path | None = None) -> list[Passage]:
    path = path or DATA / "anonymise_corpus.jsonl"
    return [parse(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def known_sets() -> dict:
    from pe_desktop.domain.anonymise import KnownEntities

    raw = json.loads((DATA / "anonymise_known.json").read_text(encoding="utf-8"))
    return {k: KnownEntities.from_json(v) for k, v in raw.items()}


@dataclass
class Score:
    total: dict[str, int] = field(default_factory=dict)
    leaked: dict[str, int] = field(default_factory=dict)
    keep_total: int = 0
    keep_kept: int = 0
    seconds: float = 0.0
    passages: int = 0
    leaks: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)

    @property
    def leak_count(self) -> int:
        return sum(self.leaked.values())


def group(category: str, known: bool) -> str:
    if known:
        return "known"
    return category if category in ("person", "organisation", "place") else "pattern"


#: Words whose showing alone reveals nothing ("The [Organisation]").
FUNCTION_WORDS = {"the", "of", "and", "a", "an", "for", "at", "in", "on"}


def leaked(text: str, a: int, b: int, covered: list[bool]) -> bool:
    """Does any word of the identifier [a, b) show (function words aside)?"""
    for m in re.finditer(r"\w+", text[a:b]):
        if m.group().lower() in FUNCTION_WORDS:
            continue
        if any(not covered[i] for i in range(a + m.start(), a + m.end())):
            return True
    return False


def evaluate(passages: list[Passage]) -> Score:
    from pe_desktop.domain.anonymise import Anonymiser

    sets = known_sets()
    anonymisers = {k: Anonymiser(v) for k, v in sets.items()}
    for a in anonymisers.values():  # warm the word lists outside the timing
        a.anonymise("Warm up.")
    score = Score()
    for p in passages:
        t0 = time.perf_counter()
        res = anonymisers[p.known].anonymise(p.text)
        score.seconds += time.perf_counter() - t0
        score.passages += 1
        covered = [False] * len(p.text)
        for r in res.redactions:
            for i in range(r.start, r.end):
                covered[i] = True
        for a, b, cat, known in p.identifiers:
            key = f"{group(cat, known)}:{cat}"
            score.total[key] = score.total.get(key, 0) + 1
            if leaked(p.text, a, b, covered):
                score.leaked[key] = score.leaked.get(key, 0) + 1
                score.leaks.append(f"#{p.id} {key} {p.text[a:b]!r}")
        for a, b in p.keeps:
            score.keep_total += 1
            if any(covered[a:b]):
                score.lost.append(f"#{p.id} {p.text[a:b]!r}")
            else:
                score.keep_kept += 1
    return score


def report(name: str, s: Score, show: bool) -> None:
    print(f"== {name}: {s.passages} passages")
    print(f"{'category':<28}{'identifiers':>12}{'leaked':>8}")
    for key in sorted(s.total):
        print(f"{key:<28}{s.total[key]:>12}{s.leaked.get(key, 0):>8}")
    total = sum(s.total.values())
    print(f"{'ALL':<28}{total:>12}{s.leak_count:>8}  "
          f"({100 * s.leak_count / max(total, 1):.1f}% leaked)")
    print(f"keep-phrases kept: {s.keep_kept}/{s.keep_total} "
          f"({100 * s.keep_kept / max(s.keep_total, 1):.1f}%)")
    print(f"time per passage: {1000 * s.seconds / max(s.passages, 1):.2f} ms")
    if show:
        for line in s.leaks:
            print("  LEAK", line)
        for line in s.lost:
            print("  LOST", line)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["dev", "heldout", "places", "all"], default="all")
    ap.add_argument("--show", action="store_true", help="list every leak and lost phrase")
    args = ap.parse_args(argv)
    passages = load()
    t0 = time.perf_counter()
    splits = sorted({p.split for p in passages}, key=lambda s: (s != "dev", s != "heldout", s))
    for split in splits:
        if args.split in (split, "all"):
            report(split, evaluate([p for p in passages if p.split == split]), args.show)
    if args.split == "all":
        report("all", evaluate(passages), False)
    print(f"(total run {time.perf_counter() - t0:.1f} s, word lists loaded once)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
