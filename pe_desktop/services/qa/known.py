"""Every person and place the database knows, for the anonymiser.

Found generically: every column marked ``info={"pii": "person"}`` or
``{"pii": "place"}`` in ``Base.metadata`` contributes its distinct values, so a
new table with a marked column is covered without touching this module. A few
columns give the person's role (student, PE, OSS, tutor); all other people are
"other". Lists typed into one field ("Attendees: A, B and C") are split.
"""

from __future__ import annotations

import re

from sqlalchemy import String, select

from pe_desktop.domain.anonymise import KnownEntities, KnownPerson
from pe_desktop.services.context import AppContext
from pe_desktop.storage.base import PII_PERSON, PII_PLACE, Base

#: (table, column) -> role; every other person column is "other".
ROLE_COLUMNS = {
    ("students", "full_name"): "student",
    ("profile", "full_name"): "pe",
    ("placements", "oss_name"): "oss",
    ("placements", "tutor_name"): "tutor",
    ("reports", "signed_by"): "pe",
}
#: Place columns that name an organisation (the rest are places).
ORGANISATION_COLUMNS = {("universities", "name"), ("placements", "organisation"),
                        ("placements", "team"), ("profile", "organisation")}
_LIST_SPLIT = re.compile(r"\s*(?:[,;\n/]|\band\b|&)\s*")
#: Free-text place columns longer than this are descriptions, not names.
MAX_TEXT_PLACE = 80


def _split_people(value: str) -> list[str]:
    names = []
    for part in _LIST_SPLIT.split(value):
        part = re.sub(r"\s*\(.*?\)\s*", " ", part).strip(" .-")
        if part and any(c.isalpha() for c in part):
            names.append(part)
    return names


def known_entities(ctx: AppContext) -> KnownEntities:
    people: dict[tuple[str, str], KnownPerson] = {}
    organisations: dict[str, None] = {}
    places: dict[str, None] = {}
    with ctx.read_session() as s:
        students = s.execute(select(Base.metadata.tables["students"].c.full_name,
                                    Base.metadata.tables["students"].c.preferred_name)).all()
        for full, preferred in students:
            if full or preferred:
                people[(full or "", "student")] = KnownPerson("student", full or "",
                                                               preferred or "")
        for table in Base.metadata.sorted_tables:
            for col in table.columns:
                kind = col.info.get("pii")
                if kind not in (PII_PERSON, PII_PLACE):
                    continue
                if table.name == "students":
                    continue
                values = {v for (v,) in s.execute(select(col).distinct()) if v and str(v).strip()}
                key = (table.name, col.name)
                for value in sorted(values):
                    value = str(value).strip()
                    if kind == PII_PERSON:
                        role = ROLE_COLUMNS.get(key, "other")
                        for name in _split_people(value) if role == "other" else [value]:
                            people.setdefault((name, role), KnownPerson(role, name))
                    elif key in ORGANISATION_COLUMNS:
                        organisations.setdefault(value, None)
                    elif isinstance(col.type, String) or len(value) <= MAX_TEXT_PLACE:
                        places.setdefault(value, None)
    # A name known with a role beats the same name as "other".
    named = {n for (n, r) in people if r != "other"}
    ordered = sorted(people.values(), key=lambda p: (p.role == "other", p.role, p.name))
    return KnownEntities(
        tuple(p for p in ordered if p.role != "other" or p.name not in named),
        tuple(organisations), tuple(places))
