"""The QA page driven like a PE: preview highlights, add and undo a redaction, approve."""

from __future__ import annotations

import json

import pytest
from PySide6.QtGui import QTextDocument

from pe_desktop.services.secret_store import SecretStore


@pytest.fixture
def page(qtbot, demo_ctx, sync_background, monkeypatch):
    from pe_desktop.services.qa.demo import add_demo_qa
    from pe_desktop.ui.qa.page import QaPage
    from pe_desktop.ui.signing import SigningSupport

    add_demo_qa(demo_ctx)
    monkeypatch.setattr(SigningSupport, "store_factory", staticmethod(SecretStore.in_memory))
    w = QaPage(demo_ctx)
    qtbot.addWidget(w)
    w.resize(1280, 860)
    w.show()
    w.refresh()
    return w


def _select(view, text: str) -> None:
    doc = view.browser.document()
    cursor = doc.find(text, 0, QTextDocument.FindFlag.FindCaseSensitively)
    assert not cursor.isNull(), text
    view.browser.setTextCursor(cursor)


def _redaction_of(view, text: str) -> tuple[int, int]:
    for fi, f in enumerate(view.preview.item.fields):
        for ri, r in enumerate(f.anonymised.redactions):
            if f.anonymised.original[r.start:r.end] == text:
                return fi, ri
    raise AssertionError(f"{text!r} is not redacted")


def test_preview_highlights_every_redaction_with_its_category(page, tmp_path):
    assert page.requests.rowCount() == 1
    lines = page.lines.rows
    assert len(lines) >= 20 and sum(x.row.selected for x in lines) >= 3
    assert all(x.row.reason for x in lines)
    p = page.view.preview
    assert p is not None and p.row.selected
    html = page.view.browser.toHtml()
    student_first = p.row.student.split()[0]
    redactions = [r for f in p.item.fields for r in f.anonymised.redactions]
    assert redactions and html.count("⟨person⟩") == sum(r.category == "person"
                                                        for r in redactions)
    assert student_first in html  # shown to the PE, highlighted …
    assert student_first not in p.item.json_bytes.decode()  # … never sent
    assert f"{len(redactions)} redactions" in page.view.counts.text()
    page.grab().save(str(tmp_path / "qa-page.png"))


def test_add_and_undo_a_redaction_then_approve(page, monkeypatch):
    from pe_desktop.ui.qa import page as page_mod

    uid = page.view.preview.row.report_uid
    _select(page.view, "autonomy")
    page.redact_button.click()
    p = page.view.preview
    assert p.row.report_uid == uid
    assert "autonomy" not in p.item.json_bytes.decode()
    fi, ri = _redaction_of(page.view, "autonomy")
    assert p.item.fields[fi].anonymised.redactions[ri].source == "user"

    asked = []
    monkeypatch.setattr(page_mod, "confirm", lambda *a: asked.append(a) or False)
    page.view.redaction_clicked.emit(fi, ri)
    assert asked and "autonomy" not in page.view.preview.item.json_bytes.decode()  # cancelled
    monkeypatch.setattr(page_mod, "confirm", lambda *a: True)
    page.view.redaction_clicked.emit(fi, ri)
    assert "autonomy" in page.view.preview.item.json_bytes.decode()

    # undo an automatic redaction too: the word is then sent as written
    auto = next(f.anonymised for f in page.view.preview.item.fields
                if any(r.source != "user" for r in f.anonymised.redactions))
    r = next(r for r in auto.redactions if r.source != "user")
    word = auto.original[r.start:r.end]
    page.view.redaction_clicked.emit(*_redaction_of(page.view, word))
    assert page.view.preview.item.counts().get(r.category, 0) < p.item.counts()[r.category]

    page.approve_button.click()
    assert page.view.preview.approved
    assert "Approved" in page.status.text()
    line = next(x for x in page.lines.rows if x.row.report_uid == uid)
    assert line.approved == "yes"
    stored = json.loads(page.view.preview.item.json_bytes)
    assert stored["return_code"] == page.view.preview.approval.return_code


def test_bundle_refused_until_everything_is_approved_then_queued(page, monkeypatch):
    from pe_desktop.ui.qa import page as page_mod

    errors = []
    monkeypatch.setattr(page_mod, "show_error", lambda parent, exc: errors.append(str(exc)))
    page.bundle_button.click()
    assert errors and "not approved" in errors[0]
    for i, line in enumerate(page.lines.rows):
        if line.row.selected:
            page.line_table.selectRow(i)
            page._line_chosen()
            page.approve_button.click()
    page.bundle_button.click()
    rows = page.outbox_view.model.rows
    assert len(rows) == 1 and rows[0].state == "queued"
    # The PE sees the whole key fingerprint to read out to the chair (issue 13).
    shown = page.status.text().splitlines()[-2:]
    assert "Your key for this round" in page.status.text()
    digits = " ".join(shown).replace(":", "").replace(" ", "")
    assert len(digits) == 64 and int(digits, 16) >= 0
