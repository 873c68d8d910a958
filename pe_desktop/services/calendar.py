"""Calendar export: due review meetings, report deadlines, supervision sessions
and open action due dates as an iCalendar (.ics) file (RFC 5545, written by the
``icalendar`` library).

Every event's UID comes from the record's own ``uid`` (kept through JSON export
and import), so importing an updated file into a calendar replaces the events
rather than adding copies. Sessions with a start time are timed events in local
(floating) time; everything else is an all-day event.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pe_desktop import __version__
from pe_desktop.domain.enums import MeetingKind, label
from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.domain.reports import ReportKind, VersionStatus
from pe_desktop.domain.reports import label as report_label
from pe_desktop.services.context import AppContext
from pe_desktop.services.placements.running import running_placements
from pe_desktop.storage.models import (
    Meeting,
    Placement,
    Report,
    ReportVersion,
    SupervisionAction,
    SupervisionSession,
)

UID_DOMAIN = "pe-desktop.invalid"  # reserved domain: UIDs name no real host


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    start: date | datetime  # a date: an all-day event
    minutes: int = 0  # for timed events
    description: str = ""
    category: str = ""


def _who(p: Placement) -> str:
    return p.student.preferred_name or p.student.full_name


def _placement_events(s: Session, p: Placement) -> list[CalendarEvent]:
    who = _who(p)
    out: list[CalendarEvent] = []
    meetings = list(s.scalars(select(Meeting).where(Meeting.placement_id == p.id)))
    for m in meetings:
        if m.held_on is None:
            out.append(CalendarEvent(f"{m.uid}@{UID_DOMAIN}", f"{label(m.kind)} — {who}",
                                     m.due_date, description=f"Due by {m.due_date:%d %b %Y}; "
                                     f"{p.organisation}", category="Review meeting"))
    midway = next((m.due_date for m in meetings if m.kind == MeetingKind.MIDWAY_REVIEW), None)
    signed = {kind for kind, in s.execute(
        select(Report.kind).join(ReportVersion, ReportVersion.report_id == Report.id)
        .where(Report.placement_id == p.id, ReportVersion.status == VersionStatus.SIGNED))}
    for kind, due in ((ReportKind.MIDWAY, midway), (ReportKind.FINAL, p.planned_end_date)):
        if due is not None and kind not in signed:
            out.append(CalendarEvent(f"report-{kind.value}-{p.uid}@{UID_DOMAIN}",
                                     f"{report_label(kind)} due — {who}", due,
                                     category="Report deadline"))
    sessions = s.scalars(select(SupervisionSession).where(SupervisionSession.placement_id == p.id)
                         .options(selectinload(SupervisionSession.actions)))
    for sess in sessions:
        start: date | datetime = sess.held_on
        try:
            hh, mm = (int(x) for x in sess.start_time.split(":"))
            start = datetime.combine(sess.held_on, time(hh, mm))
        except ValueError:
            pass
        out.append(CalendarEvent(f"{sess.uid}@{UID_DOMAIN}", f"Supervision — {who}", start,
                                 sess.duration_minutes if isinstance(start, datetime) else 0,
                                 category="Supervision"))
        for a in sess.actions:
            if a.due_date is not None and a.done_on is None:
                out.append(_action_event(a, who))
    return out


def _action_event(a: SupervisionAction, who: str) -> CalendarEvent:
    text = " ".join(a.description.split())
    short = text if len(text) <= 60 else text[:57] + "…"
    return CalendarEvent(f"{a.uid}@{UID_DOMAIN}", f"Action due — {who}: {short}", a.due_date,
                         description=text + (f" (owner: {a.owner})" if a.owner else ""),
                         category="Action")


def calendar_events(ctx: AppContext, placement_id: int | None = None) -> list[CalendarEvent]:
    """One placement's events, or those of every running placement."""
    with ctx.read_session() as s:
        if placement_id is not None:
            p = s.get(Placement, placement_id)
            if p is None:
                raise PEDesktopError(f"no placement with id {placement_id}")
            placements = [p]
        else:
            ids = [r.id for r in running_placements(s)]
            placements = list(s.scalars(select(Placement).where(Placement.id.in_(ids))
                                        .options(selectinload(Placement.student))))
        events = [e for p in placements for e in _placement_events(s, p)]
    return sorted(events, key=lambda e: (e.start if isinstance(e.start, datetime)
                                         else datetime.combine(e.start, time()), e.uid))


def to_ics(events: list[CalendarEvent], stamp: datetime) -> bytes:
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", f"-//PE Desktop//PE Desktop {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "PE Desktop")
    for e in events:
        ev = Event()
        ev.add("uid", e.uid)
        ev.add("dtstamp", stamp)
        ev.add("summary", e.summary)
        ev.add("dtstart", e.start)
        if isinstance(e.start, datetime):
            ev.add("dtend", e.start + timedelta(minutes=e.minutes or 60))
        else:
            ev.add("dtend", e.start + timedelta(days=1))
            ev.add("transp", "TRANSPARENT")  # a deadline does not make you busy
        if e.description:
            ev.add("description", e.description)
        if e.category:
            ev.add("categories", [e.category])
        cal.add_component(ev)
    return cal.to_ical()


def write_calendar(ctx: AppContext, path: Path, placement_id: int | None = None) -> int:
    """Write the .ics file owner-only (it names students); returns the event count."""
    events = calendar_events(ctx, placement_id)
    data = to_ics(events, ctx.now())
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise PEDesktopError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return len(events)
