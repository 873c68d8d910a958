"""One selected report as it will leave: every redaction highlighted in place.

Each redacted span shows the original text on a colour per category followed
by a small ⟨category⟩ tag; clicking it offers to undo the redaction (with a
confirmation). Selecting text and pressing *Redact selection* redacts it
everywhere in the round. The service does the work; this widget only shows
the :class:`~pe_desktop.services.qa.review.Preview` it is given.
"""

from __future__ import annotations

import re
from html import escape

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from pe_desktop.services.qa.review import Preview

COLOURS = {"person": "#ffd6d6", "organisation": "#d6e4ff", "place": "#d9f2d9",
           "date": "#fff2c2", "email": "#f0d9ff", "phone": "#f0d9ff", "postcode": "#e6e6e6",
           "address": "#e6e6e6"}
DEFAULT_COLOUR = "#ffe0b3"
TAG = re.compile(r"⟨[^⟩]*⟩")


def strip_tags(selected: str) -> str:
    """The text the PE meant when a selection crosses a ⟨category⟩ tag."""
    return " ".join(TAG.sub("", selected.replace("\u2029", " ")).split())


def _field_html(fi: int, text: str, redactions) -> str:
    out, pos = [], 0
    for ri, r in enumerate(redactions):
        out.append(escape(text[pos:r.start]))
        colour = COLOURS.get(r.category, DEFAULT_COLOUR)
        tip = escape(f"{r.category} → {r.label} ({r.source}); click to undo")
        out.append(f'<a href="r:{fi}:{ri}" title="{tip}" style="background:{colour};'
                   f'color:#111;text-decoration:none">{escape(text[r.start:r.end])}</a>'
                   f'<span style="color:#666;font-size:small">⟨{escape(r.category)}⟩</span>')
        pos = r.end
    out.append(escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")


def preview_html(p: Preview) -> str:
    d = p.item.data
    pl = d["placement"]
    parts = [f"<h2>{escape(d['title'])} · return code {escape(d['return_code'])}</h2>",
             f"<p><b>{escape(d['recommendation_label'] or '')}</b>"
             f"{' — borderline' if d['borderline'] else ''} · {escape(pl['kind'])} · "
             f"{escape(pl['route_label'])} · {'statutory' if pl['statutory'] else 'non-statutory'}"
             f" · {pl['days_completed']} of {pl['required_days']} days · "
             f"{escape(pl['started'] or '')} to {escape(pl['planned_end'] or '')} · people shown "
             "as [Student], [Practice Educator], [On-site Supervisor], [Tutor]</p>"]
    for fi, f in enumerate(p.item.fields):
        body = _field_html(fi, f.anonymised.original, f.anonymised.redactions)
        parts.append(f"<h3>{escape(f.heading)}</h3><p>{body or '<i>(empty)</i>'}</p>")
    return "".join(parts)


class PreviewView(QWidget):
    #: (field index, redaction index) clicked
    redaction_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview: Preview | None = None
        self.counts = QLabel("Choose a selected report to see it as the panel will.")
        self.counts.setWordWrap(True)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Anonymised preview")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._clicked)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.counts)
        lay.addWidget(self.browser, 1)

    def show_preview(self, p: Preview | None) -> None:
        self.preview = p
        if p is None:
            self.browser.clear()
            self.counts.setText("Choose a selected report to see it as the panel will.")
            return
        counts = p.item.counts()
        total = sum(counts.values())
        state = ("Approved" if p.approved else
                 "Changed since approval — approve again" if p.approval else "Not yet approved")
        self.counts.setText(
            f"<b>{total} redactions</b>: " + (", ".join(
                f'<span style="background:{COLOURS.get(k, DEFAULT_COLOUR)}">&nbsp;{k}&nbsp;'
                f'</span> {v}' for k, v in counts.items()) or "none")
            + f" · {state}" + (f" (sha256 {p.approval.sha256[:12]}…)" if p.approval else ""))
        bar = self.browser.verticalScrollBar().value()
        self.browser.setHtml(preview_html(p))
        self.browser.verticalScrollBar().setValue(bar)

    def selected_text(self) -> str:
        return strip_tags(self.browser.textCursor().selectedText())

    def redaction(self, fi: int, ri: int):  # -> (text, Redaction)
        assert self.preview is not None
        f = self.preview.item.fields[fi].anonymised
        r = f.redactions[ri]
        return f.original[r.start:r.end], r

    def _clicked(self, url: QUrl) -> None:
        kind, _, rest = url.toString().partition(":")
        if kind == "r":
            fi, ri = (int(x) for x in rest.split(":"))
            self.redaction_clicked.emit(fi, ri)
