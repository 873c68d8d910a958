"""The student list model changes only the rows that differ (no reset), and the
sorting/filtering proxy above it stays right."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pe_desktop.services.placements.students import StudentRow
from pe_desktop.ui.placements.student_models import SearchProxy, StudentTableModel
from pe_desktop.ui.widgets.delegates import ID_ROLE


def _student(i: int, name: str, archived: bool = False) -> StudentRow:
    return StudentRow(i, name, "", "Eastbrook University", f"EB{i}", "", "BSc Social Work",
                      None, "2026", "", archived, 1)


@pytest.fixture
def model(qtbot):
    m = StudentTableModel()
    events: list[tuple] = []
    m.modelReset.connect(lambda: events.append(("reset",)))
    m.rowsRemoved.connect(lambda _p, a, b: events.append(("removed", a, b)))
    m.rowsInserted.connect(lambda _p, a, b: events.append(("inserted", a, b)))
    m.dataChanged.connect(lambda a, b, _r=(): events.append(("changed", a.row(), b.row())))
    proxy = SearchProxy()
    proxy.setSourceModel(m)
    proxy.sort(StudentTableModel.NAME)
    return m, proxy, events


def _names(proxy) -> list[str]:
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def test_update_changes_only_what_differs(model):
    m, proxy, events = model
    rows = [_student(1, "Zoë Okafor"), _student(2, "Łukasz Nowak"), _student(3, "Amara Mensah")]
    m.update_rows(rows)
    assert events == [("reset",)]
    assert _names(proxy) == ["Amara Mensah", "Łukasz Nowak", "Zoë Okafor"]  # accents folded
    events.clear()
    m.update_rows(rows)  # the same rows again: nothing happens
    assert events == []
    renamed = replace(rows[0], full_name="Aoife Byrne")
    m.update_rows([renamed, rows[1], rows[2], _student(4, "Chloé Dubois")])
    assert events == [("changed", 0, 0), ("inserted", 3, 3)]
    assert _names(proxy) == ["Amara Mensah", "Aoife Byrne", "Chloé Dubois", "Łukasz Nowak"]
    events.clear()
    m.update_rows([renamed, rows[2]])  # rows 2 and 4 gone
    assert events == [("removed", 3, 3), ("removed", 1, 1)]
    assert [m.index(r, 0).data(ID_ROLE) for r in range(m.rowCount())] == [1, 3]
    assert m.row_for_id(3) == 1 and m.row_for_id(2) == -1


def test_patch_touches_one_student_and_filter_still_folds_accents(model):
    m, proxy, events = model
    m.update_rows([_student(i, n) for i, n in enumerate(["Zoë Okafor", "Siobhán Ní Bhriain",
                                                          "Tomás García"], 1)])
    events.clear()
    m.patch([], remove=[2])  # archived and hidden
    assert events == [("removed", 1, 1)]
    m.patch([_student(2, "Siobhán Ní Bhriain")])  # undo
    assert events[-1] == ("inserted", 2, 2)
    proxy.set_search("siobhan")
    assert _names(proxy) == ["Siobhán Ní Bhriain"]
    m.patch([_student(2, "Siobhán Ní Bhriain", archived=True)])
    assert events[-1] == ("changed", 2, 2)
    assert proxy.index(0, 0).data() == "Siobhán Ní Bhriain (archived)"
