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


def _module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _top_level_imports(path: Path) -> set[str]:
    """Imports executed when the module loads (not those inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def _all_modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PKG.rglob("*.py")}


#: layer -> layers it must never import (arrows point down only)
FORBIDDEN = {
    "domain": ("services", "ui", "cli", "storage", "export", "sync"),
    "storage": ("services", "ui", "cli", "export", "sync"),
    "services": ("ui", "cli"),
    # export renders plain data the services hand it; it never calls them back
    "export": ("services", "ui", "cli"),
    "sync": ("services", "ui", "cli"),
}


def test_arrows_point_down():
    offenders = []
    for name, path in _all_modules().items():
        parts = name.split(".")
        if len(parts) < 2 or parts[1] not in FORBIDDEN:
            continue
        for imported in _imports(path):
            for bad in FORBIDDEN[parts[1]]:
                if imported == f"pe_desktop.{bad}" or imported.startswith(f"pe_desktop.{bad}."):
                    offenders.append(f"{name} imports {imported}")
    assert offenders == []


def test_no_module_over_500_lines():
    long = [f"{p.relative_to(PKG)}: {n}" for p in PKG.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500]
    assert long == []


def test_no_import_cycles_at_load_time():
    modules = _all_modules()
    graph = {m: {i for i in _top_level_imports(p) if i in modules and i != m}
             for m, p in modules.items()}
    # a package's __init__ importing its own submodules is not a cycle of concern
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for m in graph:
        if m not in index:
            visit(m)
    assert cycles == []
