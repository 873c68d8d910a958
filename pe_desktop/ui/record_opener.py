"""Open any evidence record (from the matrix, search results or a list) in its editor."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from pe_desktop.services.context import AppContext
from pe_desktop.ui.widgets.messages import show_error


def editor_for(ctx: AppContext, kind: str, record_id: int, parent: QWidget | None = None):
    """The editor dialog for a record (``kind`` as in search hits / evidence sources)."""
    if kind == "supervision":
        from pe_desktop.services.supervision import SupervisionService
        from pe_desktop.ui.supervision.editor import SupervisionEditor

        row = SupervisionService(ctx).get(record_id)
        return SupervisionEditor(ctx, row.placement_id, row, parent=parent)
    if kind == "observation":
        from pe_desktop.services.evidence.observations import ObservationService
        from pe_desktop.ui.evidence.observation_editors import ObservationEditor

        row = ObservationService(ctx).get(record_id)
        return ObservationEditor(ctx, row.placement_id, row, parent=parent)
    if kind == "feedback":
        from pe_desktop.services.evidence.observations import ObservationService
        from pe_desktop.ui.evidence.observation_editors import FeedbackEditor

        row = ObservationService(ctx).get_feedback(record_id)
        return FeedbackEditor(ctx, row.placement_id, row, parent=parent)
    if kind == "item":
        from pe_desktop.services.evidence.items import EvidenceService
        from pe_desktop.ui.evidence.item_editor import EvidenceItemEditor

        row = EvidenceService(ctx).get(record_id)
        return EvidenceItemEditor(ctx, row.placement_id, row, parent=parent)
    raise ValueError(f"unknown record kind {kind!r}")


def open_record(ctx: AppContext, parent: QWidget | None, kind: str, record_id: int) -> bool:
    """Show the record's editor modally; True if something was saved."""
    try:
        dialog = editor_for(ctx, kind, record_id, parent)
    except Exception as exc:  # noqa: BLE001 - e.g. deleted meanwhile
        show_error(parent, exc)
        return False
    changed: list[object] = []
    dialog.saved.connect(changed.append)
    dialog.exec()
    return bool(changed)
