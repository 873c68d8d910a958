"""``pe-desktop timelog``: the PE's time on a placement against the allocation."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("timelog", help="your time on a placement: log it, summarise, export")
    p.add_argument("--placement", type=int, required=True, metavar="ID")
    p.add_argument("--add", nargs=3, metavar=("DATE", "ACTIVITY", "MINUTES"),
                   help="log time: ISO date, activity (observation, report_writing, meeting, "
                        "marking, travel, preparation, other) and minutes")
    p.add_argument("--note", default="", help="with --add: a short note")
    p.add_argument("--allocation", type=float, metavar="HOURS",
                   help="set the hours a week allocated for this student")
    p.add_argument("--out", type=Path, metavar="FILE.csv|FILE.pdf",
                   help="write the weekly summary as CSV or PDF")
    p.add_argument("--sign", action="store_true", help="with a .pdf: add your signature")
    p.add_argument("--attach-checkin", dest="attach_checkin", metavar="latest|ID",
                   help="keep today's summary with your latest manager check-in (or the one "
                        "with this id); it then appears in your currency statement")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from datetime import date

    from pe_desktop.cli.common import context, print_json
    from pe_desktop.domain.errors import PEDesktopError
    from pe_desktop.domain.timelog import TimeActivity, hours
    from pe_desktop.domain.timelog import label as activity_label
    from pe_desktop.services.timelog.service import TimeInput, TimeLogService

    ctx = context(args)
    try:
        svc = TimeLogService(ctx)
        if args.allocation is not None:
            svc.set_allocation(args.placement, round(args.allocation * 60))
        if args.add:
            day, activity, minutes = args.add
            try:
                data = TimeInput(date.fromisoformat(day), TimeActivity(activity), int(minutes),
                                 args.note)
            except ValueError as exc:
                raise PEDesktopError(f"--add needs DATE (YYYY-MM-DD), an activity and whole "
                                     f"minutes ({exc})") from None
            svc.add(args.placement, data)
        if args.attach_checkin is not None:
            checkin = _checkin(ctx, args.attach_checkin)
            svc.attach_to_checkin(checkin.id, args.placement)
            print(f"Attached the time summary to the manager check-in of "
                  f"{checkin.held_on:%d/%m/%Y} ({checkin.manager})")
        if args.out is not None:
            from pe_desktop.services.timelog.export import export_time_log

            store = None
            if args.sign:
                from pe_desktop.cli.cmd_signing import open_store

                store = open_store(ctx.paths.keys)
            result = export_time_log(ctx, args.placement, args.out, sign=args.sign, store=store)
            print(f"Wrote {result.path} ({result.weeks} weeks, {hours(result.total_minutes)})")
            return 0
        summary = svc.summary(args.placement)
    finally:
        ctx.close()
    if args.json:
        print_json(summary.to_json())
        return 0
    print(f"Student {summary.student_initials} — {summary.placement}")
    print(f"Allocation {hours(summary.allocation)} a week; recorded {hours(summary.total)} "
          f"over {len(summary.weeks)} weeks (average {hours(summary.average)}; "
          f"{summary.weeks_over} weeks over)")
    for w in summary.weeks:
        flag = f"  over by {hours(w.over)}" if w.over else ""
        print(f"  {w.week_of:%d/%m/%Y}  {hours(w.total):>9}{flag}")
    for a, m in summary.by_activity.items():
        print(f"  {activity_label(a)}: {hours(m)}")
    return 0


def _checkin(ctx, which: str):  # noqa: ANN001, ANN202 - AppContext -> CheckInRow
    from pe_desktop.domain.errors import PEDesktopError
    from pe_desktop.services.currency.service import CurrencyService

    checkins = CurrencyService(ctx).overview().checkins  # newest first
    if which == "latest":
        if not checkins:
            raise PEDesktopError("No manager check-in recorded yet (Currency page)")
        return checkins[0]
    found = next((c for c in checkins if which.isdigit() and c.id == int(which)), None)
    if found is None:
        raise PEDesktopError(f"No manager check-in with id {which}")
    return found
