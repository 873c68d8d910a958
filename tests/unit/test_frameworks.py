"""Frameworks are data: validated on load, new ones need no code."""

from __future__ import annotations

import json

import pytest

from pe_desktop.domain.errors import ValidationError
from pe_desktop.domain.frameworks import FrameworkRegistry, default_registry, load_framework_file


def test_pcf_2018_has_nine_domains_and_the_student_levels():
    pcf = default_registry().default
    assert pcf.ref == "pcf@2018"
    assert [d.number for d in pcf.domains] == list(range(1, 10))
    assert pcf.domains[2].title == "Diversity and Equality"
    assert pcf.domains[6].title == "Skills and Interventions"
    assert pcf.default_level_for("first").title == "End of First Placement"
    assert pcf.default_level_for("final").title == "End of Last Placement"


def _framework(**over):
    doc = {
        "schema": 1, "id": "pcf", "version": "2012", "name": "PCF (2012)",
        "domains": [{"number": 3, "key": "diversity", "title": "Diversity"},
                    {"number": 7, "key": "intervention_skills", "title": "Intervention and Skills"}],
        "levels": [{"key": "end_first", "title": "End of First Placement", "default_for": ["first"]}],
    }
    doc.update(over)
    return doc


def test_a_new_framework_file_is_picked_up_without_code(tmp_path):
    (tmp_path / "pcf-2012.json").write_text(json.dumps(_framework()), encoding="utf-8")
    reg = FrameworkRegistry.from_directory(tmp_path)
    old = reg.get("pcf@2012")
    assert [d.title for d in old.domains] == ["Diversity", "Intervention and Skills"]


@pytest.mark.parametrize(
    "over,field",
    [
        ({"schema": 99}, "schema"),
        ({"id": ""}, "id"),
        ({"domains": []}, "domains"),
        ({"levels": "lots"}, "levels"),
        ({"domains": [{"number": 1, "key": "a", "title": "A"}, {"number": 2, "key": "a", "title": "B"}]},
         "domains"),
        ({"domains": [{"number": "one", "key": "a", "title": "A"}]}, "number"),
    ],
)
def test_invalid_framework_files_are_rejected_with_the_field(tmp_path, over, field):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_framework(**over)), encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        load_framework_file(path)
    assert field in err.value.problems


def test_a_broken_json_file_names_the_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ValidationError, match="broken.json"):
        load_framework_file(path)


def test_engine_turns_on_foreign_keys_and_wal(ctx):
    from sqlalchemy import text

    with ctx.read_session() as s:
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
