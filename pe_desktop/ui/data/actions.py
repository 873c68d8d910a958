"""File menu: export, import, placement list (CSV), back up, restore, calendar
and print. Each long job runs in the background with progress, Cancel and a
summary (``widgets/progress.py``); each has a CLI twin (README's table)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from pe_desktop.ui.widgets.messages import confirm, show_error
from pe_desktop.ui.widgets.progress import ProgressRun

if TYPE_CHECKING:
    from pe_desktop.ui.main_window import MainWindow


def _records(counts: dict[str, int]) -> int:
    return sum(counts.values())


class DataActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.ctx = window.ctx

    # -- helpers ---------------------------------------------------------------------
    def _last_dir(self) -> str:
        return str(self.window.settings.value("data/last_dir", str(Path.home())))

    def _remember(self, path: str) -> None:
        self.window.settings.setValue("data/last_dir", str(Path(path).parent))

    def _after_change(self, _result: Any = None) -> None:
        """Data was replaced or added: every loaded page shows the new state."""
        for page in self.window.loaded_pages():
            refresh = getattr(page, "refresh", None)
            if callable(refresh):
                refresh()

    def _empty(self) -> bool:
        from pe_desktop.services.interchange.document import database_is_empty

        with self.ctx.read_session() as s:
            return database_is_empty(s)

    # -- export / import ---------------------------------------------------------------
    def export_to_file(self) -> ProgressRun | None:
        from pe_desktop.services.interchange.document import export_json

        stem = f"pe-desktop-export-{self.ctx.today():%Y-%m-%d}.json"
        path, _ = QFileDialog.getSaveFileName(self.window, "Export to file",
                                              str(Path(self._last_dir()) / stem),
                                              "PE Desktop export (*.json)")
        if not path:
            return None
        self._remember(path)
        return ProgressRun(self.window, "Export to file",
                           lambda report: export_json(self.ctx, Path(path), report),
                           lambda counts: f"Exported {_records(counts)} records to {path}.\n"
                                          "The file holds personal data: keep it safe.")

    def import_from_file(self) -> ProgressRun | None:
        from pe_desktop.services.interchange.document import import_json

        path, _ = QFileDialog.getOpenFileName(self.window, "Import from file", self._last_dir(),
                                              "PE Desktop export (*.json)")
        if not path:
            return None
        self._remember(path)
        replace = not self._empty()
        if replace and not confirm(
                self.window, "Replace your data?",
                "Importing replaces everything now in PE Desktop with the file's contents. "
                "Back up first (File → Back up now) if you may want today's data back.",
                "Replace everything"):
            return None
        return ProgressRun(self.window, "Import from file",
                           lambda report: import_json(self.ctx, Path(path), replace=replace,
                                                      progress=report),
                           lambda counts: f"Imported {_records(counts)} records from "
                                          f"{Path(path).name}.", self._after_change,
                           warnings=lambda counts: getattr(counts, "warnings", []))

    def import_csv(self) -> ProgressRun | None:
        from pe_desktop.services.placements.csv_import import import_students_csv

        path, _ = QFileDialog.getOpenFileName(self.window, "Import placement list (CSV)",
                                              self._last_dir(), "CSV files (*.csv *.txt)")
        if not path:
            return None
        self._remember(path)
        university, ok = QInputDialog.getText(
            self.window, "Import placement list", "University these students are from:")
        if not ok or not university.strip():
            return None
        orders = {"Work it out from the file": None, "Day/month/year (UK)": "dmy",
                  "Month/day/year (US)": "mdy", "Year-month-day (ISO)": "iso"}
        choice, ok = QInputDialog.getItem(
            self.window, "Import placement list", "Dates in the file are written as:",
            list(orders), 0, False)
        if not ok:
            return None
        order = orders.get(choice)
        return ProgressRun(
            self.window, "Import placement list",
            lambda report: import_students_csv(self.ctx, Path(path), university.strip(),
                                               order, progress=report),
            lambda r: f"Imported {r.students} students and {r.placements} placements "
                      f"from {Path(path).name}; dates read as {r.date_order_label}"
                      + (f" ({r.date_order_reason})" if r.date_order_reason else "") + ".",
            self._after_change, warnings=lambda r: r.warnings)

    # -- backups -----------------------------------------------------------------------
    def back_up_now(self) -> ProgressRun:
        from pe_desktop.services.interchange.backups import back_up_now

        return ProgressRun(self.window, "Back up now",
                           lambda report: back_up_now(self.ctx, report),
                           lambda r: f"Backed up {r.records} records and {r.files} files "
                                     f"to {r.path}.", lambda _r: self.update_restore())

    def update_restore(self) -> None:
        from pe_desktop.services.interchange.backups import list_backups

        action = getattr(self.window, "restore_action", None)
        if action is not None:
            has = bool(list_backups(self.ctx))
            action.setEnabled(has)
            action.setToolTip("" if has else "No backups yet: use Back up now first")

    def restore(self) -> ProgressRun | None:
        from pe_desktop.services.interchange.backups import list_backups, restore

        backups = list_backups(self.ctx)
        if not backups:
            QMessageBox.information(self.window, "Restore from a backup",
                                    "There are no backups yet. Use File → Back up now.")
            return None
        labels = [f"{b.taken_at.astimezone():%d %b %Y %H:%M} — {b.size // 1024} KB"
                  for b in backups]
        choice, ok = QInputDialog.getItem(self.window, "Restore from a backup",
                                          "Replace everything with the backup taken on:",
                                          labels, 0, False)
        if not ok:
            return None
        chosen = backups[labels.index(choice)]
        if not confirm(self.window, "Replace your data?",
                       f"Everything now in PE Desktop will be replaced by the backup of "
                       f"{choice.split(' — ')[0]}.", "Restore"):
            return None
        return ProgressRun(self.window, "Restore from a backup",
                           lambda report: restore(self.ctx, chosen.path, report),
                           lambda counts: f"Restored {_records(counts)} records from "
                                          f"{chosen.path.name}.", self._after_change)

    # -- calendar and print ------------------------------------------------------------------
    def current_placement_id(self) -> int | None:
        page = self.window.stack.currentWidget()
        getter = getattr(page, "placement_id", None) or getattr(
            getattr(page, "picker", None), "current_placement_id", None)
        try:
            return getter() if callable(getter) else None
        except Exception:  # noqa: BLE001 - no placement shown
            return None

    def export_calendar(self) -> int | None:
        from pe_desktop.services.calendar import write_calendar

        pid = self.current_placement_id()
        scope = ["Every running placement"] + (["The placement on this page"] if pid else [])
        which, ok = QInputDialog.getItem(self.window, "Export calendar", "Include:", scope, 0,
                                         False)
        if not ok:
            return None
        one = pid if which == scope[-1] and pid else None
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Export calendar", str(Path(self._last_dir()) / "pe-desktop.ics"),
            "iCalendar (*.ics)")
        if not path:
            return None
        self._remember(path)
        try:
            n = write_calendar(self.ctx, Path(path), one)
        except Exception as exc:  # noqa: BLE001
            show_error(self.window, exc, "Calendar not exported")
            return None
        QMessageBox.information(self.window, "Export calendar",
                                f"Wrote {n} events to {path}. Importing it again into your "
                                "calendar updates these events rather than copying them.")
        return n

    def print_pdf(self, path: str | None = None) -> bool:
        from pe_desktop.ui.data.printing import choose_and_print

        if path is None:
            start = self.ctx.paths.exports if self.ctx.paths.exports.is_dir() else \
                Path(self._last_dir())
            path, _ = QFileDialog.getOpenFileName(self.window, "Print a PDF", str(start),
                                                  "PDF documents (*.pdf)")
            if not path:
                return False
        return choose_and_print(self.window, Path(path))
