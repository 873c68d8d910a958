"""File menu data management: progress, cancel (nothing changes), summary; calendar
export; printing through Qt's print dialog (issue 16)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from pe_desktop.services.interchange.backups import list_backups
from pe_desktop.services.placements.service import PlacementService
from pe_desktop.ui.background import Cancelled


@pytest.fixture
def window(make_window, demo_ctx, monkeypatch):
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        staticmethod(lambda _p, _t, text, *a, **k: messages.append(text)))
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda _p, _t, text, *a, **k: messages.append("!" + text)))
    w = make_window(demo_ctx)
    w.messages = messages
    return w


def _save_to(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))


def _open(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))


def test_export_reports_progress_and_a_summary(window, tmp_path, monkeypatch):
    out = tmp_path / "all.json"
    _save_to(monkeypatch, out)
    steps = []
    run = window.data_actions.export_to_file()
    run.progress.changed.connect(lambda d, t, m: steps.append((d, t, m)))
    assert out.exists() and oct(out.stat().st_mode & 0o777) == "0o600"
    assert json.loads(out.read_text())["tables"]["placements"]
    assert window.messages and window.messages[-1].startswith("Exported ")
    assert run.dialog.maximum() > 1  # it showed real progress


def test_cancelled_import_changes_nothing(window, demo_ctx, tmp_path, monkeypatch):
    from pe_desktop.services.interchange.document import export_json

    backup = tmp_path / "b.json"
    export_json(demo_ctx, backup)
    before = [(p.id, p.organisation) for p in PlacementService(demo_ctx).list()]
    _open(monkeypatch, backup)
    monkeypatch.setattr("pe_desktop.ui.data.actions.confirm", lambda *a, **k: True)
    from pe_desktop.ui.widgets import progress as progress_mod

    original = progress_mod.Progress.report

    def cancel_midway(self, done, total, message=""):
        if done >= 3:
            self.cancel()
        return original(self, done, total, message)

    monkeypatch.setattr(progress_mod.Progress, "report", cancel_midway)
    run = window.data_actions.import_from_file()
    assert run.cancelled and "Nothing was changed" in window.messages[-1]
    assert [(p.id, p.organisation) for p in PlacementService(demo_ctx).list()] == before


def test_back_up_then_restore(window, demo_ctx, monkeypatch):
    actions = window.data_actions
    actions.update_restore()
    assert not window.restore_action.isEnabled()  # no backups yet
    actions.back_up_now()
    assert window.restore_action.isEnabled()
    [backup] = list_backups(demo_ctx)
    assert "Backed up" in window.messages[-1]
    pid = PlacementService(demo_ctx).list()[0].id
    with demo_ctx.session() as s:  # lose a placement after the backup
        from pe_desktop.storage.models import Placement

        s.delete(s.get(Placement, pid))
    assert all(p.id != pid for p in PlacementService(demo_ctx).list())
    monkeypatch.setattr(QInputDialog, "getItem",
                        staticmethod(lambda _p, _t, _l, items, *a, **k: (items[0], True)))
    monkeypatch.setattr("pe_desktop.ui.data.actions.confirm", lambda *a, **k: True)
    actions.restore()
    assert window.messages[-1].startswith("Restored ")
    assert any(p.id == pid for p in PlacementService(demo_ctx).list())


def test_import_placement_list_csv(window, ctx, make_window, tmp_path, monkeypatch):
    csv = tmp_path / "list.csv"
    csv.write_text("Name,Student ID,Organisation,Start date\n"
                   "Ama Mensah,EB9001,Westmoor County Council,01/02/2027\n", encoding="utf-8")
    _open(monkeypatch, csv)
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *a, **k: ("Eastbrook University", True)))
    # 01/02/2027 could be either order: the PE says the file is UK day/month/year
    monkeypatch.setattr(QInputDialog, "getItem",
                        staticmethod(lambda _p, _t, _l, items, *a, **k: (items[1], True)))
    window.data_actions.import_csv()
    assert "Imported 1 students and 1 placements" in window.messages[-1]
    assert "dates read as day/month/year" in window.messages[-1].lower()


def test_calendar_from_the_file_menu(window, demo_ctx, tmp_path, monkeypatch):
    out = tmp_path / "cal.ics"
    _save_to(monkeypatch, out)
    monkeypatch.setattr(QInputDialog, "getItem",
                        staticmethod(lambda _p, _t, _l, items, *a, **k: (items[0], True)))
    n = window.data_actions.export_calendar()
    assert n and out.read_bytes().count(b"BEGIN:VEVENT") == n


def test_print_a_pdf_through_the_print_dialog(window, demo_ctx, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from pe_desktop.services.signing.pdf_export import PdfRequest, export_pdf

    pid = PlacementService(demo_ctx).list()[-1].id
    pdf = tmp_path / "supervision.pdf"
    export_pdf(demo_ctx, "supervision", PdfRequest(placement_id=pid), pdf)
    printed = tmp_path / "printed.pdf"

    def fake_exec(dialog):
        printer: QPrinter = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # "print" to a file
        printer.setOutputFileName(str(printed))
        printer.setResolution(72)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", fake_exec)
    assert window.data_actions.print_pdf(str(pdf))
    pages = lambda p: int(next(  # noqa: E731
        line.split()[-1] for line in subprocess.run(["pdfinfo", str(p)], capture_output=True,
                                                    text=True).stdout.splitlines()
        if line.startswith("Pages:")))
    assert pages(printed) == pages(pdf) >= 1


def test_cancelled_is_what_report_raises():
    from pe_desktop.ui.background import Progress

    p = Progress()
    p.cancel()
    with pytest.raises(Cancelled):
        p.report(1, 2)


def test_csv_import_warns_of_a_letter_shown_as_a_question_mark(window, tmp_path, monkeypatch):
    """A letter Windows-1252 could not hold arrives as ``?``: the summary is a warning
    that names the line and the value, and the row is still imported."""
    csv = tmp_path / "list.csv"
    csv.write_bytes("Name,Student ID,Organisation,Start date\n"
                    "?ukasz Nowak,EB9002,Westmoor County Council,14/09/2027\n"
                    "Ama Mensah,EB9003,Westmoor County Council,14/09/2027\n".encode("cp1252"))
    _open(monkeypatch, csv)
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *a, **k: ("Eastbrook University", True)))
    monkeypatch.setattr(QInputDialog, "getItem",
                        staticmethod(lambda _p, _t, _l, items, *a, **k: (items[0], True)))
    window.data_actions.import_csv()
    text = window.messages[-1]
    assert text.startswith("!Imported 2 students and 2 placements")
    assert "Please check 1 thing:" in text
    assert "line 2" in text and "'?ukasz Nowak'" in text and "where a letter" in text
    assert "Ama Mensah" not in text


def test_json_import_warns_of_a_letter_shown_as_a_question_mark(window, demo_ctx, tmp_path,
                                                               monkeypatch):
    from pe_desktop.services.interchange.document import export_json

    backup = tmp_path / "b.json"
    export_json(demo_ctx, backup)
    doc = json.loads(backup.read_text())
    student = doc["tables"]["students"][0]
    student["full_name"] = "?ukasz Nowak"
    backup.write_text(json.dumps(doc))
    _open(monkeypatch, backup)
    monkeypatch.setattr("pe_desktop.ui.data.actions.confirm", lambda *a, **k: True)
    window.data_actions.import_from_file()
    text = window.messages[-1]
    assert text.startswith("!Imported ") and "Please check 1 thing:" in text
    assert f"students id={student['id']}: full name '?ukasz Nowak'" in text


def test_an_import_without_warnings_is_plain_information(window, demo_ctx, tmp_path,
                                                        monkeypatch):
    from pe_desktop.services.interchange.document import export_json

    backup = tmp_path / "b.json"
    export_json(demo_ctx, backup)
    _open(monkeypatch, backup)
    monkeypatch.setattr("pe_desktop.ui.data.actions.confirm", lambda *a, **k: True)
    window.data_actions.import_from_file()
    assert window.messages[-1].startswith("Imported ")
    assert "Please check" not in window.messages[-1]


def test_a_long_warning_list_is_cut_short():
    from pe_desktop.ui.widgets.progress import SHOWN_WARNINGS, with_warnings

    text = with_warnings("Done.", [f"line {n}: odd" for n in range(2, 40)])
    assert text.count("•") == SHOWN_WARNINGS and "… and 28 more like these." in text
