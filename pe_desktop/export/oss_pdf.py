"""An on-site supervisor's record of students supervised, from plain data
(:func:`pe_desktop.services.oss.statement.statement_data`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pe_desktop.export import pdf_base as pb

TITLE = "Record of students supervised"


def _d(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d %b %Y")


def oss_story(data: dict[str, Any]) -> list[Any]:
    story: list[Any] = pb.title(TITLE, f"{data['oss_name']} · on-site supervisor · "
                                       f"{_d(data['generated_on'])}")
    story.append(pb.para("Students are named by first name only. Each observation and "
                         "supervision note was recorded in PE Desktop and, once sent, "
                         "signed with the key below."))
    story.append(pb.key_value_table([("On-site supervisor", data["oss_name"]),
                                     ("Key SHA-256", data["fingerprint"]),
                                     ("Students supervised", str(len(data["students"])))]))
    story.append(pb.heading("Summary"))
    story.append(pb.table(
        ["Student", "Framework and level", "Practice educator", "Observations", "Supervision"],
        [[s["first_name"], f"{s['framework']}, {s['level']}", s["practice_educator"] or "—",
          str(len(s["observations"])), str(len(s["supervisions"]))]
         for s in data["students"]]))
    for s in data["students"]:
        story.append(pb.heading(s["first_name"], 2))
        story.append(pb.key_value_table([
            ("Supervised", f"{_d(s['from'])} to {_d(s['until'])}"),
            ("Direct observations", ", ".join(_d(x) for x in s["observations"]) or "none"),
            ("Supervision sessions", ", ".join(_d(x) for x in s["supervisions"]) or "none"),
            ("Records sent to the PE", str(s["sent"])),
        ]))
    return story


def render_oss_statement(data: dict[str, Any]) -> bytes:
    info = pb.DocumentInfo(title=TITLE, subject="On-site supervision", author=data["oss_name"],
                           header=(f"{TITLE} · {data['oss_name']}",),
                           keywords=("social work", "on-site supervisor"))
    return pb.render_pdf(info, oss_story(data)).data
