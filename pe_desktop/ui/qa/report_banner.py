"""A line on the Reports page when the QA panel has sent feedback on the report shown:
the rating mix and a link to read it in full on the Peer QA page."""

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import QLabel, QWidget

from pe_desktop.services.context import AppContext
from pe_desktop.services.qa.feedback import FeedbackInbox, FeedbackRow


def banner_text(rows: list[FeedbackRow]) -> str:
    parts = []
    for r in rows:
        mix = Counter(c.get("rating_label", "") for c in r.feedback.get("criteria") or [])
        ratings = ", ".join(f"{label} {n}" for label, n in mix.most_common() if label)
        state = "" if r.read_at else " <b>(new)</b>"
        leak = " · identifying detail reported" if (r.feedback.get("leak") or {}).get(
            "reported") else ""
        parts.append(f"QA panel feedback on version {r.version or '?'} (round {r.round_id}, "
                     f"{r.return_code}){state}: {ratings or 'no ratings'}{leak} · "
                     f"<a href='{r.return_code}'>Read it</a>")
    return "<br>".join(parts)


class PanelFeedbackBanner(QLabel):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWordWrap(True)
        self.setStyleSheet("background: #eef4fb; padding: 4px;")
        self.setAccessibleName("QA panel feedback on this report")
        self.linkActivated.connect(self._open)
        self.hide()

    def show_for(self, placement_id: int | None, kind: str | None) -> None:
        rows = [r for r in FeedbackInbox(self.ctx).list()
                if placement_id is not None and r.placement_id == placement_id
                and r.kind == kind] if placement_id is not None else []
        self.setText(banner_text(rows))
        self.setVisible(bool(rows))

    def _open(self, code: str) -> None:
        navigate = getattr(self.window(), "navigate", None)
        if callable(navigate):
            navigate("qa").show_feedback(code)
