"""The form for one report version: domains with their evidence, summary, comments.

A dumb widget: :meth:`ReportEditor.load` fills it from a ``ReportView`` and
:meth:`ReportEditor.content` reads it back; it never touches the database.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.reports import RECOMMENDATIONS, Recommendation, ReportKind, label
from pe_desktop.services.reports.evidence import EvidenceLink
from pe_desktop.services.reports.service import ReportContent, ReportView


def _text_edit(placeholder: str, min_height: int = 90) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setMinimumHeight(min_height)
    edit.setTabChangesFocus(True)
    return edit


class DomainSection(QGroupBox):
    """One framework domain: its narrative and, beside it, the evidence mapped to it."""

    changed = Signal()

    def __init__(self, heading: str, summary: str, parent: QWidget | None = None) -> None:
        super().__init__(heading, parent)
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        hint = QLabel(summary)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5b6673;")
        left.addWidget(hint)
        self.narrative = _text_edit(f"How has the student evidenced {heading.split('. ', 1)[-1]}?",
                                    120)
        self.narrative.setAccessibleName(f"Narrative: {heading}")
        self.narrative.textChanged.connect(self.changed)
        left.addWidget(self.narrative)
        layout.addLayout(left, 3)
        self.evidence_box = QWidget()
        right = QVBoxLayout(self.evidence_box)
        right.setContentsMargins(0, 0, 0, 0)
        self.evidence_label = QLabel("Evidence for this domain")
        right.addWidget(self.evidence_label)
        self.evidence = QListWidget()
        self.evidence.setAccessibleName(f"Evidence: {heading}")
        self.evidence.setToolTip("Double-click to insert a reference at the cursor")
        self.evidence.setWordWrap(True)
        self.evidence.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.evidence.itemDoubleClicked.connect(self._insert_item)
        self.evidence.installEventFilter(self)
        right.addWidget(self.evidence)
        self.insert_button = QPushButton("Insert reference")
        self.insert_button.setToolTip("Insert the selected evidence at the cursor (or press "
                                      "Enter in the list)")
        # Keyboard users insert with Enter in the list; a button in the Tab chain
        # would swallow typing without showing it.
        self.insert_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.insert_button.clicked.connect(self.insert_selected)
        right.addWidget(self.insert_button)
        layout.addWidget(self.evidence_box, 2)

    def set_evidence(self, links: list[EvidenceLink] | None) -> None:
        self.evidence_box.setVisible(links is not None)
        self.evidence.clear()
        for link in links or []:
            item = QListWidgetItem(f"{link.on:%d %b %Y} · {link.description}")
            item.setToolTip(f"{link.description}, {link.on:%d %B %Y}\nDouble-click to insert "
                            "a reference")
            item.setData(Qt.ItemDataRole.UserRole, link.reference())
            self.evidence.addItem(item)
        n = len(links or [])
        self.evidence_label.setText(
            f"Evidence for this domain ({n})" if n else "No evidence mapped to this domain yet"
        )
        self.insert_button.setEnabled(n > 0)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        """In the evidence list, Enter inserts the reference; typed text goes to the
        narrative (visibly) instead of the list's invisible type-ahead search."""
        if obj is self.evidence and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.insert_selected()
                return True
            text = event.text()
            mods = event.modifiers()
            plain = not (mods & (Qt.KeyboardModifier.ControlModifier
                                 | Qt.KeyboardModifier.AltModifier
                                 | Qt.KeyboardModifier.MetaModifier))
            if text and text.isprintable() and plain and not self.narrative.isReadOnly():
                self.narrative.setFocus(Qt.FocusReason.OtherFocusReason)
                self.narrative.textCursor().insertText(text)
                return True
        return super().eventFilter(obj, event)

    def _insert_item(self, item: QListWidgetItem) -> None:
        """Insert at the cursor, separated from the words around it."""
        if self.narrative.isReadOnly():
            return
        ref = item.data(Qt.ItemDataRole.UserRole)
        cursor = self.narrative.textCursor()
        text = self.narrative.toPlainText()
        before, after = text[: cursor.selectionStart()], text[cursor.selectionEnd():]
        if before and not before.endswith((" ", "\n")):
            ref = " " + ref
        if after and not after.startswith((" ", "\n", ".", ",", ";")):
            ref = ref + " "
        cursor.insertText(ref)
        self.narrative.setTextCursor(cursor)
        self.narrative.setFocus()

    def insert_selected(self) -> None:
        item = self.evidence.currentItem() or (self.evidence.item(0) if self.evidence.count()
                                               else None)
        if item is not None:
            self._insert_item(item)


