"""One set of field rules for every way in, read from the ORM metadata (issue 11)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pe_desktop.domain import text_rules
from pe_desktop.domain.errors import ValidationError
from pe_desktop.services.field_rules import check_value, rules_for, single_row_tables
from pe_desktop.services.placements.students import StudentInput, StudentService


def test_rules_come_from_the_metadata():
    students = rules_for("students")
    assert students["cohort"].max_length == 50 and not students["cohort"].multiline
    assert students["adjustments"].multiline
    assert students["uid"].format == "uuid"
    assert rules_for("attachments")["sha256"].format == "sha256"
    assert rules_for("supervision_sessions")["start_time"].format == "hh:mm"
    assert rules_for("report_versions")["signed_snapshot"].format == "json"
    assert "first" in rules_for("placements")["kind"].choices
    assert "profile" in single_row_tables()


@given(st.text(max_size=40))
def test_text_rule_refuses_exactly_the_unstorable_characters(value):
    import unicodedata

    problem = text_rules.text_problem(value, multiline=False)
    bad = [c for c in value if unicodedata.category(c) in ("Cc", "Cs")
           or c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029"]
    assert (problem is None) == (not bad)
    if problem is None:
        value.encode("utf-8")  # storable


@given(st.text(alphabet=st.sampled_from("ab\t\n\r\x00\x14"), max_size=10))
def test_multiline_text_may_hold_line_breaks_but_no_other_controls(value):
    problem = text_rules.text_problem(value, multiline=True)
    assert (problem is None) == (not any(c in value for c in "\x00\x14"))


@given(st.integers())
def test_integers_are_bounded_to_sqlite(value):
    rule = rules_for("placements")["required_days"]
    ok = check_value(rule, value) is None
    assert ok == (-(2**63) <= value < 2**63)


def test_shown_escapes_terminal_controls_and_shortens():
    assert text_rules.shown("\x1b[2Jevil") == "'\\x1b[2Jevil'"
    assert text_rules.shown("x" * 100).endswith("…'")


@pytest.mark.parametrize("field,value,message", [
    ("cohort", "C" * 51, "Cohort is longer than 50 characters"),
    ("preferred_name", "P" * 101, "Preferred name is longer than 100"),
    ("full_name", "Bad\x14Name", "Full name contains a control character"),
    ("cohort", "2026\n2027", "single line"),
])
def test_every_way_in_is_checked_at_write_time(ctx, field, value, message):
    """A service that forgets a rule still cannot store the value: the session
    checks every object it writes against the same rules."""
    data = {"full_name": "Zoë Okafor", "university": "Eastbrook", "student_number": "EB1"}
    data[field] = value
    with pytest.raises(ValidationError) as err:
        StudentService(ctx).create(StudentInput(**data))
    assert message in str(err.value)
    assert StudentService(ctx).list() == []


def test_fast_scan_misses_no_character_the_rules_refuse():
    """text_problem's one-regex pass must match every character its per-character
    rules could refuse (all of Unicode checked)."""
    import unicodedata

    from pe_desktop.domain.text_rules import _BIDI, _SEPARATORS, _SUSPECT

    missed = [hex(cp) for cp in range(0x110000)
              if (unicodedata.category(chr(cp)) in ("Cc", "Cs") or chr(cp) in _BIDI
                  or chr(cp) in _SEPARATORS) and not _SUSPECT.search(chr(cp))]
    assert missed == []


def test_a_new_session_factory_always_gets_the_check():
    """SQLAlchemy's ``event.contains`` keys on id(): a factory made where a freed one
    lived looked as if it had the check already (a flaky test found it)."""
    from sqlalchemy.orm import sessionmaker

    from pe_desktop.services.field_rules import _before_flush, install_flush_checks

    reused = 0
    for _ in range(200):
        factory = sessionmaker()
        install_flush_checks(factory)
        old = id(factory)
        del factory
        fresh = sessionmaker()
        reused += id(fresh) == old
        install_flush_checks(fresh)
        with fresh() as session:
            assert _before_flush in list(session.dispatch.before_flush)
        del fresh
    assert reused  # the address really was reused, so the check above could fail
