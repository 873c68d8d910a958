"""The retention policy: keep a student's data N years after their last placement ended.

N has a default and may differ per university (partnership agreements vary).
The policy is domain data, kept in the ``settings`` table as JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import select

from pe_desktop.domain.errors import ValidationError
from pe_desktop.services.context import AppContext
from pe_desktop.storage.models import Setting, University

SETTING_KEY = "retention.policy"
DEFAULT_YEARS = 6
MODES = ("anonymise", "delete")


@dataclass(frozen=True)
class RetentionPolicy:
    default_years: int = DEFAULT_YEARS
    by_university: dict[str, int] = field(default_factory=dict)  # university name → years
    mode: str = "anonymise"

    def years_for(self, university: str) -> int:
        return self.by_university.get(university, self.default_years)

    def to_json(self) -> str:
        return json.dumps({"default_years": self.default_years,
                           "by_university": self.by_university, "mode": self.mode})


def _check(policy: RetentionPolicy) -> None:
    problems = {}
    for name, years in [("default", policy.default_years), *policy.by_university.items()]:
        if not isinstance(years, int) or not 1 <= years <= 100:
            problems[f"years:{name}"] = "must be a whole number of years from 1 to 100"
    if policy.mode not in MODES:
        problems["mode"] = f"must be one of {', '.join(MODES)}"
    if problems:
        raise ValidationError(problems, record="retention policy")


def load_policy(ctx: AppContext) -> RetentionPolicy:
    with ctx.read_session() as s:
        raw = s.scalar(select(Setting.value).where(Setting.key == SETTING_KEY))
    if not raw:
        return RetentionPolicy()
    try:
        data = json.loads(raw)
        policy = RetentionPolicy(int(data.get("default_years", DEFAULT_YEARS)),
                                 {str(k): int(v) for k, v in data.get("by_university", {}).items()},
                                 str(data.get("mode", "anonymise")))
        _check(policy)
    except (ValueError, TypeError, AttributeError, ValidationError):
        return RetentionPolicy()
    return policy


def save_policy(ctx: AppContext, policy: RetentionPolicy) -> RetentionPolicy:
    _check(policy)
    with ctx.session() as s:
        known = set(s.scalars(select(University.name)))
        unknown = sorted(set(policy.by_university) - known)
        if unknown:
            raise ValidationError({"university": f"no university called {unknown[0]!r}"},
                                  record="retention policy")
        row = s.get(Setting, SETTING_KEY) or Setting(key=SETTING_KEY)
        row.value = policy.to_json()
        s.add(row)
    return policy
