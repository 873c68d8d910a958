"""A placement's evidence seen against the Social Work England standards (PCF stays default)."""

from __future__ import annotations

import json

import pytest

from pe_desktop.cli.main import main
from pe_desktop.domain.coverage import DomainJudgement, EvidenceRef, EvidenceSource, translate
from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.domain.evidence_vocab import EvidenceKind, Judgement
from pe_desktop.domain.frameworks import crosswalk, default_registry
from pe_desktop.services.evidence.coverage import CoverageService
from pe_desktop.services.placements.service import PlacementService


def test_swe_file_loads_and_pcf_stays_default():
    reg = default_registry()
    assert reg.default.ref == "pcf@2018"
    swe = reg.get("swe-ps@2020")
    assert len(swe.domains) == 6 and swe.default_level_for("final").key == "end_last"
    pcf = reg.default
    both = crosswalk(pcf, swe)
    assert set(both) == {d.key for d in pcf.domains} and all(both.values())
    back = crosswalk(swe, pcf)
    assert "professionalism" in back["trust_confidence"]


def test_a_record_counts_once_per_target_domain():
    from datetime import date

    ref = EvidenceRef(EvidenceSource.ITEM, 1, EvidenceKind.OTHER, date(2026, 11, 1), "x",
                      frozenset({"a", "b"}))
    j = DomainJudgement("a", Judgement.MEETS, date(2026, 11, 1), 7)
    refs, judgements = translate([ref], [j], {"a": frozenset({"X", "Y"}),
                                              "b": frozenset({"Y"})})
    assert refs[0].domains == frozenset({"X", "Y"})
    assert sorted(x.domain_key for x in judgements) == ["X", "Y"]


def test_coverage_against_either_framework(demo_ctx, data_dir, capsys):
    pid = PlacementService(demo_ctx).list()[1].id
    svc = CoverageService(demo_ctx)
    own = svc.matrix(pid)
    swe = svc.matrix(pid, "swe-ps@2020")
    assert own.framework_ref == own.placement_framework_ref == "pcf@2018"
    assert swe.framework_ref == "swe-ps@2020" and swe.placement_framework_ref == "pcf@2018"
    assert len(swe.domains) == 6
    any_pcf = {r.record_id for r in own.refs}
    assert {r.record_id for r in swe.refs} == any_pcf  # every PCF domain maps somewhere
    with pytest.raises(PEDesktopError, match="Unknown framework"):
        svc.matrix(pid, "kss@2099")
    assert main(["--data-dir", str(data_dir), "coverage", "--placement", str(pid),
                 "--framework", "swe-ps@2020", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["framework"] == "Social Work England professional standards"
    assert [d["number"] for d in doc["domains"]] == [1, 2, 3, 4, 5, 6]
