"""Midway report and End of Placement Report as PDF (kinds ``midway`` and ``final``)."""

from __future__ import annotations

from typing import Any

from pe_desktop.domain.reports import ReportKind, label
from pe_desktop.export import pdf_base as pb

#: The report services' plain dataclasses (``PlacementDetails``, ``ReportView``):
#: handed in by :mod:`pe_desktop.services.documents`, never imported here.
PlacementDetails = Any
ReportView = Any


def document_info(details: PlacementDetails, title: str, subject: str) -> pb.DocumentInfo:
    return pb.DocumentInfo(
        title=f"{title} — {details.student}",
        subject=subject,
        author=details.pe_name,
        header=details.header_lines(),
        keywords=("social work", "practice education", details.framework),
    )


def _status_line(view: ReportView) -> str:
    v = view.version
    if v.locked and v.signed_at:
        text = (f"Version {v.number} · signed by {v.signed_by}"
                f"{' (' + v.signer_registration + ')' if v.signer_registration else ''} on "
                f"{v.signed_at.astimezone():%d %B %Y at %H:%M}")
    else:
        text = f"Version {v.number} · DRAFT — not signed off"
    if not view.is_latest:
        text += f" · superseded by version {view.latest_number}"
    return text


def report_story(view: ReportView, spots: list[pb.SignatureSpot] | None = None) -> list[Any]:
    """The flowables of one report version (also used by the portfolio)."""
    v = view.version
    c = v.content
    story: list[Any] = pb.title(label(view.kind), f"{view.details.student} — "
                                                   f"{view.details.placement_kind}")
    story.append(pb.markup(pb.text_markup(_status_line(view)),
                           "body" if v.locked else "h2"))
    if v.reopen_reason:
        story.append(pb.para(f"Reopened: {v.reopen_reason}", "muted"))
    story.append(pb.heading("Placement details"))
    rows = [tuple(r) for r in v.snapshot["details"]] if v.snapshot else view.details.rows()
    story.append(pb.key_value_table(rows))

    story.append(pb.heading("Progress against the framework" if view.kind == ReportKind.MIDWAY
                            else "Evidence against the framework"))
    story.append(pb.para(f"Assessed holistically against {view.details.framework}, "
                         f"{view.details.level}.", "muted"))
    for d in view.domains:
        story.append(pb.heading(d.heading, 2))
        if d.summary:
            story.append(pb.para(d.summary, "muted"))
        story += pb.paras(c.narratives.get(d.key), empty="Not yet addressed.")

    story.append(pb.heading("Holistic assessment"))
    story += pb.paras(c.summary, empty="Not yet written.")
    rec = label(c.recommendation)
    if view.kind == ReportKind.FINAL and c.borderline:
        rec += " — flagged as borderline"
    story.append(pb.keep_together([
        pb.heading("Recommendation", 2),
        pb.markup(f"<b>{pb.text_markup(rec)}</b>"),
    ]))
    if view.kind == ReportKind.MIDWAY:
        story.append(pb.heading("Learning agreement implementation"))
        story += pb.paras(c.learning_agreement_review, empty="Nothing recorded.")
        story.append(pb.heading("Action plan"))
        story += pb.paras(c.action_plan, empty="No action plan recorded.")
    story.append(pb.heading("Student's comments"))
    story += pb.paras(c.student_comments, empty="No comments recorded.")
    story.append(pb.heading("On-site supervisor's comments"))
    story += pb.paras(c.oss_comments, empty="No comments recorded.")

    story.append(pb.heading("Completeness checks"))
    checklist = v.snapshot.get("checklist") if v.snapshot else None
    items = ([(i["label"], i["ok"], i.get("detail", "")) for i in checklist] if checklist
             else [(i.label, i.ok, i.detail) for i in view.checklist])
    story.append(pb.table(["Check", "Met", "Detail"],
                          [[lbl, "Yes" if ok else "No", detail] for lbl, ok, detail in items],
                          [0.45, 0.1, 0.45]))
    if v.checklist_override:
        story.append(pb.spacer(2))
        story.append(pb.para(f"Signed with items outstanding. Reason: {v.override_reason}"))

    sign_off: list[Any] = [pb.heading("Sign-off")]
    pe = (f"{v.signed_by} ({v.signer_registration}), {v.signed_at.astimezone():%d %b %Y %H:%M}"
          if v.locked and v.signed_at else "Not yet signed")
    sign_off.append(pb.key_value_table([
        ("Practice educator", pe),
        ("Student", v.student_confirmation.text() if v.student_confirmation
         else "Confirmation not yet recorded"),
        ("On-site supervisor", v.oss_confirmation.text() if v.oss_confirmation
         else "Confirmation not yet recorded"),
    ]))
    if spots is not None:
        sign_off += [pb.spacer(4), pb.signature_placeholder(spots)]
    story.append(pb.keep_together(sign_off))
    return story


def render_report(view: ReportView, kind: ReportKind) -> pb.RenderedPdf:
    """One report version as a PDF with a signature spot after the sign-off."""
    spots: list[pb.SignatureSpot] = []
    story = report_story(view, spots)
    info = document_info(view.details, label(kind), f"{label(kind)}, version "
                                                     f"{view.version.number}")
    return pb.render_pdf(info, story, spots)