class ReportEditor(QScrollArea):
    changed = Signal()
    #: "open" (a new concern record for this report) or "link" (an existing one), or
    #: "show" (the linked one)
    concern_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        details_box = QGroupBox("Placement details (filled in from your records)")
        QVBoxLayout(details_box).addWidget(self.details)
        self.body_layout.addWidget(details_box)
        self.domains_box = QVBoxLayout()
        self.body_layout.addLayout(self.domains_box)

        overall = QGroupBox("Holistic assessment")
        form = QFormLayout(overall)
        self.summary = _text_edit("The holistic summary of the student's progress", 120)
        form.addRow("Summary", self.summary)
        self.recommendation = QComboBox()
        self.recommendation.setAccessibleName("Recommendation")
        form.addRow("Recommendation", self.recommendation)
        self.borderline = QCheckBox("Flag this report as borderline")
        self.borderline.setToolTip("Borderline reports are always included in the QA panel's "
                                   "sample")
        form.addRow("", self.borderline)
        self.concern_bar = ConcernBar()
        self.concern_bar.requested.connect(self.concern_requested)
        form.addRow("", self.concern_bar)
        self.la_review = _text_edit("How the learning agreement has been put into practice")
        self.la_label = QLabel("Learning agreement")
        form.addRow(self.la_label, self.la_review)
        self.action_plan = _text_edit("What the student will work on in the second half")
        self.action_label = QLabel("Action plan")
        form.addRow(self.action_label, self.action_plan)
        self.body_layout.addWidget(overall)

        comments = QGroupBox("Comments")
        cform = QFormLayout(comments)
        self.student_comments = _text_edit("The student's comments on this report")
        cform.addRow("Student", self.student_comments)
        self.oss_comments = _text_edit("The on-site supervisor's comments")
        self.oss_label = QLabel()  # who signed the comments, when they came signed
        self.oss_label.setWordWrap(True)
        self.oss_label.setStyleSheet("color: #1a4d8f;")
        self.oss_label.hide()
        self.oss_signed = False  # the comments came signed from the OSS (read only)
        cform.addRow("On-site supervisor", self.oss_comments)
        cform.addRow("", self.oss_label)
        self.body_layout.addWidget(comments)
        self.body_layout.addStretch(1)
        self.setWidget(body)

        self.sections: dict[str, DomainSection] = {}
        self._loading = False
        self._kind = ReportKind.MIDWAY
        for w in (self.summary, self.la_review, self.action_plan, self.student_comments,
                  self.oss_comments):
            w.textChanged.connect(self._changed)
        self.recommendation.currentIndexChanged.connect(self._changed)
        self.recommendation.currentIndexChanged.connect(self._update_concern_bar)
        self.borderline.toggled.connect(self._changed)
        self._linked_concern: int | None = None
        self._read_only = False
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def _set_tab_order(self) -> None:
        """Tab runs down the report in reading order: each domain's narrative and
        evidence, then the assessment and comments (sections are made after them)."""
        chain: list[QWidget] = []
        for s in self.sections.values():
            chain += [s.narrative, s.evidence]
        chain += [self.summary, self.recommendation, self.borderline, self.la_review,
                  self.action_plan, self.student_comments, self.oss_comments]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Keep the focused field in view: Tab through a long report never loses it."""
        body = self.widget()
        if new is not None and body is not None and body.isAncestorOf(new) and \
                shiboken6.isValid(self):
            self.ensureWidgetVisible(new, 20, 40)

    def _changed(self, *_: object) -> None:
        if not self._loading:
            self.changed.emit()

    def load(self, view: ReportView) -> None:
        self._loading = True
        try:
            rows = view.version.snapshot["details"] if view.version.snapshot else \
                view.details.rows()
            self.details.setText(
                "<table cellspacing='2'>" + "".join(
                    f"<tr><td style='color:gray;padding-right:12px'>{_esc(k)}</td>"
                    f"<td>{_esc(v)}</td></tr>" for k, v in rows) + "</table>"
            )
            keys = [d.key for d in view.domains]
            if list(self.sections) != keys:
                for section in self.sections.values():
                    section.setParent(None)
                    section.deleteLater()
                self.sections = {}
                for d in view.domains:
                    section = DomainSection(d.heading, d.summary)
                    section.changed.connect(self._changed)
                    self.domains_box.addWidget(section)
                    section.show()
                    self.sections[d.key] = section
                self._set_tab_order()
            c = view.version.content
            for key, section in self.sections.items():
                section.narrative.setPlainText(c.narratives.get(key, ""))
                # A reference inserted before the PE clicks in goes after the text.
                section.narrative.moveCursor(QTextCursor.MoveOperation.End)
                section.set_evidence(view.evidence.for_domain(key) if view.evidence else None)
            self.summary.setPlainText(c.summary)
            self.recommendation.clear()
            self.recommendation.addItem(label(None), None)
            for rec in RECOMMENDATIONS[view.kind]:
                self.recommendation.addItem(label(rec), rec)
            idx = self.recommendation.findData(c.recommendation)
            self.recommendation.setCurrentIndex(max(0, idx))
            self._kind = view.kind
            self._linked_concern = view.linked_concern_id
            final = view.kind == ReportKind.FINAL
            self.borderline.setChecked(c.borderline)
            for w in (self.la_review, self.la_label, self.action_plan, self.action_label):
                w.setVisible(not final)
            self.la_review.setPlainText(c.learning_agreement_review)
            self.action_plan.setPlainText(c.action_plan)
            self.student_comments.setPlainText(c.student_comments)
            self.oss_comments.setPlainText(c.oss_comments)
            reply = view.version.oss_reply
            self.oss_signed = bool(reply and reply.in_content)
            late = reply is not None and not reply.in_content  # after this version was signed
            self.oss_label.setText(
                f"Written and signed by {reply.oss_name} on {reply.signed_on:%d %b %Y} with "
                "their own key; read only." if self.oss_signed else
                f"After sign-off, {reply.oss_name} replied (signed {reply.signed_on:%d %b %Y}): "
                f"{reply.comments}" if late else "")
            self.oss_label.setVisible(self.oss_signed or late)
            self.oss_comments.setToolTip(reply.text() if reply else "")
            self.set_read_only(view.version.locked or not view.is_latest)
            self._update_concern_bar()
        finally:
            self._loading = False

    def _update_concern_bar(self, *_: object) -> None:
        concerns = (self._kind == ReportKind.MIDWAY
                    and self.recommendation.currentData() == Recommendation.CONCERNS)
        linked = self._linked_concern is not None
        self.concern_bar.show_state(concerns or linked, linked, self._read_only)
        self.action_plan.setReadOnly(self._read_only or linked)
        self.action_label.setText("Action plan\n(from the concern)" if linked else "Action plan")

    def set_content(self, c: ReportContent) -> None:
        """Put ``c`` into the form (restoring an autosaved draft); emits ``changed``."""
        for key, section in self.sections.items():
            section.narrative.setPlainText(c.narratives.get(key, ""))
        self.summary.setPlainText(c.summary)
        self.recommendation.setCurrentIndex(max(0, self.recommendation.findData(c.recommendation)))
        self.borderline.setChecked(c.borderline)
        self.la_review.setPlainText(c.learning_agreement_review)
        self.action_plan.setPlainText(c.action_plan)
        self.student_comments.setPlainText(c.student_comments)
        self.oss_comments.setPlainText(c.oss_comments)
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        for w in (self.summary, self.la_review, self.action_plan, self.student_comments,
                  self.oss_comments, *(s.narrative for s in self.sections.values())):
            w.setReadOnly(read_only)
        self.oss_comments.setReadOnly(read_only or self.oss_signed)
        for s in self.sections.values():
            s.insert_button.setEnabled(not read_only and s.evidence.count() > 0)
        self.recommendation.setEnabled(not read_only)
        self.borderline.setEnabled(not read_only)
        self._read_only = read_only
        self._update_concern_bar()

    def content(self) -> ReportContent:
        return ReportContent(
            narratives={k: s.narrative.toPlainText() for k, s in self.sections.items()},
            summary=self.summary.toPlainText(),
            recommendation=self.recommendation.currentData(),
            borderline=self.borderline.isChecked(),
            learning_agreement_review=self.la_review.toPlainText(),
            action_plan=self.action_plan.toPlainText(),
            student_comments=self.student_comments.toPlainText(),
            oss_comments=self.oss_comments.toPlainText(),
        )

    def focus_first_empty(self) -> None:
        for s in self.sections.values():
            if not s.narrative.toPlainText().strip():
                s.narrative.setFocus()
                s.narrative.moveCursor(QTextCursor.MoveOperation.End)
                self.ensureWidgetVisible(s)
                return


class ConcernBar(QFrame):
    """Under a midway recommendation of "progress raising concerns": open or link the
    concern record whose action plan becomes the report's."""

    requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.open_button = QPushButton("Open a concern record…")
        self.open_button.clicked.connect(lambda: self.requested.emit("open"))
        self.link_button = QPushButton("Link an existing concern…")
        self.link_button.clicked.connect(lambda: self.requested.emit("link"))
        self.show_button = QPushButton("Show the concern record…")
        self.show_button.clicked.connect(lambda: self.requested.emit("show"))
        lay = QHBoxLayout(self)
        lay.addWidget(self.text, 1)
        for b in (self.open_button, self.link_button, self.show_button):
            lay.addWidget(b)
        self.hide()

    def show_state(self, visible: bool, linked: bool, read_only: bool) -> None:
        self.setVisible(visible)
        if linked:
            self.text.setText("This report records a cause for concern: its action plan is the "
                              "concern's action plan, with owners and review dates.")
        else:
            self.text.setText("Progress raising concerns: record the concern, with an action "
                              "plan, owners and review dates; it becomes this report's action "
                              "plan.")
        self.open_button.setVisible(not linked and not read_only)
        self.link_button.setVisible(not linked and not read_only)
        self.show_button.setVisible(linked)


