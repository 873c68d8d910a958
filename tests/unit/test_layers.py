"""domain/ and storage/ must not depend on Qt (design.md)."""

import ast
from pathlib import Path

import pe_desktop

PKG = Path(pe_desktop.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_domain_and_storage_never_import_qt():
    offenders = []
    for layer in ("domain", "storage", "services"):
        for path in (PKG / layer).rglob("*.py"):
            if any(n.startswith("PySide6") for n in _imports(path)):
                offenders.append(str(path.relative_to(PKG)))
    assert offenders == []


def test_layer_check_sees_a_qt_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\n")
    assert "PySide6.QtCore" in _imports(bad)
