"""The panel page's buttons driven like a chair: pull from a folder target (each rejected
bundle listed with its reason, cancel), confirm a contributor key after seeing its
fingerprint, members and review files, send feedback, the organisation PDFs and the
learnings summary with its options. Dialogs are patched; background work runs inline."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from panel_helpers import ROUND, import_confirmed, make_bundle, make_panel  # noqa: E402

SHOTS = Path(os.environ["PE_DESKTOP_SHOTS"]) if os.environ.get("PE_DESKTOP_SHOTS") else None


@pytest.fixture
def chair(qtbot, ctx, sync_background, tmp_path):
    from pe_desktop.services.qa.targets import TargetService
    from pe_desktop.ui.panel.page import PanelPage

    store, panel = make_panel(ctx)
    share = tmp_path / "share"
    share.mkdir()
    TargetService(ctx, store).add_folder("share", share)
    w = PanelPage(ctx, store=store)
    qtbot.addWidget(w)
    w.resize(1280, 900)
    w.show()
    w.refresh()
    return w, store, panel, share


def _form(page, rating: str) -> dict:
    from pe_desktop.services.panel.review import PanelReviewService

    form = PanelReviewService(page.ctx).template(ROUND, page.current_code())
    for r in form["ratings"]:
        r["rating"], r["comment"] = rating, f"{rating} here"
    return form


def test_pull_lists_rejections_and_the_chair_confirms_the_key(chair, monkeypatch):
    from pe_desktop.services.packages.package import sha256
    from pe_desktop.ui.panel.dialogs import EnrolDialog, OutcomesDialog

    page, store, panel, share = chair
    good, key = make_bundle(page.ctx, panel)
    (share / f"qa-bundle-{ROUND}-{sha256(good)}.age").write_bytes(good)
    cut = good[: len(good) // 2]
    (share / f"qa-bundle-{ROUND}-{sha256(good + b'x')}.age").write_bytes(cut)
    page.action_buttons["pull"].click()
    text = page.tasks.message.text()
    assert "1 imported, 0 seen before, 1 rejected" in text and "await" in text
    dlg = page.dialog
    assert isinstance(dlg, OutcomesDialog) and dlg.isVisible()
    rows = dlg.table.rows()
    assert rows[0].result == "Rejected" and rows[0].detail.startswith("truncated: ")
    assert rows[1].result == "Imported" and "key awaits confirmation" in rows[1].detail
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        dlg.grab().save(str(SHOTS / "pull-outcomes.png"))
    dlg.done(0)
    assert "2 of 2 reports received" in page.status_label.text()
    assert "(1 awaiting confirmation)" in page.status_label.text()
    assert "By organisation: NCC 2" in page.status_label.text()
    assert "selected by: epr fail 1, sampled 1" in page.status_label.text()

    page.action_buttons["keys"].click()
    enrol = page.dialog
    assert isinstance(enrol, EnrolDialog)
    shown = enrol.fingerprint.text().replace("\n", "  ").split("  ")
    assert ":".join(shown) == key.fingerprint  # the whole fingerprint, in groups
    if SHOTS:
        enrol.grab().save(str(SHOTS / "contributor-keys.png"))
    asked = []
    monkeypatch.setattr("pe_desktop.ui.panel.dialogs.confirm",
                        lambda p, t, text, a: asked.append(text) or False)
    assert not enrol.confirm_current()  # declined: still pending
    assert key.fingerprint[:11] in asked[0].replace("\n", " ")
    monkeypatch.setattr("pe_desktop.ui.panel.dialogs.confirm", lambda *a: True)
    assert enrol.confirm_current()
    assert enrol.table.current_row().confirmed and not enrol.confirm_button.isEnabled()
    assert "(0 awaiting confirmation)" in page.status_label.text()
    enrol.done(0)

    page.action_buttons["pull"].click()  # the same bundles again: nothing new
    assert "0 imported, 1 seen before, 1 rejected" in page.tasks.message.text()


def test_pull_cancelled_and_failure_are_one_line(chair, monkeypatch):
    page, store, panel, share = chair

    def cancelled(ctx, rid, store, progress=None, **kw):
        page.tasks.cancel()
        progress(0, 1, "Looking on share")

    monkeypatch.setattr("pe_desktop.services.panel.pull.pull_round", cancelled)
    page.pull_bundles()
    assert page.tasks.message.text().startswith("Pull cancelled")
    assert page.action_buttons["pull"].isEnabled() and page.tasks.cancel_button.isHidden()
    monkeypatch.undo()
    from pe_desktop.services.qa.targets import TargetService

    TargetService(page.ctx, store).remove("share")
    page.pull_bundles()
    assert page.tasks.message.text() == ("No targets yet: add one with 'pe-desktop qa target "
                                         "add'.")
    assert "#b3261e" in page.tasks.message.styleSheet()


def test_members_review_files_feedback_and_documents(chair, monkeypatch, tmp_path):
    from pe_desktop.services.panel.review import PanelReviewService
    from pe_desktop.ui.panel.dialogs import MemberDialog, OutcomesDialog, SummaryDialog

    page, store, panel, share = chair
    import_confirmed(page.ctx, store, panel)
    page.refresh()
    page.table.selectRow(0)
    code = page.current_code()
    PanelReviewService(page.ctx).enter(ROUND, code, _form(page, "meets"))  # as "Chair"

    out = tmp_path / "my-reviews.age"
    monkeypatch.setattr("pe_desktop.ui.panel.actions.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(out), ""))
    assert page.export_reviews() == out
    assert out.stat().st_mode & 0o077 == 0 and "Exported 1 signed" in page.tasks.message.text()
    monkeypatch.setattr("pe_desktop.ui.panel.actions.QFileDialog.getOpenFileNames",
                        lambda *a, **k: ([str(out)], ""))
    page.import_reviews()
    dlg = page.dialog
    assert isinstance(dlg, OutcomesDialog)
    assert dlg.table.rows()[0].result == "Rejected"
    assert "untrusted-signer" in dlg.table.rows()[0].detail
    dlg.done(0)

    members = page.show_members()
    assert isinstance(members, MemberDialog)
    own = next(ln for ln in members.findChildren(type(members.message))
               if "Your own review-signing key" in ln.text()).text().splitlines()[-1]
    members.name.setText("Ana Reviewer")
    members.fp.setText("AB:CD")
    assert not members.add() and "full SHA-256 fingerprint" in members.errors.labels[
        "fingerprint"].text()
    members.fp.setText(own)
    assert members.add() and members.table.rows() == [("Ana Reviewer", own)]
    if SHOTS:
        members.grab().save(str(SHOTS / "members.png"))
    members.done(0)
    page.import_reviews()
    assert page.dialog.table.rows()[0].result == "1 reviews"
    assert "1 reviews imported" in page.tasks.message.text()
    page.dialog.done(0)
    PanelReviewService(page.ctx).enter(ROUND, code, _form(page, "meets"), reviewer="Ben")

    monkeypatch.setattr("pe_desktop.ui.panel.actions.confirm", lambda *a: True)
    page.action_buttons["feedback"].click()
    text = page.tasks.message.text()
    assert "1 not-ready, 1 queued" in text and "Push: " in text, text
    assert any(p.name.startswith(f"qa-feedback-{ROUND}-{code}") for p in share.iterdir())

    orgs = tmp_path / "orgs"
    monkeypatch.setattr("pe_desktop.ui.panel.actions.QFileDialog.getExistingDirectory",
                        lambda *a, **k: str(orgs))
    page.action_buttons["orgs"].click()
    pdf = orgs / f"qa-feedback-{ROUND}-NCC.pdf"
    assert pdf.exists() and "Saved 1 PDF " in page.tasks.message.text()
    org_text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                       text=True).stdout.split())
    assert "Peer QA feedback for NCC — Northfield" in org_text
    assert "Reports received 2 from 1 practice educator" in org_text

    summary = page.export_summary()
    assert isinstance(summary, SummaryDialog)
    assert "Ana Reviewer" in summary.present.toPlainText()
    summary.actions.setPlainText("Run a workshop on using observations as evidence")
    summary.sign.setChecked(False)
    out_pdf = tmp_path / "summary.pdf"
    monkeypatch.setattr("pe_desktop.ui.panel.actions.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(out_pdf), ""))
    if SHOTS:
        summary.grab().save(str(SHOTS / "summary-dialog.png"))
    summary.accept()
    words = " ".join(subprocess.run(["pdftotext", str(out_pdf), "-"], capture_output=True,
                                    text=True).stdout.split())
    assert "Run a workshop on using observations as evidence" in words
    assert "Ana Reviewer" in words and page.tasks.message.text() == f"Saved {out_pdf}"
    if SHOTS:
        page.grab().save(str(SHOTS / "panel-page.png"))


def test_targets_button_opens_the_targets_dialog(chair):
    from pe_desktop.ui.qa.targets_dialog import TargetsDialog

    page = chair[0]
    page.action_buttons["targets"].click()
    assert isinstance(page.dialog, TargetsDialog) and page.dialog.list.count() == 1
    page.dialog.done(0)
