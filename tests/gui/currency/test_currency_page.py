"""The Currency page driven with pytest-qt on a real database."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from pe_desktop.domain.currency import State
from pe_desktop.services.currency.demo import add_demo_currency
from pe_desktop.services.currency.service import CpdInput, CurrencyService, RegistrationInput
from pe_desktop.ui.currency.form import RecordDialog
from pe_desktop.ui.currency.page import CurrencyPage


@pytest.fixture
def page(demo_ctx, qtbot, sync_background):
    add_demo_currency(demo_ctx)
    w = CurrencyPage(demo_ctx)
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.refresh()
    return w


def drive_dialog(monkeypatch, fill, keep_open_on_error=True):
    """Replace exec(): fill the form, press Save, report what happened."""
    seen = {}

    def fake_exec(self):
        fill(self)
        self.submit()
        seen["errors"] = self.errors.text() if not self.errors.isHidden() else ""
        seen["accepted"] = self.result() == RecordDialog.DialogCode.Accepted
        return self.result()

    monkeypatch.setattr(RecordDialog, "exec", fake_exec)
    return seen


def test_status_at_a_glance(page, demo_ctx):
    st = CurrencyService(demo_ctx).status()
    assert page.status_panel.badge.text().endswith(st.state.label)
    assert page.status_panel.reasons.topLevelItemCount() == len(st.reasons)
    texts = [page.status_panel.reasons.topLevelItem(i).text(2)
             for i in range(page.status_panel.reasons.topLevelItemCount())]
    assert any("Registration renewal date 30 Nov 2026" in t for t in texts)
    assert page.students_tab.model.rowCount() >= 12 + 4


def test_add_cpd_through_the_dialog_updates_the_record(page, demo_ctx, monkeypatch):
    def fill(dlg):
        dlg.widgets["title"].setText("Practice educator refresher")
        dlg.widgets["hours"].setValue(3.5)
        dlg.widgets["domains"].set_value(["peps:D"])

    seen = drive_dialog(monkeypatch, fill)
    before = page.cpd_tab.model.rowCount()
    page.edit_cpd(None)
    assert seen["accepted"]
    assert page.cpd_tab.model.rowCount() == before + 1
    new = next(r for r in CurrencyService(demo_ctx).overview().cpd
               if r.title == "Practice educator refresher")
    assert new.hours == 3.5 and new.domains == ("peps:D",) and new.on_date == demo_ctx.today()


def test_invalid_entry_keeps_the_dialog_open_with_messages(page, monkeypatch):
    def fill(dlg):
        dlg.widgets["title"].setText("   ")
        dlg.widgets["hours"].setValue(0)

    seen = drive_dialog(monkeypatch, fill)
    before = page.cpd_tab.model.rowCount()
    page.edit_cpd(None)
    assert not seen["accepted"]
    assert "Title is required" in seen["errors"] and "Hours must be" in seen["errors"]
    assert page.cpd_tab.model.rowCount() == before


def test_delete_asks_first(page, demo_ctx, monkeypatch):
    page.checkin_tab.select_first()
    row = page.checkin_tab.selected()
    answers = iter([QMessageBox.StandardButton.Cancel, "accept"])

    def fake_exec(box):
        a = next(answers)
        if a == "accept":
            box.setProperty("clicked", "accept")
            for b in box.buttons():
                if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole:
                    b.click()
                    return 0
        for b in box.buttons():
            if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole:
                b.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    page.checkin_tab.delete_selected()  # cancelled
    ids = [c.id for c in CurrencyService(demo_ctx).overview().checkins]
    assert row.id in ids
    page.checkin_tab.select_first()
    page.checkin_tab.delete_selected()  # confirmed
    ids = [c.id for c in CurrencyService(demo_ctx).overview().checkins]
    assert row.id not in ids


def test_students_from_placements_cannot_be_edited_here(page):
    tab = page.students_tab
    for r in range(tab.proxy.rowCount()):
        row = tab.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole)
        tab.view.selectRow(r)
        assert tab.edit_button.isEnabled() == (row.source == "manual")


def test_policy_tab_changes_the_status(page, demo_ctx):
    svc = CurrencyService(demo_ctx)
    svc.save_registration(RegistrationInput(date(2027, 11, 30)))
    page.refresh()
    page.policy_form.cpd_hours.setValue(100)
    page.policy_form.save()
    st = svc.status()
    assert svc.policy()[0].cpd_min_hours == 100
    assert st.state == State.LAPSED
    assert page.status_panel.badge.text().endswith("Lapsed")
    assert page.policy_form.reset_button.isEnabled()


def test_sole_final_warning_shown_on_the_page(demo_ctx, qtbot, sync_background):
    svc = CurrencyService(demo_ctx)
    svc.save_cpd(CpdInput(date(2026, 11, 1), "x", 1))
    w = CurrencyPage(demo_ctx)
    qtbot.addWidget(w)
    w.refresh()
    assert not w.status_panel.warnings.isHidden()
    assert "sole PE on a final placement" in w.status_panel.warnings.text()


def test_ctrl_6_opens_the_currency_page(demo_ctx, qtbot, qsettings, sync_background):
    from pe_desktop.ui.main_window import MainWindow

    win = MainWindow(demo_ctx, qsettings)
    qtbot.addWidget(win)
    win.show()
    (action,) = [a for a in win.actions() if a.shortcut().toString() == "Ctrl+6"]
    action.trigger()
    assert isinstance(win.stack.currentWidget(), CurrencyPage)


def test_attach_and_remove_a_certificate(page, demo_ctx, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    cert = tmp_path / "PEPS1 certificate.pdf"
    cert.write_bytes(b"%PDF-1.4 fake certificate")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(cert), ""))
    page.qual_tab.select_first()
    row = page.qual_tab.selected()
    page.attach(row, "qualification_id")
    q = next(q for q in CurrencyService(demo_ctx).overview().qualifications if q.id == row.id)
    assert [a.filename for a in q.attachments] == ["PEPS1 certificate.pdf"]
    page.qual_tab.select_first()
    assert page.qual_tab.selected().attachments  # shown after the reload
    monkeypatch.setattr("pe_desktop.ui.currency.page.confirm", lambda *a, **k: True)
    page.remove_attachment(page.qual_tab.selected())
    q = next(q for q in CurrencyService(demo_ctx).overview().qualifications if q.id == row.id)
    assert q.attachments == ()


def test_registration_number_is_validated(page, demo_ctx, monkeypatch):
    errors = []
    monkeypatch.setattr("pe_desktop.ui.currency.page.show_error",
                        lambda parent, exc, title="": errors.append(str(exc)))
    page.reg_number.setText("12345")
    page.save_registration_number()
    assert errors and "SW123456" in errors[0]
    page.reg_number.setText("sw654321")
    page.save_registration_number()
    assert CurrencyService(demo_ctx).overview().registration_number == "SW654321"


def test_placement_dialog_warns_a_stage_one_pe_about_a_final_placement(
        demo_ctx, qtbot, monkeypatch):
    from PySide6.QtCore import QDate

    from pe_desktop.domain.currency import QualificationKind
    from pe_desktop.services.currency.service import QualificationInput
    from pe_desktop.services.placements.service import PlacementService
    from pe_desktop.services.placements.students import StudentService
    from pe_desktop.ui.placements.dialog import PlacementDialog

    svc = CurrencyService(demo_ctx)
    svc.save_qualification(QualificationInput(QualificationKind.PEPS1, date(2025, 1, 10)))
    asked: list[str] = []
    answer = {"value": False}

    def fake_confirm(parent, title, text, action="Continue"):
        asked.append(text)
        return answer["value"]

    monkeypatch.setattr("pe_desktop.ui.placements.dialog.confirm", fake_confirm)
    before = len(PlacementService(demo_ctx).list())

    def dialog():
        dlg = PlacementDialog(demo_ctx, StudentService(demo_ctx).list())
        qtbot.addWidget(dlg)
        dlg.student.setCurrentIndex(0)
        dlg.organisation.setText("Westmoor County Council")
        dlg.kind.setCurrentIndex(dlg.kind.findData("final"))
        dlg.start.setDate(QDate(2027, 1, 11))
        return dlg

    dlg = dialog()
    dlg.save()
    assert len(asked) == 1 and "PEPS stage 1" in asked[0]
    assert dlg.result() != PlacementDialog.DialogCode.Accepted
    assert len(PlacementService(demo_ctx).list()) == before  # declined: nothing saved
    answer["value"] = True
    dlg.save()
    assert dlg.result() == PlacementDialog.DialogCode.Accepted
    assert len(PlacementService(demo_ctx).list()) == before + 1
    # A first placement, or a PE with stage 2, is not asked.
    svc.save_qualification(QualificationInput(QualificationKind.PEPS2, date(2026, 6, 1)))
    dlg = dialog()
    dlg.save()
    assert len(asked) == 2 and dlg.result() == PlacementDialog.DialogCode.Accepted


def test_statement_button_saves_a_signed_pdf(page, demo_ctx, monkeypatch, tmp_path):
    import subprocess

    from PySide6.QtWidgets import QFileDialog

    from pe_desktop.services.secret_store import SecretStore
    from pe_desktop.services.signing.identity import SigningIdentityService
    from pe_desktop.ui.currency import export as currency_export

    store = SecretStore.in_memory()
    SigningIdentityService(demo_ctx.paths.keys, store).create("Máire Ó Dónaill", "SW123456", now=demo_ctx.now())
    out = tmp_path / "mine"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(a[2]))
    monkeypatch.setattr(currency_export, "open_secret_store", lambda ctx, parent: store)
    page.export_statement()
    pdf = tmp_path / "mine.pdf"
    assert pdf.exists() and shown and "Signed by Máire Ó Dónaill" in shown[0]
    sig = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in sig
    assert page.statement_button.isEnabled()


def test_activating_a_missing_check_in_reason_records_one_for_that_placement(
        demo_ctx, qtbot, sync_background, monkeypatch):
    from pe_desktop.domain.currency import Rule

    w = CurrencyPage(demo_ctx)
    qtbot.addWidget(w)
    w.refresh()
    assert not w.start_hint.isHidden()  # nothing entered yet
    tree = w.status_panel.reasons
    reasons = w.overview.status.reasons
    index = next(i for i, r in enumerate(reasons)
                 if r.rule == Rule.CHECKIN and r.placement_id is not None)
    pid = reasons[index].placement_id

    def fill(dlg):
        assert dlg.value("placement_id") == pid
        dlg.widgets["manager"].setText("Gráinne Byrne")

    drive_dialog(monkeypatch, fill)
    tree.itemActivated.emit(tree.topLevelItem(index), 0)
    assert w.tabs.currentIndex() == 4
    assert [c.placement_id for c in CurrencyService(demo_ctx).overview().checkins] == [pid]
    assert w.start_hint.isHidden()
    assert all(r.placement_id != pid for r in w.overview.status.problems)


def test_cancel_asks_before_discarding_typed_changes(qtbot, monkeypatch):
    from pe_desktop.ui.currency.form import Field

    dlg = RecordDialog("Add CPD", [Field("title", "Title", "text")], {}, lambda v: 1,
                       date(2026, 11, 23))
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.reject()  # nothing typed: closes without asking
    assert not dlg.isVisible()
    answers = []
    monkeypatch.setattr("pe_desktop.ui.currency.form.confirm",
                        lambda *a, **k: answers.append(a[1]) or False)
    dlg = RecordDialog("Add CPD", [Field("title", "Title", "text")], {}, lambda v: 1,
                       date(2026, 11, 23))
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.keyClicks(dlg.widgets["title"], "Half-typed")
    dlg.reject()
    assert answers == ["Discard changes?"] and dlg.isVisible()


def test_wrong_passphrase_is_asked_again_and_the_file_name_kept(
        page, demo_ctx, monkeypatch, tmp_path):
    """Issue 16, defect 11: one wrong passphrase aborted the signed statement."""
    import subprocess

    from PySide6.QtWidgets import QDialog, QFileDialog

    from pe_desktop.services.secret_store import SecretStore
    from pe_desktop.services.signing.identity import SigningIdentityService
    from pe_desktop.ui.reports.dialogs import PassphraseDialog

    monkeypatch.setenv("PE_DESKTOP_SECRET_STORE", "file")
    store = SecretStore.open(demo_ctx.paths.keys, lambda c: "right passphrase", try_native=False)
    SigningIdentityService(demo_ctx.paths.keys, store).create(
        "Máire Ó Dónaill", "SW123456", now=demo_ctx.now())
    out = tmp_path / "statement.pdf"
    asked_for_file = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: asked_for_file.append(1) or (str(out), ""))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    warnings, shown = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[1]))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(a[2]))
    answers = iter(["wrong one", "wrong two", "right passphrase"])

    def answer(dlg):
        dlg.first.setText(next(answers))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PassphraseDialog, "exec", answer)
    page.export_statement()
    assert len(warnings) == 2 and "Wrong passphrase" in warnings[0]
    assert asked_for_file == [1] and out.exists()
    assert shown and "Signed by Máire Ó Dónaill" in shown[0]
    assert "Signature is Valid." in subprocess.run(["pdfsig", str(out)], capture_output=True,
                                                   text=True).stdout
