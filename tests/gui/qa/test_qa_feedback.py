"""The PE's side of panel feedback in the GUI: the Peer QA page's feedback tab (beside
the original report, mark read, log as CPD), fetching (rejections, cancel), the
Reports page banner and the dashboard item."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from pe_desktop.services.secret_store import SecretStore

SHOTS = Path(os.environ["PE_DESKTOP_SHOTS"]) if os.environ.get("PE_DESKTOP_SHOTS") else None

FEEDBACK = {
    "criteria_version": 1, "state": "moderated", "moderated": True,
    "moderation_reasons": "Evidence is present but thin.",
    "criteria": [
        {"key": "pcf_evidence", "title": "Evidence offered for each PCF domain",
         "rating": "partly", "rating_label": "Partly meets",
         "comments": ["Domains 6 and 8 rest on one observation each."]},
        {"key": "recommendation", "title": "Recommendation clear and consistent",
         "rating": "meets", "rating_label": "Meets", "comments": []},
    ],
    "good_practice": ["[Student] explained each step of the assessment"],
    "themes": ["Observations well analysed"], "comment": "A clear, fair report.",
    "leak": {"reported": False, "where": ""},
}


def add_feedback(ctx) -> tuple[str, str, int, str]:
    """Approve one selected report of the demo round and store the panel's feedback on it
    as the inbox does after verifying a package: (round, code, placement id, kind)."""
    from pe_desktop.services.qa.demo import add_demo_qa
    from pe_desktop.services.qa.requests import RequestService
    from pe_desktop.services.qa.review import ReviewService
    from pe_desktop.storage.models import QaFeedbackReceived

    add_demo_qa(ctx)
    req = RequestService(ctx).list()[0]
    review = ReviewService(ctx)
    row = next(r for r in review.selection(req.round_id).rows if r.selected)
    approval, _item = review.approve(req.round_id, row.report_uid)
    with ctx.session() as s:
        s.add(QaFeedbackReceived(request_id=req.id, return_code=approval.return_code,
                                 report_uid=row.report_uid, sha256="0" * 64,
                                 payload=json.dumps(FEEDBACK)))
    from pe_desktop.services.qa.feedback import FeedbackInbox

    fb = FeedbackInbox(ctx).list()[0]
    return req.round_id, approval.return_code, fb.placement_id, fb.kind


@pytest.fixture(scope="module")
def fed_dir(tmp_path_factory, template_db):
    """The demo with feedback on one report, built once (~5 s) and copied per test."""
    from clocks import FIXED_ENV, make_clock
    from keys import TEST_KEY

    from pe_desktop.services.context import open_context
    from pe_desktop.services.demo import create_demo_data

    d = tmp_path_factory.mktemp("fed") / "data"
    d.mkdir(mode=0o700)
    shutil.copy2(template_db, d / template_db.name)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PE_DESKTOP_DATA_KEY", TEST_KEY.hex())
        mp.setenv("PE_DESKTOP_CLOCK", FIXED_ENV)
        ctx = open_context(d, clock=make_clock())
        try:
            create_demo_data(ctx, currency=False, reports=False)
            info = add_feedback(ctx)
        finally:
            ctx.close()
    return d, info


@pytest.fixture
def fed(fed_dir, tmp_path, monkeypatch, sync_background):
    from clocks import make_clock

    from pe_desktop.services.context import open_context
    from pe_desktop.ui.signing import SigningSupport

    monkeypatch.setattr(SigningSupport, "store_factory", staticmethod(SecretStore.in_memory))
    src, info = fed_dir
    shutil.copytree(src, tmp_path / "fed")
    ctx = open_context(tmp_path / "fed", clock=make_clock())
    yield ctx, info
    ctx.close()


def test_feedback_beside_the_report_read_and_logged_as_cpd(fed, qtbot):
    from pe_desktop.services.dashboard import DashboardService
    from pe_desktop.ui.qa.page import QaPage

    ctx, (round_id, code, pid, kind) = fed
    titles = [i.title for i in DashboardService(ctx).load().items]
    assert any(t.startswith("Panel feedback to read") and round_id in t for t in titles)
    page = QaPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 860)
    page.show()
    page.refresh()
    assert page.tabs.tabText(1) == "Panel feedback (1 new)"
    page.show_tab("feedback")
    view = page.feedback_view
    row = view.current()
    assert row.return_code == code and " — " in row.report_title and row.version
    html = view.feedback.toPlainText()
    assert "Partly meets" in html and "Domains 6 and 8 rest on one observation" in html
    assert "moderated view" in html and "Evidence is present but thin" in html
    report = view.report.toPlainText()
    assert row.report_title in report and "Holistic assessment" in report
    assert "[Student]" not in report  # the PE's own words, not the anonymised copy
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.grab().save(str(SHOTS / "qa-feedback-tab.png"))

    qtbot.mouseClick(view.read_button, qtbot_button())
    assert view.current().read_at is not None and not view.read_button.isEnabled()
    assert page.tabs.tabText(1) == "Panel feedback"
    assert not any(t.startswith("Panel feedback to read")
                   for t in (i.title for i in DashboardService(ctx).load().items))
    before = len(cpd_titles(ctx))
    qtbot.mouseClick(view.cpd_button, qtbot_button())
    assert "counts towards your currency" in view.status.text()
    cpd = cpd_titles(ctx)
    assert len(cpd) == before + 1 and any(code in t for t in cpd)
    assert view.current().cpd_entry_id and not view.cpd_button.isEnabled()
    qtbot.mouseClick(view.cpd_button, qtbot_button())  # disabled: no second entry
    assert len(cpd_titles(ctx)) == before + 1


def cpd_titles(ctx) -> list[str]:
    from sqlalchemy import select

    from pe_desktop.storage.models import CpdEntry

    with ctx.read_session() as s:
        return list(s.scalars(select(CpdEntry.title)))


def qtbot_button():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_fetch_shows_each_rejection_and_can_be_cancelled(fed, qtbot, tmp_path):
    from pe_desktop.services.qa.feedback import FeedbackInbox
    from pe_desktop.services.qa.targets import TargetService
    from pe_desktop.ui.qa.page import QaPage

    ctx, (round_id, code, _pid, _kind) = fed
    page = QaPage(ctx)
    qtbot.addWidget(page)
    view = page.feedback_view
    view.fetch()
    assert "No targets yet" in view.status.text()
    store = page.signing.store()
    folder = tmp_path / "share"
    folder.mkdir()
    TargetService(ctx, store).add_folder("share", folder)
    bad = f"qa-feedback-{round_id}-{code}-{'a' * 64}.age"
    (folder / bad).write_bytes(b"age-encryption.org/v1\n not really")
    (folder / f"qa-feedback-{round_id}-ZZZZ-ZZZZ-{'b' * 64}.age").write_bytes(b"not mine")
    view.fetch()
    text = view.status.text()
    assert "0 new" in text and "1 rejected" in text and f"Rejected {bad}:" in text
    assert "no feedback key" in text  # the reason, in words
    assert "ZZZZ-ZZZZ" not in text  # someone else's feedback is not even fetched
    assert view.fetch_button.isEnabled() and view.cancel_button.isHidden()

    real_pull = FeedbackInbox.pull

    def cancelled_pull(self, store, targets=None, progress=None):
        view.cancel()  # the user presses Cancel while it runs
        return real_pull(self, store, targets, progress)

    FeedbackInbox.pull = cancelled_pull
    try:
        view.fetch()
    finally:
        FeedbackInbox.pull = real_pull
    assert "Cancelled" in view.status.text() and view.fetch_button.isEnabled()
    assert len(FeedbackInbox(ctx).list()) == 1


def test_reports_page_shows_the_feedback_and_links_to_it(fed, qtbot, make_window):
    from pe_desktop.domain.reports import ReportKind

    ctx, (_round, code, pid, kind) = fed
    window = make_window(ctx)
    page = window.navigate("reports", placement_id=pid)
    page.kind_box.setCurrentIndex(page.kind_box.findData(ReportKind(kind)))
    qtbot.waitUntil(lambda: page.qa_banner.isVisible(), timeout=3000)
    text = page.qa_banner.text()
    assert code in text and "Partly meets 1" in text and "(new)" in text
    if SHOTS:
        window.grab().save(str(SHOTS / "report-banner.png"))
    page.qa_banner.linkActivated.emit(code)
    qa = window.stack.currentWidget()
    assert type(qa).__name__ == "QaPage" and qa.tabs.currentWidget() is qa.feedback_view
    qtbot.waitUntil(lambda: qa.feedback_view.current() is not None, timeout=3000)
    assert qa.feedback_view.current().return_code == code
    qa.feedback_view.open_button.click()
    assert window.stack.currentWidget() is page
    # The dashboard's item opens the same tab (category qa_feedback → tab "feedback").
    dash = window.navigate("dashboard")
    qa.show_tab("sample")
    dash.open_placement_page(pid, "qa", "feedback")
    assert window.stack.currentWidget() is qa and qa.tabs.currentWidget() is qa.feedback_view
