"""The anonymised QA sample as PDF: the report's look, rendered from the
approved ``pe-desktop/qa-report`` dict alone (plain data, nothing looked up),
headed "Anonymised QA sample", with no signature block naming anyone."""

from __future__ import annotations

from typing import Any

from pe_desktop.export import pdf_base as pb

TITLE = "Anonymised QA sample"


def _yes(v: Any) -> str:
    return "Yes" if v else "No"


def _or_dash(v: Any) -> str:
    return "—" if v in (None, "") else str(v)


def qa_story(item: dict[str, Any], round_id: str = "") -> list[Any]:
    p = item["placement"]
    story: list[Any] = pb.title(TITLE, f"{item['title']} · return code {item['return_code']}"
                                       + (f" · round {round_id}" if round_id else ""))
    rec = item.get("recommendation_label") or "Not recorded"
    if item.get("borderline"):
        rec += " — flagged as borderline"
    story.append(pb.heading("Placement"))
    people = item["people"]
    story.append(pb.key_value_table([
        ("Student", people["student"]),
        ("Programme route", p["route_label"]),
        ("Practice educator", people["practice_educator"]),
        ("On-site supervisor", _or_dash(people.get("on_site_supervisor"))),
        ("University tutor", _or_dash(people.get("tutor"))),
        ("Organisation and team", f"{people['organisation']} — {people['team']}"),
        ("Placement", f"{p['kind']}; assessed against {p['framework']}, {p['level']}"),
        ("Statutory", _yes(p["statutory"])),
        ("Service area", p["service_area"].replace("_", " ").capitalize()),
        ("Started / planned end", f"{_or_dash(p['started'])} / {_or_dash(p['planned_end'])}"),
        ("Days completed", f"{p['days_completed']} of {p['required_days']}"),
        ("Learning agreement meeting", _or_dash(item["meetings"]["learning_agreement"])),
        ("Midway review meeting", _or_dash(item["meetings"]["midway_review"])),
        ("Supervision sessions", "not recorded" if item["supervision"] is None else
         f"{item['supervision']['sessions']}" + (": " + ", ".join(item["supervision"]["on"])
                                                 if item["supervision"]["on"] else "")),
        ("Direct observations", "not recorded" if item["observations"] is None else
         f"{item['observations']['completed']} of {item['observations']['required']} "
         "required"),
        ("Signed", f"{_or_dash(item['signed']['month'])} (version "
                   f"{item['signed']['version']})"),
    ]))
    story.append(pb.heading("Evidence against the framework" if item["kind"] == "final"
                            else "Progress against the framework"))
    for d in item["domains"]:
        story.append(pb.heading(f"{d['number']}. {d['title']}", 2))
        story += pb.paras(d["text"], empty="Not addressed.")
    story.append(pb.heading("Holistic assessment"))
    story += pb.paras(item["summary"], empty="Not written.")
    story.append(pb.keep_together([pb.heading("Recommendation", 2),
                                   pb.markup(f"<b>{pb.text_markup(rec)}</b>")]))
    if item["kind"] == "midway":
        story.append(pb.heading("Learning agreement implementation"))
        story += pb.paras(item.get("learning_agreement_review"), empty="Nothing recorded.")
        story.append(pb.heading("Action plan"))
        story += pb.paras(item.get("action_plan"), empty="No action plan recorded.")
    story.append(pb.heading("Student's comments"))
    story += pb.paras(item["student_comments"], empty="No comments recorded.")
    story.append(pb.heading("On-site supervisor's comments"))
    story += pb.paras(item["on_site_supervisor_comments"], empty="No comments recorded.")
    story.append(pb.heading("Completeness checks at sign-off"))
    story.append(pb.table(["Check", "Met"], [[c["label"], _yes(c["met"])]
                                            for c in item["checklist"]], [0.85, 0.15]))
    if item.get("override_reason"):
        story.append(pb.para(f"Signed with items outstanding. Reason: "
                             f"{item['override_reason']}"))
    conf = item["confirmations"]
    story.append(pb.heading("Confirmations"))
    story.append(pb.key_value_table([
        ("Student", conf["student"] or "Not recorded"),
        ("On-site supervisor", conf["on_site_supervisor"] or "Not recorded"),
    ]))
    counts = item.get("redactions") or {}
    story.append(pb.para("Redactions: " + (", ".join(f"{k} {v}" for k, v in counts.items())
                                           or "none"), "muted"))
    return story


def render_qa_item(item: dict[str, Any], round_id: str = "") -> bytes:
    info = pb.DocumentInfo(
        title=TITLE, subject=f"{item['title']}, return code {item['return_code']}",
        author="", header=(f"{item['title']} · {item['placement']['kind']} · "
                           f"return code {item['return_code']}",),
        keywords=("social work", "practice education", "peer QA"))
    return pb.render_pdf(info, qa_story(item, round_id)).data
