"""Importing a university's placement list saved from Excel as CSV.

Excel writes "CSV UTF-8" (with a byte-order mark) or plain "CSV" in the
Windows-1252 code page, with commas or, in some locales, semicolons, and
line endings CRLF, LF or (old Mac Excel) CR. Dates come in the locale's order
or ISO; the order is read from the whole file (:mod:`csv_dates`). Every row is
checked against the same field rules as every other way in; problems are listed
per row and nothing is written unless all rows are good.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pe_desktop.domain.enums import PlacementKind, ProgrammeKind
from pe_desktop.domain.errors import PEDesktopError, ValidationError
from pe_desktop.domain.text_rules import shown, text_problem
from pe_desktop.services.context import AppContext
from pe_desktop.services.field_rules import check_values, warnings_for
from pe_desktop.services.placements.csv_dates import (
    ORDER_LABELS,
    ORDERS,
    DateCell,
    DateOrderError,
    detect_order,
    parse_date,
)
from pe_desktop.services.placements.service import PlacementInput, PlacementService
from pe_desktop.services.placements.students import StudentInput, StudentService

MAX_BYTES = 5 * 1024 * 1024
#: Share of control characters above which a file is taken for binary.
BINARY_SHARE = 0.01

#: canonical field → accepted header spellings (compared lower-case, spaces squashed)
HEADERS: dict[str, tuple[str, ...]] = {
    "full_name": ("name", "student name", "full name", "student"),
    "preferred_name": ("preferred name", "known as"),
    "student_number": ("student id", "student number", "id", "student no", "university id"),
    "email": ("email", "e-mail", "email address", "student email"),
    "programme": ("programme", "course", "program"),
    "cohort": ("cohort", "intake", "year"),
    "kind": ("placement", "placement type", "placement kind", "level"),
    "organisation": ("organisation", "organization", "agency", "placement organisation"),
    "team": ("team", "setting"),
    "start_date": ("start date", "start"),
    "end_date": ("end date", "planned end date", "end"),
    "required_days": ("required days", "days", "placement days"),
    "oss_name": ("on-site supervisor", "onsite supervisor", "oss", "practice supervisor"),
    "tutor_name": ("tutor", "university tutor", "personal tutor"),
}


class CsvImportError(PEDesktopError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        head = problems[0] if len(problems) == 1 else f"{len(problems)} problems: " + "; ".join(
            problems[:5]
        ) + ("; …" if len(problems) > 5 else "")
        super().__init__(head)


@dataclass
class CsvImportResult:
    students: int = 0
    placements: int = 0
    rows: int = 0
    problems: list[str] = field(default_factory=list)
    #: "dmy" / "mdy" / "iso": how the file's dates were read (and why).
    date_order: str = ""
    date_order_reason: str = ""
    #: Imported, but worth a look (``?ukasz``: a letter lost to the code page).
    warnings: list[str] = field(default_factory=list)

    @property
    def date_order_label(self) -> str:
        return ORDER_LABELS.get(self.date_order, "")


def decode_excel_bytes(raw: bytes, name: str = "the file") -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252", errors="strict")
    except UnicodeDecodeError as exc:
        raise CsvImportError([
            f"{name} is neither UTF-8 nor Windows-1252 text (byte 0x{raw[exc.start]:02X} at "
            f"position {exc.start}); save it from Excel as 'CSV UTF-8'"
        ]) from None


def _norm(h: str) -> str:
    return re.sub(r"\s+", " ", h.strip().lower().replace("_", " "))


def _map_headers(headers: list[str]) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, h in enumerate(headers):
        n = _norm(h)
        for fld, names in HEADERS.items():
            if n in names and fld not in index:
                index[fld] = i
    return index


def _kind(text: str) -> PlacementKind:
    t = text.strip().lower()
    if t in {"first", "1", "1st", "first placement", "level 5", "70"}:
        return PlacementKind.FIRST
    if t in {"final", "last", "2", "2nd", "second", "final placement", "level 6", "100"}:
        return PlacementKind.FINAL
    if t in {"other", ""}:
        return PlacementKind.OTHER
    raise ValueError(f"'{text}' is not a placement type (first / final / other)")


def _programme_kind(text: str) -> ProgrammeKind:
    t = text.lower()
    for kind, words in (
        (ProgrammeKind.STEP_UP, ("step up",)),
        (ProgrammeKind.FRONTLINE, ("frontline",)),
        (ProgrammeKind.THINK_AHEAD, ("think ahead",)),
        (ProgrammeKind.APPRENTICESHIP, ("apprentice",)),
        (ProgrammeKind.MA, ("ma ", "msw", "msc", "master", "ma(")),
        (ProgrammeKind.BA, ("ba ", "ba(", "bsc", "bachelor")),
    ):
        if any(w in t + " " for w in words):
            return kind
    return ProgrammeKind.OTHER


def read_rows(path: Path) -> tuple[dict[str, int], list[list[str]]]:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CsvImportError([f"{path.name} is larger than 5 MB; is it the right file?"])
        raw = path.read_bytes()
    except OSError as exc:
        raise CsvImportError([f"cannot read {path}: {exc.strerror or exc}"]) from exc
    not_csv = f"{path.name} is not a CSV text file (save it from Excel as CSV)"
    if b"\x00" in raw:
        raise CsvImportError([not_csv])
    text = decode_excel_bytes(raw, path.name)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n")
    first = text.splitlines()[0] if text.strip() else ""
    if controls > BINARY_SHARE * len(text) or text_problem(first, multiline=False):
        raise CsvImportError([not_csv])
    delim = max((",", ";", "\t"), key=first.count)
    rows: list[list[str]] = []
    # newline=None: CRLF, LF and CR-only line endings all end a row.
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delim)
    try:
        for r in reader:
            if any(c.strip() for c in r):
                rows.append(r)
    except csv.Error as exc:
        limit = csv.field_size_limit()
        why = (f"a cell is longer than {limit:,} characters" if "field larger" in str(exc)
               else f"the file is not well-formed CSV ({exc})")
        raise CsvImportError([f"line {reader.line_num}: {why}"]) from None
    if not rows:
        raise CsvImportError([f"{path.name} is empty"])
    index = _map_headers(rows[0])
    missing = [f for f in ("full_name", "student_number") if f not in index]
    if missing:
        names = {"full_name": "'Name'", "student_number": "'Student ID'"}
        raise CsvImportError(
            [f"header row has no {' or '.join(names[m] for m in missing)} column"]
        )
    return index, rows[1:]


def _date_cells(index: dict[str, int], rows: list[list[str]]):
    cells: list[DateCell] = []
    pairs: list[tuple[DateCell, DateCell]] = []
    for n, row in enumerate(rows, start=2):
        got: dict[str, DateCell] = {}
        for fld in ("start_date", "end_date"):
            i = index.get(fld)
            if i is not None and i < len(row) and row[i].strip():
                got[fld] = DateCell(n, row[i].strip(), fld)
                cells.append(got[fld])
        if len(got) == 2:
            pairs.append((got["start_date"], got["end_date"]))
    return cells, pairs


def import_students_csv(
    ctx: AppContext, path: Path, university: str, date_order: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> CsvImportResult:
    """Import the placement list at ``path`` for ``university``, all or nothing.

    ``date_order`` ("dmy", "mdy" or "iso") says how the file writes dates; None
    reads it from the file and refuses a file whose order nothing settles.
    ``progress(done, total, message)`` is called per row; an exception it raises
    (the user cancelled) rolls everything back.
    """
    university = " ".join(university.split())
    if not university:
        raise CsvImportError(["the university name is required"])
    bad = check_values("universities", {"name": university})
    if bad:
        raise CsvImportError([f"university name {bad['name']}"])
    if date_order is not None and date_order not in ORDERS:
        raise CsvImportError([f"date format must be one of {', '.join(ORDERS)}"])
    index, rows = read_rows(Path(path))
    if date_order is None:
        try:
            order, why = detect_order(*_date_cells(index, rows))
        except DateOrderError as exc:
            raise CsvImportError([str(exc)]) from None
    else:
        order, why = date_order, "chosen"
    students = StudentService(ctx)
    placements = PlacementService(ctx)
    result = CsvImportResult(rows=len(rows), date_order=order, date_order_reason=why)
    problems: list[str] = []
    seen_ids: dict[str, int] = {}

    def cell(row: list[str], fld: str) -> str:
        i = index.get(fld)
        return row[i].strip() if i is not None and i < len(row) else ""

    with ctx.session() as s:
        for n, row in enumerate(rows, start=2):  # line 1 is the header
            if progress is not None:
                progress(n - 2, len(rows), f"Row {n - 1} of {len(rows)}")
            try:
                # One savepoint per row: a refused row leaves nothing pending.
                with s.begin_nested():
                    made = _import_row(s, students, placements, university, order,
                                       lambda f, row=row: cell(row, f), seen_ids, n)
                result.students += 1
                result.placements += made
                result.warnings += [f"line {n}: {w}" for w in _row_warnings(row, cell)]
            except ValidationError as exc:
                detail = "; ".join(f"{k}: {v}" for k, v in exc.problems.items())
                problems.append(f"line {n}: {detail}")
        if problems:
            raise CsvImportError(problems)  # leaving the block rolls everything back
    return result


def _row_warnings(row: list[str], cell) -> list[str]:
    out = []
    for table, fields in (("students", ("full_name", "preferred_name")),
                          ("placements", ("organisation", "team", "oss_name", "tutor_name"))):
        values = {f: cell(row, f) for f in fields}
        for fld, msg in warnings_for(table, values).items():
            out.append(f"{fld.replace('_', ' ')} {shown(values[fld])} {msg}")
    return out


def _import_row(s, students: StudentService, placements: PlacementService, university: str,
                order: str, cell, seen_ids: dict[str, int], n: int) -> int:
    """Create one row's student (and placement); returns placements made (0 or 1)."""
    sid = cell("student_number")
    if sid and sid in seen_ids:
        raise ValidationError({"Student ID": f"{shown(sid)} already appears on line "
                                             f"{seen_ids[sid]}"})
    seen_ids[sid] = n
    programme = cell("programme")
    values = dict(full_name=cell("full_name"), preferred_name=cell("preferred_name"),
                  student_number=sid, email=cell("email"), cohort=cell("cohort"))
    bad = check_values("students", values) | {
        f"programme {k}": v for k, v in check_values("programmes", {"name": programme}).items()
    }
    if bad:
        raise ValidationError(bad)
    st = students.create_in(
        s,
        StudentInput(university=university, programme=programme,
                     programme_kind=_programme_kind(programme), **values),
    )
    org, start = cell("organisation"), cell("start_date")
    if not (org or start):
        return 0
    req, end = cell("required_days"), cell("end_date")
    try:
        kind = _kind(cell("kind"))
        start_d = parse_date(start, order) if start else None
        end_d = parse_date(end, order) if end else None
        req_n = int(req) if req else None
    except ValueError as exc:
        raise ValidationError({"value": str(exc)}) from None
    if start_d is None:
        raise ValidationError({"Start date": "is required with an organisation"})
    pvalues = dict(organisation=org, team=cell("team"), oss_name=cell("oss_name"),
                   tutor_name=cell("tutor_name"))
    bad = check_values("placements", pvalues | ({"required_days": req_n} if req_n else {}))
    if bad:
        raise ValidationError(bad)
    placements.create_in(
        s,
        PlacementInput(student_id=st.id, kind=kind, start_date=start_d,
                       planned_end_date=end_d, required_days=req_n, **pvalues),
    )
    return 1
