"""pytest-qt tests for the Supervision and Evidence pages and the coverage matrix."""

from datetime import timedelta

import pytest
from evidence_helpers import make_placement
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from pe_desktop.domain.evidence_vocab import (
    EvidenceKind,
    Judgement,
    ObservationStatus,
    ObserverRole,
)
from pe_desktop.services.evidence.items import DomainNote, EvidenceItemInput, EvidenceService
from pe_desktop.services.evidence.observations import (
    JudgementInput,
    ObservationInput,
    ObservationService,
)
from pe_desktop.services.supervision import ActionInput, SessionInput, SupervisionService
from pe_desktop.ui.evidence import page as evidence_page
from pe_desktop.ui.evidence.coverage_matrix import COL_GAPS, COL_KIND0, COL_TOTAL, KINDS
from pe_desktop.ui.evidence.page import EvidencePage
from pe_desktop.ui.supervision import page as supervision_page
from pe_desktop.ui.supervision.page import SupervisionPage


@pytest.fixture(autouse=True)
def _no_modal_boxes(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)


@pytest.fixture
def filled(ctx, sync_background):
    pid = make_placement(ctx)
    d = ctx.today() - timedelta(days=10)
    sup = SupervisionService(ctx)
    sup.create(pid, SessionInput(held_on=d, discussion="Safeguarding thresholds", domains=("knowledge",),
                                 actions=(ActionInput("Read the guidance", "Zoë"),)))
    ObservationService(ctx).create(pid, ObservationInput(
        observed_on=d, status=ObservationStatus.COMPLETED, observer_role=ObserverRole.PE,
        consent_obtained=True, observer_account="Home visit",
        judgements=(JudgementInput("knowledge", Judgement.DEVELOPING),)))
    EvidenceService(ctx).create(pid, EvidenceItemInput(
        EvidenceKind.REFLECTIVE_LOG, "Reflective log", d, domains=(DomainNote("knowledge"),)))
    return pid


def test_supervision_page_lists_sessions_and_ticks_actions_done(qtbot, ctx, filled, monkeypatch):
    page = SupervisionPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    assert page.placement_id() == filled
    assert len(page.table.rows()) == 1
    assert "1 held of 5 expected (weekly); overdue by 3 days" in page.summary.text()
    item = page.actions.item(0)
    assert "Read the guidance" in item.text()
    item.setCheckState(Qt.CheckState.Checked)
    assert SupervisionService(ctx).overview(filled).open_actions == []
    assert page.actions.item(0).text() == "No open actions."


def test_supervision_page_delete_asks_first(qtbot, ctx, filled, monkeypatch):
    answers = [False, True]
    monkeypatch.setattr(supervision_page, "confirm", lambda *a, **k: answers.pop(0))
    page = SupervisionPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    page.table.selectRow(0)
    page.delete_current()
    assert len(SupervisionService(ctx).list_sessions(filled)) == 1
    page.delete_current()
    assert SupervisionService(ctx).list_sessions(filled) == []
    assert page.table.rows() == []


def test_new_session_from_open_actions_prefills_agenda(qtbot, ctx, filled, monkeypatch):
    seen = {}

    def fake_exec(editor):
        seen["agenda"] = editor.agenda.toPlainText()
        return 0

    monkeypatch.setattr(supervision_page.SupervisionEditor, "exec", fake_exec)
    page = SupervisionPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    page.new_session(carry=True)
    assert seen["agenda"].startswith("Actions carried forward:\n- Read the guidance (Zoë)")


