"""Golden redaction spans: proof that a change to the anonymiser keeps its output.

    python -m benchmarks.anonymise_golden --write FILE [--data-dir DIR] [--limit N]
    python -m benchmarks.anonymise_golden --check FILE

Runs fixed texts through the anonymiser and records every redaction (start, end,
category, label, source); the file keeps each case's inputs (texts, known entities,
choices), so ``--check`` re-runs them without building any database:

- ``corpus``: each passage of ``data/anonymise_corpus.jsonl`` with its own known set;
- ``corpus-merged``: each passage with every known set of the corpus and the demo
  merged (many names in one anonymiser);
- ``corpus-choices``: each passage with a few PE choices (redact / keep);
- ``demo``: every free-text value of the demo database with the demo's known entities;
- ``dataset`` (with ``--data-dir``): the free text of a generated dataset (a copy of
  it) with that dataset's known entities, the first ``--limit`` values.

``tests/unit/qa/test_anonymise_golden.py`` checks ``tests/data/anonymise_golden.json``
(written by the anonymiser before it was made faster, with 150 dataset texts).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REDACT_CHOICES = ("Sowerby Bridge", "residential care", "Mosaic", "Zo", "07700 900123")
KEEP_CHOICES = ("Abdullahi", "Halifax", "Erikson", "Values and Ethics", "Leeds")


def spans(anonymiser: Any, text: str) -> list[list[Any]]:
    return [[r.start, r.end, r.category, r.label, r.source]
            for r in anonymiser.anonymise(text).redactions]


def free_texts(ctx: Any) -> list[str]:
    """Every distinct non-empty free-text value in the database, sorted."""
    from sqlalchemy import select

    from pe_desktop.storage.base import PII_FREE_TEXT, Base

    values: set[str] = set()
    with ctx.read_session() as s:
        for table in Base.metadata.sorted_tables:
            for col in table.columns:
                if col.info.get("pii") != PII_FREE_TEXT:
                    continue
                for (v,) in s.execute(select(col).distinct()):
                    if isinstance(v, str) and v.strip():
                        values.add(v)
                    elif isinstance(v, dict):  # JSON narratives
                        values.update(x for x in v.values() if isinstance(x, str) and x.strip())
    return sorted(values)


def demo_case(tmp: Path) -> tuple[Any, list[str]]:
    import os

    from tests.clocks import make_clock
    from tests.keys import TEST_KEY

    # a throw-away demo database: the test suite's data key, no keyring
    os.environ.setdefault("PE_DESKTOP_DATA_KEY", TEST_KEY.hex())

    from pe_desktop.services.context import open_context
    from pe_desktop.services.demo import create_demo_data
    from pe_desktop.services.qa.known import known_entities

    ctx = open_context(tmp / "demo", clock=make_clock())
    try:
        create_demo_data(ctx)
        return known_entities(ctx), free_texts(ctx)
    finally:
        ctx.close()


def dataset_case(data_dir: Path, tmp: Path, limit: int) -> tuple[Any, list[str]]:
    from pe_desktop.services.context import open_context
    from pe_desktop.services.qa.known import known_entities

    shutil.copytree(data_dir, tmp / "dataset")
    ctx = open_context(tmp / "dataset")
    try:
        return known_entities(ctx), free_texts(ctx)[:limit]
    finally:
        ctx.close()


def merged(*sets: Any) -> Any:
    from pe_desktop.domain.anonymise import KnownEntities

    return KnownEntities(tuple(p for k in sets for p in k.people),
                         tuple(o for k in sets for o in k.organisations),
                         tuple(pl for k in sets for pl in k.places))


Case = dict[str, Any]  # {"known": KNOWN JSON, "redact": [...], "keep": [...], "items": [[text, spans]]}


def _case(known: Any, texts: list[str], redact: tuple[str, ...] = (),
          keep: tuple[str, ...] = ()) -> Case:
    return {"known": known.to_json(), "redact": list(redact), "keep": list(keep),
            "items": [[t, []] for t in texts]}


def cases(data_dir: Path | None = None, limit: int = 400) -> dict[str, Case]:
    """The inputs of every case (spans still empty)."""
    from benchmarks.anonymise import known_sets, load

    passages = load()
    sets = known_sets()
    out: dict[str, Case] = {}
    with tempfile.TemporaryDirectory(prefix="pe-anon-golden-") as tmp:
        demo_known, demo_texts = demo_case(Path(tmp))
        for name, known in sets.items():
            texts = [p.text for p in passages if p.known == name]
            out[f"corpus:{name}"] = _case(known, texts)
            out[f"corpus-choices:{name}"] = _case(known, texts, REDACT_CHOICES, KEEP_CHOICES)
        out["corpus-merged"] = _case(merged(*sets.values(), demo_known),
                                     [p.text for p in passages])
        out["demo"] = _case(demo_known, demo_texts)
        if data_dir is not None:
            known, texts = dataset_case(data_dir, Path(tmp), limit)
            out["dataset"] = _case(known, texts)
    return out


def run(golden: dict[str, Case]) -> dict[str, Case]:
    """Every case's spans with the current anonymiser."""
    from pe_desktop.domain.anonymise import Anonymiser, KnownEntities

    out = {}
    for name, case in golden.items():
        a = Anonymiser(KnownEntities.from_json(case["known"]), extra_redact=case["redact"],
                       keep=case["keep"])
        out[name] = {**case, "items": [[t, spans(a, t)] for t, _s in case["items"]]}
    return out


def compare(old: dict[str, Case], new: dict[str, Case]) -> list[str]:
    """Human-readable differences (empty when identical)."""
    diffs = []
    for name in sorted(set(old) | set(new)):
        a, b = old.get(name, {}).get("items", []), new.get(name, {}).get("items", [])
        if len(a) != len(b):
            diffs.append(f"{name}: {len(a)} texts before, {len(b)} now")
            continue
        for i, ((ta, sa), (tb, sb)) in enumerate(zip(a, b, strict=True)):
            if ta != tb:
                diffs.append(f"{name}[{i}]: the text differs")
            elif sa != sb:
                gone = [s for s in sa if s not in sb]
                added = [s for s in sb if s not in sa]
                diffs.append(f"{name}[{i}]: lost {[(s, ta[s[0]:s[1]]) for s in gone]} "
                             f"gained {[(s, tb[s[0]:s[1]]) for s in added]}")
    return diffs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", type=Path)
    mode.add_argument("--check", type=Path)
    ap.add_argument("--data-dir", type=Path)
    ap.add_argument("--limit", type=int, default=400)
    args = ap.parse_args(argv)
    if args.write:
        inputs = cases(args.data_dir, args.limit)
    else:
        inputs = json.loads(args.check.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    got = run(inputs)
    n = sum(len(c["items"]) for c in got.values())
    r = sum(len(s) for c in got.values() for _t, s in c["items"])
    print(f"{n} texts, {r} redactions in {time.perf_counter() - t0:.2f} s (anonymisers built "
          "and run)")
    if args.write:
        args.write.write_text(json.dumps(got, ensure_ascii=False, indent=0) + "\n",
                              encoding="utf-8")
        return 0
    diffs = compare(inputs, got)
    for line in diffs:
        print(line)
    print("identical" if not diffs else f"{len(diffs)} texts differ")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
