"""Help → About: the version, the components inside and their licences, and
where the data lives."""

from __future__ import annotations

import html
import platform
from importlib.metadata import PackageNotFoundError, version

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pe_desktop import __version__
from pe_desktop.paths import resources_dir
from pe_desktop.services.context import AppContext

#: (distribution, what it does here, licence)
COMPONENTS = [
    ("PySide6-Essentials", "windows and widgets (Qt for Python)", "LGPL-3.0"),
    ("SQLAlchemy", "database access", "MIT"),
    ("alembic", "database upgrades", "MIT"),
    ("reportlab", "PDF documents", "BSD-3-Clause"),
    ("pyHanko", "PDF digital signatures (PAdES)", "MIT"),
    ("pikepdf", "PDF/A archival metadata (uses QPDF)", "MPL-2.0 (QPDF: Apache-2.0)"),
    ("pypdfium2", "printing PDFs (uses PDFium)", "Apache-2.0 or BSD-3-Clause"),
    ("cryptography", "certificates and keys", "Apache-2.0 or BSD-3-Clause"),
    ("keyring", "the system password store", "MIT"),
    ("keyrings.cryptfile", "encrypted secrets file where there is no password store",
     "MIT"),
    ("icalendar", "calendar (.ics) export", "BSD-2-Clause"),
    ("holidays", "England and Wales bank holidays", "MIT"),
    ("platformdirs", "the data folder's location", "MIT"),
]


def _version(dist: str) -> str:
    try:
        return version(dist)
    except PackageNotFoundError:
        return "not installed"


def about_html(ctx: AppContext) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(name)}</td><td>{html.escape(_version(name))}</td>"
        f"<td>{html.escape(what)}</td><td>{html.escape(lic)}</td></tr>"
        for name, what, lic in COMPONENTS)
    fonts = resources_dir() / "fonts" / "LICENSE-DejaVu.txt"
    return (
        f"<h2>PE Desktop {html.escape(__version__)}</h2>"
        "<p>An offline workbook for social work practice educators in England.</p>"
        f"<p><b>Your data</b> is in <code>{html.escape(str(ctx.paths.root))}</code> "
        "(readable only by you). Back it up with File → Back up now.</p>"
        f"<p>Python {html.escape(platform.python_version())} on "
        f"{html.escape(platform.system())}.</p>"
        "<h3>Components and their licences</h3>"
        "<table cellpadding='3'><tr><th align='left'>Component</th><th align='left'>Version"
        "</th><th align='left'>Used for</th><th align='left'>Licence</th></tr>"
        f"{rows}</table>"
        "<h3>Fonts</h3><p>PDFs embed <b>DejaVu Sans</b> (regular, bold, oblique, bold "
        "oblique) from the DejaVu fonts project, under the Bitstream Vera licence with "
        "DejaVu's public-domain changes; the full text ships as "
        f"<code>{html.escape(str(fonts))}</code>.</p>"
        "<h3>Frameworks</h3><p>The Professional Capabilities Framework (PCF) domain names "
        "and descriptions are © British Association of Social Workers (BASW), used to "
        "map evidence for assessment.</p>"
    )


class AboutDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About PE Desktop")
        self.resize(720, 560)
        layout = QVBoxLayout(self)
        self.text = QTextBrowser(self)
        self.text.setAccessibleName("About PE Desktop")
        self.text.setOpenExternalLinks(False)
        self.text.setHtml(about_html(ctx))
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
