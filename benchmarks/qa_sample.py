"""Peer QA round on the large dataset: select, anonymise and bundle 100 reports.

    python -m benchmarks.generate --data-dir /tmp/pe-bench
    python -m benchmarks.qa_sample --data-dir /tmp/pe-bench [--reports 100]

Works on a copy of the data directory. A panel (in a temporary directory)
asks for every report signed in a period holding the latest ``--reports``
signed reports (rate 100%); the PE's app selects them, anonymises and approves
each, and builds the signed, age-encrypted bundle. The same reports' ordinary
PDFs are rendered in the same run for comparison. Target: the round in < 10 s.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

TARGET_S = 10.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=Path("/tmp/pe-bench"))
    ap.add_argument("--reports", type=int, default=100)
    args = ap.parse_args(argv)
    if not (args.data_dir / "pe-desktop.sqlite").exists():
        print(f"No dataset in {args.data_dir}: run python -m benchmarks.generate first.")
        return 2
    from pe_desktop.export.kinds import PdfRequest
    from sqlalchemy import select

    from pe_desktop.domain.reports import ReportKind, VersionStatus
    from pe_desktop.export.report_pdf import build_final, build_midway
    from pe_desktop.services.context import open_context
    from pe_desktop.services.panel.profile import PanelService
    from pe_desktop.services.panel.rounds import RoundInput, RoundService, parse_org
    from pe_desktop.services.qa.bundles import BundleService
    from pe_desktop.services.qa.requests import RequestService
    from pe_desktop.services.qa.review import ReviewService
    from pe_desktop.services.secret_store import SecretStore
    from pe_desktop.storage.models import ReportVersion

    with tempfile.TemporaryDirectory(prefix="pe-qa-bench-") as tmp:
        pe_dir, panel_dir = Path(tmp) / "pe", Path(tmp) / "panel"
        shutil.copytree(args.data_dir, pe_dir)
        store = SecretStore.in_memory()
        pe, panel = open_context(pe_dir), open_context(panel_dir)
        with pe.read_session() as s:
            signed = sorted(pe.local_date(t) for t in s.scalars(
                select(ReportVersion.signed_at).where(
                    ReportVersion.status == VersionStatus.SIGNED)))
        if len(signed) < args.reports:
            print(f"Only {len(signed)} signed reports in the dataset.")
        start, end = signed[-min(args.reports, len(signed))], signed[-1]
        PanelService(panel).init("Benchmark panel", store)
        req = RoundService(panel).create(RoundInput(
            "BENCH", start, end, end + timedelta(days=30), "100",
            organisations=(parse_org("BBC=Benchmark Borough Council"),)), store)
        RequestService(pe).import_bytes(req.envelope, "benchmark")

        t0 = time.perf_counter()
        review = ReviewService(pe)
        sel = review.selection("BENCH")
        t_select = time.perf_counter() - t0
        t1 = time.perf_counter()
        approved = review.approve_all("BENCH")
        t_anon = time.perf_counter() - t1
        t2 = time.perf_counter()
        res = BundleService(pe).build("BENCH", store, org_code="BBC")
        t_bundle = time.perf_counter() - t2
        total = time.perf_counter() - t0
        n = len(approved)
        redactions = sum(sum(item.counts().values()) for _a, item in approved)

        t3 = time.perf_counter()
        for row in sel.selected:
            build = build_final if row.kind == ReportKind.FINAL else build_midway
            build(pe, PdfRequest(row.placement_id, {"version": row.version_number}))
        t_pdf = time.perf_counter() - t3
        pe.close()
        panel.close()

    per = total / max(n, 1)
    print(f"QA round on {args.data_dir}: {n} reports selected of {sel.counts()['eligible']} "
          f"eligible; {redactions} redactions; bundle {res.size / 1e6:.2f} MB")
    print(f"  select                 {t_select:7.2f} s")
    print(f"  anonymise + approve    {t_anon:7.2f} s   {t_anon / max(n, 1) * 1000:7.1f} ms/report")
    print(f"  bundle (PDFs, sign, age) {t_bundle:5.2f} s   "
          f"{t_bundle / max(n, 1) * 1000:7.1f} ms/report")
    print(f"  whole round            {total:7.2f} s   {per * 1000:7.1f} ms/report "
          f"(target < {TARGET_S:g} s: {'met' if total < TARGET_S else 'NOT met'})")
    print(f"  ordinary report PDFs   {t_pdf:7.2f} s   {t_pdf / max(n, 1) * 1000:7.1f} ms/report "
          f"(QA round ×{per / (t_pdf / max(n, 1)):.2f} of rendering the ordinary PDFs)")
    return 0 if total < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
