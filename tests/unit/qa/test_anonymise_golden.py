"""The anonymiser's output does not drift: every redaction span of the corpus,
the demo database's free text and 150 texts of the large generated dataset is
what the anonymiser gave before it was made faster (issue 12's speed work).

Regenerate ``tests/data/anonymise_golden.json`` only for a deliberate change of
output: ``python -m benchmarks.anonymise_golden --write FILE --data-dir DIR --limit 150``.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from benchmarks.anonymise_golden import compare, run
from pe_desktop.domain.anonymise.trie import alternation, flat_alternation

GOLDEN = Path(__file__).resolve().parents[2] / "data" / "anonymise_golden.json"


def test_redaction_spans_match_the_golden_file():
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert {"corpus:A", "corpus-merged", "demo", "dataset"} <= set(golden)
    assert sum(len(c["items"]) for c in golden.values()) > 500
    assert compare(golden, run(golden)) == []


def test_golden_check_notices_a_changed_span():
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    case = {"corpus:A": golden["corpus:A"]}
    altered = json.loads(json.dumps(case))
    altered["corpus:A"]["items"][0][1][0][1] += 1
    assert len(compare(altered, run(case))) == 1


def test_prefix_tree_matches_the_flat_alternation():
    rng = random.Random(12)
    for _ in range(200):
        words = {"".join(rng.choice("ab .'-é") for _ in range(rng.randint(1, 6))).strip()
                 for _ in range(rng.randint(1, 30))} - {""}
        for space in (r"[\s]+", r"\s+"):
            tree = re.compile(rf"(?<![\w@])(?:{alternation(words, space)})(?![\w@]|\.\w)")
            flat = re.compile(rf"(?<![\w@])(?:{flat_alternation(words, space)})(?![\w@]|\.\w)")
            for _ in range(20):
                text = "".join(rng.choice("ab .'-\t\ncé") for _ in range(rng.randint(0, 40)))
                assert [m.span() for m in tree.finditer(text)] == \
                    [m.span() for m in flat.finditer(text)], (words, text)


def test_prefix_tree_falls_back_for_other_whitespace():
    assert alternation({"a\tb", "a b"}, r"\s+") == flat_alternation({"a\tb", "a b"}, r"\s+")


def test_titled_branch_matches_the_flat_alternation():
    """Known variants with every title before every name factor into one branch."""
    from pe_desktop.domain.anonymise.engine import SPACE, _variant_body
    from pe_desktop.domain.anonymise.variants import TITLES

    rng = random.Random(7)
    for _ in range(60):
        names = {"".join(rng.choice("ab -") for _ in range(rng.randint(1, 4))).strip()
                 for _ in range(rng.randint(1, 5))} - {""}
        others = {"".join(rng.choice("mrsab. ") for _ in range(rng.randint(1, 6))).strip()
                  for _ in range(rng.randint(0, 8))} - {""}
        strings = {t + sep + n for t in TITLES for sep in (" ", ". ") for n in names} | others
        tree = re.compile(rf"(?<![\w@])(?:{_variant_body(strings)})(?![\w@]|\.\w)")
        flat = re.compile(rf"(?<![\w@])(?:{flat_alternation(strings, SPACE)})(?![\w@]|\.\w)")
        for _ in range(40):
            text = " ".join(rng.choice([*TITLES, "mr.", "dr.", "a", "b", "ab", "a-b", "s", "."])
                            for _ in range(rng.randint(0, 8)))
            assert [m.span() for m in tree.finditer(text)] == \
                [m.span() for m in flat.finditer(text)], (strings, text)
