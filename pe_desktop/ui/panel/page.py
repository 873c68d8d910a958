"""The QA panel's workspace: round status, the anonymised report beside the criteria
form, moderation, leaks, and (through :class:`PanelActions`) pulling bundles,
contributor keys, members' review files, feedback and the PDFs. Thin over
services/panel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.services.context import AppContext
from pe_desktop.ui.panel.actions import PanelActions
from pe_desktop.ui.panel.review_form import CriteriaForm
from pe_desktop.ui.panel.tasks import TaskStrip
from pe_desktop.ui.widgets.messages import show_error
from pe_desktop.ui.widgets.record_table import Column, RecordTable

STATE_LABELS = {"not_reviewed": "Not reviewed", "one_review": "One review",
                "needs_moderation": "Needs moderation", "agreed": "Agreed",
                "moderated": "Moderated", "leak": "Leak reported"}


def report_html(report: dict) -> str:
    from html import escape

    if not report:
        return "<p><i>This item is quarantined (a leak was reported); its text was removed."\
               "</i></p>"
    parts = [f"<h2>{escape(report.get('title', ''))} · {escape(report['return_code'])}</h2>",
             f"<p><b>Outcome:</b> {escape(str(report.get('outcome')))}</p>"]
    for d in report.get("domains") or []:
        parts.append(f"<h3>{d.get('number', '')}. {escape(d.get('title', ''))}</h3>"
                     f"<p>{escape(d.get('text') or '')}</p>")
    for key, label in (("summary", "Summary"), ("learning_agreement_review",
                                                "Learning agreement review"),
                       ("action_plan", "Action plan"), ("student_comments",
                                                        "Student's comments")):
        if report.get(key):
            parts.append(f"<h3>{label}</h3><p>{escape(report[key])}</p>")
    return "".join(parts)


class PanelPage(QWidget, PanelActions):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, store=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._store = store
        self.round_box = QComboBox()
        self.round_box.setAccessibleName("Round")
        self.round_box.currentTextChanged.connect(lambda _t: self.refresh_round())
        self.status_label = QLabel("")
        self.status_label.setWordWrap(True)
        self.table = RecordTable([
            Column("Return code", lambda i: i.return_code),
            Column("Org", lambda i: i.org_code or "-"),
            Column("Kind", lambda i: i.kind),
            Column("Outcome", lambda i: i.outcome),
            Column("Selected by", lambda i: ", ".join(i.selected_because)),
            Column("Review", lambda i: STATE_LABELS.get(i.review_state, i.review_state),
                   warn=lambda i: i.review_state == "needs_moderation"),
            Column("Feedback", lambda i: "sent" if i.feedback_sent else ""),
        ], self)
        self.table.setAccessibleName("Received reports")
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_item())
        self.report = QTextBrowser()
        self.report.setAccessibleName("Anonymised report")
        self.form = CriteriaForm(self._criteria())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.reviewer = QLineEdit()
        self.reviewer.setPlaceholderText("Reviewer")
        self.reviewer.setAccessibleName("Reviewer")
        self.save_button = QPushButton("Save review")
        self.save_button.clicked.connect(self.save_review)
        self.moderate_button = QPushButton("Record agreed view")
        self.moderate_button.clicked.connect(self.save_moderation)
        self.excerpt_button = QPushButton("Mark selection as good practice")
        self.excerpt_button.clicked.connect(self.mark_excerpt)
        self.leak_button = QPushButton("Report a leak…")
        self.leak_button.clicked.connect(self.report_leak)
        self.tasks = TaskStrip(self)
        self.message = self.tasks.message
        actions = QHBoxLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        for key, text, slot, tip in (
                ("pull", "Pull bundles", self.pull_bundles,
                 "Fetch this round's bundles from the targets, verify and import them"),
                ("keys", "Contributor keys…", self.show_contributors,
                 "Compare and confirm the PEs' key fingerprints"),
                ("members", "Members…", self.show_members,
                 "Add a member's review-signing key (its fingerprint)"),
                ("reviews", "Review files", None, "Import or export signed review files"),
                ("feedback", "Send feedback…", self.send_feedback,
                 "Sign, encrypt and publish the agreed feedback to each PE"),
                ("orgs", "Organisation PDFs…", self.org_pdfs,
                 "Aggregate feedback per organisation code, one PDF each"),
                ("summary", "Learnings summary…", self.export_summary,
                 "The round's learnings summary as a PDF"),
                ("targets", "Targets…", self.show_targets,
                 "Shared folders or WebDAV servers the round is exchanged through")):
            b = QPushButton(text)
            b.setToolTip(tip)
            if slot is not None:
                b.clicked.connect(lambda _=False, f=slot: f())
            actions.addWidget(b)
            self.action_buttons[key] = b
        actions.addStretch(1)
        menu = QMenu(self.action_buttons["reviews"])
        menu.addAction("Import review files…", self.import_reviews)
        menu.addAction("Fetch members' reviews from the targets",
                       lambda: self.import_reviews(from_targets=True))
        menu.addAction("Export my reviews to a file…", self.export_reviews)
        self.action_buttons["reviews"].setMenu(menu)
        self.summary_button = self.action_buttons["summary"]
        self.tasks.busy_widgets = [self.action_buttons[k] for k in
                                   ("pull", "reviews", "feedback", "orgs", "summary")]

        self.setup_button = QPushButton("Set up a panel…")
        self.setup_button.setToolTip("Start a new QA panel here, or join one as a member")
        self.setup_button.clicked.connect(self.set_up_panel)
        self.setup_button.hide()
        self.identity_button = QPushButton("Save identity file…")
        self.identity_button.setToolTip("The panel's age identity file: its key backup, and "
                                        "what a member needs to join ('panel identity export')")
        self.identity_button.clicked.connect(self.save_identity)
        self.identity_button.hide()
        top = QHBoxLayout()
        top.addWidget(QLabel("Round"))
        top.addWidget(self.round_box)
        top.addWidget(self.status_label, 1)
        top.addWidget(self.setup_button)
        top.addWidget(self.identity_button)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.addWidget(self.report)
        ll.addWidget(self.excerpt_button)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addWidget(scroll)
        row = QHBoxLayout()
        for w in (self.reviewer, self.save_button, self.moderate_button, self.leak_button):
            row.addWidget(w)
        rl.addLayout(row)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(actions)
        lay.addWidget(self.table, 1)
        lay.addWidget(split, 3)
        lay.addWidget(self.tasks)

    def _criteria(self):
        from pe_desktop.services.panel.review import criteria_for

        return criteria_for(self.ctx)

    def store(self):
        if self._store is None:
            from pe_desktop.ui.signing import SigningSupport

            self._store = SigningSupport(self.ctx, self).store()
        return self._store

    # -- data ----------------------------------------------------------------------
    def refresh(self) -> None:
        from pe_desktop.services.panel.profile import PanelService
        from pe_desktop.services.panel.rounds import RoundService

        if PanelService(self.ctx).info() is None:
            self.status_label.setText("This data directory is not a QA panel yet: Set up a "
                                      "panel… starts a new one or joins one as a member "
                                      "('pe-desktop panel init' or 'panel join').")
            self.setup_button.show()
            self.identity_button.hide()
            return
        self.setup_button.hide()
        self.identity_button.show()
        current = self.round_box.currentText()
        self.round_box.blockSignals(True)
        self.round_box.clear()
        self.round_box.addItems([r.round_id for r in RoundService(self.ctx).list()])
        if current:
            self.round_box.setCurrentText(current)
        self.round_box.blockSignals(False)
        self.refresh_round()

    def refresh_round(self) -> None:
        from pe_desktop.services.panel.status import round_status

        rid = self.round_box.currentText()
        if not rid:
            return
        st = round_status(self.ctx, rid)

        def mix(d: dict[str, int]) -> str:
            return ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in sorted(d.items())) \
                or "none"

        orgs = ", ".join(f"{k} {st.per_org.get(k, 0)}"
                         for k in st.expected_orgs or sorted(st.per_org))
        self.status_label.setText(
            f"Due {st.due} · {st.received_items} of {st.expected_items} reports received from "
            f"{st.contributors} PEs ({st.pending_contributors} awaiting confirmation) · "
            f"{st.rejected} bundles rejected\nBy organisation: {orgs or 'none'} · outcomes: "
            f"{mix(st.outcomes)} · selected by: {mix(st.rules)} · reviews: "
            f"{mix(st.review_states)}")
        self.table.set_rows(list(st.items))

    def current_code(self) -> str | None:
        row = self.table.current_row()
        return row.return_code if row else None

    def show_item(self) -> None:
        from pe_desktop.services.panel.moderation import ModerationService

        code = self.current_code()
        if not code:
            return
        svc = ModerationService(self.ctx)
        rid = self.round_box.currentText()
        item = svc.reviews.item(rid, code)
        self.report.setHtml(report_html(item.report))
        self.form.load(svc.template(rid, code))
        reviews = svc.reviews.reviews(rid, code)
        self._show_recorded(svc, rid, code, reviews)
        self.moderate_button.setEnabled(len(reviews) >= 2)

    def _show_recorded(self, svc, rid: str, code: str, reviews) -> None:
        """After a save (or on coming back to an item) the form shows what is recorded:
        the moderated view with its reasons, else this reviewer's own review."""
        view = svc.view(rid, code)
        if view.state == "moderated":
            self.form.fill({k: {"rating": v, "comment": " / ".join(view.comments.get(k, []))}
                            for k, v in view.ratings.items()}, reasons=view.reasons)
            return
        from pe_desktop.services.panel.review import member_name

        me = (self.reviewer.text() or member_name(self.ctx)).strip()
        mine = next((r for r in reviews if r.reviewer == me), None)
        if mine is not None:
            self.form.fill(mine.ratings, themes=mine.themes, excerpts=mine.good_practice,
                           comment=mine.comment)

    # -- actions -------------------------------------------------------------------
    def set_up_panel(self) -> None:
        """Start a new panel or join one (``panel init`` / ``panel join``), keys made in
        the background; afterwards offers to save a new panel's identity file."""
        from pe_desktop.ui.panel.setup_dialog import NEW, PanelSetupDialog

        dialog = PanelSetupDialog(self)
        self.dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        store = self.store()
        if store is None:
            return
        values = dialog.choice()

        def work(_report):
            if values["mode"] == NEW:
                from pe_desktop.services.panel.profile import PanelService

                return PanelService(self.ctx).set_up(values["panel"], store, values["name"])
            from pe_desktop.services.panel.members import MemberService

            return MemberService(self.ctx).join(Path(values["identity"]),
                                                Path(values["request"]), values["name"], store)

        def done(result) -> None:
            self.refresh()
            if values["mode"] == NEW:
                self.tasks.say(f"Panel '{result.name}' set up; you chair it. Save its "
                               "identity file now: it is the panel's key backup, and members "
                               "need it to join.")
                self.save_identity()
            else:
                self.tasks.say(f"Joined the panel as {values['name']}. Give the chair your "
                               f"review-signing key's fingerprint: {result.fingerprint}")

        self.tasks.run("Setting up the panel", work, done)

    def save_identity(self) -> Path | None:
        """Write the panel's age identity file (``panel identity export``)."""
        from pe_desktop.services.panel.profile import PanelService

        store = self.store()
        if store is None:
            return None
        path, _ = QFileDialog.getSaveFileName(self, "Save the panel's identity file",
                                              "panel-identity.txt", "Text (*.txt)")
        if not path:
            return None
        try:
            written = PanelService(self.ctx).export_identity(Path(path), store)
        except Exception as exc:  # noqa: BLE001 - shown as one message
            show_error(self, exc)
            return None
        self.tasks.say(f"Identity file saved: {written}. Keep it safe (it opens every "
                       "bundle sent to the panel) and give it only to members.")
        return written

    def save_review(self) -> bool:
        from pe_desktop.services.panel.review import PanelReviewService

        try:
            PanelReviewService(self.ctx).enter(self.round_box.currentText(),
                                               self.current_code() or "", self.form.form(),
                                               self.reviewer.text() or None)
        except Exception as exc:  # noqa: BLE001 - shown as one message
            show_error(self, exc)
            return False
        self.tasks.say(f"Review of {self.current_code()} saved.")
        self._reload()
        return True

    def save_moderation(self) -> bool:
        from pe_desktop.services.panel.moderation import ModerationService

        try:
            ModerationService(self.ctx).moderate(self.round_box.currentText(),
                                                 self.current_code() or "", self.form.form(),
                                                 self.reviewer.text() or None)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return False
        self.tasks.say(f"Agreed view of {self.current_code()} recorded.")
        self._reload()
        return True

    def mark_excerpt(self) -> None:
        text = self.report.textCursor().selectedText().replace("\u2029", " ")
        if text.strip():
            self.form.add_excerpt(text)

    def report_leak(self) -> None:
        from pe_desktop.services.panel.review import PanelReviewService

        where, ok = QInputDialog.getText(
            self, "Report a leak", "Where is the identifying detail? (say where, not what it "
                                   "says — e.g. \"domain 4, second paragraph\")")
        if not ok or not where.strip():
            return
        try:
            PanelReviewService(self.ctx).report_leak(self.round_box.currentText(),
                                                     self.current_code() or "", where)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self.tasks.say("The item is quarantined; the PE is told where with the feedback.")
        self._reload()

    def _reload(self) -> None:
        code = self.current_code()
        self.refresh_round()
        for r in range(self.table.model_.rowCount()):
            if self.table.model_.row_at(self.table.model_.index(r, 0)).return_code == code:
                self.table.selectRow(r)
                break
