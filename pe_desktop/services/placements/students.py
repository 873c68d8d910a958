"""Students, universities and programmes."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pe_desktop.domain.enums import ProgrammeKind
from pe_desktop.services.context import AppContext
from pe_desktop.services.lookup import get_or_404
from pe_desktop.services.validation import Problems
from pe_desktop.storage.models import Placement, Programme, Student, University


@dataclass(frozen=True)
class StudentInput:
    full_name: str
    university: str
    student_number: str
    preferred_name: str = ""
    email: str = ""
    programme: str = ""
    programme_kind: ProgrammeKind = ProgrammeKind.OTHER
    cohort: str = ""
    adjustments: str = ""


@dataclass(frozen=True)
class StudentRow:
    id: int
    full_name: str
    preferred_name: str
    university: str
    student_number: str
    email: str
    programme: str
    programme_kind: ProgrammeKind | None
    cohort: str
    adjustments: str
    archived: bool
    placement_count: int = 0

    @property
    def display_name(self) -> str:
        if self.preferred_name and self.preferred_name not in self.full_name:
            return f"{self.full_name} ({self.preferred_name})"
        return self.full_name

    def to_input(self) -> StudentInput:
        return StudentInput(
            full_name=self.full_name,
            university=self.university,
            student_number=self.student_number,
            preferred_name=self.preferred_name,
            email=self.email,
            programme=self.programme,
            programme_kind=self.programme_kind or ProgrammeKind.OTHER,
            cohort=self.cohort,
            adjustments=self.adjustments,
        )


def get_or_create_university(s: Session, name: str) -> University:
    name = " ".join(name.split())
    uni = s.scalars(select(University).where(func.lower(University.name) == name.lower())).first()
    if uni is None:
        uni = University(name=name)
        s.add(uni)
        s.flush()
    return uni


def get_or_create_programme(
    s: Session, uni: University, name: str, kind: ProgrammeKind
) -> Programme | None:
    name = " ".join(name.split())
    if not name:
        return None
    prog = s.scalars(
        select(Programme).where(
            Programme.university_id == uni.id, func.lower(Programme.name) == name.lower()
        )
    ).first()
    if prog is None:
        prog = Programme(university_id=uni.id, name=name, kind=kind)
        s.add(prog)
        s.flush()
    elif kind != ProgrammeKind.OTHER and prog.kind != kind:
        prog.kind = kind
    return prog


def _row(st: Student, placement_count: int = 0) -> StudentRow:
    return StudentRow(
        id=st.id,
        full_name=st.full_name,
        preferred_name=st.preferred_name,
        university=st.university.name,
        student_number=st.student_number,
        email=st.email,
        programme=st.programme.name if st.programme else "",
        programme_kind=st.programme.kind if st.programme else None,
        cohort=st.cohort,
        adjustments=st.adjustments,
        archived=st.archived,
        placement_count=placement_count,
    )


class StudentService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # -- queries ---------------------------------------------------------
    def list(self, include_archived: bool = False,
             student_id: int | None = None) -> list[StudentRow]:
        """Students by name (``student_id``: that one only, in a list). Plain column
        queries: the Students page reloads this list often, 1,500 rows at 10×."""
        with self.ctx.read_session() as s:
            count_q = select(Placement.student_id, func.count()).group_by(Placement.student_id)
            q = (
                select(Student.id, Student.full_name, Student.preferred_name, University.name,
                       Student.student_number, Student.email, Programme.name, Programme.kind,
                       Student.cohort, Student.adjustments, Student.archived)
                .join(University, Student.university_id == University.id)
                .outerjoin(Programme, Student.programme_id == Programme.id)
                .order_by(Student.full_name)
            )
            if student_id is not None:
                count_q = count_q.where(Placement.student_id == student_id)
                q = q.where(Student.id == student_id)
            counts = dict(s.execute(count_q).all())
            if not include_archived:
                q = q.where(Student.archived.is_(False))
            return [StudentRow(sid, name, preferred, uni, number, email, programme or "", kind,
                               cohort, adjustments, archived, counts.get(sid, 0))
                    for sid, name, preferred, uni, number, email, programme, kind, cohort,
                    adjustments, archived in s.execute(q)]

    def get(self, student_id: int) -> StudentRow:
        with self.ctx.read_session() as s:
            st = get_or_404(s, Student, student_id, "student")
            return _row(st)

    def universities(self) -> list[str]:
        with self.ctx.read_session() as s:
            return list(s.scalars(select(University.name).order_by(University.name)))

    def programmes(self, university: str) -> list[tuple[str, ProgrammeKind]]:
        with self.ctx.read_session() as s:
            rows = s.execute(
                select(Programme.name, Programme.kind)
                .join(Programme.university)
                .where(func.lower(University.name) == university.strip().lower())
                .order_by(Programme.name)
            ).all()
            return [(n, k) for n, k in rows]

    # -- validation ------------------------------------------------------
    def _validate(self, s: Session, data: StudentInput, student_id: int | None) -> None:
        p = Problems()
        p.require("full_name", data.full_name, "Name")
        p.require("university", data.university, "University")
        p.require("student_number", data.student_number, "University student ID")
        p.max_len("full_name", data.full_name, 200, "Name")
        p.max_len("student_number", data.student_number, 50, "Student ID")
        p.email("email", data.email)
        if data.university.strip() and data.student_number.strip():
            clash = s.scalars(
                select(Student)
                .join(Student.university)
                .where(
                    func.lower(University.name) == " ".join(data.university.split()).lower(),
                    Student.student_number == data.student_number.strip(),
                )
            ).first()
            if clash is not None and clash.id != student_id:
                p["student_number"] = (
                    f"Student ID {data.student_number.strip()} is already used at "
                    f"{clash.university.name} by {clash.full_name}"
                )
        p.raise_if_any(data.full_name.strip() or "Student")

    def validate(self, data: StudentInput, student_id: int | None = None) -> None:
        with self.ctx.read_session() as s:
            self._validate(s, data, student_id)

    # -- commands --------------------------------------------------------
    def _apply(self, s: Session, st: Student, data: StudentInput) -> None:
        uni = get_or_create_university(s, data.university)
        st.university = uni
        st.university_id = uni.id
        prog = get_or_create_programme(s, uni, data.programme, data.programme_kind)
        st.programme = prog
        st.full_name = " ".join(data.full_name.split())
        st.preferred_name = data.preferred_name.strip()
        st.student_number = data.student_number.strip()
        st.email = data.email.strip()
        st.cohort = data.cohort.strip()
        st.adjustments = data.adjustments.strip()

    def create(self, data: StudentInput) -> StudentRow:
        with self.ctx.session() as s:
            self._validate(s, data, None)
            st = Student()
            self._apply(s, st, data)
            s.add(st)
            s.flush()
            sid = st.id
        return self.get(sid)

    def create_in(self, s: Session, data: StudentInput) -> Student:
        """Create within a caller's transaction (bulk imports)."""
        self._validate(s, data, None)
        st = Student()
        self._apply(s, st, data)
        s.add(st)
        s.flush()
        return st

    def update(self, student_id: int, data: StudentInput) -> StudentRow:
        with self.ctx.session() as s:
            st = get_or_404(s, Student, student_id, "student")
            self._validate(s, data, student_id)
            self._apply(s, st, data)
        return self.get(student_id)

    def set_archived(self, student_id: int, archived: bool) -> StudentRow:
        with self.ctx.session() as s:
            st = get_or_404(s, Student, student_id, "student")
            st.archived = archived
        return replace(self.get(student_id))
