"""One stored report anonymised on its own (``qa anonymise``): JSON, text and PDF
exactly as a bundle would carry them, so a reviewer can inspect the result."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pe_desktop.domain.anonymise import Anonymiser
from pe_desktop.domain.errors import NotFoundError
from pe_desktop.domain.reports import ReportKind, VersionStatus
from pe_desktop.export.files import write_private_file
from pe_desktop.paths import ensure_private_dir
from pe_desktop.services.context import AppContext
from pe_desktop.services.qa.known import known_entities
from pe_desktop.services.qa.sample import outcome
from pe_desktop.services.qa.structure import QaItem, build_item, placement_facts
from pe_desktop.services.reports.service import ReportService

PREVIEW_CODE = "PREVIEW"


def item_text(item: dict[str, Any]) -> str:
    """The anonymised report as plain text (headings and paragraphs)."""
    p = item["placement"]
    lines = [f"Anonymised QA sample — {item['title']} (return code {item['return_code']})",
             f"Outcome: {item['recommendation_label']}"
             + (" — flagged as borderline" if item["borderline"] else ""),
             f"Placement: {p['kind']}, {p['route_label']}, "
             f"{'statutory' if p['statutory'] else 'non-statutory'}, {p['service_area']}; "
             f"{p['days_completed']} of {p['required_days']} days; "
             f"{p['started']} to {p['planned_end']}", ""]
    for d in item["domains"]:
        lines += [f"{d['number']}. {d['title']}", d["text"] or "(not addressed)", ""]
    for key, heading in (("summary", "Holistic assessment"),
                         ("learning_agreement_review", "Learning agreement implementation"),
                         ("action_plan", "Action plan"), ("student_comments", "Student's comments"),
                         ("on_site_supervisor_comments", "On-site supervisor's comments"),
                         ("override_reason", "Reason for signing with items outstanding")):
        if item.get(key) is not None:
            lines += [heading, item[key] or "(none)", ""]
    counts = item.get("redactions") or {}
    lines.append("Redactions: " + (", ".join(f"{k} {v}" for k, v in counts.items()) or "none"))
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class WrittenFiles:
    json: Path
    text: Path
    pdf: Path
    item: QaItem


def anonymise_report(ctx: AppContext, placement_id: int, kind: ReportKind,
                     version: int | None = None) -> QaItem:
    svc = ReportService(ctx)
    if not svc.exists(placement_id, kind):
        raise NotFoundError(f"Placement {placement_id} has no {kind.value} report yet")
    view = svc.get(placement_id, kind, version)
    if version is None and view.version.status != VersionStatus.SIGNED:
        signed = [v for v in view.versions if v.status == VersionStatus.SIGNED]
        if signed:
            view = svc.get(placement_id, kind, signed[-1].number)
    c = view.version.content
    return build_item(view, placement_facts(ctx, placement_id), Anonymiser(known_entities(ctx)),
                      return_code=PREVIEW_CODE,
                      outcome=outcome(kind, c.recommendation, c.borderline))


def write_anonymised(ctx: AppContext, placement_id: int, kind: ReportKind, out_dir: Path,
                     version: int | None = None) -> WrittenFiles:
    from pe_desktop.export.qa_pdf import render_qa_item

    item = anonymise_report(ctx, placement_id, kind, version)
    pdf = render_qa_item(item.data)  # undated on purpose, as in a bundle
    out = ensure_private_dir(Path(out_dir))
    stem = f"{kind.value}-anonymised"
    return WrittenFiles(
        write_private_file(out / f"{stem}.json", item.json_bytes),
        write_private_file(out / f"{stem}.txt", item_text(item.data).encode()),
        write_private_file(out / f"{stem}.pdf", pdf),
        item)
