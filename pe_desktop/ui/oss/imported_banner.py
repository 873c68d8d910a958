"""The read-only banner on a record an on-site supervisor signed and sent.

The PE's observation and supervision editors show the OSS's record as it was
signed: every field read only, Save disabled, no drafts; the banner says who
recorded it and when, and *Add annotation…* keeps the PE's note beside it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTextEdit,
    QWidget,
)

from pe_desktop.ui.widgets.messages import show_error


def _signed_on(manifest: str, fallback: date, local_date: Callable[[datetime], date]) -> date:
    """The signing date where the PE is (the manifest's instant is UTC)."""
    try:
        signed = datetime.fromisoformat(json.loads(manifest)["created_at"])
    except (KeyError, TypeError, ValueError):
        return fallback
    return local_date(signed) if signed.tzinfo is not None else signed.date()


class OssRecordBanner(QFrame):
    """Who signed the record, when, and the PE's annotation beside it."""

    def __init__(self, editor, kind: str, import_id: int, oss_name: str, signed: date,
                 annotation: str) -> None:
        super().__init__(editor)
        self.editor = editor
        self.import_id = import_id
        self.oss_name = oss_name
        self.setObjectName("ossBanner")
        self.setStyleSheet("QFrame#ossBanner { background: #e8f0fe; border: 1px solid #a8c0e8;"
                           " border-radius: 4px; }")
        row = QHBoxLayout(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Recorded by the on-site supervisor")
        row.addWidget(self.label, 1)
        self.annotate_button = QPushButton("Add ann&otation…", self)
        self.annotate_button.setAccessibleName("Add an annotation beside the supervisor's record")
        self.annotate_button.clicked.connect(self.annotate)
        row.addWidget(self.annotate_button)
        self.headline = (f"Recorded by {oss_name} on their own laptop, signed "
                         f"{signed:%d %b %Y}; you can add an annotation but not change it.")
        self.show_annotation(annotation)

    def show_annotation(self, annotation: str) -> None:
        self.annotation = annotation
        text = f"<b>{_esc(self.headline)}</b>"
        if annotation:
            text += f"<br>Your annotation: {_esc(annotation)}"
        self.label.setText(text)

    def annotate(self) -> None:
        from pe_desktop.services.oss.records_pe import annotate

        text, ok = QInputDialog.getMultiLineText(
            self, "Annotate", f"Your note beside {self.oss_name}'s record (theirs stays as "
                              "signed):", self.annotation)
        if not ok:
            return
        try:
            row = annotate(self.editor.ctx, self.import_id, text)
        except Exception as exc:  # noqa: BLE001 - one message, nothing changed
            show_error(self, exc)
            return
        self.show_annotation(row.annotation)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _read_only(root: QWidget) -> None:
    for w in root.findChildren(QWidget):
        if isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit):
            w.setReadOnly(True)
        elif isinstance(w, QTableWidget):
            w.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        elif isinstance(w, QComboBox | QAbstractButton | QAbstractSpinBox):
            w.setEnabled(False)


def lock_if_from_oss(editor, kind: str, record_id: int | None) -> OssRecordBanner | None:
    """Make ``editor`` read only with the banner when the record came from an OSS."""
    if record_id is None:
        return None
    from pe_desktop.services.oss.locks import oss_import_for

    with editor.ctx.read_session() as s:
        row = oss_import_for(s, kind, record_id)
        if row is None:
            return None
        info = (row.id, row.oss_name, _signed_on(row.manifest,
                                                 editor.ctx.local_date(row.imported_at),
                                                 editor.ctx.local_date),
                row.annotation)
    banner = OssRecordBanner(editor, kind, *info)
    editor.layout().insertWidget(0, banner)
    _read_only(editor.body)
    editor.autosaver.discard()
    save = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    if save is not None:
        save.setEnabled(False)
    editor.setWindowTitle(editor.windowTitle() + f" — recorded by {info[1]}")
    editor.oss_banner = banner
    return banner
