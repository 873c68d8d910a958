"""The panel page's dialogs: the outcome of a pull or an import (one line per file, each
rejection with its reason), the round's contributor keys with the chair's
confirmation, the members whose review files are accepted, and the learnings
summary's options. Thin over ``services/panel``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.errors import PEDesktopError, ValidationError
from pe_desktop.services.context import AppContext
from pe_desktop.ui.widgets.forms import FormErrors, error_label
from pe_desktop.ui.widgets.messages import confirm, describe
from pe_desktop.ui.widgets.record_table import Column, RecordTable


@dataclass(frozen=True)
class OutcomeLine:
    source: str  # a bundle or review file (target:name or a path)
    result: str  # "imported", "rejected", …
    detail: str = ""

    @property
    def rejected(self) -> bool:
        return self.result.lower().startswith(("rejected", "error", "not "))


def short_name(source: str) -> str:
    """A file's name without its folder and with its 64-digit hash cut to 8 digits."""
    return re.sub(r"([0-9a-f]{8})[0-9a-f]{56}", r"\1…", source.rpartition("/")[2])


def grouped(fingerprint: str) -> str:
    """AB:CD:EF:… as four-byte groups on two lines, easier to read out."""
    parts = fingerprint.split(":")
    groups = [":".join(parts[i:i + 4]) for i in range(0, len(parts), 4)]
    half = (len(groups) + 1) // 2
    return "  ".join(groups[:half]) + "\n" + "  ".join(groups[half:])


class OutcomesDialog(QDialog):
    """What happened to each file of a pull or import; rejections first, with reasons."""

    def __init__(self, title: str, summary: str, lines: list[OutcomeLine],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        head = QLabel(summary)
        head.setWordWrap(True)
        self.table = RecordTable([
            Column("File", lambda o: short_name(o.source), tooltip=lambda o: o.source),
            Column("Result", lambda o: o.result, warn=lambda o: o.rejected),
            Column("Reason", lambda o: o.detail, tooltip=lambda o: o.detail),
        ], self)
        self.table.setAccessibleName("Files and what happened to each")
        self.table.setWordWrap(True)
        self.table.set_rows(sorted(lines, key=lambda o: not o.rejected))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
        self.resize(760, 360)


class EnrolDialog(QDialog):
    """The round's contributor keys; the chair confirms one after comparing fingerprints."""

    confirmed = Signal(str)  # the pseudonym confirmed

    def __init__(self, ctx: AppContext, round_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from pe_desktop.services.panel.enrol import EnrolmentService

        self.service = EnrolmentService(ctx)
        self.round_id = round_id
        self.setWindowTitle(f"Contributor keys — round {round_id}")
        intro = QLabel("A PE's key is enrolled by their first bundle. Before their reports "
                       "can be reviewed, compare the fingerprint below with the one their app "
                       "shows (by phone or in person), then confirm it.")
        intro.setWordWrap(True)
        self.table = RecordTable([
            Column("Contributor", lambda r: r.pseudonym),
            Column("Org", lambda r: r.org_code or "-"),
            Column("Reports", lambda r: str(r.items)),
            Column("Key", lambda r: "Confirmed" if r.confirmed else "Awaiting confirmation",
                   warn=lambda r: not r.confirmed),
            Column("Fingerprint", lambda r: r.fingerprint[:23] + "…",
                   tooltip=lambda r: r.fingerprint),
        ], self)
        self.table.setAccessibleName("Contributor keys")
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._chosen())
        self.fingerprint = QLabel("")
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.fingerprint.setFont(mono)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.confirm_button = QPushButton("&Confirm this key…")
        self.confirm_button.clicked.connect(self.confirm_current)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.ActionRole)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.table, 1)
        lay.addWidget(QLabel("Fingerprint of the selected key:"))
        lay.addWidget(self.fingerprint)
        lay.addWidget(self.message)
        lay.addWidget(buttons)
        self.resize(760, 420)
        self.reload()

    def reload(self, keep: str | None = None) -> None:
        rows = self.service.list(self.round_id)
        pending = next((i for i, r in enumerate(rows) if not r.confirmed), 0)
        self.table.model_.set_rows(rows)
        index = next((i for i, r in enumerate(rows) if r.pseudonym == keep), pending)
        if rows:
            self.table.selectRow(index)
        self._chosen()

    def _chosen(self) -> None:
        row = self.table.current_row()
        self.fingerprint.setText(grouped(row.fingerprint) if row else "")
        self.confirm_button.setEnabled(row is not None and not row.confirmed)

    def confirm_current(self) -> bool:
        row = self.table.current_row()
        if row is None or row.confirmed:
            return False
        if not confirm(self, "Confirm a contributor key",
                       f"Confirm the key of {row.pseudonym} ({row.org_code or 'no org'}, "
                       f"{row.items} reports)?\n\n{grouped(row.fingerprint)}\n\nConfirm only "
                       "if every character matches the fingerprint the PE's app shows.",
                       "Confirm key"):
            return False
        try:
            done = self.service.confirm(self.round_id, row.fingerprint)
        except PEDesktopError as exc:
            self.message.setText(describe(exc))
            return False
        self.message.setText(f"Confirmed {done.pseudonym}: {done.items} reports can now be "
                             "reviewed.")
        self.reload(done.pseudonym)
        self.confirmed.emit(done.pseudonym)
        return True


