"""Progress at a glance: one row per framework domain, the placement's time
running left to right. In each row the solid line is the evidence recorded so
far (one step per record), the dashed line what is expected by each point of
the placement, and the lettered badges the judgements given in observations
(N not yet, D developing, M meets, E exceeds). The right-hand column says how
many records there are against how many are expected by now and whether the
domain is on track. The data comes from :mod:`pe_desktop.domain.progress`.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QScrollArea, QSizePolicy, QToolTip, QWidget

from pe_desktop.domain.evidence_vocab import Judgement
from pe_desktop.domain.progress import (
    EXPECTED_BY_END,
    JUDGEMENT_SHORT,
    STANDING_TEXT,
    DomainProgress,
    PlacementProgress,
    Standing,
)

INK = QColor("#1d2733")
MUTED = QColor("#5b6673")
ACCENT = QColor("#1f5f8b")
RULE = QColor("#c5ced8")
BEHIND = QColor("#b3261e")
BEHIND_BG = QColor("#fdecea")
ON_TRACK = QColor("#2e7d32")
JUDGEMENT_COLOUR = {Judgement.NOT_YET: QColor("#b3261e"), Judgement.DEVELOPING: QColor("#a15c00"),
                    Judgement.MEETS: QColor("#2e7d32"), Judgement.EXCEEDS: QColor("#1f5f8b")}
STANDING_COLOUR = {Standing.ON_TRACK: ON_TRACK, Standing.BEHIND: BEHIND,
                   Standing.NOT_STARTED: MUTED}


def judgement_letter(j: Judgement) -> str:
    return JUDGEMENT_SHORT[j][0]


class ProgressChart(QWidget):
    """The nine-domain picture for one placement (``set_progress``)."""

    ROW = 46
    HEAD = 34
    LEGEND = 44

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.progress: PlacementProgress | None = None
        self.setAccessibleName("Progress across the domains")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)

    # -- data ----------------------------------------------------------------------
    def set_progress(self, progress: PlacementProgress | None) -> None:
        self.progress = progress
        if progress is None:
            self.setAccessibleDescription("")
        else:
            self.setAccessibleDescription(
                progress.headline() + ". " + ". ".join(d.summary() for d in progress.domains))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        rows = len(self.progress.domains) if self.progress else 9
        return QSize(900, self.HEAD + rows * self.ROW + self.LEGEND)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(620, self.sizeHint().height())

    # -- geometry ------------------------------------------------------------------
    def _columns(self) -> tuple[float, float, float, float]:
        """(name column width, lane left, lane right, status column left)."""
        w = self.width()
        name_w = max(150.0, min(230.0, w * 0.22))
        status_w = max(170.0, min(230.0, w * 0.22))
        lane_l = name_w + 12
        lane_r = w - status_w - 16
        return name_w, lane_l, lane_r, lane_r + 14

    def _x(self, on: date) -> float:
        assert self.progress is not None
        _, left, r, _ = self._columns()
        return left + (r - left) * self.progress.position(on)

    def row_at(self, y: float) -> DomainProgress | None:
        if self.progress is None:
            return None
        i = int((y - self.HEAD) // self.ROW)
        return self.progress.domains[i] if 0 <= i < len(self.progress.domains) and y >= self.HEAD \
            else None

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            d = self.row_at(e.pos().y())
            if d is not None:
                QToolTip.showText(e.globalPos(), d.summary(), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(e)

    # -- painting ------------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        if self.progress is None:
            p.setPen(MUTED)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No placement chosen.")
            return
        self._paint_axis(p)
        for i, d in enumerate(self.progress.domains):
            self._paint_row(p, d, self.HEAD + i * self.ROW)
        self._paint_today(p)
        self._paint_legend(p, self.HEAD + len(self.progress.domains) * self.ROW)
        p.end()

    def _font(self, p: QPainter, delta: float = 0, bold: bool = False) -> None:
        f = QFont(self.font())
        f.setPointSizeF(max(6.0, f.pointSizeF() + delta))
        f.setBold(bold)
        p.setFont(f)

    def _paint_axis(self, p: QPainter) -> None:
        pr = self.progress
        assert pr is not None
        name_w, left, r, s = self._columns()
        self._font(p, 0, True)
        p.setPen(INK)
        p.drawText(QRectF(4, 0, name_w, self.HEAD - 4),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, "Domain")
        p.drawText(QRectF(s, 0, self.width() - s - 4, self.HEAD - 4),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, "Records of expected by now")
        self._font(p, -1)
        p.setPen(MUTED)
        for on, text, align in ((pr.start, f"Start {pr.start:%d %b}", Qt.AlignmentFlag.AlignLeft),
                                (pr.midway, f"Midway {pr.midway:%d %b}", Qt.AlignmentFlag.AlignHCenter),
                                (pr.end, f"End {pr.end:%d %b}", Qt.AlignmentFlag.AlignRight)):
            x = self._x(on)
            box = {Qt.AlignmentFlag.AlignLeft: QRectF(x, 0, 160, self.HEAD - 4),
                   Qt.AlignmentFlag.AlignRight: QRectF(x - 160, 0, 160, self.HEAD - 4)}.get(
                align, QRectF(x - 80, 0, 160, self.HEAD - 4))
            p.drawText(box, align | Qt.AlignmentFlag.AlignBottom, text)
            p.setPen(QPen(RULE, 1, Qt.PenStyle.DotLine))
            p.drawLine(QPointF(x, self.HEAD), QPointF(x, self.HEAD + len(pr.domains) * self.ROW))
            p.setPen(MUTED)

    def _paint_row(self, p: QPainter, d: DomainProgress, top: float) -> None:
        pr = self.progress
        assert pr is not None
        name_w, left, r, s = self._columns()
        if d.standing == Standing.BEHIND:
            p.fillRect(QRectF(0, top + 1, self.width(), self.ROW - 2), BEHIND_BG)
        p.setPen(QPen(RULE, 1))
        p.drawLine(QPointF(0, top + self.ROW), QPointF(self.width(), top + self.ROW))
        self._font(p)
        p.setPen(INK)
        p.drawText(QRectF(4, top + 2, name_w, self.ROW - 4),
                   Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
                   f"{d.number}. {d.title}")
        bottom, height = top + self.ROW - 7, self.ROW - 16
        scale = pr.scale

        def y(n: float) -> float:
            return bottom - height * n / scale

        # expected: a dashed ramp to EXPECTED_BY_END at the planned end
        p.setPen(QPen(MUTED, 1.4, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(left, y(0)), QPointF(r, y(EXPECTED_BY_END)))
        # recorded: a step per record, carried on to today
        path = QPainterPath(QPointF(left, y(0)))
        n = 0
        for on in d.evidence_dates:
            x = self._x(on)
            path.lineTo(x, y(n))
            n += 1
            path.lineTo(x, y(n))
        path.lineTo(max(self._x(pr.today), path.currentPosition().x()), y(n))
        p.setPen(QPen(ACCENT, 2.4))
        p.drawPath(path)
        # judgements: lettered badges at their dates
        self._font(p, -1.5, True)
        for j in d.judgements:
            box = QRectF(self._x(j.on) - 7, top + 3, 14, 14)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(JUDGEMENT_COLOUR[j.judgement])
            p.drawRoundedRect(box, 3, 3)
            p.setPen(QColor("white"))
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, judgement_letter(j.judgement))
        p.setBrush(Qt.BrushStyle.NoBrush)
        # status column
        self._font(p, 0, True)
        p.setPen(STANDING_COLOUR[d.standing])
        first = f"{d.count} of {d.expected_now} · {STANDING_TEXT[d.standing]}"
        p.drawText(QRectF(s, top + 3, self.width() - s - 4, self.ROW / 2 - 2),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, first)
        self._font(p, -1)
        p.setPen(MUTED)
        latest = d.latest
        second = (f"Latest: {JUDGEMENT_SHORT[latest.judgement]} ({latest.on:%d %b})" if latest
                  else "No judgement yet")
        if d.reasons:
            p.setPen(BEHIND)
            second = d.reasons[0][0].upper() + d.reasons[0][1:]
            if len(d.reasons) > 1:
                second += f" (+{len(d.reasons) - 1} more)"
        p.drawText(QRectF(s, top + self.ROW / 2 + 1, self.width() - s - 4, self.ROW / 2 - 4),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, second)

    def _paint_today(self, p: QPainter) -> None:
        pr = self.progress
        assert pr is not None
        x = self._x(pr.today)
        p.setPen(QPen(BEHIND, 1.5))
        p.drawLine(QPointF(x, self.HEAD - 6), QPointF(x, self.HEAD + len(pr.domains) * self.ROW))

    def _paint_legend(self, p: QPainter, top: float) -> None:
        pr = self.progress
        assert pr is not None
        self._font(p, -1)
        p.setPen(MUTED)
        text = (f"Today {pr.today:%d %b %Y} (red line) — {pr.headline()}.\n"
                f"Solid line: records naming the domain; dashed: {EXPECTED_BY_END} per domain "
                "expected by the end, from midway two kinds. Badges: judgements in observations "
                "(N not yet, D developing, M meets, E exceeds). A prompt, not a pass mark.")
        p.drawText(QRectF(4, top + 4, self.width() - 8, self.LEGEND - 4),
                   Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignTop, text)


def progress_view(parent: QWidget) -> tuple[QScrollArea, ProgressChart]:
    """The chart in a vertical scroll area (short screens scroll, never clip)."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setAccessibleName("Progress at a glance")
    chart = ProgressChart(area)
    area.setWidget(chart)
    return area, chart
