"""Short adversarial run through the public CLI (the long one:
``python -m benchmarks.fuzz_cli --per-class 100``): no tracebacks, no data changed
on rejection, no personal data on stderr, one line per error."""

from __future__ import annotations

from benchmarks.fuzz_cli import report, run

PER_CLASS = 4  # x 5 classes = 20 generated inputs, on a 3-placement demo


def test_generated_malformed_inputs_through_the_cli(tmp_path, monkeypatch):
    monkeypatch.setenv("PE_DESKTOP_SECRET_STORE", "file")
    results = run(PER_CLASS, seed=11, subprocess_mode=False, work=tmp_path, placements=3)
    table = report(results)
    assert set(results) == {"json-values", "json-structure", "csv", "pdf-verify", "damaged-db"}
    for cls, r in results.items():
        assert r["tried"] == PER_CLASS, cls
        assert (r["crash"], r["changed"], r["pii"], r["noisy"]) == (0, 0, 0, 0), table
