"""Every page and dialog of the app, built over a demo context, for the tests
that check them all (fit on small screens, unique mnemonics, accessible names).

A new dialog belongs here; ``test_catalogue_names_every_dialog_class`` fails
until it is added.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtWidgets import QDialog, QWidget

from pe_desktop.services.context import AppContext

#: Dialog classes deliberately left out (none so far).
EXEMPT: set[str] = set()


def _rows(ctx: AppContext):
    from pe_desktop.services.evidence.items import EvidenceService
    from pe_desktop.services.evidence.observations import ObservationService
    from pe_desktop.services.placements.service import PlacementService
    from pe_desktop.services.placements.students import StudentService
    from pe_desktop.services.supervision import SupervisionService

    placements = PlacementService(ctx).list()
    pid = next(p.id for p in placements if p.status == "active")
    detail = PlacementService(ctx).detail(pid)
    sessions = SupervisionService(ctx).list_sessions(pid)
    observations = ObservationService(ctx).list(pid)
    feedback = ObservationService(ctx).list_feedback(pid)
    items = EvidenceService(ctx).list(pid)
    return dict(placements=placements, pid=pid, detail=detail,
                students=StudentService(ctx).list(), sessions=sessions,
                observations=observations, feedback=feedback, items=items)


def dialog_factories(ctx: AppContext) -> Iterator[tuple[str, Callable[[QWidget], QDialog]]]:
    """(name, build(parent)) for every dialog; building one never blocks."""
    from pe_desktop.services.secret_store import SecretStore
    from pe_desktop.services.supervision import SupervisionService
    from pe_desktop.ui.evidence.item_editor import EvidenceItemEditor
    from pe_desktop.ui.evidence.observation_editors import FeedbackEditor, ObservationEditor
    from pe_desktop.ui.placements.dialog import PlacementDialog
    from pe_desktop.ui.placements.meeting_dialog import MeetingDialog
    from pe_desktop.ui.placements.requirements_dialog import RequirementsDialog
    from pe_desktop.ui.placements.status_dialog import StatusDialog
    from pe_desktop.ui.placements.student_dialog import StudentDialog
    from pe_desktop.ui.reports.dialogs import (
        ConfirmationDialog,
        PassphraseDialog,
        ReasonDialog,
        SignOffDialog,
    )
    from pe_desktop.ui.setup_dialog import SetupDialog
    from pe_desktop.ui.signing import IdentityDialog
    from pe_desktop.ui.supervision.editor import SupervisionEditor
    from pe_desktop.ui.supervision.page import TemplatesDialog
    from pe_desktop.ui.widgets.editor_dialog import EditorDialog

    EditorDialog.restore_drafts = False
    r = _rows(ctx)
    pid = r["pid"]
    placement = next(p for p in r["placements"] if p.id == pid)
    meeting = r["detail"].meetings[0]
    yield "SetupDialog", lambda p: SetupDialog(ctx, p)
    yield "StudentDialog", lambda p: StudentDialog(ctx, r["students"][0], p)
    yield "PlacementDialog", lambda p: PlacementDialog(ctx, r["students"], placement, parent=p,
                                                       known=r["placements"])
    yield "StatusDialog", lambda p: StatusDialog(ctx, placement, p)
    yield "MeetingDialog", lambda p: MeetingDialog(ctx, meeting, mark_held=True, parent=p)
    yield "RequirementsDialog", lambda p: RequirementsDialog(ctx, pid, p)
    yield "SupervisionEditor", lambda p: SupervisionEditor(
        ctx, pid, r["sessions"][0] if r["sessions"] else None, parent=p)
    yield "TemplatesDialog", lambda p: TemplatesDialog(SupervisionService(ctx), p)
    yield "ObservationEditor", lambda p: ObservationEditor(
        ctx, pid, r["observations"][0] if r["observations"] else None, parent=p)
    yield "FeedbackEditor", lambda p: FeedbackEditor(
        ctx, pid, r["feedback"][0] if r["feedback"] else None, parent=p)
    yield "EvidenceItemEditor", lambda p: EvidenceItemEditor(ctx, pid, parent=p)
    yield "SignOffDialog", lambda p: _sign_off(ctx, pid, p, SignOffDialog)
    yield "ConfirmationDialog", lambda p: ConfirmationDialog("student", "Zoë Okafor",
                                                             ctx.today(), p)
    yield "ReasonDialog", lambda p: ReasonDialog("Reopen the report", "Why reopen it?", p)
    yield "PassphraseDialog", lambda p: PassphraseDialog(True, "/tmp/keys/secrets.cfg", p)
    yield "IdentityDialog", lambda p: IdentityDialog(ctx, SecretStore.in_memory(), p)
    yield from _currency_dialogs(ctx)
    yield from _extra_dialogs(ctx)
    yield from _process_dialogs(ctx, pid)
    yield from _protection_dialogs(ctx)
    yield from _panel_dialogs(ctx)
    yield from _oss_report_dialogs(ctx, pid)  # last: it adds OSS-signed records


def _oss_report_dialogs(ctx: AppContext, pid: int):
    """The report section sent to the OSS, their reply, and the PE's editors on records an
    OSS signed (read only, with the annotation banner)."""
    from datetime import date

    from pe_desktop.services.oss.report_asks import Ask
    from pe_desktop.services.oss.report_section import CONFIRMATION_TEXT, SectionPreview
    from pe_desktop.ui.evidence.observation_editors import ObservationEditor
    from pe_desktop.ui.oss.reply_dialog import ReplyDialog
    from pe_desktop.ui.oss.report_send import SendSectionDialog
    from pe_desktop.ui.signing import SigningSupport
    from pe_desktop.ui.supervision.editor import SupervisionEditor

    domains = [{"key": d.key, "number": d.number, "title": d.title}
               for d in ctx.frameworks.get("pcf@2018").domains]
    pv = SectionPreview(1, pid, "midway", 1, "Zoë", domains, "Good progress so far.",
                        "Sam Lindqvist", "3F:2A:9C:41:77:DE:0B:5E")
    yield "SendSectionDialog", lambda p: SendSectionDialog(pv, True, p)
    ask = Ask(1, "r", pid, "Zoë", "final", 2, domains, "Ready to pass.", CONFIRMATION_TEXT,
              "Alex Morgan", date(2026, 11, 20), date(2027, 3, 1), "", False, None)
    yield "ReplyDialog", lambda p: ReplyDialog(ctx, ask, SigningSupport(ctx, p), True, p)
    yield "ObservationEditor:oss", lambda p: ObservationEditor(
        ctx, pid, _oss_signed(ctx, pid, "observation"), parent=p)
    yield "SupervisionEditor:oss", lambda p: SupervisionEditor(
        ctx, pid, _oss_signed(ctx, pid, "supervision"), parent=p)


def _oss_signed(ctx: AppContext, pid: int, kind: str):
    """A copy of the placement's first record of ``kind``, marked as imported from an OSS."""
    import json
    import uuid

    from pe_desktop.services.evidence.observations import ObservationService
    from pe_desktop.services.supervision import SupervisionService
    from pe_desktop.storage.models import OssImport

    if kind == "observation":
        svc = ObservationService(ctx)
        row = svc.create(pid, svc.list(pid)[0].to_input())
    else:
        from pe_desktop.services.supervision import SessionInput

        row = SupervisionService(ctx).create(pid, SessionInput(
            held_on=ctx.today(), discussion="Reflected on the home visit."))
    with ctx.session() as s:
        s.add(OssImport(package_id=str(uuid.uuid4()), placement_id=pid, kind=kind,
                        observation_id=row.id if kind == "observation" else None,
                        supervision_id=row.id if kind == "supervision" else None,
                        oss_name="Sam Lindqvist", fingerprint="3F:2A",
                        manifest=json.dumps({"created_at": "2026-11-20T10:00:00+00:00"}),
                        signature="", record_json="{}", package_sha256="0" * 64,
                        annotation="Discussed at the midway meeting."))
    return row


