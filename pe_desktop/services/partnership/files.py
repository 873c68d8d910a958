"""Writing the partnership return as CSV, JSON or PDF (chosen by the file's suffix).

CSV is UTF-8 with a BOM (opens in Excel); every file is written atomically and
owner-only. The PDF goes through the same renderer and signing as every other
PDF (kind ``return``).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.export.files import write_private_file
from pe_desktop.services.context import AppContext
from pe_desktop.services.partnership.service import PartnershipReturn, PartnershipReturnService

FORMATS = (".csv", ".json", ".pdf")


def return_csv(ret: PartnershipReturn) -> str:
    head, rows = ret.csv_rows()
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(head)
    w.writerows(rows)
    return buf.getvalue()


def export_return(ctx: AppContext, year: int, out: Path, *, layout_file: Path | None = None,
                  sign: bool = False, store=None) -> PartnershipReturn:
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise PEDesktopError(f"Write the return to a .csv, .json or .pdf file, not '{out.name}'")
    if sign and suffix != ".pdf":
        raise PEDesktopError("Only the PDF can be signed; write FILE.pdf to sign it")
    ret = PartnershipReturnService(ctx).build(year, layout_file)
    if suffix == ".csv":
        write_private_file(out, ("\ufeff" + return_csv(ret)).encode("utf-8"))
    elif suffix == ".json":
        text = json.dumps(ret.to_json(), ensure_ascii=False, indent=2) + "\n"
        write_private_file(out, text.encode("utf-8"))
    else:
        from pe_desktop.services.documents.kinds import PdfRequest
        from pe_desktop.services.signing.pdf_export import export_pdf

        options = {"year": year, "layout_file": str(layout_file) if layout_file else None}
        export_pdf(ctx, "return", PdfRequest(None, options), out, sign=sign, store=store)
    return ret
