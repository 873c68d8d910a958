"""The panel page driven like a chair: status, report beside the form, review,
moderation of a disagreement, a leak, the summary export."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QTextDocument

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from panel_helpers import ROUND, import_confirmed, make_panel  # noqa: E402

SHOTS = Path(os.environ.get("PE_DESKTOP_SHOTS", "")) if os.environ.get("PE_DESKTOP_SHOTS") \
    else None


@pytest.fixture
def page(qtbot, ctx, sync_background):
    from pe_desktop.ui.panel.page import PanelPage

    store, panel = make_panel(ctx)
    import_confirmed(ctx, store, panel)
    w = PanelPage(ctx, store=store)
    qtbot.addWidget(w)
    w.resize(1280, 900)
    w.show()
    w.refresh()
    return w


def _fill(page, rating: str) -> None:
    for key in page.form.ratings:
        page.form.set_rating(key, rating, f"{rating} here")


def test_review_moderate_leak_and_summary(page, qtbot, tmp_path, monkeypatch):
    from pe_desktop.services.panel.moderation import ModerationService

    assert "2 of 2 reports received" in page.status_label.text()
    page.table.selectRow(0)
    code = page.current_code()
    assert "built trust with a family" in page.report.toPlainText()
    # Mark a good-practice excerpt from the report itself.
    doc = page.report.document()
    cur = doc.find("built trust with a family", 0, QTextDocument.FindFlag.FindCaseSensitively)
    page.report.setTextCursor(cur)
    page.mark_excerpt()
    assert page.form.excerpts == ["built trust with a family"]
    page.form.themes.item(0).setCheckState(page.form.themes.item(0).checkState().Checked)
    _fill(page, "meets")
    page.reviewer.setText("Ana")
    assert page.save_review()
    # The form keeps showing what was just recorded (read back from the database).
    assert {b.currentData() for b in page.form.ratings.values()} == {"meets"}
    assert page.form.excerpts == ["built trust with a family"]
    assert page.form.themes.item(0).checkState() == page.form.themes.item(0).checkState().Checked
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.show_item()
        qtbot.wait(50)  # widgets added to a shown layout appear on the next event loop
        page.grab().save(str(SHOTS / "review-form.png"))
    errors = []
    monkeypatch.setattr("pe_desktop.ui.panel.page.show_error", lambda p, e: errors.append(e))
    page.reviewer.setText("Ben")
    page.form.set_rating(next(iter(page.form.ratings)), "")  # incomplete: refused
    assert not page.save_review() and "Rate every criterion" in str(errors[-1])
    _fill(page, "not_met")
    assert page.save_review()
    assert page.table.current_row().review_state == "needs_moderation"
    assert "Ana: Meets" in page.form.rows.itemAt(0).widget().text()
    _fill(page, "partly")
    page.form.reasons.setPlainText("Thin evidence; agreed partly.")
    page.reviewer.setText("Chair Pat")
    assert page.save_moderation()
    view = ModerationService(page.ctx).view(ROUND, code)
    assert view.state == "moderated" and view.moderator == "Chair Pat"
    assert {b.currentData() for b in page.form.ratings.values()} == {"partly"}
    assert page.form.reasons.toPlainText() == "Thin evidence; agreed partly."
    if SHOTS:
        qtbot.wait(50)
        page.grab().save(str(SHOTS / "moderation.png"))

    page.table.selectRow(1)
    monkeypatch.setattr("pe_desktop.ui.panel.page.QInputDialog.getText",
                        lambda *a, **k: ("domain 2, first sentence", True))
    page.report_leak()
    assert page.table.current_row().review_state == "leak"
    assert "quarantined" in page.report.toPlainText()

    out = tmp_path / "summary.pdf"
    monkeypatch.setattr("pe_desktop.ui.panel.actions.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(out), "PDF (*.pdf)"))
    dlg = page.export_summary()
    assert "Chair Pat" in dlg.present.toPlainText()
    # Suggested actions come from the criteria the agreed views found weak (all "partly").
    assert "1 of 1 reports only partly met it" in dlg.actions.toPlainText()
    dlg.accept()  # signed with the panel's key by default
    assert page.tasks.message.text() == f"Saved {out} (signed by the panel)"
    sig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
    assert "Test panel" in sig and "Signature is Valid" in sig
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "built trust with a family" in " ".join(text.split()) and "Chair Pat" in text
