"""Base for record editors: inline validation messages, Ctrl+S to save,
confirmation before throwing changes away, and autosaved drafts.

A subclass builds its form in ``build()``, and implements ``fields()`` /
``set_fields()`` (the form as a JSON-able dict, used for drafts and change
detection), ``collect()`` (reads the widgets into a service input, on the GUI
thread) and ``write(data)`` (calls a service; runs in the background).
While the user types, :class:`Autosaver` writes ``fields()`` to the drafts
table after :data:`AUTOSAVE_IDLE_MS` of idle time; reopening the editor for the
same record offers the draft back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QFrame,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.errors import ValidationError
from pe_desktop.services.context import AppContext
from pe_desktop.services.drafts import DraftService
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.widgets.date_field import DateField
from pe_desktop.ui.widgets.forms import highlight_problems, save_cancel_buttons
from pe_desktop.ui.widgets.messages import confirm, describe

AUTOSAVE_IDLE_MS = 2000


class Autosaver(QObject):
    """Writes a draft after a pause in typing (and at most every few seconds while typing)."""

    saved = Signal()

    def __init__(self, ctx: AppContext, key: str, title: str,
                 collect: Callable[[], dict[str, Any]], idle_ms: int = AUTOSAVE_IDLE_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.drafts = DraftService(ctx)
        self.key = key
        self.title = title
        self.collect = collect
        self.enabled = True
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(idle_ms)
        self._idle.timeout.connect(self.flush)
        self._longest = QTimer(self)  # continuous typing still saves every 2 × idle
        self._longest.setSingleShot(True)
        self._longest.setInterval(idle_ms * 2)
        self._longest.timeout.connect(self.flush)

    def touch(self, *_: object) -> None:
        if not self.enabled:
            return
        self._idle.start()
        if not self._longest.isActive():
            self._longest.start()

    def flush(self) -> None:
        self._idle.stop()
        self._longest.stop()
        if not self.enabled:
            return
        try:
            self.drafts.save(self.key, self.title, self.collect())
        except Exception:  # noqa: BLE001 - a failed draft write must not interrupt typing
            return
        self.saved.emit()

    def cancel_pending(self) -> None:
        self._idle.stop()
        self._longest.stop()

    def discard(self) -> None:
        self.enabled = False
        self._idle.stop()
        self._longest.stop()
        self.drafts.discard(self.key)


class EditorDialog(QDialog):
    saved = Signal(object)  # the saved row

    #: ``True``/``False`` restores/discards a draft without asking (tests, scripts).
    restore_drafts: bool | None = None

    def __init__(self, ctx: AppContext, draft_key: str, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setModal(True)
        self.resize(760, 680)
        layout = QVBoxLayout(self)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("errors")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(
            "QLabel#errors { color: #b3261e; background: #fdecea; border: 1px solid #f3b8b3;"
            " border-radius: 4px; padding: 6px; }")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        # The form scrolls inside the dialog so Save/Cancel stay on a small screen.
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body = QWidget(self.scroll)
        self.scroll.setWidget(self.body)
        layout.addWidget(self.scroll, 1)
        self.draft_label = QLabel(self)
        self.draft_label.setStyleSheet("color: palette(mid);")
        self.buttons = save_cancel_buttons(self, self.save)
        foot = QVBoxLayout()
        foot.addWidget(self.draft_label)
        foot.addWidget(self.buttons)
        layout.addLayout(foot)
        self._saving = False
        self._marked: list[str] = []
        self.build()
        # The form scrolls down, never sideways: the dialog is at least as wide as it.
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setMinimumWidth(self.body.minimumSizeHint().width()
                                    + self.scroll.verticalScrollBar().sizeHint().width() + 4)
        for name, value in vars(self).items():  # DateField errors name their field
            if isinstance(value, DateField):
                value.field = name
        self._baseline = self.fields()
        self.autosaver = Autosaver(ctx, draft_key, title, self.fields, parent=self)
        self.autosaver.saved.connect(
            lambda: self.draft_label.setText("Draft saved — your typing is kept if the app closes"))
        self.watch(self.body)

    # -- for subclasses -----------------------------------------------------
    def build(self) -> None:
        raise NotImplementedError

    def fields(self) -> dict[str, Any]:
        raise NotImplementedError

    def set_fields(self, fields: dict[str, Any]) -> None:
        raise NotImplementedError

    def collect(self) -> Any:
        """The service input built from the widgets (GUI thread)."""
        raise NotImplementedError

    def write(self, data: Any) -> Any:
        """Validate and write ``data`` through a service; return the saved row (background)."""
        raise NotImplementedError

    def after_load(self) -> None:
        """Call at the end of a subclass ``__init__`` once the record is shown."""
        self._baseline = self.fields()
        self.autosaver.cancel_pending()  # loading the record is not typing
        self._offer_draft()

    # -- change tracking and drafts ----------------------------------------
    def watch(self, root: QWidget) -> None:
        """Autosave on any edit inside ``root`` (call again for widgets added later)."""
        for w in [root, *root.findChildren(QWidget)]:
            if w.property("_watched"):
                continue
            if isinstance(w, QLineEdit):
                w.textEdited.connect(self.autosaver.touch)
            elif isinstance(w, QPlainTextEdit):
                w.textChanged.connect(self.autosaver.touch)
            elif isinstance(w, QComboBox):
                w.currentIndexChanged.connect(self.autosaver.touch)
            elif isinstance(w, QAbstractSpinBox):
                w.editingFinished.connect(self.autosaver.touch)
            elif isinstance(w, QAbstractButton) and w.isCheckable():
                w.toggled.connect(self.autosaver.touch)
            elif isinstance(w, QTableWidget):
                w.itemChanged.connect(self.autosaver.touch)
            else:
                continue
            w.setProperty("_watched", True)

    def is_dirty(self) -> bool:
        return self.fields() != self._baseline

    def _offer_draft(self) -> None:
        draft = self.autosaver.drafts.load(self.autosaver.key)
        if draft is None or draft.fields == self._baseline:
            return
        restore = self.restore_drafts
        if restore is None:
            when = draft.saved_at.astimezone().strftime("%d/%m/%Y %H:%M")
            box = QMessageBox(QMessageBox.Icon.Question, "Unsaved changes found",
                              f"This record has unsaved changes from {when} (kept when the editor "
                              "was last closed unexpectedly). Restore them?", parent=self)
            ok = box.addButton("Restore changes", QMessageBox.ButtonRole.AcceptRole)
            box.addButton("Discard them", QMessageBox.ButtonRole.DestructiveRole)
            box.exec()
            restore = box.clickedButton() is ok
        if restore:
            self.set_fields(draft.fields)
            self.draft_label.setText(f"Restored unsaved changes from {draft.saved_at.astimezone():%H:%M}")
        else:
            self.autosaver.drafts.discard(self.autosaver.key)

    # -- saving -------------------------------------------------------------
    def field_widget(self, field: str) -> QWidget | None:
        """The widget a service's problem key names: by default the attribute of
        that name (``held_on`` → ``self.held_on``)."""
        w = getattr(self, field, None)
        return w if isinstance(w, QWidget) else None

    def show_problems(self, exc: BaseException) -> None:
        self.error_label.setText(describe(exc))
        self.error_label.show()
        problems = exc.problems if isinstance(exc, ValidationError) else {}
        widgets = {f: w for f in [*problems, *self._marked] if (w := self.field_widget(f))}
        self._marked = list(problems)
        first = highlight_problems(widgets, problems)
        if first is not None:
            self.scroll.ensureWidgetVisible(first)

    def save(self) -> None:
        if self._saving:
            return
        self._saving = True
        self.autosaver.flush()  # never lose typing if the save fails
        try:
            data = self.collect()
        except Exception as exc:  # noqa: BLE001 - shown inline
            self._failed(exc)
            return
        self.buttons.setEnabled(False)
        run_in_background(lambda: self.write(data), self._saved, self._failed)

    def _saved(self, row: Any) -> None:
        self._saving = False
        self.buttons.setEnabled(True)
        self.autosaver.discard()
        self._baseline = self.fields()
        self.saved.emit(row)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._saving = False
        self.buttons.setEnabled(True)
        self.show_problems(exc)
        if not isinstance(exc, ValidationError):
            QMessageBox.warning(self, self.windowTitle(), describe(exc))

    def reject(self) -> None:
        if self.is_dirty() and not confirm(
            self, "Discard changes?", "You have unsaved changes in this editor. Discard them?",
            "Discard changes",
        ):
            return
        self.autosaver.discard()
        super().reject()

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        # Enter in a one-line field must not save the whole record by accident.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            event.ignore()
            return
        super().keyPressEvent(event)
