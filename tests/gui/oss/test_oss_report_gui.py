"""pytest-qt: the PE's read-only banner on an OSS record (with its annotation), and the
report section's round trip through the GUI on both sides (files through folders)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QInputDialog

SHOTS = Path("/work/helpers/shots/oss2")


def _shot(widget, name: str) -> None:
    if SHOTS.parent.is_dir():
        SHOTS.mkdir(exist_ok=True)
        widget.grab().save(str(SHOTS / name))


def _pinned(two_sides):
    """The OSS joined, recorded an observation and a supervision note; the PE imported
    both (key confirmed). Returns the PE's imported rows."""
    from pe_desktop.services.oss import records
    from pe_desktop.services.oss.importer import import_file
    from pe_desktop.services.oss.keys import identity_info
    from pe_desktop.services.oss.profile import enter_record, join, supervisees
    from pe_desktop.services.oss.records_pe import imported
    from pe_desktop.services.oss.send import send
    from pe_desktop.ui.signing import SigningSupport

    pe, oss, pid, current, tmp = two_sides
    store = SigningSupport.store_factory
    current["side"] = "oss"
    join(oss, store(), tmp / "i.peinvite", "Sam Okafor")
    sv = supervisees(oss)[0]
    fw = oss.frameworks.get(sv.framework)
    form = records.template(records.OBSERVATION, fw, sv.level, sv.first_name)
    form.update(observed_on="2026-11-20", consent_obtained=True,
                observer_account="Zo led a review meeting with the family.")
    form["judgements"][0]["judgement"] = "meets"
    enter_record(oss, records.OBSERVATION, form, None)
    sup = records.template(records.SUPERVISION, fw, sv.level, sv.first_name)
    sup.update(held_on="2026-11-19", discussion="Reflected on the home visit.")
    enter_record(oss, records.SUPERVISION, sup, None)
    out = tmp / "pkgs"
    out.mkdir()
    send(oss, store(), out)
    current["side"] = "pe"
    fp = identity_info(oss).fingerprint
    for p in sorted(out.iterdir()):
        import_file(pe, store(), p, trust_fingerprint=fp)
    return imported(pe, pid)


def test_pe_editors_show_an_oss_record_read_only_with_a_working_annotation(
        two_sides, qtbot, monkeypatch):
    from pe_desktop.services.evidence.observations import ObservationService
    from pe_desktop.services.oss.records_pe import imported
    from pe_desktop.services.supervision import SupervisionService
    from pe_desktop.ui.evidence.observation_editors import ObservationEditor
    from pe_desktop.ui.supervision.editor import SupervisionEditor

    pe, oss, pid, current, tmp = two_sides
    rows = {r.kind: r for r in _pinned(two_sides)}
    obs = ObservationService(pe).get(rows["observation"].record_id)
    ed = ObservationEditor(pe, pid, obs)
    qtbot.addWidget(ed)
    banner = ed.oss_banner
    assert "Recorded by Sam Okafor on their own laptop, signed 23 Nov 2026" in \
        banner.label.text()
    assert ed.account.isReadOnly() and not ed.status.isEnabled()
    assert not ed.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    assert not ed.judgements.cellWidget(0, 1).isEnabled()
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        lambda *a, **k: ("Discussed with Zo at the midway meeting.", True))
    banner.annotate_button.click()
    assert "Your annotation: Discussed with Zo" in banner.label.text()
    assert {r.kind: r for r in imported(pe, pid)}["observation"].annotation == \
        "Discussed with Zo at the midway meeting."
    ed.resize(760, 560)
    ed.show()
    _shot(ed, "pe-observation-from-oss.png")
    ed.reject()

    session = SupervisionService(pe).get(rows["supervision"].record_id)
    sed = SupervisionEditor(pe, pid, session)
    qtbot.addWidget(sed)
    assert "Recorded by Sam Okafor" in sed.oss_banner.label.text()
    assert not sed.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    sed.resize(760, 560)
    sed.show()
    _shot(sed, "pe-supervision-from-oss.png")
    sed.reject()
    # A record the PE wrote has no banner and stays editable.
    own = SupervisionEditor(pe, pid, None)
    qtbot.addWidget(own)
    assert getattr(own, "oss_banner", None) is None
    own.reject()


