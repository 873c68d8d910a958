"""pytest-qt tests for the supervision, observation, feedback and evidence editors."""

from datetime import timedelta
from pathlib import Path

import pytest
from evidence_helpers import make_placement
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from pe_desktop.domain.evidence_vocab import EvidenceKind, Judgement, ObservationStatus
from pe_desktop.services.drafts import DraftService
from pe_desktop.services.evidence.items import DomainNote, EvidenceItemInput, EvidenceService
from pe_desktop.services.evidence.observations import ObservationService
from pe_desktop.services.supervision import ActionInput, SessionInput, SupervisionService
from pe_desktop.ui.evidence import item_editor as evidence_item_editor
from pe_desktop.ui.evidence.item_editor import EvidenceItemEditor
from pe_desktop.ui.evidence.observation_editors import FeedbackEditor, ObservationEditor
from pe_desktop.ui.supervision.editor import SupervisionEditor
from pe_desktop.ui.widgets import editor_dialog


@pytest.fixture(autouse=True)
def _no_modal_prompts(monkeypatch):
    """Closing a dirty editor at teardown must not block on a real message box."""
    monkeypatch.setattr(editor_dialog, "confirm", lambda *a, **k: True)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)


@pytest.fixture
def pid(ctx, sync_background):
    return make_placement(ctx)


