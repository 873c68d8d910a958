"""Editor for an evidence item: kind, title, date, description, the domains it
evidences (with a note each) and its attachments."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.domain.evidence_vocab import EvidenceKind, label
from pe_desktop.services.context import AppContext
from pe_desktop.services.evidence.common import framework_for
from pe_desktop.services.evidence.items import (
    AttachmentRow,
    DomainNote,
    EvidenceItemInput,
    EvidenceItemRow,
    EvidenceService,
)
from pe_desktop.storage.attachments import human_size
from pe_desktop.storage.models import Placement
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.widgets.date_field import DateField
from pe_desktop.ui.widgets.domain_checklist import DomainChecklist
from pe_desktop.ui.widgets.editor_dialog import EditorDialog
from pe_desktop.ui.widgets.messages import confirm, show_error

#: Kinds recorded through their own editors rather than as free-standing items.
ITEM_KINDS = [k for k in EvidenceKind]


def open_with_system_viewer(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class EvidenceItemEditor(EditorDialog):
    def __init__(self, ctx: AppContext, placement_id: int, item: EvidenceItemRow | None = None,
                 parent: QWidget | None = None, kind: EvidenceKind | None = None,
                 domain_key: str | None = None) -> None:
        self.placement_id = placement_id
        self.item = item
        self.service = EvidenceService(ctx)
        self.pending_files: list[Path] = []
        with ctx.read_session() as s:
            self.framework = framework_for(ctx, s.get(Placement, placement_id))
        key = f"item:{item.id}" if item else f"item:new:p{placement_id}"
        super().__init__(ctx, key, item.title if item else "New evidence item", parent)
        self.resize(780, 760)
        if item is not None:
            self.set_fields(self._row_fields(item))
        else:
            if kind is not None:
                self.kind.setCurrentIndex(max(0, self.kind.findData(kind.value)))
            if domain_key:
                self.domains.set_key_checked(domain_key)
        self._fill_attachments()
        self.after_load()

    def build(self) -> None:
        form = QFormLayout(self.body)
        form.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.kind = QComboBox(self.body)
        for k in ITEM_KINDS:
            self.kind.addItem(label(k), k.value)
        self.item_date = DateField(self.ctx.today(), parent=self.body, today=self.ctx.today)
        row.addWidget(self.kind)
        row.addWidget(QLabel("dated"))
        row.addWidget(self.item_date)
        row.addStretch(1)
        form.addRow("Kind", row)
        self.title = QLineEdit(self.body)
        self.title.setMaxLength(200)
        self.title.setPlaceholderText("e.g. Reflective log on a first home visit")
        self.title.setAccessibleName("Title")
        form.addRow("&Title", self.title)
        self.description = QPlainTextEdit(self.body)
        self.description.setPlaceholderText("What this evidence is and what it shows (anonymised)")
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(70)
        self.description.setMaximumHeight(120)
        form.addRow("&Description", self.description)
        self.domains = DomainChecklist(self.framework, with_notes=True, parent=self.body)
        self.domains.setMinimumHeight(250)
        form.addRow("Do&mains", self.domains)
        att = QVBoxLayout()
        self.attachments = QListWidget(self.body)
        self.attachments.setMaximumHeight(110)
        self.attachments.setAccessibleName("Attachments")
        self.attachments.itemActivated.connect(lambda _i: self._open_attachment())
        att.addWidget(self.attachments)
        buttons = QHBoxLayout()
        add = QPushButton("&Attach file…", self.body)
        add.clicked.connect(self._choose_files)
        self.open_button = QPushButton("&Open", self.body)
        self.open_button.clicked.connect(self._open_attachment)
        self.remove_button = QPushButton("Remo&ve", self.body)
        self.remove_button.clicked.connect(self._remove_attachment)
        for b in (add, self.open_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.attach_note = QLabel(
            f"Files are copied into PE Desktop's private store (up to "
            f"{human_size(self.service.store.max_bytes)} each).", self.body)
        self.attach_note.setStyleSheet("color: palette(mid);")
        buttons.addWidget(self.attach_note)
        att.addLayout(buttons)
        form.addRow("Attachments", att)
        QShortcut(QKeySequence("Ctrl+O"), self, activated=self._choose_files)

    # -- attachments ------------------------------------------------------
    def _fill_attachments(self) -> None:
        self.attachments.clear()
        for a in (self.item.attachments if self.item else ()):
            text = f"{a.original_name}  ({human_size(a.size)})"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, ("stored", a))
            if a.problem:
                item.setText(f"⚠ {text} — {a.state.value}")
                item.setForeground(QBrush(QColor("#b3261e")))
                item.setToolTip(a.problem)
            self.attachments.addItem(item)
        for p in self.pending_files:
            item = QListWidgetItem(f"{p.name}  (attached when you save)")
            item.setData(Qt.ItemDataRole.UserRole, ("pending", p))
            self.attachments.addItem(item)

    def problems(self) -> list[str]:
        return [a.problem for a in (self.item.attachments if self.item else ()) if a.problem]

    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Attach files")
        self.attach_files([Path(n) for n in names])

    def attach_files(self, paths: list[Path]) -> None:
        if not paths:
            return
        limit = self.service.store.max_bytes
        for p in paths:
            try:
                size = p.stat().st_size
            except OSError as exc:
                show_error(self, exc)
                return
            if size > limit:
                self.show_problems(PEDesktopError(
                    f"{p.name} is {human_size(size)}; attachments can be at most "
                    f"{human_size(limit)}. Attach a smaller file."))
                return
        if self.item is None:
            self.pending_files.extend(paths)
            self._fill_attachments()
            self.autosaver.touch()
            return
        item_id = self.item.id

        def work() -> EvidenceItemRow:
            for p in paths:
                self.service.add_attachment(item_id, p)
            return self.service.get(item_id)

        run_in_background(work, self._attachments_changed, lambda e: show_error(self, e))

    def _attachments_changed(self, row: EvidenceItemRow) -> None:
        self.item = row
        self._fill_attachments()
        self.saved.emit(row)

    def _selected(self) -> tuple[str, Any] | None:
        item = self.attachments.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _open_attachment(self) -> None:
        sel = self._selected()
        if sel is None:
            return
        kind, value = sel
        try:
            path = value if kind == "pending" else self.service.attachment_path(value.id)
        except Exception as exc:  # noqa: BLE001 - missing/altered: say so, do not open
            show_error(self, exc, "Attachment cannot be opened")
            return
        if not open_with_system_viewer(path):
            show_error(self, OSError(f"No application is set up to open {path.name}"))

    def _remove_attachment(self) -> None:
        sel = self._selected()
        if sel is None:
            return
        kind, value = sel
        if kind == "pending":
            self.pending_files.remove(value)
            self._fill_attachments()
            return
        att: AttachmentRow = value
        if not confirm(self, "Remove attachment",
                       f"Remove {att.original_name} from this evidence item?", "Remove"):
            return
        try:
            self.service.remove_attachment(att.id)
            self._attachments_changed(self.service.get(self.item.id))
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)

    # -- fields -----------------------------------------------------------
    @staticmethod
    def _row_fields(i: EvidenceItemRow) -> dict[str, Any]:
        return {"kind": i.kind.value, "title": i.title, "item_date": i.item_date.isoformat(),
                "description": i.description,
                "domains": {d.domain_key: d.note for d in i.domains}}

    def fields(self) -> dict[str, Any]:
        return {"kind": self.kind.currentData(), "title": self.title.text(),
                "item_date": self.item_date.value().isoformat(),
                "description": self.description.toPlainText(), "domains": self.domains.notes(),
                "pending_files": [str(p) for p in self.pending_files]}

    def set_fields(self, f: dict[str, Any]) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(f.get("kind"))))
        self.title.setText(f.get("title", ""))
        self.item_date.set_value(date.fromisoformat(f.get("item_date") or
                                                    self.ctx.today().isoformat()))
        self.description.setPlainText(f.get("description", ""))
        notes = f.get("domains", {})
        self.domains.set_checked(list(notes), notes)
        self.pending_files = [Path(p) for p in f.get("pending_files", []) if Path(p).exists()]
        self._fill_attachments()

    def is_dirty(self) -> bool:
        return super().is_dirty() or bool(self.pending_files)

    def collect(self) -> tuple[EvidenceItemInput, list[Path]]:
        notes = self.domains.notes()
        data = EvidenceItemInput(
            kind=EvidenceKind(self.kind.currentData()), title=self.title.text(),
            item_date=self.item_date.value(), description=self.description.toPlainText(),
            domains=tuple(DomainNote(k, v) for k, v in notes.items()))
        return data, list(self.pending_files)

    def write(self, data: tuple[EvidenceItemInput, list[Path]]) -> EvidenceItemRow:
        item, files = data
        if self.item is None:
            self.item = self.service.create(self.placement_id, item, files)
            self.pending_files = []
        else:
            self.item = self.service.update(self.item.id, item)
        return self.item
