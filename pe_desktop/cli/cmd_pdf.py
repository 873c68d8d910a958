"""``pe-desktop pdf``: render (and optionally sign) a PDF for a placement."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pe_desktop.services.documents.kinds import PDF_KINDS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("pdf", help="write a report, record or portfolio as a PDF")
    p.add_argument("--placement", type=int, metavar="ID", help="placement id")
    p.add_argument("--kind", required=True, choices=sorted(PDF_KINDS) or None,
                   help="what to render")
    p.add_argument("--out", required=True, type=Path, metavar="FILE")
    p.add_argument("--sign", action="store_true", help="apply your PAdES digital signature")
    p.add_argument("--session", type=int, metavar="ID",
                   help="supervision: one session instead of the whole log")
    p.add_argument("--observation", type=int, metavar="ID",
                   help="observation: which one (default: the latest)")
    p.add_argument("--report-version", dest="report_version", type=int, metavar="N",
                   help="midway/final: a specific report version (default: the latest)")
    p.add_argument("--stage", choices=["four_week", "midway", "final"],
                   help="review: which QAMP review (default: the latest recorded)")
    p.set_defaults(func=run_pdf)


def run_pdf(args: argparse.Namespace) -> int:
    from pe_desktop.cli.cmd_signing import cli_passphrase, native_store_allowed
    from pe_desktop.cli.common import context
    from pe_desktop.services.documents.kinds import PdfRequest
    from pe_desktop.services.signing.pdf_export import export_pdf

    options = {
        k: v for k, v in (("session_id", args.session), ("observation_id", args.observation),
                          ("version", args.report_version), ("stage", args.stage))
        if v is not None
    }
    ctx = context(args)
    try:
        result = export_pdf(ctx, args.kind, PdfRequest(args.placement, options), args.out,
                            sign=args.sign, store=ctx.store, passphrase=cli_passphrase,
                            try_native=native_store_allowed())
    finally:
        ctx.close()
    if result.secrets_in:
        print(f"Secrets are kept in {result.secrets_in}.", file=sys.stderr)
    print(f"Wrote {result.path} ({result.pages} pages, {result.size // 1024} KB)")
    if result.signed:
        print(f"Signed by {result.signer}; certificate SHA-256 {result.fingerprint}")
    return 0
