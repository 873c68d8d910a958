"""Kill the app while it is typing: at most the last few seconds are lost."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from clocks import make_clock
from evidence_helpers import make_placement

from pe_desktop.services.context import open_context
from pe_desktop.services.drafts import DraftService
from pe_desktop.ui.widgets.editor_dialog import AUTOSAVE_IDLE_MS

DRIVER = Path(__file__).with_name("autosave_driver.py")


@pytest.mark.slow
def test_sigkill_while_typing_keeps_the_draft(qtbot, ctx, data_dir, monkeypatch):
    sys.path.insert(0, str(DRIVER.parent))
    from autosave_driver import CHARS_PER_SECOND, TEXT

    pid = make_placement(ctx)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen([sys.executable, str(DRIVER), str(data_dir), str(pid)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    typed = saved = 0
    saves = 0
    deadline = time.monotonic() + 60
    try:
        # keep typing through two draft writes, then a little more, then kill
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            kind, n = line.split()
            if kind == "typed":
                typed = int(n)
            else:
                saved, saves = int(n), saves + 1
            if saves >= 2 and typed >= saved + CHARS_PER_SECOND:
                break
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert saves >= 2, "the editor never autosaved while typing"
    # continuous typing still saves at least every 2 × idle interval
    max_loss = CHARS_PER_SECOND * (2 * AUTOSAVE_IDLE_MS / 1000 + 1)
    fresh = open_context(data_dir, clock=make_clock())
    try:
        draft = DraftService(fresh).load(f"supervision:new:p{pid}")
        assert draft is not None
        kept = draft.fields["discussion"]
        assert TEXT.startswith(kept) and len(kept) >= saved
        assert typed - len(kept) <= max_loss
        # reopening the editor offers the draft back
        from pe_desktop.ui.supervision.editor import SupervisionEditor

        monkeypatch.setattr(SupervisionEditor, "restore_drafts", True)
        editor = SupervisionEditor(fresh, pid)
        qtbot.addWidget(editor)
        assert editor.discussion.toPlainText() == kept
        editor.autosaver.discard()
    finally:
        fresh.close()
