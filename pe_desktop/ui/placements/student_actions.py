"""New, edit, archive and undo on the Students & placements page."""
from __future__ import annotations

from collections.abc import Callable

from pe_desktop.domain.enums import label
from pe_desktop.services.placements.service import PlacementRow
from pe_desktop.services.placements.students import StudentRow
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.widgets.messages import confirm, show_error


class StudentActions:
    """Mixed into :class:`StudentsPage`; uses its widgets and ``ctx``."""

    def new_student(self) -> None:
        from pe_desktop.ui.placements.student_dialog import StudentDialog

        dlg = StudentDialog(self.ctx, parent=self)
        if dlg.exec() == StudentDialog.DialogCode.Accepted and dlg.saved:
            self._pending_student = dlg.saved.id
            self._notify(f"Added {dlg.saved.full_name}.")
            self.refresh()

    def edit_student(self) -> None:
        from pe_desktop.ui.placements.student_dialog import StudentDialog

        student = self.current_student()
        if student is None:
            return
        dlg = StudentDialog(self.ctx, student, parent=self)
        if dlg.exec() == StudentDialog.DialogCode.Accepted and dlg.saved:
            self._notify(f"Saved {dlg.saved.full_name}.")
            self.refresh(student_id=student.id)

    def archive_student(self) -> None:
        student = self.current_student()
        if student is None:
            return
        if student.archived:
            self._set_student_archived(student, False)
            return
        if not confirm(self, "Archive student",
                       f"Archive {student.full_name}? They and their placements are hidden from "
                       "the lists and the dashboard. Nothing is deleted; tick “Show archived” "
                       "to see them again.", "Archive"):
            return
        self._set_student_archived(student, True, then=lambda: self.undo_bar.offer(
            f"Archived {student.full_name}.", lambda: self._set_student_archived(student, False)))

    def _set_student_archived(self, student: StudentRow, archived: bool,
                              then: Callable[[], None] | None = None) -> None:
        """Write in the background; ``then`` runs once it is saved."""

        def done(_: object) -> None:
            if not archived:
                self._pending_student = student.id
                self._notify(f"{student.full_name} is back in the list.")
            self.refresh(student_id=student.id)
            if then is not None:
                then()

        run_in_background(lambda: self.students_service.set_archived(student.id, archived),
                          done, lambda exc: show_error(self, exc))

    # -- placements --------------------------------------------------------
    def new_placement(self) -> None:
        from pe_desktop.ui.placements.dialog import PlacementDialog

        if not self.students:
            if confirm(self, "No students yet", "Add the student first, then their placement.",
                       "Add a student…"):
                self.new_student()
            return
        active = [s for s in self.students if not s.archived]
        dlg = PlacementDialog(self.ctx, active, student_id=self.current_student_id(),
                              parent=self, known=self._all_placements())
        if dlg.exec() == PlacementDialog.DialogCode.Accepted and dlg.saved:
            self._pending_placement = dlg.saved.id
            self._notify(f"Added the {label(dlg.saved.kind).lower()} for "
                         f"{dlg.saved.student_name}.")
            self.refresh()

    def _all_placements(self) -> list[PlacementRow]:
        return [p for rows in self.placements_by_student.values() for p in rows]

    def _placement_row(self, placement_id: int) -> PlacementRow | None:
        for rows in self.placements_by_student.values():
            for p in rows:
                if p.id == placement_id:
                    return p
        return None

    def edit_placement(self, placement_id: int | None = None) -> None:
        from pe_desktop.ui.placements.dialog import PlacementDialog

        pid = placement_id if placement_id is not None else self.panel.placement_id
        placement = self._placement_row(pid) if pid is not None else None
        if placement is None:
            return
        dlg = PlacementDialog(self.ctx, self.students, placement, parent=self,
                              known=self._all_placements())
        if dlg.exec() == PlacementDialog.DialogCode.Accepted and dlg.saved:
            self._notify("Placement saved.")
            self.panel.reload(keep_week=True)
            self.refresh()

    def archive_placement(self, placement_id: int | None = None) -> None:
        pid = placement_id if placement_id is not None else self.panel.placement_id
        placement = self._placement_row(pid) if pid is not None else None
        if placement is None:
            return
        if placement.archived:
            self._set_placement_archived(placement, False)
            return
        what = f"the {label(placement.kind).lower()} of {placement.student_name} at " \
               f"{placement.organisation}"
        if not confirm(self, "Archive placement",
                       f"Archive {what}? It is hidden from the lists and the dashboard. "
                       "Nothing is deleted.", "Archive"):
            return
        self._set_placement_archived(placement, True, then=lambda: self.undo_bar.offer(
            f"Archived {what}.", lambda: self._set_placement_archived(placement, False)))

    def _set_placement_archived(self, placement: PlacementRow, archived: bool,
                                then: Callable[[], None] | None = None) -> None:
        """Write in the background; ``then`` runs once it is saved."""

        def done(_: object) -> None:
            if archived:
                if self.panel.placement_id == placement.id:
                    self.panel.show_placement(None)
            else:
                self._pending_placement = placement.id
            self.refresh(student_id=placement.student_id)
            if then is not None:
                then()

        run_in_background(lambda: self.placements_service.set_archived(placement.id, archived),
                          done, lambda exc: show_error(self, exc))

    # -- keys --------------------------------------------------------------
    def undo(self) -> None:
        if not self.undo_bar.undo():
            self._notify("Nothing to undo.")

    def _edit_focused(self) -> None:
        if self.placement_view.hasFocus() or self.panel.isAncestorOf(self.focusWidget()):
            self.edit_placement()
        else:
            self.edit_student()

    def _archive_focused(self) -> None:
        if self.placement_view.hasFocus():
            self.archive_placement()
        elif self.student_view.hasFocus():
            self.archive_student()

    def _notify(self, text: str) -> None:
        window = self.window()
        bar = getattr(window, "statusBar", None)
        if callable(bar):
            bar().showMessage(text, 8000)

    def about_to_close(self) -> None:
        """The window is closing: offer to save an unsaved attendance week."""
        self.panel.attendance.confirm_leave()
