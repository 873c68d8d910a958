"""Tables that fit their width: no horizontal scrolling, nothing cut without a way
to read it (issue 16, defect 15).

:func:`fit_columns` attaches a :class:`ColumnFitter` to a table or tree view. It
measures each column's header and the text of its first rows, and whenever the
rows or the view's width change it sets the column widths so that together they
fill the viewport exactly:

- when everything fits, the spare room goes to the ``stretch`` column (by
  default the one with the longest text: the free-text column);
- when it does not, the widest columns give way first, down to a common width
  (never below :data:`MIN_WIDTH`), so short columns (dates, counts, states)
  keep their whole text and only long free text is elided;
- a cell whose text is elided shows the whole of it as its tooltip;
- in a view too narrow even for the headers, ``optional`` columns (details
  shown elsewhere too) step aside first.

The user can still drag a column wider; the next refit (new rows, a resize)
fits the table again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QToolTip

#: Rows measured per column (the fitter runs on the GUI thread after every change
#: of the rows: 60 cost ~25 ms on the Students list; a longer text further down is
#: elided with its whole text as the tooltip).
SAMPLE_ROWS = 30
#: After a change of the rows the fit waits this long: the several signals of one
#: update (a patched row, then the reloaded list) give one fit, and the fit runs as
#: its own short step rather than lengthening the update's (a window resize fits
#: at once).
FIT_DELAY_MS = 15
#: A column never gets narrower than this while others are wider.
MIN_WIDTH = 56


def share_width(wanted: list[int], available: int, stretch: int | None,
                floors: list[int] | None = None, minimum: int = MIN_WIDTH,
                keep: int | None = 0) -> list[int]:
    """Widths summing to ``available``: ``wanted`` where it fits; where it does not,
    the widest cut to a common cap but none below its floor (its header's width:
    short columns keep their whole text); spare room goes to ``stretch``. If even
    the floors do not fit they shrink in proportion, except column ``keep`` (the
    one naming the row)."""
    if not wanted:
        return []
    floors = [min(f, w) for f, w in zip(floors or [minimum] * len(wanted), wanted, strict=True)]
    if sum(floors) > available:  # even the floors do not fit: the widest give way
        kept = keep if keep is not None and floors[keep] <= available // 2 else None
        inner = [f if i == kept else min(f, minimum // 2) for i, f in enumerate(floors)]
        if sum(inner) <= available:
            floors = share_width(floors, available, None, inner, minimum, None)
        else:  # a sliver of a view: equal shares
            floors = [max(1, available // len(floors))] * len(floors)
    total = sum(wanted)
    if total <= available:
        out = list(wanted)
        out[stretch if stretch is not None else len(out) - 1] += available - total
        return out

    def capped(cap: int) -> list[int]:
        return [max(f, min(w, cap)) for w, f in zip(wanted, floors, strict=True)]

    lo, hi = 0, max(wanted)
    while lo < hi:  # the largest cap whose capped sum fits
        mid = (lo + hi + 1) // 2
        if sum(capped(mid)) <= available:
            lo = mid
        else:
            hi = mid - 1
    out = capped(lo)
    spare = available - sum(out)
    cut = sorted((i for i in range(len(out)) if out[i] < wanted[i]), key=lambda i: -wanted[i])
    if spare > 0 and cut:  # the rounding remainder to the widest cut column
        out[cut[0]] += spare
    return out


class ColumnFitter(QObject):
    """Keeps one view's columns fitted (see the module docstring)."""

    def __init__(self, view: QAbstractItemView, stretch: int | None = None,
                 optional: tuple[int, ...] = ()) -> None:
        super().__init__(view)
        self.view = view
        self.stretch = stretch
        #: Columns hidden, in this order, while even the headers cannot fit.
        self.optional = optional
        self._auto_hidden: set[int] = set()
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FIT_DELAY_MS)
        self._timer.timeout.connect(self.fit)
        view.viewport().installEventFilter(self)
        header.viewport().installEventFilter(self)
        self._watch(view.model())

    def header(self) -> QHeaderView:
        view = self.view
        return view.horizontalHeader() if hasattr(view, "horizontalHeader") else view.header()

    def _watch(self, model) -> None:  # noqa: ANN001 - any item model
        if model is None:
            return
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved,
                       model.dataChanged, model.layoutChanged, model.headerDataChanged):
            signal.connect(self._timer.start)
        self._timer.start()

    def _margin(self) -> int:
        style = self.view.style()
        return 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.view) + 1)

    def wanted(self) -> tuple[list[int], list[int]]:
        """Each column's natural width (its header's and its first rows' size hints,
        through the column's delegate, so a progress bar or an icon counts) and
        its floor: the header's width; the whole width for a column its own
        delegate draws (a squeezed progress bar is unreadable); for the first
        column, which names the row, up to a quarter of the view."""
        header = self.header()
        header.setResizeContentsPrecision(SAMPLE_ROWS)
        heads = [self._header_width(c) for c in range(header.count())]
        wanted = [max(h, self.view.sizeHintForColumn(c)) for c, h in enumerate(heads)]
        floors = list(heads)
        for c in range(len(wanted)):
            if self.view.itemDelegateForColumn(c) is not None:
                floors[c] = min(wanted[c], 110)
        if floors:
            floors[0] = max(floors[0], min(wanted[0], self.view.viewport().width() // 4))
        return wanted, floors

    def _header_width(self, col: int) -> int:
        """A header's natural width, hidden or not (Qt gives 0 for a hidden one)."""
        header = self.header()
        if not header.isSectionHidden(col):
            return header.sectionSizeHint(col)
        style = header.style()
        title = str(self.view.model().headerData(col, Qt.Orientation.Horizontal) or "")
        margin = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) \
            if header.isSortIndicatorShown() else 0
        return header.fontMetrics().horizontalAdvance(title) + 2 * margin + arrow

    @property
    def pending(self) -> bool:
        """Whether a fit is waiting to run (tests wait for it)."""
        return self._timer.isActive()

    def fit(self) -> None:
        self._timer.setInterval(FIT_DELAY_MS)
        model, header = self.view.model(), self.header()
        if model is None or header.count() == 0:
            return
        wanted, heads = self.wanted()
        shown = [c for c in range(len(wanted))
                 if c in self._auto_hidden or not header.isSectionHidden(c)]
        room = self.view.viewport().width()
        drop: set[int] = set()
        for c in self.optional:  # a narrow view shows fewer columns, never a scroll bar
            if sum(heads[k] for k in shown if k not in drop) <= room:
                break
            if c in shown:
                drop.add(c)
        for c in shown:
            header.setSectionHidden(c, c in drop)
        self._auto_hidden = drop
        shown = [c for c in shown if c not in drop]
        if not shown:
            return
        stretch = self.stretch if self.stretch in shown else \
            max(shown, key=lambda c: wanted[c])
        widths = share_width([wanted[c] for c in shown], room,
                             shown.index(stretch), [heads[c] for c in shown])
        for c, w in zip(shown, widths, strict=True):
            if header.sectionSize(c) != w:
                header.resizeSection(c, w)
        self.view.updateGeometries()  # the scroll range now, not on Qt's next timer

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize and obj is self.view.viewport():
            self._timer.start(0)
        elif event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            if obj is self.header().viewport():
                return self._show_tooltip(event, self.header_tooltip(event.pos()),
                                          self.header().viewport())
            return self._show_tooltip(event, self.cell_tooltip(event.pos()),
                                      self.view.viewport())
        return False

    def header_tooltip(self, pos: QPoint) -> str:
        """The title of a header squeezed below its width at ``pos`` (header
        coordinates), or "" (a tooltip the model gives wins)."""
        header = self.header()
        col = header.logicalIndexAt(pos)
        model = self.view.model()
        if col < 0 or model is None or model.headerData(col, Qt.Orientation.Horizontal,
                                                        Qt.ItemDataRole.ToolTipRole):
            return ""
        if header.sectionSize(col) >= header.sectionSizeHint(col):
            return ""
        return str(model.headerData(col, Qt.Orientation.Horizontal) or "")

    def cell_tooltip(self, pos: QPoint) -> str:
        """The whole text of a cut cell at ``pos`` (viewport coordinates), or ""
        (a tooltip the model gives wins)."""
        index = self.view.indexAt(pos)
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return ""
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str):
            return ""
        room = self.view.visualRect(index).width() - self._margin()
        return text if self.view.fontMetrics().horizontalAdvance(text) > room else ""

    def _show_tooltip(self, event: QHelpEvent, text: str, where) -> bool:  # noqa: ANN001
        if not text:
            return False
        QToolTip.showText(event.globalPos(), text, where)
        return True


def fit_columns(view: QAbstractItemView, stretch: int | None = None,
                optional: tuple[int, ...] = ()) -> ColumnFitter:
    """Fit ``view``'s columns to its width from now on (see the module docstring);
    ``optional`` columns step aside, in that order, when even the headers cannot fit."""
    fitter = ColumnFitter(view, stretch, optional)
    view.setProperty("columnFitter", True)
    return fitter
