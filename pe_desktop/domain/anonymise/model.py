"""The anonymiser's data: what the database knows, and what was redacted.

Shared with the QA protocol (bundles, preview): see ``ANON_API`` in the
package docstring. Plain frozen dataclasses, no behaviour beyond building the
redacted text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

CATEGORIES = ("person", "organisation", "place", "email", "phone", "postcode", "nino",
              "nhs_number", "date", "reference", "vehicle", "url", "handle", "address")

ROLE_LABELS = {"student": "[Student]", "pe": "[Practice Educator]",
               "oss": "[On-site Supervisor]", "tutor": "[Tutor]", "other": "[Person]"}

#: The label each non-person category is replaced by.
CATEGORY_LABELS = {
    "person": "[Person]", "organisation": "[Organisation]", "place": "[Place]",
    "email": "[Email]", "phone": "[Phone]", "postcode": "[Postcode]", "nino": "[NI number]",
    "nhs_number": "[NHS number]", "date": "[Date]", "reference": "[Reference]",
    "vehicle": "[Vehicle]", "url": "[URL]", "handle": "[Handle]", "address": "[Address]",
}

SOURCES = ("known", "pattern", "unknown-name", "user")


@dataclass(frozen=True)
class KnownPerson:
    role: str  # "student" | "pe" | "oss" | "tutor" | "other"
    name: str
    preferred_name: str = ""


def _strings(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f'"{key}" must be a list of strings')
    return tuple(v for v in value if v.strip())


@dataclass(frozen=True)
class KnownEntities:
    people: tuple[KnownPerson, ...] = ()
    organisations: tuple[str, ...] = ()
    places: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: Any) -> KnownEntities:
        """Build from the ``--known`` JSON shape; a bad shape raises one clear ValueError."""
        if not isinstance(data, Mapping):
            raise ValueError("known entities must be a JSON object with people, "
                             "organisations and places")
        unknown = set(data) - {"people", "organisations", "places"}
        if unknown:
            raise ValueError(f"unexpected key {sorted(unknown)[0]!r} in known entities "
                             "(expected people, organisations, places)")
        raw_people = data.get("people", [])
        if not isinstance(raw_people, list):
            raise ValueError('"people" must be a list of {"role", "name", "preferred_name"}')
        people = []
        for i, item in enumerate(raw_people):
            if not isinstance(item, Mapping) or not isinstance(item.get("name"), str):
                raise ValueError(f'people[{i}] must be an object with a "name" string')
            role = item.get("role", "other")
            if role not in ROLE_LABELS:
                raise ValueError(f"people[{i}]: role {role!r} is not one of "
                                 + ", ".join(ROLE_LABELS))
            preferred = item.get("preferred_name", "") or ""
            if not isinstance(preferred, str):
                raise ValueError(f'people[{i}]: "preferred_name" must be a string')
            if item["name"].strip() or preferred.strip():
                people.append(KnownPerson(role, item["name"].strip(), preferred.strip()))
        return cls(tuple(people), _strings(data, "organisations"), _strings(data, "places"))

    def to_json(self) -> dict[str, Any]:
        return {
            "people": [{"role": p.role, "name": p.name, "preferred_name": p.preferred_name}
                       for p in self.people],
            "organisations": list(self.organisations),
            "places": list(self.places),
        }


@dataclass(frozen=True)
class Redaction:
    start: int  # offsets into the ORIGINAL text
    end: int
    category: str  # one of CATEGORIES
    label: str  # what replaces it, e.g. "[Student]"
    source: str  # "known" | "pattern" | "unknown-name" | "user"


@dataclass(frozen=True)
class AnonymisedText:
    original: str
    redactions: tuple[Redaction, ...]  # sorted, non-overlapping

    @property
    def text(self) -> str:
        out: list[str] = []
        pos = 0
        for r in self.redactions:
            out.append(self.original[pos:r.start])
            out.append(r.label)
            pos = r.end
        out.append(self.original[pos:])
        return "".join(out)

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for r in self.redactions:
            counts[r.category] = counts.get(r.category, 0) + 1
        return counts
