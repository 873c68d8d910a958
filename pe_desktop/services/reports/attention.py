"""Dashboard items for reports (listed in ``services.dashboard.ATTENTION_PROVIDERS``).

A midway report is due from a week before the midway review until it is
signed; the EPR from two weeks before the planned end. Both become overdue a
week after their date.
"""

from __future__ import annotations

from datetime import date, timedelta

from pe_desktop.domain.enums import MeetingKind
from pe_desktop.domain.reports import ReportKind, VersionStatus, label
from pe_desktop.services.attention import AttentionItem, Severity
from pe_desktop.services.placements.running import running_placements
from pe_desktop.storage.plain_rows import DATE, Reads, enum_type, reader, typed_sql

LEAD = {ReportKind.MIDWAY: timedelta(days=7), ReportKind.FINAL: timedelta(days=14)}
GRACE = timedelta(days=7)

_MIDWAY = typed_sql(
    "SELECT meetings.placement_id, meetings.due_date FROM meetings"
    " WHERE meetings.placement_id IN :ids AND meetings.kind = :kind",
    [("placement_id", None), ("due_date", DATE)], lists=("ids",))
_VERSIONS = typed_sql(
    "SELECT reports.placement_id, reports.kind, report_versions.number, report_versions.status"
    " FROM reports JOIN report_versions ON report_versions.report_id = reports.id"
    " WHERE reports.placement_id IN :ids ORDER BY report_versions.number",
    [("placement_id", None), ("kind", enum_type(ReportKind)), ("number", None),
     ("status", enum_type(VersionStatus))], lists=("ids",))


def report_items(s: Reads, today: date) -> list[AttentionItem]:

    placements = running_placements(s)
    if not placements:
        return []
    ids = [p.id for p in placements]
    midway_due = dict(reader(s).execute(
        _MIDWAY, {"ids": ids, "kind": MeetingKind.MIDWAY_REVIEW.value}).all())
    # The latest version of each report: signed means done (a reopened draft is not).
    latest: dict[tuple[int, ReportKind], VersionStatus] = {}
    for pid, kind, _number, status in reader(s).execute(_VERSIONS, {"ids": ids}):
        latest[(pid, kind)] = status
    items = []
    for p in placements:
        for kind, due in ((ReportKind.MIDWAY, midway_due.get(p.id)),
                          (ReportKind.FINAL, p.planned_end_date)):
            if due is None or today < due - LEAD[kind]:
                continue
            status = latest.get((p.id, kind))
            if status == VersionStatus.SIGNED:
                continue
            overdue = today > due + GRACE
            state = "not started" if status is None else "draft not signed off"
            items.append(AttentionItem(
                severity=Severity.OVERDUE if overdue else Severity.DUE,
                when=due,
                title=f"{label(kind)} — {p.student_name}",
                detail=f"{state}; {'was ' if due < today else ''}due {due:%d %b %Y}",
                placement_id=p.id,
                category="report",
            ))
    return items
