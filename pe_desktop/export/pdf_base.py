"""The shared PDF document: fonts, page template, building blocks.

Every PDF PE Desktop produces goes through :func:`render_pdf`: A4 pages with a
header carrying the placement details, a footer "Page X of Y", an embedded
Unicode font (DejaVu Sans, shipped in ``resources/fonts``) and the document
metadata set. Callers build a list of flowables with the helpers below
(:func:`heading`, :func:`para`, :func:`key_value_table`, :func:`table` ...) and
pass it in; user text is always escaped by the helpers.

Importing this module imports ReportLab: import it inside export functions only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from pe_desktop import __version__
from pe_desktop.export.archival import LANGUAGE, PRODUCER, dated, make_archival
from pe_desktop.export.archival import document_time as _document_instant
from pe_desktop.export.files import write_private_file  # noqa: F401 - re-exported
from pe_desktop.paths import resources_dir

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"

PAGE_SIZE = A4
MARGIN = 18 * mm
HEADER_HEIGHT = 20 * mm
FOOTER_HEIGHT = 12 * mm

INK = colors.HexColor("#1d2733")
MUTED = colors.HexColor("#5b6673")
ACCENT = colors.HexColor("#1f5f8b")
RULE = colors.HexColor("#c5ced8")
SHADE = colors.HexColor("#e9eff5")
ZEBRA = colors.HexColor("#f6f8fa")

#: Longest text kept in one table cell; the rest is shown in the body instead.
CELL_LIMIT = 4000


@cache
def register_fonts() -> str:
    """Register DejaVu Sans (and its family for <b>/<i>) once per process."""
    font_dir = resources_dir() / "fonts"
    for name in (FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(font_dir / f"{name}.ttf")))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
    )
    return FONT


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle(
        "body", fontName=FONT, bulletFontName=FONT, fontSize=9.5, leading=13.5, textColor=INK, alignment=TA_LEFT,
        spaceAfter=4,
    )
    return {
        "body": base,
        "title": ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=17,
                                leading=21, textColor=ACCENT, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=10.5, leading=14,
                                   textColor=MUTED, spaceAfter=10),
        "h1": ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=13, leading=17,
                             textColor=ACCENT, spaceBefore=12, spaceAfter=5, keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=10.5, leading=14,
                             textColor=INK, spaceBefore=8, spaceAfter=3, keepWithNext=1),
        "muted": ParagraphStyle("muted", parent=base, fontSize=8.5, leading=11.5,
                                textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11, spaceAfter=0),
        "cell_head": ParagraphStyle("cell_head", parent=base, fontName=FONT_BOLD, fontSize=8.5,
                                    leading=11, spaceAfter=0),
        "label": ParagraphStyle("label", parent=base, fontName=FONT_BOLD, fontSize=8.5,
                                leading=11, textColor=MUTED, spaceAfter=0),
    }


# -- text helpers ---------------------------------------------------------------
def text_markup(text: str | None) -> str:
    """Escape user text for a Paragraph, keeping line breaks."""
    if not text:
        return ""
    lines = escape(str(text)).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br/>".join(lines)


def title(text: str, subtitle: str = "") -> list[Flowable]:
    st = styles()
    out: list[Flowable] = [Paragraph(text_markup(text), st["title"])]
    if subtitle:
        out.append(Paragraph(text_markup(subtitle), st["subtitle"]))
    return out


def heading(text: str, level: int = 1) -> Paragraph:
    return Paragraph(text_markup(text), styles()["h1" if level <= 1 else "h2"])


def para(text: str | None, style: str = "body", empty: str = "") -> Paragraph:
    """A paragraph of user text (escaped). ``empty`` is shown, muted, when blank."""
    st = styles()
    if not (text or "").strip():
        return Paragraph(f"<i>{escape(empty)}</i>" if empty else "", st["muted"])
    return Paragraph(text_markup(text), st[style])


def paras(text: str | None, empty: str = "") -> list[Flowable]:
    """User text split on blank lines into paragraphs so long text breaks across pages."""
    blocks = [b for b in (text or "").replace("\r\n", "\n").split("\n\n") if b.strip()]
    if not blocks:
        return [para("", empty=empty)]
    return [para(b) for b in blocks]


def markup(text: str, style: str = "body") -> Paragraph:
    """A paragraph of trusted mark-up written by the app itself."""
    return Paragraph(text, styles()[style])


def bullets(items: Iterable[str]) -> ListFlowable:
    st = styles()
    return ListFlowable(
        [ListItem(Paragraph(text_markup(i), st["body"]), leftIndent=10) for i in items],
        bulletType="bullet", bulletFontName=FONT, bulletFontSize=7, leftIndent=10,
    )


def spacer(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)


def page_break() -> PageBreak:
    return PageBreak()


def keep_together(flowables: list[Flowable]) -> KeepTogether:
    return KeepTogether(flowables)


def frame_width() -> float:
    return PAGE_SIZE[0] - 2 * MARGIN


def _cell(value: Any, style: ParagraphStyle) -> Flowable:
    if isinstance(value, Flowable):  # already laid out (e.g. a coloured rating)
        return value
    text = "" if value is None else str(value)
    if len(text) > CELL_LIMIT:
        text = text[:CELL_LIMIT] + " …"
    return Paragraph(text_markup(text), style)


def key_value_table(rows: Sequence[tuple[str, Any]], label_width: float = 0.3) -> Table:
    """Two columns: a muted label and its value. Rows may split across pages."""
    st = styles()
    width = frame_width()
    data = [[_cell(k, st["label"]), _cell(v, st["cell"])] for k, v in rows]
    t = Table(data, colWidths=[width * label_width, width * (1 - label_width)],
              hAlign="LEFT", splitByRow=1, splitInRow=1)
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ]))
    return t


def table(header: Sequence[str], rows: Sequence[Sequence[Any]],
          widths: Sequence[float] | None = None, empty: str = "None recorded.") -> Flowable:
    """A data table whose header row repeats on every page it spans.

    ``widths`` are fractions of the frame width. Long cells split inside a row.
    """
    st = styles()
    if not rows:
        return para("", empty=empty)
    width = frame_width()
    fractions = list(widths) if widths else [1 / len(header)] * len(header)
    data = [[_cell(h, st["cell_head"]) for h in header]]
    data += [[_cell(v, st["cell"]) for v in row] for row in rows]
    t = Table(data, colWidths=[width * f for f in fractions], repeatRows=1, hAlign="LEFT",
              splitByRow=1, splitInRow=1)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    style += [("BACKGROUND", (0, r), (-1, r), ZEBRA) for r in range(2, len(data), 2)]
    t.setStyle(TableStyle(style))
    return t


# -- signature placeholder ------------------------------------------------------
@dataclass(frozen=True)
class SignatureSpot:
    """Where the visible signature goes: 0-based page and a box in PDF points."""

    page_index: int
    box: tuple[float, float, float, float]


SIGNATURE_BOX_HEIGHT = 30 * mm


class _SignaturePlaceholder(Flowable):
    """A labelled, framed box reserved for the visible signature.

    The label sits above the box so the signature's appearance, drawn over the
    box when the document is signed, never overlaps text. The box's position
    is recorded in ``spots`` when it is drawn.
    """

    LABEL_SPACE = 14

    def __init__(self, spots: list[SignatureSpot], label: str) -> None:
        super().__init__()
        self.spots = spots
        self.label = label
        self.width = frame_width()
        self.height = SIGNATURE_BOX_HEIGHT + self.LABEL_SPACE

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = min(avail_width, frame_width())
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        box_h = SIGNATURE_BOX_HEIGHT
        x, y = c.absolutePosition(0, 0)
        self.spots.append(SignatureSpot(c.getPageNumber() - 1, (x, y, x + self.width, y + box_h)))
        c.saveState()
        c.setFillColor(MUTED)
        c.setFont(FONT_BOLD, 8.5)
        c.drawString(0, box_h + 4, self.label)
        c.setStrokeColor(RULE)
        c.setDash(3, 2)
        c.roundRect(2, 2, self.width - 4, box_h - 4, 4, stroke=1, fill=0)
        c.restoreState()


def signature_placeholder(
    spots: list[SignatureSpot], label: str = "Practice educator's digital signature"
) -> Flowable:
    return _SignaturePlaceholder(spots, label)


# -- the document ---------------------------------------------------------------
@dataclass(frozen=True)
class DocumentInfo:
    """Metadata and running header for one PDF."""

    title: str
    subject: str = ""
    author: str = ""
    #: Up to three short lines of placement details shown at the top of every page.
    header: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int
    info: DocumentInfo
    signature_spot: SignatureSpot | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _draw_header(c: Canvas, info: DocumentInfo) -> None:
    width, height = PAGE_SIZE
    top = height - MARGIN + 6 * mm
    c.setFillColor(ACCENT)
    c.setFont(FONT_BOLD, 9)
    c.drawString(MARGIN, top, info.title)
    c.setFillColor(MUTED)
    c.setFont(FONT, 7.5)
    y = top - 10
    for line in info.header[:3]:
        c.drawString(MARGIN, y, _fit(line, FONT, 7.5, width - 2 * MARGIN))
        y -= 9
    c.setStrokeColor(RULE)
    c.setLineWidth(0.6)
    c.line(MARGIN, y + 3, width - MARGIN, y + 3)


def _fit(text: str, font: str, size: float, max_width: float) -> str:
    if pdfmetrics.stringWidth(text, font, size) <= max_width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > max_width:
        text = text[:-1]
    return text + "…"


def _draw_footer(c: Canvas, info: DocumentInfo, page: int, total: int) -> None:
    width, _ = PAGE_SIZE
    y = MARGIN - 8 * mm
    c.setStrokeColor(RULE)
    c.setLineWidth(0.6)
    c.line(MARGIN, y + 10, width - MARGIN, y + 10)
    c.setFillColor(MUTED)
    c.setFont(FONT, 7.5)
    c.drawString(MARGIN, y, _fit(f"PE Desktop {__version__} · {info.title}", FONT, 7.5,
                                 width - 2 * MARGIN - 80))
    c.drawRightString(width - MARGIN, y, f"Page {page} of {total}")


def _canvas_class(info: DocumentInfo) -> type[Canvas]:
    """A canvas that holds pages back until the end so the footer knows the total."""

    class PagedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab API
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for number, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                _draw_header(self, info)
                _draw_footer(self, info, number, total)
                Canvas.showPage(self)
            self.page_total = total
            Canvas.save(self)

    return PagedCanvas


#: Services date every PDF they render with ``document_time(ctx.now())``; a PDF
#: rendered outside it is left undated, never dated by the wall clock.
document_time = dated


def pdf_date(instant: datetime) -> str:
    """``instant`` as a PDF date string in the user's zone (D:YYYYMMDDHHmmSS+HH'mm,
    the form PDF 2.0 and the XMP conversion use)."""
    local = instant.astimezone()
    offset = local.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "+" if minutes >= 0 else "-"
    return f"D:{local:%Y%m%d%H%M%S}{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}"


def header_height(info: DocumentInfo) -> float:
    return 10 + 9 * min(3, len(info.header)) + 8


def render_pdf(info: DocumentInfo, story: list[Flowable],
               signature_spots: list[SignatureSpot] | None = None) -> RenderedPdf:
    """Lay out ``story`` and return the PDF bytes.

    Pass the same ``signature_spots`` list given to :func:`signature_placeholder`
    to learn where the signature box landed.
    """
    register_fonts()
    buf = BytesIO()
    holder: dict[str, int] = {}
    canvas_cls = _canvas_class(info)

    when = _document_instant()
    stamp = pdf_date(when) if when is not None else None

    class CountingCanvas(canvas_cls):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            # ReportLab's documented hook for the info dictionary's dates: ours, not
            # its TimeStamp (which, with invariant=1 below, reads no clock at all).
            if stamp is not None:
                self.setDateFormatter(lambda *_ymdhms: stamp)

        def save(self) -> None:
            super().save()
            holder["pages"] = self.page_total

    doc = SimpleDocTemplate(
        buf, pagesize=PAGE_SIZE,
        leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN + header_height(info), bottomMargin=MARGIN + 2 * mm,
        title=info.title, author=info.author, subject=info.subject,
        keywords=", ".join(info.keywords), creator=f"PE Desktop {__version__}",
        producer=PRODUCER, initialFontName=FONT, lang=LANGUAGE, invariant=1,
    )
    doc.build(list(story), canvasmaker=CountingCanvas)
    spots = signature_spots or []
    return RenderedPdf(make_archival(buf.getvalue(), when), holder.get("pages", 0), info,
                       spots[-1] if spots else None)
