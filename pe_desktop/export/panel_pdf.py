"""PDFs of a QA panel round: the learnings summary and feedback per organisation.

Renders plain data (``services/panel/summary.py`` builds it); the ratings per
criterion are drawn as a stacked horizontal bar chart with ReportLab graphics.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pe_desktop.export import pdf_base as pb

RATING_COLOURS = {"meets": "#2e7d32", "partly": "#f9a825", "not_met": "#c62828",
                  "na": "#9e9e9e"}


@dataclass(frozen=True)
class SummaryData:
    """Everything the summary shows (no personal data: items are anonymised)."""

    title: str
    round_id: str
    panel_name: str
    period: str
    produced_on: str
    received: int
    expected: int
    contributors: int
    outcomes: dict[str, int]
    rules: dict[str, int]
    kinds: dict[str, int]
    per_org: dict[str, int]
    #: [(criterion title, {rating key: count})] in criteria order
    ratings: list[tuple[str, dict[str, int]]]
    rating_labels: dict[str, str]
    themes: list[tuple[str, int]]
    good_practice: list[tuple[str, str]]  # (return code, excerpt)
    actions: list[str]
    present: list[str]
    reviewed: int
    moderated: int
    leaks: int
    extra: dict[str, Any] = field(default_factory=dict)


def _wrapped(title: str, width: int = 34) -> str:
    """A criterion's whole title on up to two lines (never cut mid-word)."""
    import textwrap

    lines = textwrap.wrap(title, width)
    return "\n".join(lines[:1] + [" ".join(lines[1:])] if len(lines) > 1 else lines)


def ratings_chart(rows: list[tuple[str, dict[str, int]]], labels: dict[str, str],
                  width: float) -> Any:
    """Stacked horizontal bars: one per rated criterion, segments per rating."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    keys = list(labels)
    rows = [r for r in rows if sum(r[1].values())] or rows[:1]
    n = max(len(rows), 1)
    step = 24
    height = 40 + step * n
    d = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 170, 30
    chart.width, chart.height = width - 180, step * n
    chart.data = [[row[1].get(k, 0) for row in reversed(rows)] or [0] for k in keys]
    chart.categoryAxis.categoryNames = [_wrapped(r[0]) for r in reversed(rows)]
    chart.categoryAxis.labels.fontName = pb.FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.style = "stacked"
    chart.valueAxis.valueMin = 0
    top = max((sum(r[1].values()) for r in rows), default=1) or 1
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = max(1, top // 5)
    chart.valueAxis.labels.fontName = pb.FONT
    chart.valueAxis.labels.fontSize = 7
    chart.barSpacing = 2
    for i, k in enumerate(keys):
        chart.bars[i].fillColor = colors.HexColor(RATING_COLOURS.get(k, "#607d8b"))
        chart.bars[i].strokeColor = colors.white
    d.add(chart)
    legend = Legend()
    legend.x, legend.y = 170, 12
    legend.fontName = pb.FONT
    legend.fontSize = 7
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 80
    legend.colorNamePairs = [(colors.HexColor(RATING_COLOURS.get(k, "#607d8b")), labels[k])
                             for k in keys]
    d.add(legend)
    d.add(String(0, height - 10, "Agreed ratings per criterion (reports)", fontName=pb.FONT,
                 fontSize=8))
    return d


def _unrated(data: SummaryData) -> list[Any]:
    names = [t for t, c in data.ratings if not sum(c.values())]
    return [pb.para("Not rated in these reports (it does not apply to their kind, or no "
                    "agreed view yet): " + "; ".join(names) + ".", "muted")] if names else []


def _counts_table(data: SummaryData) -> Any:
    return pb.table(["Criterion"] + list(data.rating_labels.values()),
                    [[t] + [c.get(k, 0) for k in data.rating_labels] for t, c in data.ratings],
                    widths=[0.44] + [0.14] * len(data.rating_labels))


def _mix(d: dict[str, int]) -> str:
    return ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in sorted(d.items())) or "none"


def _ratings_and_themes(data: SummaryData) -> list[Any]:
    """The ratings chart, the counts behind it and the themes: the same in the
    learnings summary and in each organisation's feedback."""
    return [
        pb.heading("Ratings per criterion"),
        ratings_chart(data.ratings, data.rating_labels, pb.frame_width()),
        *_unrated(data),
        _counts_table(data),
        pb.heading("Themes"),
        pb.table(["Theme", "Reports"], [[t, n] for t, n in data.themes],
                 widths=[0.8, 0.2], empty="No themes recorded."),
    ]


def summary_story(data: SummaryData) -> list[Any]:
    story: list[Any] = []
    story += pb.title(data.title, f"{data.panel_name} · round {data.round_id} · reports signed "
                                  f"{data.period} · produced {data.produced_on}")
    story.append(pb.heading("The sample"))
    story.append(pb.key_value_table([
        ("Reports received", f"{data.received} of {data.expected} selected, from "
                             f"{data.contributors} practice educators"),
        ("Reviewed / moderated", f"{data.reviewed} with an agreed view, {data.moderated} "
                                 "after moderation"),
        ("By outcome", _mix(data.outcomes)),
        ("Selected because", _mix(data.rules)),
        ("By kind", _mix(data.kinds)),
        ("By organisation", _mix(data.per_org)),
        ("Anonymisation leaks reported", str(data.leaks)),
    ]))
    story += _ratings_and_themes(data)
    story.append(pb.heading("Good practice"))
    if data.good_practice:
        for code, text in data.good_practice:
            story.append(pb.para(f"“{text}”", "body"))
            story.append(pb.para(f"Report {code}", "muted"))
    else:
        story.append(pb.para("", empty="No excerpts marked."))
    story.append(pb.heading("Actions for PEPS training and PE workshops"))
    story.append(pb.bullets(data.actions or ["None agreed."]))
    story.append(pb.heading("Panel members present"))
    story.append(pb.bullets(data.present or ["Not recorded."]))
    return story


def render_summary(data: SummaryData) -> bytes:
    info = pb.DocumentInfo(title=data.title, subject=f"Peer QA round {data.round_id}",
                           author=data.panel_name,
                           header=(f"{data.panel_name} · learnings summary · round "
                                   f"{data.round_id}",),
                           keywords=("social work", "practice education", "peer QA"))
    return pb.render_pdf(info, summary_story(data)).data


def render_org_feedback(data: SummaryData, org: str) -> bytes:
    """Aggregate feedback for one organisation code (workforce-development leads)."""
    story: list[Any] = []
    name = data.extra.get("org_name") or ""
    story += pb.title(f"Peer QA feedback for {org}" + (f" — {name}" if name else ""),
                      f"{data.panel_name} · round {data.round_id} · reports signed "
                      f"{data.period} · produced {data.produced_on}")
    story.append(pb.key_value_table([
        ("Reports received", f"{data.received} from {data.contributors} practice educator"
                             f"{'' if data.contributors == 1 else 's'}"),
        ("Reviewed / moderated", f"{data.reviewed} with an agreed view, {data.moderated} "
                                 "after moderation"),
        ("By outcome", _mix(data.outcomes)),
        ("Selected because", _mix(data.rules)),
        ("By kind", _mix(data.kinds)),
    ]))
    story += _ratings_and_themes(data)
    story.append(pb.heading("Good practice"))
    story.append(pb.bullets([f"“{t}” ({c})" for c, t in data.good_practice]
                            or ["None marked."]))
    info = pb.DocumentInfo(title=f"Peer QA feedback for {org}", author=data.panel_name,
                           header=(f"{data.panel_name} · round {data.round_id} · {org}",))
    return pb.render_pdf(info, story).data
