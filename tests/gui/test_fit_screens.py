"""Every page and dialog fits a 1366×768 laptop at 100% and a 1920×1080 screen at
150%, with its buttons on screen (issue 16, defect 2). Each screen runs in its
own process: Qt's scaling is fixed when the application starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.gui.catalogue import EXEMPT, dialog_classes

PROBE = Path(__file__).with_name("fit_probe.py")


@pytest.fixture
def demo_dir(ctx, data_dir):
    from pe_desktop.services.demo import create_demo_data

    create_demo_data(ctx)
    ctx.close()
    return data_dir


@pytest.mark.parametrize("width, height, scale", [(1366, 768, "1"), (1920, 1080, "1.5")])
def test_every_dialog_and_page_fits(demo_dir, tmp_path, width, height, scale):
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               QT_SCALE_FACTOR=scale)
    out = subprocess.run([sys.executable, str(PROBE), str(demo_dir)], env=env,
                         capture_output=True, text=True, timeout=110)
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["screen"] == [round(width / float(scale)), round(height / float(scale))]
    assert len(result["checked"]) > 20
    assert result["problems"] == []


def test_catalogue_names_every_dialog_class(demo_ctx):
    from tests.gui.catalogue import dialog_factories

    listed = {name.split(":")[0] for name, _ in dialog_factories(demo_ctx)}
    assert dialog_classes() - listed - EXEMPT - {"EditorDialog"} == set()
