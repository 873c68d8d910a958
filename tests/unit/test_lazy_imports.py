"""Heavy libraries stay out of the GUI start-up path (design.md)."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("reportlab", "pyhanko", "cryptography", "keyring", "alembic")

SCRIPT = """
import importlib, importlib.util, sys
import pe_desktop.ui.main_window
from pe_desktop.ui.pages import PAGES
for spec in PAGES:
    if importlib.util.find_spec(spec.module) is not None:
        importlib.import_module(spec.module)
for name in ["pe_desktop.services.secret_store", "pe_desktop.services.signing.identity",
             "pe_desktop.services.signing.pdf_export", "pe_desktop.services.documents.kinds",
             "pe_desktop.cli.cmd_pdf", "pe_desktop.cli.cmd_signing"] + EXTRA:
    importlib.import_module(name)
heavy = sorted({m.split('.')[0] for m in sys.modules} & set(HEAVY))
print(",".join(heavy))
"""


def _heavy_after_import(extra: list[str]) -> str:
    code = f"HEAVY = {HEAVY!r}\nEXTRA = {extra!r}\n" + SCRIPT
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin"})
    return out.stdout.strip()


def test_gui_pages_and_export_services_do_not_import_heavy_libraries():
    assert _heavy_after_import([]) == ""


def test_the_check_notices_a_heavy_import():
    assert "reportlab" in _heavy_after_import(["pe_desktop.export.pdf_base"])
