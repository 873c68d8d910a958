"""Importing a university placement list saved from Excel."""

from __future__ import annotations

from datetime import date

import pytest

from pe_desktop.services.placements.csv_dates import parse_date
from pe_desktop.services.placements.csv_import import (
    CsvImportError,
    import_students_csv,
)
from pe_desktop.services.placements.service import PlacementService
from pe_desktop.services.placements.students import StudentService

HEADER = "Student name,Student ID,Email,Programme,Cohort,Placement,Organisation,Team,Start date,End date\r\n"
ROWS = (
    "Siobhán Ní Bhriain,NF001,siobhan@example.ac.uk,MA Social Work,2026,first,Westmoor County Council,Fostering,05/10/2026,\r\n"
    "Zoë Okafor,NF002,,BA (Hons) Social Work,2025,final,Northfield City Council,,2026-09-07,2027-02-05\r\n"
    "Łukasz Nowak,NF003,,MA Social Work,2026,,,,,\r\n"
)


def _write(tmp_path, text, encoding="utf-8", bom=False, name="list.csv"):
    p = tmp_path / name
    data = text.encode(encoding)
    p.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return p


@pytest.mark.parametrize(
    "encoding,bom", [("utf-8", True), ("utf-8", False), ("cp1252", False)],
    ids=["utf8-bom", "utf8", "windows-1252"],
)
def test_excel_encodings_import_names_intact(ctx, tmp_path, encoding, bom):
    text = HEADER + ROWS
    if encoding == "cp1252":
        text = text.replace("Łukasz", "Lukasz")  # Ł is not in Windows-1252
    path = _write(tmp_path, text, encoding, bom)
    result = import_students_csv(ctx, path, "University of Northfield", date_order="dmy")
    assert (result.students, result.placements) == (3, 2)
    assert result.date_order == "dmy"
    names = {s.full_name for s in StudentService(ctx).list()}
    assert "Siobhán Ní Bhriain" in names and "Zoë Okafor" in names
    placements = {p.student_name: p for p in PlacementService(ctx).list()}
    assert placements["Siobhán Ní Bhriain"].start_date == date(2026, 10, 5)
    assert placements["Siobhán Ní Bhriain"].required_days == 70
    assert placements["Zoë Okafor"].planned_end_date == date(2027, 2, 5)
    assert placements["Zoë Okafor"].required_days == 100


def test_semicolon_delimited_files_are_understood(ctx, tmp_path):
    path = _write(tmp_path, (HEADER + ROWS).replace(",", ";"))
    assert import_students_csv(ctx, path, "Eastbrook University", "dmy").students == 3


def test_errors_are_listed_per_row_and_nothing_is_written(ctx, tmp_path):
    bad = (
        HEADER
        + "Good Student,NF010,,,,first,Some Council,,05/10/2026,\r\n"
        + ",NF011,,,,,,,,\r\n"  # no name
        + "Bad Date,NF012,,,,first,Some Council,,31/02/2026,\r\n"
        + "Backwards,NF013,,,,first,Some Council,,05/10/2026,01/10/2026\r\n"
        + "Twice,NF010,,,,,,,,\r\n"
        + "Bad Email,NF014,nope,,,,,,,\r\n"
    )
    with pytest.raises(CsvImportError) as err:
        import_students_csv(ctx, _write(tmp_path, bad), "University of Northfield", "dmy")
    problems = err.value.problems
    assert [p.split(":")[0] for p in problems] == ["line 3", "line 4", "line 5", "line 6", "line 7"]
    assert "Name is required" in problems[0]
    assert "not a date" in problems[1]
    assert "after the start date" in problems[2]
    assert "line 2" in problems[3]
    assert "email" in problems[4]
    assert StudentService(ctx).list() == [] and PlacementService(ctx).list() == []


def test_duplicate_of_an_existing_student_is_reported(ctx, tmp_path):
    path = _write(tmp_path, HEADER + ROWS)
    import_students_csv(ctx, path, "University of Northfield", "dmy")
    with pytest.raises(CsvImportError, match="already used"):
        import_students_csv(ctx, path, "University of Northfield", "dmy")
    assert len(StudentService(ctx).list()) == 3


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "is empty"),
        (b"Colour,Size\r\nred,9\r\n", "no 'Name' or 'Student ID' column"),
        (b"PK\x03\x04\x00\x00binary xlsx", "not a CSV text file"),
    ],
    ids=["empty", "wrong-headers", "xlsx"],
)
def test_wrong_files_get_a_clear_message(ctx, tmp_path, content, message):
    p = tmp_path / "x.csv"
    p.write_bytes(content)
    with pytest.raises(CsvImportError, match=message):
        import_students_csv(ctx, p, "University of Northfield")


def test_dates_in_both_formats():
    assert parse_date("05/10/2026", "dmy") == date(2026, 10, 5)
    assert parse_date("05/10/2026", "mdy") == date(2026, 5, 10)
    assert parse_date("2026-10-05", "dmy") == date(2026, 10, 5)
    with pytest.raises(ValueError):
        parse_date("10/31/2026", "dmy")  # US order is not accepted silently
    with pytest.raises(ValueError):
        parse_date("05/10/2026", "iso")
