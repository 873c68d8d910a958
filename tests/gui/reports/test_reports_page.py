"""The Reports page driven like a PE would: write, save, sign, reopen, export, verify."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from pe_desktop.domain.reports import Recommendation, ReportKind
from pe_desktop.services.reports.service import ReportService
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.ui.reports import dialogs as report_dialogs
from pe_desktop.ui.reports import exports as report_exports
from pe_desktop.ui.reports.page import ReportsPage
from pe_desktop.ui.signing import SigningSupport

SHOTS = Path("/tmp/shots/reports")


@pytest.fixture
def page(qtbot, demo_ctx, sync_background, qsettings, monkeypatch):
    store = SecretStore.in_memory()
    monkeypatch.setattr(SigningSupport, "store_factory", staticmethod(lambda: store))
    monkeypatch.setattr(ReportsPage, "_settings", lambda self: qsettings)
    w = ReportsPage(demo_ctx)
    qtbot.addWidget(w)
    w.resize(1280, 860)
    w.show()
    w.refresh()
    return w


def _fill(page, qtbot):
    for key, section in page.editor.sections.items():
        section.narrative.setPlainText(f"Clear evidence for {key}, seen in practice by Zoë.")
    page.editor.summary.setPlainText("Siobhán has made good progress.")
    page.editor.recommendation.setCurrentIndex(
        page.editor.recommendation.findData(Recommendation.SATISFACTORY))
    page.editor.action_plan.setPlainText("Lead a review meeting.")


def test_write_save_sign_reopen(page, qtbot, demo_ctx, monkeypatch):
    pid = page.picker.current_placement_id()
    assert pid is not None
    assert page.stack.currentIndex() == 0 and page.start_button.isVisible()
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentIndex() == 1 and page.view is not None
    assert len(page.editor.sections) == 9
    _fill(page, qtbot)
    assert page.dirty and page.save_button.isEnabled()
    assert "Unsaved changes" in page.status.text()
    qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not page.dirty
    saved = ReportService(demo_ctx).get(pid, ReportKind.MIDWAY)
    assert saved.version.content.summary == "Siobhán has made good progress."
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.grab().save(str(SHOTS / "reports-page-draft.png"))

    # Sign with the override: the dialog needs a reason before it lets you sign.
    def sign_dialog(dlg):
        assert not dlg.sign_button.isEnabled()  # meetings not held → outstanding items
        dlg.override.setChecked(True)
        assert not dlg.sign_button.isEnabled()
        dlg.reason.setPlainText("Meetings recorded in the university portal")
        assert dlg.sign_button.isEnabled()
        dlg.grab().save(str(SHOTS / "sign-off-dialog.png"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(report_dialogs.SignOffDialog, "exec", sign_dialog)
    page.sign_off()
    assert page.view.version.locked
    assert page.editor.summary.isReadOnly() and not page.sign_button.isEnabled()
    assert page.reopen_button.isEnabled()

    monkeypatch.setattr(report_dialogs.ConfirmationDialog, "exec",
                        lambda dlg: QDialog.DialogCode.Accepted)
    page.record_confirmation("student")
    assert page.view.version.student_confirmation.name == page.view.details.student
    assert "Student: " in page.confirmations.text()
    page.grab().save(str(SHOTS / "reports-page-signed.png"))

    def reopen_dialog(dlg):
        dlg.reason.setPlainText("Tutor asked for more on domain 5")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(report_dialogs.ReasonDialog, "exec", reopen_dialog)
    page.reopen()
    assert page.view.version.number == 2 and not page.view.version.locked
    assert page.version_box.count() == 2
    # Version 1 remains viewable, read-only.
    page.version_box.setCurrentIndex(page.version_box.findData(1))
    page.version_box.activated.emit(page.version_box.currentIndex())
    assert page.view.version.number == 1 and page.editor.summary.isReadOnly()


def test_unsaved_changes_guard(page, qtbot, monkeypatch):
    page.start_report()
    page.editor.summary.setPlainText("typed but not saved")
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Cancel)
    page.kind_box.setCurrentIndex(page.kind_box.findData(ReportKind.FINAL))
    assert page.kind_box.currentData() == ReportKind.MIDWAY and page.dirty
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Save)
    page.kind_box.setCurrentIndex(page.kind_box.findData(ReportKind.FINAL))
    assert page._kind == ReportKind.FINAL and not page.dirty
    view = ReportService(page.ctx).get(page._placement_id, ReportKind.MIDWAY)
    assert view.version.content.summary == "typed but not saved"


def test_closing_saves_a_dirty_draft(page, demo_ctx):
    page.start_report()
    page.editor.student_comments.setPlainText("I agree with this report.")
    page.about_to_close()
    view = ReportService(demo_ctx).get(page._placement_id, ReportKind.MIDWAY)
    assert view.version.content.student_comments == "I agree with this report."


def test_export_signed_pdf_and_verify_from_the_gui(page, qtbot, tmp_path, monkeypatch):
    page.start_report()
    _fill(page, qtbot)
    out = tmp_path / "midway.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF"))
    page.export(sign=True)
    assert page.last_export is not None and page.last_export.signed
    assert not page.dirty  # saved before exporting
    assert "Signed; certificate SHA-256" in page.status.text()
    sig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in sig
    shown = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: shown.append(box.text()))
    page.run_verify(out)
    assert page.last_verify.ok and "intact" in shown[-1]
    data = bytearray(out.read_bytes())
    data[data.index(b"Midway report")] = ord("X")
    out.write_bytes(bytes(data))
    page.run_verify(out)
    assert not page.last_verify.ok and "modified after signing" in shown[-1]


def test_evidence_panel_hidden_without_evidence_feature(page, monkeypatch):
    from pe_desktop.services.reports import evidence as report_evidence

    page.start_report()
    section = next(iter(page.editor.sections.values()))
    expected = report_evidence.evidence_available()
    assert section.evidence_box.isVisibleTo(page) == expected


def test_safe_filename():
    assert report_exports.safe_filename("Midway report-Zoë Ní Bhriain-v1") == \
        "midway-report-zoë-ní-bhriain-v1"
    assert report_exports.safe_filename("../../etc/passwd") == "..-..-etc-passwd"


def test_portfolio_from_the_other_pdfs_menu(page, demo_ctx, tmp_path, monkeypatch):
    pytest.importorskip("pe_desktop.services.evidence.coverage")
    import random

    from benchmarks.gen_reports import fill_placement

    fill_placement(demo_ctx, page._placement_id, random.Random(5), sessions=3,
                   observations=1, items=2)
    assert page.more_button.isEnabled()
    out = tmp_path / "portfolio.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF"))
    page.sign_others.setChecked(True)
    next(a for a in page.more_menu.actions() if a.text().startswith("Placement portfolio")
         ).trigger()
    assert page.last_export is not None and page.last_export.kind == "portfolio"
    assert page.last_export.signed and out.exists()


def test_autosaved_draft_survives_a_crash(qtbot, page, demo_ctx, monkeypatch):
    page.start_report()
    pid = page._placement_id
    page.editor.summary.setPlainText("Typed, then the laptop died.")
    page.autosaver.flush()  # what the idle timer does after two seconds
    # A new window after the crash: the draft is offered back and restored.
    monkeypatch.setattr(ReportsPage, "restore_drafts", True)
    again = ReportsPage(demo_ctx)
    qtbot.addWidget(again)
    again.refresh()
    again.open_placement(pid)
    assert again.editor.summary.toPlainText() == "Typed, then the laptop died."
    assert again.dirty
    again.save()
    assert again.autosaver.drafts.load(again.autosaver.key) is None
    # Discarding when asked removes the draft.
    again.editor.summary.setPlainText("Another change")
    again.autosaver.flush()
    monkeypatch.setattr(ReportsPage, "restore_drafts", False)
    third = ReportsPage(demo_ctx)
    qtbot.addWidget(third)
    third.refresh()
    third.open_placement(pid)
    assert third.editor.summary.toPlainText() == "Typed, then the laptop died."
    assert third.autosaver.drafts.load(third.autosaver.key) is None
