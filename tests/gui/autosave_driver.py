"""Drives a supervision editor offscreen, typing steadily, until it is killed.

Used by test_autosave_kill.py: ``python autosave_driver.py DATA_DIR PLACEMENT_ID``.
Prints ``typed N`` after each character and ``saved N`` whenever a draft write
completes (N = characters in the discussion box at that moment).
"""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

TEXT = ("Student reflected on a home visit where the parent was angry about the "
        "assessment; we talked about power, de-escalation and recording. ") * 20
CHARS_PER_SECOND = 25


def main() -> None:
    data_dir, placement_id = sys.argv[1], int(sys.argv[2])
    app = QApplication([])
    from pe_desktop.services.context import open_context
    from pe_desktop.ui.supervision.editor import SupervisionEditor

    ctx = open_context(data_dir)
    SupervisionEditor.restore_drafts = False
    editor = SupervisionEditor(ctx, placement_id)
    editor.show()
    editor.autosaver.saved.connect(
        lambda: print(f"saved {len(editor.discussion.toPlainText())}", flush=True))
    pos = [0]

    def type_one() -> None:
        QTest.keyClicks(editor.discussion, TEXT[pos[0]])
        pos[0] += 1
        print(f"typed {pos[0]}", flush=True)

    timer = QTimer()
    timer.timeout.connect(type_one)
    timer.start(1000 // CHARS_PER_SECOND)
    app.exec()


if __name__ == "__main__":
    main()
