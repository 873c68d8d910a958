"""The labelled corpus: 0 leaks of known entities and pattern identifiers (the
unknown-name and keep figures are printed; ``python -m benchmarks.anonymise``)."""

from __future__ import annotations

from benchmarks.anonymise import evaluate, load, report


def test_corpus_known_and_pattern_identifiers_never_leak(capsys):
    passages = load()
    assert len(passages) >= 50
    score = evaluate(passages)
    with capsys.disabled():
        report("anonymise corpus", score, show=False)
    known_or_pattern = [line for line in score.leaks
                        if " known:" in line or " pattern:" in line]
    assert known_or_pattern == []
    assert score.keep_kept / score.keep_total >= 0.9