def _esc(text: object) -> str:
    from html import escape

    return escape(str(text))


def content_to_fields(c: ReportContent) -> dict:
    """JSON-able form of the editor content (autosaved drafts)."""
    return {
        "narratives": dict(c.narratives), "summary": c.summary,
        "recommendation": c.recommendation.value if c.recommendation else None,
        "borderline": c.borderline, "learning_agreement_review": c.learning_agreement_review,
        "action_plan": c.action_plan, "student_comments": c.student_comments,
        "oss_comments": c.oss_comments,
    }


def fields_to_content(f: dict) -> ReportContent:
    from pe_desktop.domain.reports import Recommendation

    rec = f.get("recommendation")
    try:
        recommendation = Recommendation(rec) if rec else None
    except ValueError:
        recommendation = None
    narratives = f.get("narratives") if isinstance(f.get("narratives"), dict) else {}
    return ReportContent(
        narratives={str(k): str(v) for k, v in narratives.items()},
        summary=str(f.get("summary", "")), recommendation=recommendation,
        borderline=bool(f.get("borderline", False)),
        learning_agreement_review=str(f.get("learning_agreement_review", "")),
        action_plan=str(f.get("action_plan", "")),
        student_comments=str(f.get("student_comments", "")),
        oss_comments=str(f.get("oss_comments", "")),
    )
