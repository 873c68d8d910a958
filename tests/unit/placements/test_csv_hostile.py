"""Hostile and ambiguous student CSVs: one clear line, nothing stored (issue 11)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.services.placements.csv_dates import DMY, MDY, DateCell, detect_order, read_as
from pe_desktop.services.placements.csv_import import CsvImportError, import_students_csv
from pe_desktop.services.placements.service import PlacementService
from pe_desktop.services.placements.students import StudentService

HEAD = "Name,Student ID,Preferred name,Email,Programme,Cohort,Organisation,Team,Start date\r\n"
UNI = "University of Northfield"


def _csv(tmp_path, body: bytes | str, name="x.csv"):
    p = tmp_path / name
    p.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    return p


def _nothing_stored(ctx):
    assert StudentService(ctx).list() == [] and PlacementService(ctx).list() == []


@pytest.mark.parametrize("body,expect", [
    (HEAD.encode() + b"A\x81B,1,,,,,,,\r\n", "neither UTF-8 nor Windows-1252"),
    (bytes(range(256)) * 20, "not a CSV text file"),
    (HEAD.encode() + b"x" * 5000 + b"\x00,1\r\n", "not a CSV text file"),  # NUL after 4 KB
    (HEAD + "A," + "x" * 140000 + "\r\n", "longer than 131,072 characters"),
    (HEAD + "Long,NF1,,,," + "C" * 51 + ",,,\r\n", "cohort: is longer than 50"),
    (HEAD + "Long,NF1," + "P" * 101 + ",,,,,,\r\n", "preferred_name: is longer than 100"),
    (HEAD + "Long,NF1,,," + "P" * 201 + ",,,,\r\n", "programme name: is longer than 200"),
    (HEAD + "Long,NF1,,,,," + "O" * 201 + ",,2026-09-01\r\n", "organisation: is longer than 200"),
    (HEAD + "Bad\x14Name,NF1,,,,,,,\r\n", "control character"),
    (HEAD + "Team,NF1,,,,,Org,Te\x07am,2026-09-07\r\n", "control character"),
    (HEAD + "Far,NF1,,,,,Org,,31/12/9999\r\n", "between 1900 and 2199"),
    (HEAD + "Early,NF1,,,,,Org,,01/01/0001\r\n", "between 1900 and 2199"),
    (HEAD + "US,NF1,,,,,Org,,9/14/2026\r\nUK,NF2,,,,,Org,,14/9/2026\r\n", "mixes date orders"),
    (HEAD + "Amb,NF1,,,,,Org,,9/1/2026\r\n", "--date-format dmy"),
])
def test_hostile_csv_is_one_line_and_stores_nothing(ctx, tmp_path, body, expect):
    with pytest.raises(CsvImportError) as err:
        import_students_csv(ctx, _csv(tmp_path, body), UNI)
    assert expect in str(err.value), str(err.value)
    assert "\n" not in str(err.value)
    _nothing_stored(ctx)


def test_cr_only_line_endings_from_old_mac_excel(ctx, tmp_path):
    body = HEAD.replace("\r\n", "\r") + "Zoë Okafor,NF1,,,,,Org,,2026-09-07\r" \
        + "Amara Mensah,NF2,,,,,,,\r"
    result = import_students_csv(ctx, _csv(tmp_path, body), UNI)
    assert (result.students, result.placements) == (2, 1)


def test_us_file_is_read_month_first_and_says_so(ctx, tmp_path):
    body = HEAD + "Zoë Okafor,NF1,,,,,Org,,9/1/2026\r\nAmara Mensah,NF2,,,,,Org,,9/14/2026\r\n"
    result = import_students_csv(ctx, _csv(tmp_path, body), UNI)
    assert result.date_order == MDY and "month/day/year" in result.date_order_label
    starts = {p.student_name: p.start_date for p in PlacementService(ctx).list()}
    assert starts["Zoë Okafor"] == date(2026, 9, 1)  # not 9 January


def test_university_name_over_the_limit_is_refused(ctx, tmp_path):
    with pytest.raises(CsvImportError, match="longer than 200"):
        import_students_csv(ctx, _csv(tmp_path, HEAD + "A,1,,,,,,,\r\n"), "U" * 201)
    _nothing_stored(ctx)


def test_question_mark_for_a_letter_is_warned_about(ctx, tmp_path):
    body = HEAD + "?ukasz Nowak,NF1,,,,,,,\r\nWho?,NF2,,,,,,,\r\n"
    result = import_students_csv(ctx, _csv(tmp_path, body), UNI)
    assert result.students == 2
    assert len(result.warnings) == 1 and "line 2" in result.warnings[0]
    assert "'?ukasz Nowak'" in result.warnings[0]


def test_explicit_date_format_settles_an_ambiguous_file(ctx, tmp_path):
    body = HEAD + "Zoë Okafor,NF1,,,,,Org,,01/09/2026\r\n"
    result = import_students_csv(ctx, _csv(tmp_path, body), UNI, date_order="dmy")
    assert PlacementService(ctx).list()[0].start_date == date(2026, 9, 1)
    assert result.date_order == DMY


# -- generated ---------------------------------------------------------------------------
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@given(st.lists(dates, min_size=1, max_size=8), st.sampled_from([DMY, MDY]), st.booleans())
def test_detected_order_never_misreads_a_date(days, order, pad):
    """Whatever the file, detection either refuses or reads every date as written."""
    def fmt(d):
        a, b = (d.day, d.month) if order == DMY else (d.month, d.day)
        return f"{a:02d}/{b:02d}/{d.year}" if pad else f"{a}/{b}/{d.year}"

    cells = [DateCell(i + 2, fmt(d)) for i, d in enumerate(days)]
    try:
        found, _why = detect_order(cells, [])
    except PEDesktopError as exc:
        assert "--date-format" in str(exc)
        assert all(d.day <= 12 for d in days)  # only refused when nothing settles it
        return
    assert [read_as(c.text, found) for c in cells] == days


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(min_size=0, max_size=400) | st.text(max_size=200).map(lambda t: (HEAD + t).encode()))
def test_generated_junk_is_refused_in_one_line_or_stored_within_the_rules(ctx, tmp_path, junk):
    p = tmp_path / "junk.csv"
    p.write_bytes(junk)
    try:
        import_students_csv(ctx, p, UNI, date_order=DMY)
    except PEDesktopError as exc:
        assert "\n" not in str(exc)
        _nothing_stored(ctx)
        return
    from pe_desktop.services.field_rules import check_values

    for s in StudentService(ctx).list():
        assert check_values("students", {"full_name": s.full_name, "cohort": s.cohort}) == {}
    with ctx.session() as s:  # back to empty for the next example
        from pe_desktop.services.interchange.document import tables_in_order

        for table in reversed(tables_in_order()):
            s.execute(table.delete())
