"""The panel page's buttons: pull bundles, confirm contributor keys, members and their
review files, feedback to the PEs, the organisation PDFs and the learnings summary.

Each is a thin call of the same service the CLI command uses (named beside each
method); network and disk work runs in the background through the page's
:class:`~pe_desktop.ui.panel.tasks.TaskStrip` (progress, Cancel, one-line result).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QWidget

from pe_desktop.domain.wording import count
from pe_desktop.ui.panel.dialogs import (
    EnrolDialog,
    MemberDialog,
    OutcomeLine,
    OutcomesDialog,
    SummaryDialog,
)
from pe_desktop.ui.widgets.messages import confirm


class PanelActions:
    """Mixed into :class:`~pe_desktop.ui.panel.page.PanelPage`."""

    ctx: Any
    tasks: Any
    dialog: QWidget | None = None  # the last dialog opened (tests look at it)

    def current_round(self) -> str:
        return self.round_box.currentText()  # type: ignore[attr-defined]

    def _ready(self) -> tuple[str, Any] | None:
        rid = self.current_round()
        if not rid:
            self.tasks.say("Choose a round first.", error=True)
            return None
        store = self.store()  # type: ignore[attr-defined]
        if store is None:
            return None
        return rid, store

    def _open(self, dialog: QWidget) -> QWidget:
        self.dialog = dialog
        dialog.open()  # window-modal, never a nested event loop
        return dialog

    def _after(self) -> None:
        self.refresh_round()  # type: ignore[attr-defined]

    # -- receive ---------------------------------------------------------------------
    def pull_bundles(self) -> None:
        """``panel pull --round ID``."""
        from pe_desktop.services.panel.pull import pull_round

        ready = self._ready()
        if ready is None:
            return
        rid, store = ready

        def done(outcomes: list) -> None:
            imported = sum(o.status == "imported" for o in outcomes)
            seen = sum(o.status == "duplicate" for o in outcomes)
            rejected = [o for o in outcomes if o.status == "rejected"]
            pending = sum(o.pending for o in outcomes)
            text = (f"Round {rid}: {imported} imported, {seen} seen before, {len(rejected)} "
                    "rejected (quarantined)." + (f" {count(pending, 'new contributor key')} await "
                                                 "your confirmation: press Contributor keys."
                                                 if pending else ""))
            self.tasks.say(text, error=bool(rejected))
            self._after()
            if rejected or pending:
                self._open(OutcomesDialog(f"Pull — round {rid}", text, [
                    OutcomeLine(o.source, "Rejected" if o.status == "rejected" else
                                "Imported" if o.status == "imported" else "Seen before",
                                f"{o.reason}: {o.message}" if o.status == "rejected" else
                                f"{o.items} reports from {o.pseudonym}"
                                + (" (key awaits confirmation)" if o.pending else ""))
                    for o in outcomes], self))  # type: ignore[arg-type]

        self.tasks.run(f"Pulling round {rid}",
                       lambda report: pull_round(self.ctx, rid, store, progress=report), done,
                       "Pull cancelled; bundles already checked are kept, nothing is "
                       "half-imported.")

    def show_contributors(self) -> QWidget | None:
        """``panel enrol --round ID [--confirm FP]``."""
        rid = self.current_round()
        if not rid:
            self.tasks.say("Choose a round first.", error=True)
            return None
        dlg = EnrolDialog(self.ctx, rid, self)  # type: ignore[arg-type]
        dlg.confirmed.connect(lambda _p: self._after())
        return self._open(dlg)

    # -- members and their review files ------------------------------------------------
    def show_members(self) -> QWidget | None:
        """``panel member add --name N --fingerprint FP`` / ``panel member list``."""
        from pe_desktop.services.panel.members import member_key_name
        from pe_desktop.services.panel.profile import PanelService
        from pe_desktop.services.qa.key_store import load_signing_key

        store = self.store()  # type: ignore[attr-defined]
        info = PanelService(self.ctx).info()
        own = load_signing_key(store, member_key_name(info.uid)) if store and info else None
        return self._open(MemberDialog(self.ctx, own.fingerprint if own else "",
                                       self))  # type: ignore[arg-type]

    def _reviews_done(self, rid: str, results: list) -> None:
        lines = [OutcomeLine(r.source, "Rejected" if r.error and not r.count else
                             f"{r.count} reviews" + (" (stopped)" if r.error else ""),
                             r.error or f"by {r.member}") for r in results]
        bad = sum(1 for r in results if r.error)
        text = (f"Round {rid}: {sum(r.count for r in results)} reviews imported from "
                f"{count(len(results), 'file')}" + (f", {bad} refused." if bad else "."))
        self.tasks.say(text if results else f"No review files for round {rid} yet.",
                       error=bool(bad))
        self._after()
        if results:
            self._open(OutcomesDialog(f"Reviews — round {rid}", text, lines,
                                      self))  # type: ignore[arg-type]

    def import_reviews(self, from_targets: bool = False) -> None:
        """``panel review --round ID --import [--file FILE]``."""
        from pe_desktop.services.panel.members import MemberService

        files: list[Path] = []
        if not from_targets:
            names, _ = QFileDialog.getOpenFileNames(
                self, "Import members' review files", "",  # type: ignore[arg-type]
                "Review files (*.age);;All files (*)")
            if not names:
                return
            files = [Path(n) for n in names]
        ready = self._ready()
        if ready is None:
            return
        rid, store = ready

        def work(report) -> list:
            report(0, max(len(files), 1), "Checking the review files")
            return MemberService(self.ctx).pull_reviews(rid, store, files or None)

        self.tasks.run("Importing reviews", work, lambda res: self._reviews_done(rid, res))

    def export_reviews(self) -> Path | None:
        """``panel review --round ID --export --out FILE``."""
        from pe_desktop.services.panel.members import MemberService, member_name, reviews_name

        rid = self.current_round()
        if not rid:
            self.tasks.say("Choose a round first.", error=True)
            return None
        path, _ = QFileDialog.getSaveFileName(
            self, "Export your reviews", reviews_name(rid, member_name(self.ctx)),  # type: ignore[arg-type]
            "Review files (*.age)")
        ready = self._ready() if path else None
        if ready is None:
            return None
        store = ready[1]

        def done(res: tuple[str, int]) -> None:
            self.tasks.say(f"Exported {res[1]} signed, encrypted reviews to {path}; give the "
                           "file to the chair.")

        self.tasks.run("Exporting reviews", lambda _r: MemberService(self.ctx).write_export(
            rid, store, Path(path), None), done)
        return Path(path)

    # -- feedback and documents ---------------------------------------------------------
    def send_feedback(self) -> None:
        """``panel feedback send --round ID``."""
        from pe_desktop.services.panel.feedback import FeedbackService

        rid = self.current_round()
        if not rid or not confirm(self, "Send feedback",  # type: ignore[arg-type]
                                  f"Sign the panel's agreed feedback on each reviewed report "
                                  f"of round {rid}, encrypt it to its PE and publish it to "
                                  "the targets?", "Send feedback"):
            return
        ready = self._ready()
        if ready is None:
            return
        store = ready[1]

        def work(_report) -> Any:  # the push reports, and stops between files, itself
            progress = self.tasks.progress  # set by run() before the work starts
            return FeedbackService(self.ctx).send(
                rid, store, progress=lambda d, t, m: progress.changed.emit(d, t, m),
                cancel=lambda: progress.cancelled)

        def done(res: Any) -> None:
            outcomes, push = res
            counts: dict[str, int] = {}
            for o in outcomes:
                counts[o.status] = counts.get(o.status, 0) + 1
            mix = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "nothing ready"
            failed = bool(push is not None and push.failures)
            tail = (" Cancelled: what was not delivered stays queued." if push is not None
                    and push.cancelled else
                    " Delivery failed; it stays queued: push again later." if failed else
                    f" Push: {push.summary()}." if push is not None else "")
            self.tasks.say(f"Feedback for round {rid}: {mix}.{tail}", error=failed)
            self._after()

        self.tasks.run("Sending feedback", work, done,
                       "Cancelled; feedback not yet delivered stays queued.")

    def org_pdfs(self) -> None:
        """``panel feedback orgs --round ID --out DIR``."""
        from pe_desktop.services.panel.summary import write_org_feedback

        rid = self.current_round()
        folder = QFileDialog.getExistingDirectory(
            self, "Folder for the organisations' feedback PDFs") if rid else ""  # type: ignore[arg-type]
        if not folder:
            return

        def done(paths: list[Path]) -> None:
            self.tasks.say(f"Saved {count(len(paths), 'PDF')} in {folder}: "
                           + ", ".join(p.name for p in paths))

        self.tasks.run("Writing the organisations' PDFs",
                       lambda _r: write_org_feedback(self.ctx, rid, Path(folder)), done)

    def export_summary(self) -> SummaryDialog | None:
        """``panel summary --round ID --out FILE [--present N] [--action T] [--sign]``."""
        from pe_desktop.services.panel.summary import summary_data

        rid = self.current_round()
        if not rid:
            self.tasks.say("Choose a round first.", error=True)
            return None
        try:
            data = summary_data(self.ctx, rid)
        except Exception as exc:  # noqa: BLE001 - one line in the page
            self.tasks.fail(exc)
            return None
        dlg = SummaryDialog(data.present, data.actions, self)  # type: ignore[arg-type]
        dlg.accepted.connect(lambda: self._save_summary(rid, dlg))
        self._open(dlg)
        return dlg

    def _save_summary(self, rid: str, dlg: SummaryDialog) -> None:
        from pe_desktop.services.panel.summary import write_summary

        present, actions, sign = dlg.values()
        path, _ = QFileDialog.getSaveFileName(self, "Save the learnings summary",  # type: ignore[arg-type]
                                              f"learnings-summary-{rid}.pdf", "PDF (*.pdf)")
        if not path:
            return
        store = self.store() if sign else None  # type: ignore[attr-defined]
        if sign and store is None:
            return
        self.tasks.run("Writing the learnings summary", lambda _r: write_summary(
            self.ctx, rid, Path(path), present=present, actions=actions, store=store),
            lambda out: self.tasks.say(f"Saved {out}" + (" (signed by the panel)" if sign
                                                         else "")))

    def show_targets(self) -> QWidget | None:
        """``pe-desktop qa target add|list|remove``."""
        from pe_desktop.services.qa.targets import TargetService
        from pe_desktop.ui.qa.targets_dialog import TargetsDialog

        store = self.store()  # type: ignore[attr-defined]
        if store is None:
            return None
        return self._open(TargetsDialog(TargetService(self.ctx, store),
                                        self))  # type: ignore[arg-type]
