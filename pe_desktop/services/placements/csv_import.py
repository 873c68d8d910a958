"""Importing a university's placement list saved from Excel as CSV.

Excel writes "CSV UTF-8" (with a byte-order mark) or plain "CSV" in the
Windows-1252 code page, with commas or, in some locales, semicolons. Dates
come as dd/mm/yyyy or ISO. Every row is checked first; problems are listed per
row and nothing is written unless all rows are good.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from pe_desktop.domain.enums import PlacementKind, ProgrammeKind
from pe_desktop.domain.errors import PEDesktopError, ValidationError
from pe_desktop.services.context import AppContext
from pe_desktop.services.placements.service import PlacementInput, PlacementService
from pe_desktop.services.placements.students import StudentInput, StudentService

MAX_BYTES = 5 * 1024 * 1024

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


def decode_excel_bytes(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="strict")


def parse_date(text: str) -> date:
    text = text.strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"'{text}' is not a date (use dd/mm/yyyy)")


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
    if b"\x00" in raw[:4096]:
        raise CsvImportError([f"{path.name} is not a CSV text file (save it from Excel as CSV)"])
    try:
        text = decode_excel_bytes(raw)
    except UnicodeDecodeError:
        raise CsvImportError([f"{path.name} is neither UTF-8 nor Windows-1252 text (save it "
                              "from Excel as CSV UTF-8)"]) from None
    first = text.splitlines()[0] if text.strip() else ""
    delim = max((",", ";", "\t"), key=first.count)
    try:
        rows = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delim)
                if any(c.strip() for c in r)]
    except csv.Error as exc:
        raise CsvImportError([f"{path.name} is not a readable CSV file ({exc})"]) from None
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


def import_students_csv(ctx: AppContext, path: Path, university: str) -> CsvImportResult:
    if not university.strip():
        raise CsvImportError(["the university name is required"])
    index, rows = read_rows(Path(path))
    students = StudentService(ctx)
    placements = PlacementService(ctx)
    result = CsvImportResult(rows=len(rows))
    problems: list[str] = []
    seen_ids: dict[str, int] = {}

    def cell(row: list[str], fld: str) -> str:
        i = index.get(fld)
        return row[i].strip() if i is not None and i < len(row) else ""

    with ctx.session() as s:
        for n, row in enumerate(rows, start=2):  # line 1 is the header
            try:
                sid = cell(row, "student_number")
                if sid and sid in seen_ids:
                    raise ValidationError(
                        {"Student ID": f"{sid} already appears on line {seen_ids[sid]}"}
                    )
                seen_ids[sid] = n
                programme = cell(row, "programme")
                st = students.create_in(
                    s,
                    StudentInput(
                        full_name=cell(row, "full_name"),
                        university=university,
                        student_number=sid,
                        preferred_name=cell(row, "preferred_name"),
                        email=cell(row, "email"),
                        programme=programme,
                        programme_kind=_programme_kind(programme),
                        cohort=cell(row, "cohort"),
                    ),
                )
                result.students += 1
                org, start = cell(row, "organisation"), cell(row, "start_date")
                if org or start:
                    req = cell(row, "required_days")
                    end = cell(row, "end_date")
                    try:
                        kind = _kind(cell(row, "kind"))
                        start_d = parse_date(start) if start else None
                        end_d = parse_date(end) if end else None
                        req_n = int(req) if req else None
                    except ValueError as exc:
                        raise ValidationError({"value": str(exc)}) from None
                    if start_d is None:
                        raise ValidationError({"Start date": "is required with an organisation"})
                    with s.begin_nested():
                        placements.create_in(
                            s,
                            PlacementInput(
                                student_id=st.id, kind=kind, organisation=org,
                                start_date=start_d, planned_end_date=end_d, required_days=req_n,
                                team=cell(row, "team"), oss_name=cell(row, "oss_name"),
                                tutor_name=cell(row, "tutor_name"),
                            ),
                        )
                    result.placements += 1
            except ValidationError as exc:
                detail = "; ".join(f"{k}: {v}" for k, v in exc.problems.items())
                problems.append(f"line {n}: {detail}")
        if problems:
            raise CsvImportError(problems)  # leaving the block rolls everything back
    return result