@pytest.fixture
def warnings(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    return shown


def test_supervision_editor_saves_notes_domains_and_actions(qtbot, ctx, pid):
    ed = SupervisionEditor(ctx, pid)
    qtbot.addWidget(ed)
    ed.show()
    ed.held_on.set_value(ctx.today() - timedelta(days=1))
    qtbot.keyClicks(ed.start_time, "10:00")
    qtbot.keyClicks(ed.attendees, "Zoe, PE")  # QTest types ASCII only
    qtbot.keyClicks(ed.discussion, "Discussed the Care Act assessment.")
    ed.domains.set_key_checked("knowledge")
    ed.tabs.setCurrentIndex(2)
    ed._add_action_row(ActionInput("Read the guidance", "Zoë"))
    shortcuts = [sc.key() for sc in ed.findChildren(QShortcut)]
    assert QKeySequence(QKeySequence.StandardKey.Save) in shortcuts  # Ctrl+S saves
    with qtbot.waitSignal(ed.saved):
        qtbot.mouseClick(ed.buttons.button(QDialogButtonBox.StandardButton.Save),
                         Qt.MouseButton.LeftButton)
    [row] = SupervisionService(ctx).list_sessions(pid)
    assert row.start_time == "10:00" and row.domains == ("knowledge",)
    assert [a.description for a in row.actions] == ["Read the guidance"]
    assert DraftService(ctx).load(ed.autosaver.key) is None  # saved: no draft left
    ed.save()  # a second save of the same dialog updates, never duplicates
    assert len(SupervisionService(ctx).list_sessions(pid)) == 1


def test_validation_problems_are_shown_inline_and_nothing_is_saved(qtbot, ctx, pid, warnings):
    ed = SupervisionEditor(ctx, pid)
    qtbot.addWidget(ed)
    ed.show()
    ed.held_on.set_value(ctx.today() + timedelta(days=2))
    qtbot.keyClicks(ed.start_time, "9.75")
    ed.save()
    assert ed.isVisible() and ed.error_label.isVisible()
    text = ed.error_label.text()
    assert "cannot be in the future" in text and "Start time must look like 14:30" in text
    assert SupervisionService(ctx).list_sessions(pid) == []
    assert warnings == []  # validation is inline, not a pop-up


def test_cancel_with_changes_asks_first(qtbot, ctx, pid, monkeypatch):
    answers = [False, True]
    asked: list[str] = []

    def fake_confirm(_p, title, _text, _action="Continue"):
        asked.append(title)
        return answers.pop(0)

    monkeypatch.setattr(editor_dialog, "confirm", fake_confirm)
    ed = SupervisionEditor(ctx, pid)
    qtbot.addWidget(ed)
    ed.show()
    qtbot.keyClicks(ed.discussion, "Unsaved thoughts")
    ed.autosaver.flush()
    ed.reject()
    assert ed.isVisible() and asked == ["Discard changes?"]
    ed.reject()
    assert not ed.isVisible()
    assert DraftService(ctx).load(ed.autosaver.key) is None


def test_typing_autosaves_a_draft_that_reopening_restores(qtbot, ctx, pid, monkeypatch):
    ed = SupervisionEditor(ctx, pid)
    qtbot.addWidget(ed)
    qtbot.keyClicks(ed.discussion, "Half-written reflection on power")
    with qtbot.waitSignal(ed.autosaver.saved, timeout=5000):
        pass  # the idle timer fires about two seconds after the last key
    draft = DraftService(ctx).load(f"supervision:new:p{pid}")
    assert draft.fields["discussion"] == "Half-written reflection on power"
    ed.autosaver.enabled = False  # simulate a crash: the dialog vanishes without cleanup
    ed.close()
    monkeypatch.setattr(SupervisionEditor, "restore_drafts", True)
    again = SupervisionEditor(ctx, pid)
    qtbot.addWidget(again)
    assert again.discussion.toPlainText() == "Half-written reflection on power"
    monkeypatch.setattr(SupervisionEditor, "restore_drafts", False)
    third = SupervisionEditor(ctx, pid)
    qtbot.addWidget(third)
    assert third.discussion.toPlainText() == ""
    assert DraftService(ctx).load(f"supervision:new:p{pid}") is None  # discarded on request


def test_acknowledgement_from_the_editor(qtbot, ctx, pid, warnings):
    svc = SupervisionService(ctx)
    row = svc.create(pid, SessionInput(held_on=ctx.today(), discussion="Notes"))
    ed = SupervisionEditor(ctx, pid, svc.get(row.id))
    qtbot.addWidget(ed)
    assert "Pending" in ed.ack_status.text()
    qtbot.keyClicks(ed.ack_name, "Wrong Name")
    qtbot.mouseClick(ed.ack_button, Qt.MouseButton.LeftButton)
    assert warnings and "does not match" in warnings[0]
    ed.ack_name.setText("Zoë Ní Bhriain")
    qtbot.mouseClick(ed.ack_button, Qt.MouseButton.LeftButton)
    assert "Acknowledged by Zoë Ní Bhriain" in ed.ack_status.text()
    assert svc.get(row.id).acknowledged


def test_observation_editor_requires_consent_then_saves_judgements(qtbot, ctx, pid, warnings):
    ed = ObservationEditor(ctx, pid)
    qtbot.addWidget(ed)
    ed.show()
    ed.status.setCurrentIndex(ed.status.findData(ObservationStatus.COMPLETED.value))
    ed.observed_on.set_value(ctx.today() - timedelta(days=2))
    qtbot.keyClicks(ed.account, "Calm and clear home visit.")
    ed.save()
    assert "consent" in ed.error_label.text()
    ed.consent.setChecked(True)
    box = ed.judgements.cellWidget(4, 1)  # domain 5, Knowledge
    box.setCurrentIndex(box.findData(Judgement.MEETS.value))
    ed.judgements.item(4, 2).setText("Applies the Care Act")
    with qtbot.waitSignal(ed.saved):
        ed.save()
    [o] = ObservationService(ctx).list(pid)
    assert o.completed and o.observer_name == ""  # no profile: PE name left blank
    assert [(j.domain_key, j.judgement, j.comment) for j in o.judgements] == [
        ("knowledge", Judgement.MEETS, "Applies the Care Act")]
    assert ObservationService(ctx).progress(pid).completed_by_pe == 1


def test_feedback_editor_links_observation(qtbot, ctx, pid):
    from pe_desktop.services.evidence.observations import ObservationInput

    o = ObservationService(ctx).create(pid, ObservationInput(observed_on=ctx.today()))
    ed = FeedbackEditor(ctx, pid)
    qtbot.addWidget(ed)
    qtbot.keyClicks(ed.content, "Felt listened to.")
    ed.observation.setCurrentIndex(ed.observation.findData(o.id))
    ed.domains.set_key_checked("values_ethics")
    with qtbot.waitSignal(ed.saved):
        ed.save()
    [f] = ObservationService(ctx).list_feedback(pid)
    assert f.observation_id == o.id and f.domains == ("values_ethics",)


def test_evidence_item_editor_attaches_and_opens_files(qtbot, ctx, pid, tmp_path, monkeypatch, warnings):
    opened: list[Path] = []
    monkeypatch.setattr(evidence_item_editor, "open_with_system_viewer",
                        lambda p: opened.append(p) or True)
    doc = tmp_path / "Case summary.docx"
    doc.write_bytes(b"PK\x03\x04 case summary")
    ed = EvidenceItemEditor(ctx, pid)
    qtbot.addWidget(ed)
    qtbot.keyClicks(ed.title, "Case summary")
    ed.domains.item(4, 1).setText("Applies law")  # typing a note ticks the domain
    ed.attach_files([doc])
    assert ed.attachments.count() == 1
    with qtbot.waitSignal(ed.saved):
        ed.save()
    [item] = EvidenceService(ctx).list(pid)
    assert item.domains == (DomainNote("knowledge", "Applies law"),)
    assert item.attachments[0].original_name == "Case summary.docx"
    # reopen: open the stored file with the system viewer
    ed2 = EvidenceItemEditor(ctx, pid, EvidenceService(ctx).get(item.id))
    qtbot.addWidget(ed2)
    ed2.attachments.setCurrentRow(0)
    ed2._open_attachment()
    assert opened and opened[0].read_bytes() == doc.read_bytes()
    # the viewer gets a decrypted owner-only copy; the stored file stays encrypted
    stored = ctx.attachments().path_for(item.attachments[0].sha256)
    assert opened[0] != stored and doc.read_bytes() not in stored.read_bytes()
    # tamper with the stored file: reported, not opened
    stored.write_bytes(b"changed")
    ed3 = EvidenceItemEditor(ctx, pid, EvidenceService(ctx).get(item.id))
    qtbot.addWidget(ed3)
    assert "altered" in ed3.attachments.item(0).text()
    ed3.attachments.setCurrentRow(0)
    ed3._open_attachment()
    assert len(opened) == 1 and "altered since it was attached" in warnings[-1]


def test_evidence_item_editor_refuses_oversized_files(qtbot, ctx, pid, tmp_path):
    big = tmp_path / "big.mov"
    big.write_bytes(b"0" * 4096)
    ed = EvidenceItemEditor(ctx, pid)
    qtbot.addWidget(ed)
    ed.service.store.max_bytes = 1024
    ed.attach_files([big])
    assert ed.attachments.count() == 0
    assert "big.mov is 4.0 KB; attachments can be at most 1.0 KB" in ed.error_label.text()


def test_item_editor_for_existing_item_prefills(qtbot, ctx, pid):
    item = EvidenceService(ctx).create(pid, EvidenceItemInput(
        EvidenceKind.STUDENT_HUB, "Hub session", ctx.today(), "Group", (DomainNote("knowledge"),)))
    ed = EvidenceItemEditor(ctx, pid, item)
    qtbot.addWidget(ed)
    assert ed.title.text() == "Hub session" and ed.domains.keys() == ("knowledge",)
    assert not ed.is_dirty()
