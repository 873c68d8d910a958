"""The coverage matrix: framework domains (rows) against kinds of evidence
(columns), with each domain's latest judgement and its gaps. Selecting a cell
lists the records behind it; activating one asks for it to be opened."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.coverage import EvidenceSource, GapKind
from pe_desktop.domain.evidence_vocab import EVIDENCE_SHORT, EvidenceKind, Judgement, label
from pe_desktop.services.evidence.coverage import GAP_TEXT, CoverageMatrix

KINDS = list(EvidenceKind)
GAP_SHORT = {GapKind.NO_EVIDENCE: "No evidence", GapKind.SINGLE_SOURCE: "One kind only"}
JUDGEMENT_SHORT = {Judgement.NOT_YET: "Not yet", Judgement.DEVELOPING: "Developing",
                   Judgement.MEETS: "Meets", Judgement.EXCEEDS: "Exceeds"}
COL_KIND0 = 1
COL_TOTAL = COL_KIND0 + len(KINDS)
COL_JUDGEMENT = COL_TOTAL + 1
COL_GAPS = COL_JUDGEMENT + 1
GAP_BG = {GapKind.NO_EVIDENCE: QColor("#fbd5d0"), GapKind.SINGLE_SOURCE: QColor("#fdeec4")}
SOURCE_KIND = {EvidenceSource.SUPERVISION: "supervision", EvidenceSource.OBSERVATION: "observation",
               EvidenceSource.FEEDBACK: "feedback", EvidenceSource.ITEM: "item"}


class CoverageMatrixWidget(QWidget):
    open_requested = Signal(str, int)  # record kind, id
    add_requested = Signal(str, object)  # domain key, EvidenceKind | None
    framework_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix: CoverageMatrix | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        self.framework_box = QComboBox(self)
        self.framework_box.setAccessibleName("View the evidence against")
        self.framework_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.framework_box.setToolTip("See this placement's evidence against another framework "
                                      "(through the mapping between them)")
        self.framework_box.activated.connect(lambda _i: self.framework_changed.emit())
        top.addWidget(QLabel("View against", self))
        top.addWidget(self.framework_box)
        layout.addLayout(top)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.table = QTableWidget(0, COL_GAPS + 1, split)
        self.table.setAccessibleName("Coverage matrix")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        headers = ["Domain"] + [EVIDENCE_SHORT[k] for k in KINDS] + ["Total", "Latest judgement", "Gaps"]
        self.table.setHorizontalHeaderLabels(headers)
        for i, k in enumerate(KINDS):
            self.table.horizontalHeaderItem(COL_KIND0 + i).setToolTip(label(k))
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(0, 245)
        for c in range(COL_KIND0, COL_TOTAL + 1):
            self.table.setColumnWidth(c, 56)
        self.table.setColumnWidth(COL_JUDGEMENT, 150)
        self.table.setWordWrap(False)
        hh.setMinimumSectionSize(40)
        hh.setStretchLastSection(True)
        self.table.horizontalHeaderItem(COL_TOTAL).setToolTip("All evidence for the domain")
        self.table.currentCellChanged.connect(lambda r, c, *_: self._show_cell(r, c))
        self.table.cellClicked.connect(self._show_cell)
        side = QWidget(split)
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 4, 0, 0)
        self.cell_title = QLabel("Select a cell to list the evidence behind it.", side)
        sl.addWidget(self.cell_title)
        self.items = QListWidget(side)
        self.items.setAccessibleName("Evidence in the selected cell")
        self.items.itemActivated.connect(self._activate)
        self.items.itemDoubleClicked.connect(self._activate)
        sl.addWidget(self.items)
        split.addWidget(self.table)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)

    def set_frameworks(self, choices: list[tuple[str, str]], own: str, shown: str) -> None:
        """Fill the "View against" box: (ref, name) pairs; ``own`` is the placement's."""
        self.framework_box.clear()
        for ref, name in sorted(choices, key=lambda c: c[0] != own):
            self.framework_box.addItem(name + (" (this placement's)" if ref == own else ""),
                                       ref)
        self.framework_box.setCurrentIndex(max(0, self.framework_box.findData(shown)))
        self._own_framework = own

    def chosen_framework(self) -> str | None:
        """The framework to view against, or None for the placement's own."""
        ref = self.framework_box.currentData()
        return ref if ref and ref != getattr(self, "_own_framework", None) else None

    def set_matrix(self, m: CoverageMatrix | None) -> None:
        keep = (self.table.currentRow(), self.table.currentColumn())
        self.matrix = m
        self.table.setRowCount(0)
        self.items.clear()
        if m is None:
            self.summary.setText("")
            return
        obs = m.observations
        obs_text = (f"Direct observations: <b>{obs.completed} of {obs.required}</b> completed "
                    f"({obs.completed_by_pe} by the PE, {obs.planned} planned)")
        if obs.pe_shortfall:
            obs_text += " — at least one must be by the PE"
        if not obs.met:
            obs_text = f"<span style='color:#b3261e'>⚠ {obs_text}</span>"
        gaps = sum(1 for d in m.domains if d.gaps)
        sup = m.supervision
        self.summary.setText(
            f"{obs_text}<br>Supervision: {sup.summary()}<br>"
            + (f"<span style='color:#b3261e'>{gaps} of {len(m.domains)} domains have gaps</span>"
               " &nbsp; <span style='background:#fbd5d0'>&nbsp;no evidence&nbsp;</span>"
               " <span style='background:#fdeec4'>&nbsp;one kind of evidence only&nbsp;</span>"
               if gaps else "Every domain has evidence from more than one kind of source."))
        self.table.setRowCount(len(m.domains))
        bold = QFont()
        bold.setBold(True)
        for r, d in enumerate(m.domains):
            bg = GAP_BG.get(d.gaps[0]) if d.gaps else None
            head = QTableWidgetItem(f"{d.number}. {d.title}")
            head.setData(Qt.ItemDataRole.UserRole, d.key)
            cells = [head]
            for k in KINDS:
                n = d.counts.get(k, 0)
                it = QTableWidgetItem(str(n) if n else "·")
                it.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                it.setToolTip(f"{label(k)}: {n}")
                cells.append(it)
            total = QTableWidgetItem(str(d.total))
            total.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            total.setFont(bold)
            cells.append(total)
            j = d.latest_judgement
            judged = QTableWidgetItem(f"{JUDGEMENT_SHORT[j.judgement]} · {j.on:%d/%m/%y}" if j else "—")
            if j:
                judged.setToolTip(f"{label(j.judgement)} in the observation of {j.on:%d/%m/%Y}"
                                  + (f": {j.comment}" if j.comment else ""))
            cells.append(judged)
            gap = QTableWidgetItem(", ".join(GAP_SHORT[g] for g in d.gaps) or "✓")
            gap.setToolTip(", ".join(GAP_TEXT[g] for g in d.gaps))
            cells.append(gap)
            head.setToolTip(gap.text())
            for c, it in enumerate(cells):
                if bg is not None:
                    it.setBackground(QBrush(bg))
                self.table.setItem(r, c, it)
        if 0 <= keep[0] < self.table.rowCount():
            self.table.setCurrentCell(keep[0], max(0, keep[1]))

    def cell_kind(self, column: int) -> EvidenceKind | None:
        if COL_KIND0 <= column < COL_TOTAL:
            return KINDS[column - COL_KIND0]
        return None

    def select_cell(self, domain_key: str, kind: EvidenceKind | None = None) -> None:
        if self.matrix is None:
            return
        row = next(i for i, d in enumerate(self.matrix.domains) if d.key == domain_key)
        col = COL_KIND0 + KINDS.index(kind) if kind is not None else COL_TOTAL
        self.table.setCurrentCell(row, col)
        self._show_cell(row, col)

    def _show_cell(self, row: int, column: int) -> None:
        self.items.clear()
        if self.matrix is None or row < 0:
            return
        d = self.matrix.domains[row]
        kind = self.cell_kind(column)
        refs = self.matrix.refs_for(d.key, kind)
        what = label(kind) if kind else "All evidence"
        self.cell_title.setText(f"<b>{what}</b> for domain {d.number} {d.title}: {len(refs)} "
                                f"item{'s' if len(refs) != 1 else ''} — Enter or double-click opens one")
        for ref in refs:
            text = f"{ref.on:%d/%m/%Y}  {label(ref.kind)} — {ref.title}"
            if ref.note:
                text += f"  ({ref.note})"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (SOURCE_KIND[ref.source], ref.record_id))
            self.items.addItem(item)
        if not refs:
            item = QListWidgetItem("No evidence yet — activate this line to add an evidence item")
            item.setData(Qt.ItemDataRole.UserRole, ("add", (d.key, kind)))
            item.setForeground(QBrush(QColor("#555")))
            self.items.addItem(item)

    def _activate(self, item: QListWidgetItem) -> None:
        kind, value = item.data(Qt.ItemDataRole.UserRole)
        if kind == "add":
            self.add_requested.emit(value[0], value[1])
        else:
            self.open_requested.emit(kind, value)
