"""The currency statement as PDF (kind ``currency``), on the shared PDF base.

The content (a ``Statement`` from :mod:`pe_desktop.services.currency.statement`)
is handed in by :mod:`pe_desktop.services.documents.currency`; this module only
lays it out. Imports ReportLab: import it inside export paths only.
"""

from __future__ import annotations

from typing import Any

from pe_desktop.domain.currency import State
from pe_desktop.export import pdf_base as pb

Statement = Any  # services.currency.statement.Statement, handed in

STATE_COLOURS = {State.CURRENT: "#1e7b34", State.AT_RISK: "#9a5b00", State.LAPSED: "#b3261e"}


def statement_story(st: Statement, spots: list[pb.SignatureSpot] | None = None) -> list[Any]:
    story: list[Any] = pb.title(st.title, st.subject)
    colour = STATE_COLOURS[st.state]
    story.append(pb.markup(
        f'<font color="{colour}"><b>{pb.text_markup(st.state_line)}</b></font>', "h2"))
    details = [("Practice educator", st.pe_name or "—"),
               ("Social Work England registration", st.registration_number or "—")]
    if st.organisation:
        details.append(("Organisation", st.organisation))
    details.append(("Statement date", st.date_text))
    story.append(pb.key_value_table(details))
    for section in st.sections:
        block: list[Any] = [pb.heading(section.title)]
        block += [pb.para(p, "muted" if p.startswith("Assessed against") else "body")
                  for p in section.paragraphs]
        first = True
        for caption, table in section.tables:
            parts: list[Any] = []
            if caption:
                parts.append(pb.heading(caption, 2))
            parts.append(pb.table(table.headers, table.rows,
                                  _fractions(table.widths, len(table.headers)), table.empty))
            if first:
                # keep a section's heading with the start of its first table
                story.append(pb.keep_together([*block, *parts[:2]]))
                block = []
                first = False
            else:
                story += parts
        story += block
    closing = [
        pb.heading("Declaration"),
        pb.para("I confirm that this statement is a true record of my practice education, "
                "registration and continuing professional development. Students are "
                "identified by initials only."),
    ]
    if spots is not None:
        closing += [pb.spacer(3), pb.signature_placeholder(spots)]
    story.append(pb.keep_together(closing))
    return story


def _fractions(widths: tuple[float, ...], n: int) -> list[float] | None:
    if len(widths) != n:
        return None
    total = sum(widths)
    return [w / total for w in widths]


def render_statement(st: Statement) -> pb.RenderedPdf:
    spots: list[pb.SignatureSpot] = []
    info = pb.DocumentInfo(
        title=st.title,
        subject=f"{st.state_line} — {st.pe_name}".strip(" —"),
        author=st.pe_name,
        header=tuple(x for x in (
            f"{st.pe_name} · Social Work England {st.registration_number}".strip(" ·"),
            st.organisation,
            f"Statement of {st.date_text}",
        ) if x),
        keywords=("social work", "practice educator", "currency", "PEPS", "CPD"),
    )
    return pb.render_pdf(info, statement_story(st, spots), spots)