def test_matrix_shows_counts_gaps_and_opens_the_clicked_cells_items(qtbot, ctx, filled, monkeypatch):
    opened = []
    monkeypatch.setattr(evidence_page, "open_record",
                        lambda _ctx, _parent, kind, rid: opened.append((kind, rid)) or False)
    page = EvidencePage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    page.refresh()
    t = page.matrix.table
    knowledge = 4
    assert t.item(knowledge, COL_TOTAL).text() == "3"
    assert t.item(knowledge, COL_GAPS).text() == "✓"
    assert t.item(0, COL_GAPS).text() == "No evidence"
    assert t.item(knowledge, COL_TOTAL + 1).text().startswith("Developing")
    obs_col = COL_KIND0 + KINDS.index(EvidenceKind.DIRECT_OBSERVATION)
    rect = t.visualItemRect(t.item(knowledge, obs_col))
    qtbot.mouseClick(t.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.matrix.items.count() == 1
    assert "Direct observation" in page.matrix.items.item(0).text()
    page.matrix.items.setCurrentRow(0)
    page.matrix.items.itemActivated.emit(page.matrix.items.item(0))
    [(kind, rid)] = opened
    assert kind == "observation" and rid == ObservationService(ctx).list(filled)[0].id
    # an empty cell offers to add evidence for that domain and kind
    added = []
    monkeypatch.setattr(page, "new_item", lambda key=None, kind=None: added.append((key, kind)))
    page.matrix.select_cell("professional_leadership", EvidenceKind.CASE_WORK)
    page.matrix.items.itemActivated.emit(page.matrix.items.item(0))
    assert added == [("professional_leadership", EvidenceKind.CASE_WORK)]


def test_evidence_page_lists_and_deletes_with_confirmation(qtbot, ctx, filled, monkeypatch):
    monkeypatch.setattr(evidence_page, "confirm", lambda *a, **k: True)
    page = EvidencePage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    assert page.tabs.tabText(page.tabs.indexOf(page.obs_tab)) == "Direct &observations (1/2)"
    assert len(page.items_tab.table.rows()) == 1
    page.items_tab.table.selectRow(0)
    page._delete_item()
    assert EvidenceService(ctx).list(filled) == []
    assert page.matrix.table.item(4, COL_TOTAL).text() == "2"


def test_search_tab_highlights_and_opens(qtbot, ctx, filled, monkeypatch):
    opened = []
    monkeypatch.setattr(evidence_page, "open_record",
                        lambda _c, _p, kind, rid: opened.append(kind) or False)
    page = EvidencePage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    page.focus_search()
    qtbot.keyClicks(page.search_box, "thresh")
    page.run_search()
    assert page.results.count() == 1
    assert "<b style='background:#fff1a8'>thresholds</b>" in page.results.item(0).text()
    page.results.itemActivated.emit(page.results.item(0))
    assert opened == ["supervision"]


def test_main_window_shortcuts_reach_the_pages(qtbot, ctx, filled, qsettings):
    from pe_desktop.ui.main_window import MainWindow
    from pe_desktop.ui.pages import PAGES

    keys = {p.key: p.shortcut for p in PAGES}
    assert keys["supervision"] == "Ctrl+3" and keys["evidence"] == "Ctrl+4"
    w = MainWindow(ctx, qsettings)
    qtbot.addWidget(w)
    page = w.navigate("evidence", placement_id=filled)
    assert isinstance(page, EvidencePage) and page.placement_id() == filled
    assert isinstance(w.navigate("supervision", placement_id=filled), SupervisionPage)


def test_page_warns_about_altered_attachments(qtbot, ctx, filled, tmp_path):
    src = tmp_path / "letter.pdf"
    src.write_bytes(b"%PDF-1.4 letter")
    svc = EvidenceService(ctx)
    item = svc.create(filled, EvidenceItemInput(EvidenceKind.COLLEAGUE_FEEDBACK, "Letter",
                                                ctx.today(), domains=(DomainNote("knowledge"),)),
                      files=[src])
    page = EvidencePage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    assert page.file_warning.isHidden()
    svc.store.path_for(item.attachments[0].sha256).write_bytes(b"edited")
    page.reload()
    assert not page.file_warning.isHidden()
    assert "letter.pdf has been altered since it was attached" in page.file_warning.text()


def test_dashboard_attention_items_open_the_right_page(qtbot, ctx, filled, qsettings):
    from pe_desktop.ui.main_window import MainWindow

    w = MainWindow(ctx, qsettings)
    qtbot.addWidget(w)
    dash = w.page("dashboard")
    dash.refresh()
    model = dash.attention_model
    rows = {item.category: i for i, item in enumerate(model.items)
            if item.placement_id == filled}
    assert "supervision" in rows  # the filled placement's last session was 10 days ago
    dash._open_index(model.index(rows["supervision"], 0))
    assert isinstance(w.stack.currentWidget(), SupervisionPage)
    assert w.stack.currentWidget().placement_id() == filled


def test_requirements_dialog_changes_frequency_and_observations(qtbot, ctx, filled):
    from pe_desktop.ui.placements.requirements_dialog import RequirementsDialog

    dlg = RequirementsDialog(ctx, filled)
    qtbot.addWidget(dlg)
    assert dlg.interval.value() == 7 and dlg.use_default.isChecked()
    assert not dlg.required.isEnabled()
    dlg.interval.setValue(14)
    dlg.use_default.setChecked(False)
    dlg.required.setValue(3)
    dlg.save()
    req = SupervisionService(ctx).requirements(filled)
    assert (req.supervision_interval_days, req.observations_required) == (14, 3)
    assert not req.observations_required_is_default


def test_agenda_templates_dialog_creates_and_offers_templates(qtbot, ctx, filled):
    from pe_desktop.ui.supervision.editor import SupervisionEditor
    from pe_desktop.ui.supervision.page import TemplatesDialog

    dlg = TemplatesDialog(SupervisionService(ctx))
    qtbot.addWidget(dlg)
    dlg._new()
    qtbot.keyClicks(dlg.name, "Midway supervision")
    dlg.body.setPlainText("1. Progress against the PCF\n2. Midway report\n")
    dlg._save()
    assert [t.name for t in SupervisionService(ctx).templates()] == ["Midway supervision"]
    ed = SupervisionEditor(ctx, filled)
    qtbot.addWidget(ed)
    idx = ed.template_box.findText("Midway supervision")
    ed.template_box.activated.emit(idx)
    assert ed.agenda.toPlainText().startswith("1. Progress against the PCF")