def test_report_section_round_trip_in_the_gui(two_sides, qtbot, monkeypatch, qsettings):
    from pe_desktop.domain.reports import ConfirmationMethod, ReportKind
    from pe_desktop.services.reports.service import ReportContent, ReportService
    from pe_desktop.ui.oss import report_send
    from pe_desktop.ui.oss.placement_tab import OssTab
    from pe_desktop.ui.oss.window import OssWindow
    from pe_desktop.ui.reports.page import ReportsPage

    pe, oss, pid, current, tmp = two_sides
    _pinned(two_sides)
    svc = ReportService(pe)
    view = svc.open(pid, ReportKind.MIDWAY)
    svc.save(view.version.id, ReportContent(summary="Good progress; values are a strength."))

    # The PE sends the section from the Reports page, saved to a folder.
    monkeypatch.setattr(ReportsPage, "_settings", lambda self: qsettings)
    page = ReportsPage(pe)
    qtbot.addWidget(page)
    page.resize(1280, 860)
    page.show()
    page.refresh()
    page.open_placement(pid)
    assert page.view is not None and page.send_oss_button.isEnabled()
    to_oss = tmp / "to-oss"
    to_oss.mkdir()
    shown = {}

    def fake_exec(dlg):
        shown["dlg"] = dlg
        assert "Good progress" in dlg.summary.toPlainText()
        assert not dlg.targets_button.isEnabled()  # no targets: a folder it is
        dlg.resize(620, 420)
        dlg.show()
        _shot(dlg, "pe-send-section.png")
        dlg.choice = "folder"
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(report_send.SendSectionDialog, "exec", fake_exec)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(to_oss))
    page.send_oss_button.click()
    requests = list(to_oss.glob("ossreq-*.pepkg"))
    assert len(requests) == 1 and "Saved" in page.last_status

    # The OSS opens it, comments, confirms and saves the signed reply to a folder.
    current["side"] = "oss"
    window = OssWindow(oss)
    qtbot.addWidget(window)
    window.resize(980, 700)
    window.show()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(requests[0]), ""))
    window.open_ask_file.click()
    assert window.asks.rowCount() == 1
    assert window.asks.item(0, 2).text() == "Waiting for your comments"
    window.reply_button.click()
    dlg = window.reply_dialog
    assert "Good progress" in dlg.summary.toPlainText() and not dlg.send_button.isEnabled()
    dlg.comments.setPlainText("Zo has grown in confidence with families.")
    dlg.confirm.setChecked(True)
    dlg.draft_button.click()
    dlg.resize(660, 520)
    _shot(dlg, "oss-reply-dialog.png")
    to_pe = tmp / "to-pe"
    to_pe.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(to_pe))
    dlg.folder_button.click()
    assert "Signed and saved" in window.last_status
    assert window.asks.item(0, 2).text().startswith("Replied 23 Nov 2026")
    _shot(window, "oss-app-with-report-section.png")
    replies = list(to_pe.glob("oss-*.pepkg"))
    assert len(replies) == 1

    # The PE imports the reply on the On-site supervisor tab; the report shows it signed.
    current["side"] = "pe"
    from pe_desktop.services.placements.service import PlacementService

    tab = OssTab(pe)
    qtbot.addWidget(tab)
    tab.set_placement(PlacementService(pe).detail(pid))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(replies[0]), ""))
    tab.import_file()
    assert "Imported 1" in tab.banner.text()
    assert "Midway report v1 sent 23 Nov 2026 (answered)" in tab.summary.text()
    assert tab.table.item(tab.table.rowCount() - 1, 0).text().startswith("Report comments")
    tab.resize(900, 420)
    tab.show()
    _shot(tab, "pe-oss-tab-with-reply.png")
    v = svc.get(pid, ReportKind.MIDWAY).version
    assert v.content.oss_comments == "Zo has grown in confidence with families."
    assert v.oss_confirmation.how == ConfirmationMethod.OSS_KEY
    page.load_now()
    assert page.editor.oss_comments.isReadOnly()
    assert page.editor.oss_comments.toPlainText() == v.content.oss_comments
    assert "signed by Sam Okafor on 23 Nov 2026" in page.editor.oss_label.text()
    assert "signed with their own key" in page.confirmations.text()
    page.editor.verticalScrollBar().setValue(page.editor.verticalScrollBar().maximum())
    _shot(page, "pe-report-with-oss-reply.png")
    assert json.loads(json.dumps(shown["dlg"].choice)) == "folder"
