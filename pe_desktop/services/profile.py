"""The PE's profile."""

from __future__ import annotations

from dataclasses import dataclass

from pe_desktop.domain.enums import PEArrangement
from pe_desktop.services.context import AppContext
from pe_desktop.services.validation import SWE_REG, Problems
from pe_desktop.storage.plain_rows import PlainReader, enum_type, typed_sql

#: Read with plain SQL: the dashboard greets the PE by name before SQLAlchemy loads.
_READ = typed_sql(
    "SELECT full_name, swe_registration, organisation, email, usual_arrangement "
    "FROM profile ORDER BY id LIMIT 1",
    [("full_name", None), ("swe_registration", None), ("organisation", None), ("email", None),
     ("usual_arrangement", enum_type(PEArrangement))])


@dataclass(frozen=True)
class ProfileData:
    full_name: str
    swe_registration: str
    organisation: str = ""
    email: str = ""
    usual_arrangement: PEArrangement = PEArrangement.ONSITE


class ProfileService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def get(self) -> ProfileData | None:
        with self.ctx.plain_read() as con:
            row = PlainReader(con).execute(_READ).first()
        return None if row is None else ProfileData(*row)

    @staticmethod
    def validate(data: ProfileData) -> None:
        problems = Problems()
        problems.require("full_name", data.full_name, "Your name")
        problems.require("swe_registration", data.swe_registration, "Registration number")
        if data.swe_registration.strip() and not SWE_REG.match(data.swe_registration.strip()):
            problems["swe_registration"] = (
                "A Social Work England registration number looks like SW123456"
            )
        problems.email("email", data.email)
        problems.raise_if_any("Profile")

    def save(self, data: ProfileData) -> ProfileData:
        from sqlalchemy import select

        from pe_desktop.storage.models import Profile

        self.validate(data)
        with self.ctx.session() as s:
            p = s.scalars(select(Profile).limit(1)).first()
            if p is None:
                p = Profile()
                s.add(p)
            p.full_name = data.full_name.strip()
            p.swe_registration = data.swe_registration.strip().upper()
            p.organisation = data.organisation.strip()
            p.email = data.email.strip()
            p.usual_arrangement = data.usual_arrangement
        return self.get()  # type: ignore[return-value]