def _panel_dialogs(ctx: AppContext):
    """The QA panel page's dialogs (issue 13)."""
    from pe_desktop.ui.panel.dialogs import (
        EnrolDialog,
        MemberDialog,
        OutcomeLine,
        OutcomesDialog,
        SummaryDialog,
    )

    lines = [OutcomeLine("share:qa-bundle-R1-" + "a" * 64 + ".age", "Rejected",
                         "truncated: The file does not match the hash in its name"),
             OutcomeLine("share:qa-bundle-R1-" + "b" * 64 + ".age", "Imported",
                         "2 reports from PE-3F2A9C41 (key awaits confirmation)")]
    yield "OutcomesDialog", lambda p: OutcomesDialog("Pull — round R1", "1 imported, 1 "
                                                     "rejected (quarantined).", lines, p)
    yield "EnrolDialog", lambda p: EnrolDialog(ctx, "R1", p)
    yield "MemberDialog", lambda p: MemberDialog(ctx, ":".join(["AB"] * 32), p)
    yield "SummaryDialog", lambda p: SummaryDialog(["Pat Chair", "Sam Reviewer"],
                                                   ["Workshop on analysing observations"], p)
    from pe_desktop.ui.panel.setup_dialog import PanelSetupDialog

    yield "PanelSetupDialog", PanelSetupDialog


