"""Start-up stays light: the heavy libraries load only when a feature needs them."""

import os
import subprocess
import sys
from pathlib import Path

from pe_desktop.ui.startup_probe import LOADED, MARKER

HEAVY = ("reportlab", "pyhanko", "alembic", "cryptography", "keyring")


def _start(data_dir, marker: str = MARKER) -> set[str]:
    """The top-level modules loaded when the window shows the dashboard's data
    (``marker``: or once the data model has loaded after it, :data:`LOADED`)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PE_DESKTOP_STARTUP_PROBE="loaded")
    proc = subprocess.run(
        [sys.executable, "-m", "pe_desktop", "--data-dir", str(data_dir)],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith(marker)), None)
    assert line is not None, proc.stdout + proc.stderr
    fields = dict(part.split("=", 1) for part in line.split()[1:])
    assert float(fields["cpu"]) > 0
    return set(fields["modules"].split(","))


def test_window_with_populated_dashboard_loads_no_heavy_library(demo_ctx, data_dir):
    demo_ctx.close()  # the app opens the same data directory in its own process
    first = _start(data_dir)
    modules = _start(data_dir)
    # The list is real: the app's own stack is in it...
    assert {"PySide6", "sqlcipher3", "pe_desktop"} <= modules
    # ...and nothing beyond it: the first window is read with plain SQL, before
    # SQLAlchemy and the ORM models load (they are most of a cold start)...
    assert [m for m in HEAVY + ("sqlalchemy",) if m in modules] == []
    # ...which they do once the dashboard shows.
    assert "sqlalchemy" in _start(data_dir, LOADED)
    # England's bank holidays come from the cache the first start filled: the
    # `holidays` package (all its countries, ~0.1 s) is not imported again.
    assert "holidays" in first
    assert "holidays" not in modules
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "pe-desktop" / "bank-holidays-england.json"
    assert cache.exists()
