"""Soak: thousands of page switches must not leak references or objects.

PySide6 6.12.0 on Python 3.11 dropped a reference to ``None`` on every call
returning nothing, and the app died with "deallocating None" after ~440 page
switches. This drives the real main window through every page (and a refresh
each round) and checks, every ``CHECK_EVERY`` switches, that ``None``'s
reference count (meaningful before Python 3.12, where ``None`` became
immortal) and the number of live Python objects stay within small bounds, so
the test fails well before a crash would take the run down.

``PE_SOAK_SWITCHES`` sets the number of switches (the suite's default is
short; ``PE_SOAK_SWITCHES=5000`` is the long run reported in issue notes).
"""

from __future__ import annotations

import gc
import os
import sys

import pytest

SWITCHES = int(os.environ.get("PE_SOAK_SWITCHES", "600"))
CHECK_EVERY = 60
#: None's count moves a little with whatever happens to hold None; the broken
#: binding lost tens of references per switch.
NONE_DRIFT_LIMIT = 300
#: Live objects may grow a little (caches warming); a leak per switch would not.
OBJECT_GROWTH_LIMIT = 3000

IMMORTAL_NONE = sys.version_info >= (3, 12)


def _settle(qtbot) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def test_thousands_of_page_switches_leak_nothing(make_window, demo_ctx, qtbot):
    from pe_desktop.ui.pages import PAGES

    window = make_window(demo_ctx)
    keys = [s.key for s in PAGES]
    for key in keys * 2:  # every page built and refreshed once before measuring
        window.navigate(key)
    window.refresh_current()
    _settle(qtbot)
    none0 = sys.getrefcount(None)
    objects0 = len(gc.get_objects())
    worst_none = worst_objects = 0
    for i in range(1, SWITCHES + 1):
        window.navigate(keys[i % len(keys)])
        if i % len(keys) == 0:
            window.refresh_current()
        if i % CHECK_EVERY == 0:
            _settle(qtbot)
            none_drift = none0 - sys.getrefcount(None)
            growth = len(gc.get_objects()) - objects0
            worst_none = max(worst_none, none_drift)
            worst_objects = max(worst_objects, growth)
            if not IMMORTAL_NONE:
                # Only a *loss* can free None and crash; PySide6 6.11 keeps a few
                # extra references on some model resets (not in any Python
                # container), which is harmless and is not counted here.
                assert none_drift < NONE_DRIFT_LIMIT, (
                    f"None lost {none_drift} references after {i} page switches: the Qt "
                    "binding is dropping references (see issue 9); the app would crash"
                )
            assert growth < OBJECT_GROWTH_LIMIT, f"{growth} more live objects after {i} switches"
    print(f"soak: {SWITCHES} switches, worst None loss {worst_none}, "
          f"worst object growth {worst_objects}")


@pytest.mark.skipif(IMMORTAL_NONE, reason="None is immortal from Python 3.12")
def test_the_qt_binding_keeps_none_alive(qtbot):
    """The narrow form of the crash: 1,000 void calls must not move None's count."""
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(1000):
        label.setText(str(i))
        label.setEnabled(i % 2 == 0)
    assert before - sys.getrefcount(None) < 50
