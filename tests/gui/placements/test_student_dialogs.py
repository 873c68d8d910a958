"""Adding and editing students: validation shown next to fields, nothing saved."""

from PySide6.QtCore import Qt

from pe_desktop.services.placements.students import StudentService
from pe_desktop.ui.placements.student_dialog import StudentDialog


def _fill(qtbot, dlg, name="Amara Mensah", university="University of Northfield",
          number="NF999001"):
    dlg.full_name.clear()
    qtbot.keyClicks(dlg.full_name, name)
    dlg.university.setCurrentText(university)
    dlg.student_number.clear()
    qtbot.keyClicks(dlg.student_number, number)


def test_required_fields_and_duplicate_id_shown_and_nothing_saved(qtbot, demo_ctx):
    before = StudentService(demo_ctx).list(include_archived=True)
    taken = before[0]
    dlg = StudentDialog(demo_ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.errors.message("full_name") == "Name is required"
    assert dlg.errors.message("university") == "University is required"
    assert dlg.errors.message("student_number") == "University student ID is required"

    _fill(qtbot, dlg, university=taken.university, number=taken.student_number)
    qtbot.keyClicks(dlg.email, "amara@")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.result() != StudentDialog.DialogCode.Accepted
    assert dlg.errors.message("full_name") == ""
    assert f"already used at {taken.university}" in dlg.errors.message("student_number")
    assert "not an email address" in dlg.errors.message("email")
    assert StudentService(demo_ctx).list(include_archived=True) == before


def test_same_id_at_another_university_is_fine(qtbot, demo_ctx):
    taken = StudentService(demo_ctx).list()[0]
    other = next(u for u in StudentService(demo_ctx).universities() if u != taken.university)
    dlg = StudentDialog(demo_ctx)
    qtbot.addWidget(dlg)
    _fill(qtbot, dlg, university=other, number=taken.student_number)
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.result() == StudentDialog.DialogCode.Accepted
    assert dlg.saved is not None and dlg.saved.university == other


def test_programme_list_follows_university_and_sets_route(qtbot, demo_ctx):
    dlg = StudentDialog(demo_ctx)
    qtbot.addWidget(dlg)
    dlg.university.setCurrentText("Eastbrook University")
    names = [dlg.programme.itemText(i) for i in range(dlg.programme.count())]
    assert "Step Up to Social Work" in names
    dlg.programme.setCurrentText("Step Up to Social Work")
    assert dlg.programme_kind.currentData() == "step_up"


def test_edit_student_saves_changes(qtbot, demo_ctx):
    student = StudentService(demo_ctx).list()[0]
    dlg = StudentDialog(demo_ctx, student)
    qtbot.addWidget(dlg)
    assert dlg.full_name.text() == student.full_name
    dlg.preferred_name.setText("Mo")
    dlg.cohort.setText("2031")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.result() == StudentDialog.DialogCode.Accepted
    again = StudentService(demo_ctx).get(student.id)
    assert (again.preferred_name, again.cohort, again.student_number) == (
        "Mo", "2031", student.student_number)


def test_new_student_from_page_appears_selected(students_page, answer_dialog, qtbot):
    page = students_page
    before = page.student_model.rowCount()

    def fill(dlg):
        _fill(qtbot, dlg, name="Precious Okafor", number="NF777777")
        dlg.save()

    answer_dialog(StudentDialog, fill)
    page.new_student_action.trigger()
    assert page.student_model.rowCount() == before + 1
    assert page.current_student().full_name == "Precious Okafor"
    assert page.placement_model.rowCount() == 0
    assert "No placements for Precious Okafor yet" in page.placements_title.text()
    assert not page.panel.stack.currentIndex()  # "choose a placement" placeholder


def test_filter_as_you_type_ignores_accents(students_page, qtbot):
    page = students_page
    total = page.student_proxy.rowCount()
    target = next(s for s in page.students if "ë" in s.full_name or "ł" in s.full_name.lower())
    plain = target.full_name.split()[0].replace("ë", "e").replace("ł", "l").replace("Ł", "L")
    page.find_action.trigger()
    qtbot.keyClicks(page.filter, plain.lower())
    shown = [page.student_proxy.index(r, 0).data() for r in range(page.student_proxy.rowCount())]
    assert 0 < len(shown) < total
    assert any(target.full_name in s for s in shown)
    assert page.count_label.text().endswith("students match")
    qtbot.keyClicks(page.filter, " nomatchxyz")
    assert page.student_proxy.rowCount() == 0
    assert "No student matches" in page.count_label.text()
    page.filter.clear()
    assert page.student_proxy.rowCount() == total


def test_sorting_by_column(students_page):
    page = students_page
    view = page.student_view
    view.sortByColumn(page.student_model.NUMBER, Qt.SortOrder.DescendingOrder)
    ids = [page.student_proxy.index(r, page.student_model.NUMBER).data()
           for r in range(page.student_proxy.rowCount())]
    assert ids == sorted(ids, reverse=True)


def test_keyboard_shortcuts_on_the_page(students_page, answer_dialog, qtbot):
    from pe_desktop.ui.placements.dialog import PlacementDialog

    page = students_page
    page.student_view.setFocus()
    opened = answer_dialog(StudentDialog, lambda dlg: dlg.reject())
    qtbot.keyClick(page.student_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1
    placement_dialogs = answer_dialog(PlacementDialog, lambda dlg: dlg.reject())
    qtbot.keyClick(page.student_view, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(placement_dialogs) == 1
    # The new placement is for the selected student.
    assert placement_dialogs[0].student.currentData() == page.current_student_id()
    qtbot.keyClick(page.student_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.focusWidget() is page.filter
    qtbot.keyClick(page.student_view, Qt.Key.Key_F2)
    assert len(opened) == 2 and opened[1].student is not None  # edit, not new
