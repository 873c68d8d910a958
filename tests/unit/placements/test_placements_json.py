"""``placements --json`` carries what partnership metrics need."""

from __future__ import annotations

import json

from pe_desktop.cli.main import main
from pe_desktop.services.placements.service import PlacementService


def test_json_has_statutory_service_area_and_arrangement(demo_ctx, data_dir, capsys):
    assert main(["--data-dir", str(data_dir), "placements", "--json"]) == 0
    doc = {p["id"]: p for p in json.loads(capsys.readouterr().out)}
    for row in PlacementService(demo_ctx).list():
        p = doc[row.id]
        assert p["statutory"] is row.statutory
        assert p["service_area"] == row.service_area.value
        assert p["pe_arrangement"] == row.pe_arrangement.value
    assert {True, False} >= {p["statutory"] for p in doc.values()}
