"""decode_row's per-column fast paths give exactly what decode_value gives: the
same value, or the same refusal message."""

from __future__ import annotations

from pe_desktop.services.interchange.document import tables_in_order
from pe_desktop.services.interchange.validation import _Bad, _fast_decoder, decode_value

SAMPLES = [None, "", "x", "Zoë Ng", "a\tb", "line\nbreak", "esc\x1b", "nul\x00", "\ud800",
           "bidi\u202e", "x" * 301, "y" * 5000, "2026-11-23", "1899-12-31", "2026-02-30",
           "20261123", "2026-11-23T10:00:00+00:00", "10:30", "?ukasz", "0" * 64,
           "123e4567-e89b-12d3-a456-426614174000", "123E4567-E89B-12D3-A456-426614174000",
           "2026-11-23T10:00:00", "2026-11-23 10:00:00.000000", "1899-12-31T23:00:00-02:00",
           "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-14:00", "A" * 64,
           0, 1, -1, 2**63, -(2**63) - 1, True, False, 1.5, float("inf"), [], {}]


def _outcome(fn, value):
    try:
        return ("ok", fn(value))
    except _Bad as bad:
        return ("bad", bad.message)


def test_fast_paths_agree_with_decode_value_on_every_column():
    checked = 0
    for table in tables_in_order():
        from pe_desktop.services.field_rules import rules_for

        rules = rules_for(table.name)
        for col in table.columns:
            rule = rules[col.name]
            enum_class = getattr(col.type, "enum_class", None)
            fast = _fast_decoder(rule, enum_class)
            samples = SAMPLES + list(rule.choices[:2])
            for value in samples:
                got = _outcome(fast, value)
                want = _outcome(lambda v, r=rule, e=enum_class: decode_value(r, v, e), value)
                assert got == want, (table.name, col.name, value)
                checked += 1
    assert checked > 1000