def _process_dialogs(ctx: AppContext, pid: int):
    """Concerns, reviews, the partnership return, OSS hand-over and QA targets."""
    from pe_desktop.domain.reviews import ReviewStage
    from pe_desktop.services.qa.targets import TargetService
    from pe_desktop.services.secret_store import SecretStore
    from pe_desktop.ui.concerns.dialog import ConcernDialog
    from pe_desktop.ui.oss.join_dialog import JoinDialog
    from pe_desktop.ui.oss.trust_dialog import TrustDialog
    from pe_desktop.ui.partnership.dialog import ReturnDialog
    from pe_desktop.ui.qa.targets_dialog import TargetsDialog
    from pe_desktop.ui.reviews.dialog import ReviewDialog
    from pe_desktop.ui.signing import SigningSupport

    yield "ConcernDialog", lambda p: ConcernDialog(ctx, pid, parent=p)
    yield "ReviewDialog", lambda p: ReviewDialog(ctx, pid, ReviewStage.FOUR_WEEK, None, {}, p)
    yield "ReturnDialog", lambda p: ReturnDialog(ctx, p)
    yield "JoinDialog", lambda p: JoinDialog(ctx, SigningSupport(ctx, p), p)
    yield "TrustDialog", lambda p: TrustDialog("Sam Lindqvist", "3f2a 9c41 77de 0b5e", "Zoë", p)
    store = SecretStore.in_memory()
    yield "TargetsDialog", lambda p: TargetsDialog(TargetService(ctx, store), p)


def _protection_dialogs(ctx: AppContext):
    """Unlocking, the recovery key, restoring and the data protection settings."""
    from pe_desktop.ui.protection.recovery_key import RecoveryKeyDialog
    from pe_desktop.ui.protection.restore_dialog import RestoreDialog
    from pe_desktop.ui.protection.settings_dialog import DataProtectionDialog
    from pe_desktop.ui.protection.unlock import RecoveryEntryDialog, UnlockDialog

    keys = ctx.paths.root / "keys"
    yield "UnlockDialog", lambda p: UnlockDialog(keys, True, p)
    yield "RecoveryEntryDialog", lambda p: RecoveryEntryDialog(
        "The key kept in the keyring does not open your data.", p)
    yield "RecoveryKeyDialog", lambda p: RecoveryKeyDialog(
        "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567", "the system keyring", str(ctx.paths.root), p)
    yield "RestoreDialog", lambda p: RestoreDialog(ctx, p)
    yield "DataProtectionDialog", lambda p: DataProtectionDialog(ctx, p)


def _sign_off(ctx, pid, parent, cls):
    from pe_desktop.domain.reports import ReportKind
    from pe_desktop.services.reports.service import ReportService

    view = ReportService(ctx).open(pid, ReportKind.MIDWAY)
    return cls("Midway report", view.checklist, parent, recommendation="Not yet decided")


def _currency_dialogs(ctx: AppContext):
    """The currency page's record dialogs, caught as the page builds them."""
    from pe_desktop.ui.currency import form as currency_form
    from pe_desktop.ui.currency.page import CurrencyPage

    for method in ("edit_qualification", "edit_registration", "edit_past_student", "edit_cpd",
                   "edit_checkin", "edit_mentoring"):
        def build(parent, method=method):
            caught: list[QDialog] = []
            original = currency_form.RecordDialog.exec
            currency_form.RecordDialog.exec = lambda self: caught.append(self) or 0
            try:
                page = CurrencyPage(ctx, parent)
                page.refresh()
                getattr(page, method)(None)
            finally:
                currency_form.RecordDialog.exec = original
            return caught[0]

        yield f"RecordDialog:{method}", build


def _extra_dialogs(ctx: AppContext):
    """Help windows (issue 16)."""
    from pe_desktop.ui.help.about import AboutDialog
    from pe_desktop.ui.help.guide import GuideDialog
    from pe_desktop.ui.help.shortcuts import ShortcutsDialog

    yield "AboutDialog", lambda p: AboutDialog(ctx, p)
    yield "GuideDialog", lambda p: GuideDialog(p)
    yield "ShortcutsDialog", lambda p: ShortcutsDialog(p)


def page_keys() -> list[str]:
    from pe_desktop.ui.pages import PAGES

    return [p.key for p in PAGES]


def dialog_classes() -> set[str]:
    """Every QDialog subclass defined in the app's modules."""
    import importlib
    import pkgutil

    import pe_desktop.ui as ui

    names: set[str] = set()
    for info in pkgutil.walk_packages(ui.__path__, "pe_desktop.ui."):
        if info.name.endswith("startup_probe"):
            continue
        mod = importlib.import_module(info.name)
        for obj in vars(mod).values():
            if isinstance(obj, type) and issubclass(obj, QDialog) and \
                    obj.__module__ == mod.__name__ and not obj.__name__.startswith("_"):
                names.add(obj.__name__)
    return names
