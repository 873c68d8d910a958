"""pytest-qt drives the on-site supervisor's app and the PE's confirmation dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

SHOTS = Path("/work/helpers/shots/oss")


def _shot(widget, name: str) -> None:
    if SHOTS.parent.is_dir():
        SHOTS.mkdir(exist_ok=True)
        widget.grab().save(str(SHOTS / name))


def test_the_oss_joins_records_an_observation_and_the_pe_confirms_the_key(
        two_sides, qtbot, monkeypatch):
    from pe_desktop.ui.oss.placement_tab import OssTab
    from pe_desktop.ui.oss.trust_dialog import TrustDialog
    from pe_desktop.ui.oss.window import OssWindow
    from pe_desktop.ui.setup_dialog import SetupDialog

    pe, oss, pid, current, tmp = two_sides
    # First run on the OSS's laptop: "I am an on-site supervisor"
    setup = SetupDialog(oss)
    qtbot.addWidget(setup)
    setup.oss_button.click()
    join = setup.join_dialog
    join.file.setText(str(tmp / "i.peinvite"))
    join.name.setText("Sam Okafor")
    join.join_button.click()
    assert setup.joined_as_oss and setup.result() == SetupDialog.DialogCode.Accepted

    window = OssWindow(oss)
    qtbot.addWidget(window)
    window.show()
    assert window.students.count() == 1 and "Zo" in window.students.item(0).text()
    window.new_obs.click()
    ed = window.editor
    assert ed.observer_name.text() == "Sam Okafor"
    ed.consent.setChecked(True)
    ed.account.setPlainText("Zo led a review meeting with the family.")
    box = ed.judgements.cellWidget(0, 1)
    box.setCurrentIndex(box.findData("meets"))
    ed.tabs.setCurrentIndex(1)
    ed.resize(760, 620)
    _shot(ed, "oss-observation-editor.png")
    ed.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert window.records.rowCount() == 1, ed.error_label.text()
    assert window.records.item(0, 3).text() == "Finished — not sent yet"
    _shot(window, "oss-app.png")

    out = tmp / "to-pe"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    window.save_button.click()
    assert window.records.item(0, 3).text() == "Sent to the PE (signed)"
    packages = list(out.glob("*.pepkg"))
    assert len(packages) == 1
    _shot(window, "oss-app-sent.png")

    # The PE imports; the first package asks to confirm the OSS's key.
    current["side"] = "pe"
    tab = OssTab(pe)
    qtbot.addWidget(tab)
    from pe_desktop.services.placements.service import PlacementService

    tab.set_placement(PlacementService(pe).detail(pid))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(packages[0]), ""))
    tab.import_file()
    dlg = tab.trust_dialog
    assert isinstance(dlg, TrustDialog) and tab.table.rowCount() == 0
    from pe_desktop.services.oss.keys import identity_info

    assert dlg.fingerprint == identity_info(oss).fingerprint
    tab.resize(900, 420)
    tab.show()
    _shot(dlg, "pe-confirm-key.png")
    dlg.trust_button.click()
    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 1).text() == "Sam Okafor"
    assert "Key confirmed: Sam Okafor" in tab.summary.text()
    _shot(tab, "pe-oss-tab.png")
