"""The default currency policy: its name, its CPD minimum, and which rules come from the
partnership guidance — the same in the shipped file and in the code the Currency page reads."""

from __future__ import annotations

import json
from dataclasses import fields

from pe_desktop.domain.currency import CurrencyPolicy
from pe_desktop.domain.currency.model import ADJUSTABLE, GUIDANCE, RULE_ORIGINS
from pe_desktop.paths import resources_dir
from pe_desktop.services.currency.policy import DEFAULT_POLICY_FILE, default_policy


def test_shipped_policy_is_the_default_policy_with_origins():
    raw = json.loads((resources_dir() / DEFAULT_POLICY_FILE).read_text(encoding="utf-8"))
    policy = default_policy()
    assert policy.name == "Default policy" == CurrencyPolicy().name
    assert policy.cpd_min_hours == 0 == CurrencyPolicy().cpd_min_hours
    assert raw["origins"] == RULE_ORIGINS
    settings = {f.name for f in fields(CurrencyPolicy)} - {"name"}
    assert set(RULE_ORIGINS) == settings
    assert {k for k, v in RULE_ORIGINS.items() if v == GUIDANCE} == {
        "student_within_months", "cpd_window_months", "checkin_each_new_placement"}
    assert set(RULE_ORIGINS.values()) == {GUIDANCE, ADJUSTABLE}
