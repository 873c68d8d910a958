"""The time log as CSV (one row per week, hours per activity) or PDF.

Both formats come from the same :class:`TimeSummary`; the CSV opens in Excel
(UTF-8 with BOM). Written atomically, owner-only.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.export.files import write_private_file
from pe_desktop.services.context import AppContext
from pe_desktop.services.timelog.service import TimeLogService, TimeSummary, activity_columns


def _h(minutes: int) -> str:
    return f"{minutes / 60:.2f}"


def summary_csv(summary: TimeSummary) -> str:
    cols = activity_columns(summary)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["Week beginning", *(f"{name} (hours)" for _, name in cols), "Total (hours)",
                "Allocation (hours)", "Over allocation (hours)"])
    for week in summary.weeks:
        w.writerow([week.week_of.isoformat(),
                    *(_h(week.by_activity.get(a, 0)) for a, _ in cols),
                    _h(week.total), _h(week.allocation), _h(week.over)])
    by = summary.by_activity
    w.writerow(["Total", *(_h(by.get(a, 0)) for a, _ in cols), _h(summary.total),
                _h(summary.allocation * len(summary.weeks)),
                _h(sum(wk.over for wk in summary.weeks))])
    return buf.getvalue()


@dataclass(frozen=True)
class TimeExport:
    path: Path
    weeks: int
    total_minutes: int


def export_time_log(ctx: AppContext, placement_id: int, out: Path, *, sign: bool = False,
                    store=None) -> TimeExport:
    """Write the placement's time log to ``out`` (.csv or .pdf, chosen by the suffix)."""
    out = Path(out)
    suffix = out.suffix.lower()
    summary = TimeLogService(ctx).summary(placement_id)
    if suffix == ".csv":
        if sign:
            raise PEDesktopError("Only the PDF can be signed; write FILE.pdf to sign it")
        write_private_file(out, ("\ufeff" + summary_csv(summary)).encode("utf-8"))
    elif suffix == ".pdf":
        from pe_desktop.services.documents.kinds import PdfRequest
        from pe_desktop.services.signing.pdf_export import export_pdf

        export_pdf(ctx, "timelog", PdfRequest(placement_id), out, sign=sign, store=store)
    else:
        raise PEDesktopError(f"Write the time log to a .csv or .pdf file, not '{out.name}'")
    return TimeExport(out, len(summary.weeks), summary.total)
