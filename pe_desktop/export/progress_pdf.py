"""The nine-domain progress picture in a PDF (the evidence index and the portfolio).

Draws the plain :class:`pe_desktop.domain.progress.PlacementProgress` it is handed
as the app's Evidence page does: one row per domain, the placement's time left to
right, the evidence recorded (solid steps) against what is expected (dashed), the
judgements as lettered badges and, on the right, records against those expected
by the date of the document. A text list follows so the picture's content is in
the reading order for pdftotext and screen readers.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from pe_desktop.domain.evidence_vocab import Judgement
from pe_desktop.domain.progress import (
    EXPECTED_BY_END,
    JUDGEMENT_SHORT,
    STANDING_TEXT,
    DomainProgress,
    PlacementProgress,
    Standing,
)
from pe_desktop.export import pdf_base as pb

BEHIND = colors.HexColor("#b3261e")
BEHIND_BG = colors.HexColor("#fdecea")
ON_TRACK = colors.HexColor("#2e7d32")
JUDGEMENT_COLOUR = {Judgement.NOT_YET: colors.HexColor("#b3261e"),
                    Judgement.DEVELOPING: colors.HexColor("#a15c00"),
                    Judgement.MEETS: colors.HexColor("#2e7d32"),
                    Judgement.EXCEEDS: colors.HexColor("#1f5f8b")}
STANDING_COLOUR = {Standing.ON_TRACK: ON_TRACK, Standing.BEHIND: BEHIND,
                   Standing.NOT_STARTED: pb.MUTED}


def _lines(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (at most two)."""
    out: list[str] = []
    for word in text.split():
        if out and pdfmetrics.stringWidth(f"{out[-1]} {word}", font, size) <= width:
            out[-1] += f" {word}"
        else:
            out.append(word)
    return out[:2]


class ProgressPicture(Flowable):
    """The picture as one flowable (kept on one page)."""

    ROW = 30.0
    HEAD = 18.0

    def __init__(self, progress: PlacementProgress) -> None:
        super().__init__()
        self.progress = progress

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.HEAD + self.ROW * len(self.progress.domains) + 2
        return self.width, self.height

    # columns: name | lane | status
    def _cols(self) -> tuple[float, float, float]:
        name_w = 128.0
        status_w = 124.0
        return name_w, name_w + 8, self.width - status_w

    def _x(self, on: date) -> float:
        _, left, s = self._cols()
        return left + (s - 10 - left) * self.progress.position(on)

    def draw(self) -> None:
        c = self.canv
        pr = self.progress
        top = self.height
        name_w, left, s = self._cols()
        lane_bottom = top - self.HEAD - self.ROW * len(pr.domains)
        c.setFont(pb.FONT_BOLD, 8)
        c.setFillColor(pb.INK)
        c.drawString(0, top - 11, "Domain")
        c.drawString(s, top - 11, "Records of expected")
        c.setFont(pb.FONT, 7)
        c.setFillColor(pb.MUTED)
        c.drawString(self._x(pr.start), top - 11, f"Start {pr.start:%d %b}")
        c.drawCentredString(self._x(pr.midway), top - 11, f"Midway {pr.midway:%d %b}")
        c.drawRightString(self._x(pr.end), top - 11, f"End {pr.end:%d %b}")
        for i, d in enumerate(pr.domains):
            self._row(d, top - self.HEAD - (i + 1) * self.ROW)
        c.setStrokeColor(pb.RULE)
        c.setDash(1, 2)
        for on in (pr.start, pr.midway, pr.end):
            c.line(self._x(on), lane_bottom, self._x(on), top - self.HEAD)
        c.setDash()
        c.setStrokeColor(BEHIND)
        c.setLineWidth(1)
        x = self._x(pr.today)
        c.line(x, lane_bottom, x, top - self.HEAD + 3)

    def _row(self, d: DomainProgress, y0: float) -> None:
        c = self.canv
        pr = self.progress
        name_w, left, s = self._cols()
        if d.standing == Standing.BEHIND:
            c.setFillColor(BEHIND_BG)
            c.rect(0, y0 + 0.5, self.width, self.ROW - 1, stroke=0, fill=1)
        c.setStrokeColor(pb.RULE)
        c.setLineWidth(0.5)
        c.line(0, y0, self.width, y0)
        c.setFillColor(pb.INK)
        c.setFont(pb.FONT, 7.5)
        lines = _lines(f"{d.number}. {d.title}", pb.FONT, 7.5, name_w)
        ty = y0 + self.ROW / 2 + (len(lines) - 1) * 4.5 - 2.5
        for line in lines:
            c.drawString(0, ty, line)
            ty -= 9
        bottom, height = y0 + 4, self.ROW - 13

        def y(n: float) -> float:
            return bottom + height * n / pr.scale

        c.setStrokeColor(pb.MUTED)
        c.setLineWidth(0.8)
        c.setDash(3, 2)
        c.line(left, y(0), s - 10, y(EXPECTED_BY_END))
        c.setDash()
        path = c.beginPath()
        path.moveTo(left, y(0))
        x, n = left, 0
        for on in d.evidence_dates:
            x = self._x(on)
            path.lineTo(x, y(n))
            n += 1
            path.lineTo(x, y(n))
        path.lineTo(max(x, self._x(pr.today)), y(n))
        c.setStrokeColor(pb.ACCENT)
        c.setLineWidth(1.4)
        c.drawPath(path, stroke=1, fill=0)
        c.setFont(pb.FONT_BOLD, 6)
        for j in d.judgements:
            jx = self._x(j.on)
            c.setFillColor(JUDGEMENT_COLOUR[j.judgement])
            c.roundRect(jx - 4.5, y0 + self.ROW - 10.5, 9, 9, 1.5, stroke=0, fill=1)
            c.setFillColor(colors.white)
            c.drawCentredString(jx, y0 + self.ROW - 8.3, JUDGEMENT_SHORT[j.judgement][0])
        c.setFillColor(STANDING_COLOUR[d.standing])
        c.setFont(pb.FONT_BOLD, 7.5)
        c.drawString(s, y0 + self.ROW / 2 + 2, f"{d.count} of {d.expected_now} · "
                                               f"{STANDING_TEXT[d.standing]}")
        c.setFont(pb.FONT, 6.5)
        latest = d.latest
        second = (f"Latest: {JUDGEMENT_SHORT[latest.judgement]} ({latest.on:%d %b})" if latest
                  else "No judgement yet")
        if d.reasons:
            second = d.reasons[0][0].upper() + d.reasons[0][1:]
        else:
            c.setFillColor(pb.MUTED)
        c.drawString(s, y0 + self.ROW / 2 - 7, pb._fit(second, pb.FONT, 6.5, self.width - s))


def progress_story(progress: PlacementProgress | None) -> list[Any]:
    """Heading, picture, key and the per-domain lines (empty without a picture)."""
    if progress is None:
        return []
    story: list[Any] = [pb.heading("Progress across the domains")]
    story.append(pb.para(f"On {progress.today:%d %B %Y}: {progress.headline()}.", "muted"))
    story.append(pb.keep_together([ProgressPicture(progress), pb.spacer(1.5), pb.para(
        f"Solid line: records naming the domain over time; dashed line: {EXPECTED_BY_END} "
        "records per domain expected by the planned end (two kinds of evidence from midway); "
        "red line: the date of this document. Badges: judgements in direct observations "
        "(N not yet, D developing, M meets, E exceeds). A prompt for the holistic "
        "judgement, not a pass mark.", "muted")]))
    story.append(pb.bullets([d.summary() for d in progress.domains]))
    return story
