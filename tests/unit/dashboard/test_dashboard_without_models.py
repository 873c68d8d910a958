"""The dashboard's data is computed without the ORM models (and without SQLAlchemy).

Start-up paints the dashboard before ``pe_desktop.storage.models`` is imported
(importing SQLAlchemy and defining the models is most of a cold start). A fresh process
opens a demo data folder with that import made impossible, imports the
dashboard and loads it; the companion tests show the check notices a model
imported when the dashboard is imported or while it loads.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from clocks import make_clock
from keys import TEST_KEY

import pe_desktop

SCRIPT = r"""
import json, sys

attempts = []


class BlockModels:
    # Any import of the ORM models is recorded and refused.
    def find_spec(self, name, path=None, target=None):
        if name == "pe_desktop.storage.models" or name.startswith("pe_desktop.storage.models."):
            attempts.append(name)
            raise ImportError(f"{name} is blocked in this test")
        return None


sys.meta_path.insert(0, BlockModels())
result = {"attempts": attempts, "categories": None, "error": None}
try:
    from pe_desktop.services.context import open_context

    ctx = open_context(sys.argv[1])
    exec(EXTRA_IMPORT)
    from pe_desktop.services import dashboard

    exec(EXTRA_PROVIDER)
    data = dashboard.DashboardService(ctx).load()
    result["categories"] = sorted({i.category for i in data.items})
    result["placements"] = len(data.placements)
    ctx.close()
except Exception as exc:
    result["error"] = f"{type(exc).__name__}: {exc}"
result["loaded"] = sorted(m for m in sys.modules if m.startswith("pe_desktop.storage.models"))
result["sqlalchemy"] = "sqlalchemy" in sys.modules
print(json.dumps(result))
"""

LAZY_PROVIDER = """
def models_provider(s, today):
    from pe_desktop.storage.models import Placement  # noqa: F401
    return []

dashboard.ATTENTION_PROVIDERS.append(models_provider)
"""

#: What the demo data puts on the dashboard on the test clock's date.
MAIN_CATEGORIES = {"meeting", "ending", "currency", "supervision", "report", "concern", "qa"}


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    import shutil

    from pe_desktop.services.context import open_context
    from pe_desktop.services.demo import create_demo_data

    base = tmp_path_factory.mktemp("dashboard-demo")
    root = base / "data"
    root.mkdir(mode=0o700)
    shutil.copy2(template_db, root / template_db.name)
    with pytest.MonkeyPatch.context() as mp:  # as the per-test _isolated_env does
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
            mp.setenv(var, str(base / var.lower()))
        mp.setenv("PE_DESKTOP_DATA_KEY", TEST_KEY.hex())
        ctx = open_context(root, clock=make_clock())
        try:
            create_demo_data(ctx)  # currency record, reports and a QA request included
        finally:
            ctx.close()
    return root


def _load_blocking_models(data_dir: Path, extra_import: str = "", extra_provider: str = "") -> dict:
    code = f"EXTRA_IMPORT = {extra_import!r}\nEXTRA_PROVIDER = {extra_provider!r}\n" + SCRIPT
    env = dict(os.environ)  # the fixed clock (PE_DESKTOP_CLOCK) and the test data key
    env["QT_QPA_PLATFORM"] = "offscreen"
    root = str(Path(pe_desktop.__file__).resolve().parents[1])  # this checkout's package
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    out = subprocess.run([sys.executable, "-c", code, str(data_dir)], capture_output=True,
                         text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_dashboard_loads_without_importing_the_models(demo_dir: Path):
    result = _load_blocking_models(demo_dir)
    assert result["error"] is None
    assert result["attempts"] == [] and result["loaded"] == []
    assert result["sqlalchemy"] is False  # read on a plain connection, as the first window is
    assert result["placements"] >= 4
    assert set(result["categories"]) >= MAIN_CATEGORIES, result["categories"]


def test_the_check_notices_a_model_imported_with_the_dashboard(demo_dir: Path):
    result = _load_blocking_models(demo_dir, extra_import="import pe_desktop.services.supervision")
    assert result["attempts"] == ["pe_desktop.storage.models"]
    assert "blocked" in result["error"] and result["categories"] is None


def test_the_check_notices_a_model_imported_while_loading(demo_dir: Path):
    result = _load_blocking_models(demo_dir, extra_provider=LAZY_PROVIDER)
    assert result["attempts"] == ["pe_desktop.storage.models"]
    assert "blocked" in result["error"] and result["categories"] is None