class MemberDialog(QDialog):
    """Members whose signed review files the chair accepts; add one by fingerprint."""

    def __init__(self, ctx: AppContext, own_fingerprint: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from pe_desktop.services.panel.members import MemberService

        self.service = MemberService(ctx)
        self.setWindowTitle("Panel members")
        self.table = RecordTable([
            Column("Member", lambda m: m[0]),
            Column("Review-signing key", lambda m: m[1][:23] + "…", tooltip=lambda m: m[1]),
        ], self)
        self.table.setAccessibleName("Members")
        summary = error_label(self)
        self.errors = FormErrors(summary)
        form = QFormLayout()
        self.name = QLineEdit()
        self.errors.add_row(form, "name", "&Name", self.name)
        self.fp = QLineEdit()
        self.fp.setPlaceholderText("AB:CD:… (as 'panel join' printed it for the member)")
        self.errors.add_row(form, "fingerprint", "&Fingerprint", self.fp)
        self.add_button = QPushButton("&Add member")
        self.add_button.clicked.connect(self.add)
        own = QLabel(f"Your own review-signing key (give it to the chair):\n{own_fingerprint}"
                     if own_fingerprint else "")
        own.setWordWrap(True)
        own.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel("")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.ActionRole)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addWidget(summary)
        lay.addLayout(form)
        lay.addWidget(own)
        lay.addWidget(self.message)
        lay.addWidget(buttons)
        self.resize(640, 380)
        self.reload()

    def reload(self) -> None:
        self.table.set_rows(self.service.members())

    def add(self) -> bool:
        self.errors.clear()
        name = self.name.text().strip()
        if not name:
            self.errors.show({"name": "Give the member's name"})
            return False
        try:
            self.service.add_member(name, self.fp.text())
        except ValidationError as exc:
            self.errors.show(exc.problems)
            return False
        except PEDesktopError as exc:
            self.message.setText(describe(exc))
            return False
        self.message.setText(f"Added {name}: review files they sign will be accepted.")
        self.name.clear()
        self.fp.clear()
        self.reload()
        return True


class SummaryDialog(QDialog):
    """Who was present and the actions, then where to save the learnings summary."""

    def __init__(self, present: list[str], actions: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Learnings summary")
        form = QFormLayout()
        self.present = QPlainTextEdit("\n".join(present))
        self.present.setTabChangesFocus(True)
        self.present.setAccessibleName("Panel members present")
        form.addRow(self._buddy("Panel members &present (one a line)", self.present),
                    self.present)
        self.actions = QPlainTextEdit("\n".join(actions))
        self.actions.setTabChangesFocus(True)
        self.actions.setAccessibleName("Actions for PEPS training and PE workshops")
        form.addRow(self._buddy("&Actions for PEPS training and PE workshops", self.actions),
                    self.actions)
        self.sign = QCheckBox("&Sign it with the panel's key")
        self.sign.setChecked(True)
        form.addRow("", self.sign)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Sa&ve PDF…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)
        self.resize(620, 420)

    @staticmethod
    def _buddy(text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setBuddy(widget)
        return label

    def values(self) -> tuple[list[str], list[str], bool]:
        def lines(edit: QPlainTextEdit) -> list[str]:
            return [x.strip() for x in edit.toPlainText().splitlines() if x.strip()]

        return lines(self.present), lines(self.actions), self.sign.isChecked()
