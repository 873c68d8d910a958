"""Weekly time against the allocation: stacked bars by activity, the allocation as a line.

Painted with QPainter (Qt Charts is not part of PySide6-Essentials). Fed a
``TimeSummary``; it never reads the database.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from pe_desktop.domain.timelog import ACTIVITY_COLOURS, TimeActivity, hours
from pe_desktop.domain.timelog import label as activity_label
from pe_desktop.services.timelog.service import TimeSummary

ALLOCATION_COLOUR = "#c62828"


class TimeChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary: TimeSummary | None = None
        self.setMinimumHeight(190)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Weekly time against the allocation")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(560, 240)

    def set_summary(self, summary: TimeSummary | None) -> None:
        self.summary = summary
        if summary is not None:
            self.setToolTip(f"{len(summary.weeks)} weeks; {summary.weeks_over} over the "
                            f"allocation of {hours(summary.allocation)} a week")
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        s = self.summary
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = p.fontMetrics()
        text = self.palette().text().color()
        if s is None or not s.weeks:
            p.setPen(text)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No weeks to show yet")
            return
        left, right, top = 40, 10, 6
        # legend entries (activities, then the allocation line), wrapped into rows
        entries = [(activity_label(a), ACTIVITY_COLOURS[a], False)
                   for a in s.activities() or [TimeActivity.SUPERVISION]]
        entries.append((f"Allocation {hours(s.allocation)} a week", ALLOCATION_COLOUR, True))
        placed, x, y = [], float(left), float(top)
        for name, colour, line in entries:
            w = 14 + fm.horizontalAdvance(name) + 16
            if x + w > self.width() - right and x > left:
                x, y = float(left), y + fm.height() + 4
            placed.append((x, y, name, colour, line))
            x += w
        legend_h = y - top + fm.height() + 10
        bottom = fm.height() + 8
        area = QRectF(left, top + legend_h, self.width() - left - right,
                      self.height() - top - legend_h - bottom)
        peak = max([w.total for w in s.weeks] + [s.allocation, 60]) * 1.15
        step_h = max(1, round(peak / 60 / 5))
        p.setPen(QPen(QColor("#d0d4da")))
        h = 0
        while h * 60 <= peak:
            y = area.bottom() - area.height() * h * 60 / peak
            p.drawLine(int(area.left()), int(y), int(area.right()), int(y))
            p.setPen(text)
            p.drawText(QRectF(0, y - fm.height() / 2, left - 6, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{h} h")
            p.setPen(QPen(QColor("#d0d4da")))
            h += step_h
        n = len(s.weeks)
        slot = area.width() / n
        bar = max(2.0, slot * 0.7)
        every = max(1, int(fm.horizontalAdvance("00/00 ") / slot) + 1)
        for i, w in enumerate(s.weeks):
            x = area.left() + i * slot + (slot - bar) / 2
            y = area.bottom()
            for a in TimeActivity:
                m = w.by_activity.get(a, 0)
                if not m:
                    continue
                hpx = area.height() * m / peak
                p.fillRect(QRectF(x, y - hpx, bar, hpx), QColor(ACTIVITY_COLOURS[a]))
                y -= hpx
            if i % every == 0:
                p.setPen(text)
                p.drawText(QRectF(x - slot, area.bottom() + 2, bar + 2 * slot, fm.height()),
                           Qt.AlignmentFlag.AlignHCenter, f"{w.week_of:%d/%m}")
        y = area.bottom() - area.height() * s.allocation / peak
        pen = QPen(QColor(ALLOCATION_COLOUR), 2, Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawLine(int(area.left()), int(y), int(area.right()), int(y))
        for x, ly, name, colour, line in placed:
            if line:
                p.setPen(pen)
                p.drawLine(int(x), int(ly + fm.height() / 2 + 2), int(x + 11),
                           int(ly + fm.height() / 2 + 2))
            else:
                p.fillRect(QRectF(x, ly + 3, 10, 10), QColor(colour))
            p.setPen(text)
            p.drawText(QRectF(x + 14, ly, fm.horizontalAdvance(name) + 4, fm.height() + 4),
                       Qt.AlignmentFlag.AlignVCenter, name)
        p.end()
