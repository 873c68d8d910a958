"""The partnership return as PDF (kind ``return``): renders a ``PartnershipReturn``."""

from __future__ import annotations

from typing import Any

from pe_desktop.export import pdf_base as pb

PartnershipReturn = Any  # the partnership service's dataclass, handed in


def render_return(ret: PartnershipReturn) -> pb.RenderedPdf:
    pe = dict(ret.pe_rows())
    story: list[Any] = pb.title(ret.layout.name, f"{ret.period_text}")
    story.append(pb.heading("Practice educator"))
    story.append(pb.key_value_table(ret.pe_rows(), 0.35))
    head, rows = ret.placement_table()
    story.append(pb.heading(f"Placements supported ({len(rows)})"))
    if not rows:
        story.append(pb.para("", empty="No placements in this year."))
    for row in rows:  # one block each: fourteen columns do not fit across a page
        pairs = list(zip(head, row, strict=True))
        story.append(pb.keep_together([pb.heading(" · ".join(v for _, v in pairs[:1]
                                                            if v) or "Placement", 2),
                                       pb.key_value_table(pairs[1:], 0.35)]))
    if ret.layout.arrangement_note:
        story.append(pb.spacer(2))
        story.append(pb.para(ret.layout.arrangement_note, "muted"))
    story.append(pb.para("Students are not named in this return.", "muted"))
    spots: list[pb.SignatureSpot] = []
    story += [pb.spacer(6), pb.signature_placeholder(spots)]
    name = next(iter(pe.values()), "")
    info = pb.DocumentInfo(title=f"{ret.layout.name} {ret.year}", subject=ret.period_text,
                           author=name, header=(f"{ret.layout.name} · {ret.period_text}",),
                           keywords=("practice education", "partnership return"))
    return pb.render_pdf(info, story, spots)
