"""Conventions every page and dialog keeps (issue 16): mnemonics unique within a
dialog (defect 5), an accessible name on every focusable widget (defect 17)."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QTabWidget,
    QWidget,
)

from tests.gui.catalogue import dialog_factories, page_keys

MNEMONIC = re.compile(r"&([^&\s])")


@pytest.fixture
def full_demo(ctx):
    from pe_desktop.services.demo import create_demo_data

    create_demo_data(ctx)
    return ctx


def mnemonics(root: QWidget) -> dict[str, list[str]]:
    """Alt+letter → the texts that claim it, over everything in ``root``."""
    seen: dict[str, list[str]] = defaultdict(list)

    def claim(text: str) -> None:
        m = MNEMONIC.search(text.replace("&&", ""))
        if m:
            seen[m.group(1).lower()].append(text)

    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, QAbstractButton) or isinstance(w, QLabel) and w.buddy() is not None:
            claim(w.text())
        elif isinstance(w, QGroupBox):
            claim(w.title())
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                claim(w.tabText(i))
    return seen


def accessible_name(w: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(w)
    return iface.text(QAccessible.Text.Name).strip() if iface is not None else ""


def unnamed(root: QWidget) -> list[str]:
    """Focusable widgets a screen reader would announce without a name."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractScrollArea, QScrollBar

    out = []
    for w in root.findChildren(QWidget):
        if not (w.focusPolicy() & Qt.FocusPolicy.TabFocus) or isinstance(w, QScrollBar):
            continue
        if w.focusProxy() is not None or not w.isEnabled() and not w.isVisibleTo(root):
            continue
        if isinstance(w, QAbstractScrollArea) and w.widget() if hasattr(w, "widget") else False:
            continue  # a plain scrolling container: the fields inside carry names
        if w.objectName().startswith("qt_") or w.window() is not root.window():
            continue  # Qt's internals, popups (a combo box's list) are other windows
        if not accessible_name(w):
            parent = w.parentWidget()
            out.append(f"{type(w).__name__} in {type(parent).__name__ if parent else '-'}"
                       f" ({w.objectName() or (w.toolTip()[:30] if w.toolTip() else '')})")
    return out


def test_mnemonics_unique_in_every_dialog(full_demo, qtbot, make_window):
    window = make_window(full_demo)
    clashes = {}
    for name, build in dialog_factories(full_demo):
        dlg = build(window)
        qtbot.addWidget(dlg)
        for letter, texts in mnemonics(dlg).items():
            if len(texts) > 1:
                clashes[f"{name} Alt+{letter}"] = texts
        if hasattr(dlg, "autosaver"):
            dlg.autosaver.enabled = False
        dlg.done(0)
    assert clashes == {}, "\n".join(f"{k}: {v}" for k, v in clashes.items())


def test_every_focusable_widget_has_an_accessible_name(full_demo, qtbot, make_window):
    window = make_window(full_demo)
    missing: dict[str, list[str]] = {}
    for key in page_keys():
        page = window.navigate(key)
        bad = unnamed(page)
        for tabs in page.findChildren(QTabWidget):  # every tab, including lazy ones
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
                bad += unnamed(page)
        if bad:
            missing[f"page {key}"] = sorted(set(bad))
    if bad := unnamed(window.sidebar.parentWidget()):
        missing["main window"] = bad
    for name, build in dialog_factories(full_demo):
        dlg = build(window)
        qtbot.addWidget(dlg)
        dlg.show()
        if bad := unnamed(dlg):
            missing[name] = bad
        if hasattr(dlg, "autosaver"):
            dlg.autosaver.enabled = False
        dlg.done(0)
    assert missing == {}, "\n".join(f"{k}: {v}" for k, v in missing.items())
