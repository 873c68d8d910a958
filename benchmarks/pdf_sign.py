"""Render and sign a placement portfolio from the large dataset.

    python -m benchmarks.generate --data-dir /tmp/pe-bench
    python -m benchmarks.pdf_sign --data-dir /tmp/pe-bench [--repeat 7]

Prints the time to render the portfolio alone (the baseline, measured in the
same run) and to render and sign it, with their ratio. The first call of each
pays one-off costs (imports, font loading); they are reported separately and
the medians are of warm runs. The signed output is checked with verify.
Target on this machine: render + sign of ~30 pages in under one second.

Then the cold command as a user runs it, whole-process: ``pe-desktop pdf
--kind portfolio --sign`` against the same export unsigned (target ≤ 1.5×),
with the encrypted secrets file, whose key derivation (Argon2) is run once per
process and is timed on its own for comparison.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.figures import Figure, print_figures


def _pick_placement(ctx, target_pages: int) -> int:
    """A placement with reports whose portfolio is closest to ``target_pages`` pages.

    Candidates are tried in order of their number of supervision sessions,
    nearest a ~30-page record first (at most eight renders); other features'
    data extenders decide how long each record is.
    """
    from sqlalchemy import func, select

    from pe_desktop.services.documents.evidence import build_portfolio
    from pe_desktop.services.documents.kinds import PdfRequest
    from pe_desktop.storage.models import Report, SupervisionSession

    with ctx.read_session() as s:
        with_reports = set(s.scalars(select(Report.placement_id)))
        counts = dict(s.execute(
            select(SupervisionSession.placement_id, func.count())
            .group_by(SupervisionSession.placement_id)
        ).all())
    ranked = sorted(with_reports, key=lambda pid: abs(counts.get(pid, 0) - 16))
    if not ranked:
        raise SystemExit("No placement with reports: run benchmarks.generate first")
    best = (10**9, ranked[0])
    for pid in ranked[:8]:
        pages = build_portfolio(ctx, PdfRequest(pid)).pages
        best = min(best, (abs(pages - target_pages), pid))
        if best[0] <= 3:
            break
    return best[1]


def warm(data_dir: Path, repeat: int, pages: int) -> tuple[int, list[Figure]]:
    """Render and sign in this process, warm; returns the placement used."""

    t0 = time.perf_counter()
    t_imp = time.perf_counter()
    from pe_desktop.export.signing import sign_pdf, verify_pdf
    from pe_desktop.services.documents.evidence import build_portfolio
    from pe_desktop.services.documents.kinds import PdfRequest
    from pe_desktop.services.secret_store import SecretStore
    from pe_desktop.services.signing.identity import SigningIdentityService

    import_s = time.perf_counter() - t_imp
    from pe_desktop.services.context import open_context

    ctx = open_context(data_dir)
    NOW = ctx.now()  # noqa: N806
    t_pick = time.perf_counter()
    pid = _pick_placement(ctx, pages)
    pick_s = time.perf_counter() - t_pick
    keys = Path(tempfile.mkdtemp(prefix="pe-bench-keys-"))
    identity = SigningIdentityService(keys, SecretStore.in_memory())
    identity.create("Benchmark Practice Educator", "SW900001", now=NOW)
    material = identity.material()
    request = PdfRequest(pid)

    def render():
        return build_portfolio(ctx, request)

    def render_and_sign():
        doc = build_portfolio(ctx, request)
        return sign_pdf(doc.data, material, now=NOW, spot=doc.signature_spot)

    t = time.perf_counter()
    first = render()
    cold_render = time.perf_counter() - t
    t = time.perf_counter()
    signed = render_and_sign()
    cold_sign = time.perf_counter() - t
    report = verify_pdf(signed.data, at=NOW)
    assert report.ok, report.reason

    render_times, signed_times, sign_only = [], [], []
    for _ in range(repeat):
        t = time.perf_counter()
        render()
        render_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        doc = render()
        t_mid = time.perf_counter()
        sign_pdf(doc.data, material, now=NOW, spot=doc.signature_spot)
        t_end = time.perf_counter()
        signed_times.append(t_end - t)
        sign_only.append(t_end - t_mid)
    ctx.close()

    r = statistics.median(render_times)
    rs = statistics.median(signed_times)
    so = statistics.median(sign_only)
    print(f"placement {pid}: portfolio of {first.pages} pages, {len(first.data) // 1024} KB "
          f"({len(signed.data) // 1024} KB signed); verify: OK")
    print(f"choosing the placement took {pick_s:.1f} s (its renders warm the caches)")
    print(f"one-off: import export+signing modules {import_s * 1000:.0f} ms, first timed render "
          f"{cold_render * 1000:.0f} ms, first render+sign {cold_sign * 1000:.0f} ms")
    print(f"render alone (baseline), median of {repeat}: {r * 1000:.0f} ms "
          f"(min {min(render_times) * 1000:.0f}; {r / first.pages * 1000:.1f} ms/page)")
    print(f"render + sign,           median of {repeat}: {rs * 1000:.0f} ms "
          f"(min {min(signed_times) * 1000:.0f}; signing itself median {so * 1000:.0f} ms, "
          f"min {min(sign_only) * 1000:.0f})")
    print(f"ratio render+sign / render: {rs / r:.2f}; target render+sign < 1000 ms: "
          f"{'met' if rs < 1.0 else 'NOT met'}")
    print(f"warm part took {time.perf_counter() - t0:.1f} s")
    return pid, [Figure("pdf_sign", f"render + sign {first.pages} pages, warm", rs * 1000, "ms",
                        "< 1000 ms", rs < 1.0, r * 1000, "render alone")]


#: The cold command, timed whole-process (interpreter start to exit).
CLI = [sys.executable, "-m", "pe_desktop"]
PASSPHRASE = "benchmark secrets passphrase"
COLD_TARGET = 1.5


def cold(data_dir: Path, pid: int, runs: int) -> list[Figure]:
    """``pe-desktop pdf --kind portfolio [--sign]`` from cold, interleaved, ``runs``
    times each, with the encrypted secrets file (no system keyring here) holding
    the data key and the signing key's passphrase. The signing identity is
    created in ``data_dir/keys`` if missing."""
    env = dict(os.environ, PE_DESKTOP_SECRET_STORE="file",
               PE_DESKTOP_SECRETS_PASSPHRASE=PASSPHRASE)
    env.pop("PE_DESKTOP_DATA_DIR", None)
    if env.pop("PE_DESKTOP_DATA_KEY", None):
        _key_into_secrets_file(data_dir)  # as for a user without a keyring
    base = [*CLI, "--data-dir", str(data_dir)]
    if not (data_dir / "keys" / "signing-identity.p12").exists():
        subprocess.run([*base, "identity", "create"], env=env, check=True,
                       capture_output=True)
    out = Path(tempfile.mkdtemp(prefix="pe-bench-pdf-"))
    commands = {
        "unsigned": [*base, "pdf", "--placement", str(pid), "--kind", "portfolio",
                     "--out", str(out / "u.pdf")],
        "signed": [*base, "pdf", "--placement", str(pid), "--kind", "portfolio",
                   "--out", str(out / "s.pdf"), "--sign"],
    }
    times: dict[str, list[float]] = {k: [] for k in commands}
    cpu: dict[str, list[float]] = {k: [] for k in commands}  # children's user + system
    for cmd in commands.values():  # warm-up: disk cache, .pyc files
        subprocess.run(cmd, env=env, check=True, capture_output=True)
    for _ in range(runs):
        for name, cmd in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run(cmd, env=env, check=True, capture_output=True)
            times[name].append(time.perf_counter() - t)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime + after.ru_stime - before.ru_utime
                             - before.ru_stime)
    # In the dataset's own folder: a verify elsewhere would pin (or compare with) the
    # certificate in the default data directory, which is not this benchmark's.
    ok = subprocess.run([*base, "verify", str(out / "s.pdf")], env=env, capture_output=True)
    shutil.rmtree(out, ignore_errors=True)
    med = {k: statistics.median(v) * 1000 for k, v in times.items()}
    busy = {k: statistics.median(v) * 1000 for k, v in cpu.items()}
    kdf = _one_derivation()
    print(f"cold CLI, median of {runs} (ms): " + ", ".join(
        f"{k} {med[k]:.0f} [{', '.join(f'{x * 1000:.0f}' for x in v)}]"
        for k, v in times.items())
        + f"; one Argon2 derivation of the secrets file here {kdf:.0f} ms; signed file "
        + ("verifies" if ok.returncode == 0 else "DOES NOT VERIFY"))
    return [
        Figure("pdf_sign", "cold `pdf --kind portfolio --sign`", med["signed"], "ms",
               f"≤ {COLD_TARGET}× unsigned", med["signed"] <= COLD_TARGET * med["unsigned"]
               and ok.returncode == 0, med["unsigned"], "same export unsigned",
               note=f"one key derivation {kdf:.0f} ms"),
        Figure("pdf_sign", "cold `pdf --kind portfolio --sign`, CPU time", busy["signed"], "ms",
               f"≤ {COLD_TARGET}× unsigned", busy["signed"] <= COLD_TARGET * busy["unsigned"],
               busy["unsigned"], "same export unsigned, CPU"),
    ]


def _key_into_secrets_file(data_dir: Path) -> None:
    """Keep the data key (given by ``PE_DESKTOP_DATA_KEY``) in the folder's encrypted
    secrets file, so the cold commands find it where a user without an OS keyring
    has it: each of them then unlocks the file (one derivation) to open the data."""
    from pe_desktop.paths import DataPaths
    from pe_desktop.services.protection.keys import env_keys, load_keys, save_keys
    from pe_desktop.services.secret_store import SecretStore

    paths = DataPaths(data_dir)
    keys = env_keys()
    store = SecretStore.open(paths.keys, lambda _c: PASSPHRASE, try_native=False)
    saved = os.environ.pop("PE_DESKTOP_DATA_KEY")
    try:
        if load_keys(paths, store) != keys:
            save_keys(paths, store, keys, recovery_pending=False)
    finally:
        os.environ["PE_DESKTOP_DATA_KEY"] = saved
    store.forget()


def _one_derivation() -> float:
    """Milliseconds for one key derivation of the encrypted secrets file (its
    library's Argon2 parameters), measured now: the part of a cold signed export
    that cannot be shared between processes."""
    from argon2.low_level import Type, hash_secret_raw
    from keyrings.cryptfile.cryptfile import CryptFileKeyring as K

    t = time.perf_counter()
    hash_secret_raw(secret=PASSPHRASE.encode(), salt=b"0123456789abcdef",
                    time_cost=K.time_cost, memory_cost=K.memory_cost,
                    parallelism=K.parallelism, hash_len=16, type=Type.ID)
    return (time.perf_counter() - t) * 1000


def run(data_dir: Path, repeat: int = 7, pages: int = 30, cold_runs: int = 5) -> list[Figure]:
    pid, figures = warm(data_dir, repeat, pages)
    return [*figures, *cold(data_dir, pid, cold_runs)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=Path("/tmp/pe-bench"))
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--cold-runs", type=int, default=5)
    ap.add_argument("--pages", type=int, default=30, help="portfolio length to look for")
    args = ap.parse_args(argv)
    print_figures(f"PDF signing, {args.data_dir}",
                  run(args.data_dir, args.repeat, args.pages, args.cold_runs))
    return 0

if __name__ == "__main__":
    raise SystemExit(main())
