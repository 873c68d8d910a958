"""Hostile interchange files: each class gives one clear line and changes nothing
(issue 11). Classes are listed by hand; a hypothesis run mutates single values
of a real export with hostile values."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import shutil

import pytest
from clocks import make_clock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.services.context import open_context
from pe_desktop.services.interchange.document import (
    export_document,
    import_document,
    read_json_file,
)
from pe_desktop.services.placements.service import PlacementInput, PlacementService
from pe_desktop.services.placements.students import StudentInput, StudentService
from pe_desktop.services.profile import ProfileData, ProfileService


def _small(ctx) -> None:
    ProfileService(ctx).save(ProfileData("Máire Ó Dónaill", "SW123456", "Independent"))
    st_ = StudentService(ctx).create(StudentInput("Łukasz Nowak", "University of Northfield",
                                                  "NF1", email="l@example.ac.uk"))
    from datetime import date

    from pe_desktop.domain.enums import PlacementKind

    PlacementService(ctx).create(PlacementInput(student_id=st_.id, kind=PlacementKind.FIRST,
                                                organisation="Westmoor", start_date=date(2026, 9, 7)))


@pytest.fixture
def small_ctx(ctx):
    _small(ctx)
    return ctx


def _state(ctx) -> str:
    doc = export_document(ctx)
    doc.pop("exported_at")
    files = sorted(p.name for p in ctx.paths.attachments.rglob("*") if p.is_file()) \
        if ctx.paths.attachments.exists() else []
    return hashlib.sha256(json.dumps([doc, files], sort_keys=True).encode()).hexdigest()


def _refused(ctx, doc) -> str:
    before = _state(ctx)
    with pytest.raises(PEDesktopError) as err:
        import_document(ctx, doc, replace=True)
    assert _state(ctx) == before
    message = str(err.value)
    assert "\n" not in message and len(message) < 600
    return message


def _set(doc, table, field, value, row=0):
    doc = copy.deepcopy(doc)
    doc["tables"][table][row][field] = value
    return doc


CLASSES = {
    "datetime-overflows-after-utc": (
        lambda d: _set(d, "students", "created_at", "9999-12-31T23:59:59-05:00"), "created_at"),
    "datetime-year-1": (lambda d: _set(d, "students", "updated_at", "0001-01-01T00:00:00+01:00"),
                        "updated_at"),
    "date-9999": (lambda d: _set(d, "placements", "start_date", "9999-12-31"), "start_date"),
    "int-beyond-sqlite": (lambda d: _set(d, "placements", "required_days", 10**30),
                          "required_days"),
    "id-beyond-sqlite": (lambda d: _set(d, "profile", "id", 10**25), "id"),
    "lone-surrogate": (lambda d: _set(d, "students", "full_name", "\ud800ukasz"), "surrogate"),
    "control-char": (lambda d: _set(d, "students", "full_name", "\x14ukasz"), "control"),
    "nul-byte": (lambda d: _set(d, "placements", "team", "Team\x00A"), "NUL"),
    "newline-in-name": (lambda d: _set(d, "students", "full_name", "A\nB"), "single line"),
    "bidi-override": (lambda d: _set(d, "students", "full_name", "\u202eevil"), "invisible"),
    "version-true": (lambda d: {**d, "version": True}, "version"),
    "version-string": (lambda d: {**d, "version": "4"}, "version"),
    "two-profiles": (lambda d: {**d, "tables": {**d["tables"], "profile": [
        d["tables"]["profile"][0], {**d["tables"]["profile"][0], "id": 2, "uid":
                                    "0f6d2a5e-1111-4c3b-9a55-3c4f9d5e6a7b"}]}}, "one row"),
    "nan-hours-as-float": (lambda d: _set(d, "placements", "days_per_week", float("nan")),
                           "whole number"),
    "bool-for-int": (lambda d: _set(d, "placements", "required_days", True), "whole number"),
    "list-for-enum": (lambda d: _set(d, "placements", "kind", ["first"]), "not one of"),
    "dict-for-text": (lambda d: _set(d, "students", "email", {"a": 1}), "text"),
    "uid-not-uuid": (lambda d: _set(d, "students", "uid", "not-a-uuid"), "UUID"),
    "unknown-field": (lambda d: _set(d, "students", "\x1b[31mred", 1), "not a known field"),
    "tables-not-object": (lambda d: {**d, "tables": []}, "tables"),
    "rows-not-list": (lambda d: {**d, "tables": {**d["tables"], "students": {}}}, "list"),
    "attachment-name-traversal": (lambda d: {**d, "attachment_files": {
        "../../etc/passwd": base64.b64encode(b"x").decode()}}, "SHA-256"),
    "attachment-not-base64": (lambda d: {**d, "attachment_files": {"a" * 64: "@@@"}}, "base64"),
}


@pytest.mark.parametrize("name", sorted(k for k, v in CLASSES.items() if v[1]))
def test_each_hostile_class_gives_one_line_and_changes_nothing(small_ctx, name):
    make, expect = CLASSES[name]
    doc = make(export_document(small_ctx))
    message = _refused(small_ctx, doc)
    assert expect.lower() in message.lower(), message
    assert "\x1b" not in message  # terminal escapes from the file are never echoed raw


@pytest.mark.parametrize("text,expect", [
    ("[" * 1000 + "]" * 1000, "nested too deeply"),
    ("[" * 100000, "nested too deeply"),
    ('{"format": "pe-desktop-interchange", "version": NaN}', "not a number JSON allows"),
    ('{"x": ' + "9" * 5000 + "}", "not valid interchange JSON"),
    ('{"x": "\\ud800"}', None),  # parses; refused later by the text rules
])
def test_malformed_json_files_are_one_line(tmp_path, text, expect):
    p = tmp_path / "x.json"
    p.write_text(text, encoding="utf-8")
    if expect is None:
        read_json_file(p)
        return
    with pytest.raises(PEDesktopError, match=expect):
        read_json_file(p)


def test_attachment_files_are_removed_when_the_database_stage_fails(small_ctx):
    """An extra attachment file written before the database transaction must go
    again when the transaction fails."""
    doc = export_document(small_ctx)
    data = b"evidence file contents"
    sha = hashlib.sha256(data).hexdigest()
    doc["attachment_files"] = {sha: base64.b64encode(data).decode()}
    engine = small_ctx.db.engine
    with engine.begin() as con:  # the database refuses students at insert time
        con.exec_driver_sql("CREATE TRIGGER refuse BEFORE INSERT ON students "
                            "BEGIN SELECT RAISE(ABORT, 'refused by test'); END")
    before = _state(small_ctx)
    with pytest.raises(PEDesktopError, match="nothing was imported"):
        import_document(small_ctx, doc, replace=True)
    assert not (small_ctx.paths.attachments / sha[:2] / sha).exists()
    assert _state(small_ctx) == before


# -- generated: one hostile value in one place of a real export ------------------------
HOSTILE = st.one_of(
    st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=30),
    st.text(alphabet=st.sampled_from("\x00\x01\x14\x1b\x7f\x85\u2028\u202e\ud800\udfff?a "),
            min_size=1, max_size=10),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.sampled_from([2**63, -(2**63) - 1, 10**30]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(), st.none(),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(),
                                                          max_size=2),
    st.sampled_from(["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+14:00", "2026-02-30",
                     "0001-01-01", "9999-12-31", "2026-11-23T25:00", "T", "x" * 300,
                     "2026-11-23T12:00:00+00:00", "2026-11-23"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_generated_hostile_values_are_refused_cleanly_or_round_trip(small_ctx, data):
    doc = export_document(small_ctx)
    tables = [t for t, rows in doc["tables"].items() if rows]
    table = data.draw(st.sampled_from(sorted(tables)), label="table")
    row = data.draw(st.integers(0, len(doc["tables"][table]) - 1), label="row")
    field = data.draw(st.sampled_from(sorted(doc["tables"][table][row])), label="field")
    value = data.draw(HOSTILE, label="value")
    bad = _set(doc, table, field, value, row)
    before = _state(small_ctx)
    try:
        import_document(small_ctx, bad, replace=True)
    except PEDesktopError as exc:
        assert "\n" not in str(exc)
        assert _state(small_ctx) == before
        return
    # Accepted: what was stored must export and import again unchanged.
    again = export_document(small_ctx)
    import_document(small_ctx, again, replace=True)
    again2 = export_document(small_ctx)
    again.pop("exported_at"), again2.pop("exported_at")
    assert again == again2
    import_document(small_ctx, doc, replace=True)  # back to the original for the next example


def test_everything_the_app_stores_round_trips(ctx, tmp_path, template_db):
    """The full demo (every table) plus edge values at every text limit."""
    from pe_desktop.services.demo import create_demo_data
    from pe_desktop.services.field_rules import rules_for
    from pe_desktop.services.interchange.document import tables_in_order

    create_demo_data(ctx)
    doc = export_document(ctx)
    # Push every text field of every first row to its limit with characters the
    # rules allow (accents, RTL letters, emoji; line breaks where allowed).
    for table in tables_in_order():
        rows = doc["tables"][table.name]
        if not rows:
            continue
        for name, rule in rules_for(table.name).items():
            if rule.kind != "text" or rule.format or rule.primary_key or rule.references \
                    or name in ("key", "name", "domain_key", "student_number", "initials",
                                "swe_registration", "signer_registration", "domains"):
                continue
            sample = "Łukasz Ó Súilleabháin ✓ محمد 😀" + ("\nline two\ttab" if rule.multiline else "")
            n = rule.max_length or 5000
            rows[0][name] = (sample * (n // len(sample) + 1))[:n]
    d = tmp_path / "fresh"
    d.mkdir()
    shutil.copy2(template_db, d / template_db.name)
    fresh = open_context(d, clock=make_clock())
    try:
        import_document(fresh, doc)
        out = export_document(fresh)
        out.pop("exported_at"), doc.pop("exported_at")
        assert out == doc
    finally:
        fresh.close()
