"""The PE's time on a placement as PDF (kind ``timelog``): a weekly bar chart
against the allocation, the weekly table and totals by activity."""

from __future__ import annotations

from typing import Any

from pe_desktop.domain.timelog import ACTIVITY_COLOURS, TimeActivity, activity_columns, hours
from pe_desktop.domain.timelog import label as activity_label
from pe_desktop.export import pdf_base as pb

TimeSummary = Any  # the time-log service's dataclass, handed in


def chart(summary: TimeSummary, width: float, height: float = 170) -> Any:
    """Stacked weekly bars (hours by activity) with the allocation as a red line."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing, Line, String
    from reportlab.lib import colors

    cols = activity_columns(summary) or [(TimeActivity.SUPERVISION, "Supervision")]
    d = Drawing(width, height + 52)
    bc = VerticalBarChart()
    bc.x, bc.y, bc.width, bc.height = 34, 40, width - 44, height - 20
    bc.data = [[w.by_activity.get(a, 0) / 60 for w in summary.weeks] or [0] for a, _ in cols]
    bc.categoryAxis.style = "stacked"
    bc.categoryAxis.categoryNames = [f"{w.week_of:%d/%m}" for w in summary.weeks] or [""]
    bc.categoryAxis.labels.angle = 60
    bc.categoryAxis.labels.boxAnchor = "ne"
    bc.categoryAxis.labels.fontSize = 6
    bc.categoryAxis.labels.fontName = pb.register_fonts()
    bc.valueAxis.labels.fontSize = 7
    bc.valueAxis.labels.fontName = pb.register_fonts()
    top = max([w.total for w in summary.weeks] + [summary.allocation, 60]) / 60
    bc.valueAxis.valueMin = 0
    bc.valueAxis.valueMax = top * 1.15
    bc.valueAxis.valueStep = max(1, round(top / 5))
    bc.barSpacing = 1
    for i, (a, _) in enumerate(cols):
        bc.bars[i].fillColor = colors.HexColor(ACTIVITY_COLOURS[a])
        bc.bars[i].strokeColor = None
    d.add(bc)
    y = bc.y + bc.height * (summary.allocation / 60) / bc.valueAxis.valueMax
    d.add(Line(bc.x, y, bc.x + bc.width, y, strokeColor=colors.HexColor("#c62828"),
               strokeWidth=1.2, strokeDashArray=[4, 2]))
    d.add(String(bc.x + bc.width, y + 3, f"allocation {hours(summary.allocation)}",
                 fontSize=7, fontName=pb.register_fonts(), textAnchor="end",
                 fillColor=colors.HexColor("#c62828")))
    d.add(String(4, bc.y + bc.height + 4, "hours", fontSize=7, fontName=pb.register_fonts()))
    legend = Legend()
    legend.x, legend.y = bc.x, height + 48
    legend.fontName = pb.register_fonts()
    legend.fontSize = 7
    legend.columnMaximum = 2
    legend.alignment = "right"
    legend.dx = legend.dy = 6
    legend.deltax = 120
    legend.dxTextSpace = 4
    legend.colorNamePairs = [(colors.HexColor(ACTIVITY_COLOURS[a]), name) for a, name in cols]
    d.add(legend)
    return d


def render_timelog(summary: TimeSummary, pe: str) -> pb.RenderedPdf:
    """A ``TimeSummary`` (student by initials) for the practice educator ``pe``."""
    story: list[Any] = pb.title("Practice educator's time",
                                f"Student {summary.student_initials} — {summary.placement}")
    story.append(pb.key_value_table([
        ("Practice educator", pe or "—"),
        ("Allocation", f"{hours(summary.allocation)} a week"),
        ("Time recorded", f"{hours(summary.total)} over {len(summary.weeks)} weeks "
                          f"(to {summary.as_of:%d %b %Y})"),
        ("Average a week", hours(summary.average)),
        ("Weeks over the allocation", f"{summary.weeks_over} of {len(summary.weeks)}"),
    ]))
    story.append(pb.spacer(3))
    story.append(chart(summary, pb.frame_width()))
    story.append(pb.heading("By activity"))
    story.append(pb.table(["Activity", "Time", "Share"], [
        [activity_label(a), hours(m), f"{100 * m / summary.total:.0f}%" if summary.total
         else "—"] for a, m in sorted(summary.by_activity.items(), key=lambda x: -x[1])],
        [0.5, 0.25, 0.25], empty="No time recorded yet."))
    story.append(pb.heading("Week by week"))
    story.append(pb.table(["Week beginning", "Time", "Allocation", "Over"], [
        [f"{w.week_of:%a %d %b %Y}", hours(w.total), hours(w.allocation),
         hours(w.over) if w.over else "—"] for w in summary.weeks], [0.4, 0.2, 0.2, 0.2]))
    story.append(pb.para("Supervision is counted from the supervision sessions recorded; other "
                         "time is logged by the practice educator. The student is named by "
                         "initials only.", "muted"))
    spots: list[pb.SignatureSpot] = []
    story += [pb.spacer(6), pb.signature_placeholder(spots)]
    info = pb.DocumentInfo(title=f"PE time — {summary.student_initials}",
                           subject="Practice educator's time against the allocation",
                           author=pe, header=(f"Practice educator's time · student "
                                              f"{summary.student_initials}",),
                           keywords=("practice education", "workload"))
    return pb.render_pdf(info, story, spots)
