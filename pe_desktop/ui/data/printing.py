"""Print any PDF through Qt's print dialog. Pages are rendered by PDFium
(``pypdfium2``) at the printer's resolution (at most 300 dpi) and scaled to fit
the printable area, keeping their proportions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.ui.widgets.messages import show_error


def print_pdf(path: Path, printer: QPrinter) -> int:
    """Print every page of ``path`` on ``printer``; returns the number of pages."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError) as exc:
        raise PEDesktopError(f"{path.name} cannot be read as a PDF: {exc}") from exc
    painter = QPainter()
    if not painter.begin(printer):
        raise PEDesktopError("the printer could not be started")
    try:
        dpi = min(printer.resolution(), 300)
        for i in range(len(pdf)):
            if i:
                printer.newPage()
            page = pdf[i]
            image = page.render(scale=dpi / 72).to_pil().convert("RGB")
            q = QImage(image.tobytes("raw", "RGB"), image.width, image.height,
                       3 * image.width, QImage.Format.Format_RGB888).copy()
            area = painter.viewport()
            size = q.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(QRect(area.x(), area.y(), size.width(), size.height()))
            painter.setWindow(q.rect())
            painter.drawImage(0, 0, q)
            painter.setViewport(area)
            painter.setWindow(area)
        return len(pdf)
    finally:
        painter.end()
        pdf.close()


def choose_and_print(parent: QWidget, path: Path) -> bool:
    """Qt's print dialog for ``path``; True when it was printed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(path.name)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print {path.name}")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        print_pdf(path, printer)
    except PEDesktopError as exc:
        show_error(parent, exc, "Not printed")
        return False
    return True
