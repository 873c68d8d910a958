"""``pe-desktop verify`` and ``pe-desktop identity`` (the PE's signing identity)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from pe_desktop.domain.errors import PEDesktopError

#: Passphrase of the encrypted secrets file for unattended use (no terminal).
ENV_SECRETS_PASSPHRASE = "PE_DESKTOP_SECRETS_PASSPHRASE"
#: "file" skips probing the system keyring (headless machines, tests).
ENV_SECRET_STORE = "PE_DESKTOP_SECRET_STORE"


def register(sub: argparse._SubParsersAction) -> None:
    v = sub.add_parser("verify", help="check the digital signatures in a PDF")
    v.add_argument("file", type=Path, metavar="FILE.pdf")
    v.add_argument("--trust", type=Path, action="append", metavar="CERT",
                   help="certificate (PEM/DER) the signer must hold; may be repeated")
    v.set_defaults(func=run_verify)

    i = sub.add_parser("identity", help="show, create or import your signing identity")
    isub = i.add_subparsers(dest="identity_command", metavar="ACTION", required=True)
    show = isub.add_parser("show", help="show the signing certificate and its fingerprint")
    show.set_defaults(func=run_show)
    create = isub.add_parser("create", help="create a self-issued certificate from your profile")
    create.add_argument("--replace", action="store_true", help="replace an existing identity")
    create.set_defaults(func=run_create)
    imp = isub.add_parser("import", help="import a PKCS#12 (.p12/.pfx) file from your employer")
    imp.add_argument("file", type=Path)
    imp.add_argument("--replace", action="store_true", help="replace an existing identity")
    imp.set_defaults(func=run_import)
    cert = isub.add_parser("export-cert", help="write your certificate (PEM) to give to others")
    cert.add_argument("--out", type=Path, required=True, metavar="FILE")
    cert.set_defaults(func=run_export_cert)


def run_verify(args: argparse.Namespace) -> int:
    from pe_desktop.clock import default_clock
    from pe_desktop.export.signing import load_trusted_certs, verify_file
    from pe_desktop.paths import DataPaths, resolve_data_dir
    from pe_desktop.services.signing.known_signers import apply_known_signers

    trusted = load_trusted_certs(args.trust) if args.trust else None
    clock = default_clock()
    report = verify_file(args.file, trusted, at=clock.now())
    keys = DataPaths(resolve_data_dir(args.data_dir)).keys
    report = apply_known_signers(report, keys, clock.today().isoformat())
    for line in report.lines()[:-1]:
        print(line)
    if report.ok:
        print(report.lines()[-1])
        return 0
    if report.status == "chain-incomplete":  # not tampering proven, not unchanged either
        print(f"pe-desktop: verify: {report.reason}", file=sys.stderr)
        return 3
    print(f"pe-desktop: verify failed: {report.reason}", file=sys.stderr)
    return 1


# -- secret store and identity ------------------------------------------------------
def _passphrase(creating: bool) -> str | None:
    env = os.environ.get(ENV_SECRETS_PASSPHRASE)
    if env:
        return env
    if not sys.stdin.isatty():
        raise PEDesktopError(
            "No system keyring here: the encrypted secrets file needs its passphrase; run in "
            f"a terminal or set {ENV_SECRETS_PASSPHRASE}."
        )
    if creating:
        first = getpass.getpass("New passphrase for PE Desktop's encrypted secrets file: ")
        if getpass.getpass("Repeat it: ") != first:
            raise PEDesktopError("The passphrases do not match; nothing was changed.")
        return first
    return getpass.getpass("Passphrase for PE Desktop's encrypted secrets file: ")


def cli_passphrase(creating: bool) -> str | None:
    """The secrets-file passphrase from the environment or the terminal."""
    return _passphrase(creating)


def native_store_allowed() -> bool:
    return os.environ.get(ENV_SECRET_STORE, "auto") != "file"


def open_store(keys_dir: Path):  # -> SecretStore
    from pe_desktop.services.secret_store import SecretStore

    store = SecretStore.open(keys_dir, _passphrase, try_native=native_store_allowed())
    print(f"Secrets are kept in {store.description}.", file=sys.stderr)
    return store


def identity_service(args: argparse.Namespace):  # -> (ctx, SigningIdentityService)
    from pe_desktop.cli.common import context
    from pe_desktop.services.signing.identity import SigningIdentityService

    ctx = context(args)
    store = ctx.store or open_store(ctx.paths.keys)
    return ctx, SigningIdentityService(ctx.paths.keys, store)


def print_identity(info) -> None:  # IdentityInfo
    print(f"Signer:              {info.display_name}")
    print(f"Kind:                {info.source} certificate")
    print(f"Valid:               {info.not_before:%d %b %Y} to {info.not_after:%d %b %Y}")
    print(f"Certificate SHA-256: {info.fingerprint}")
    print(f"Key file:            {info.path}")
    print(f"Passphrase kept in:  {info.store}")


def run_show(args: argparse.Namespace) -> int:
    from pe_desktop.services.signing.identity import IdentityMissing

    ctx, svc = identity_service(args)
    try:
        info = svc.info()
    finally:
        ctx.close()
    if info is None:
        raise IdentityMissing("No signing identity yet: run 'pe-desktop identity create' or "
                              "'pe-desktop identity import FILE.p12'.")
    print_identity(info)
    return 0


def run_create(args: argparse.Namespace) -> int:
    from pe_desktop.services.profile import ProfileService

    ctx, svc = identity_service(args)
    try:
        profile = ProfileService(ctx).get()
        if profile is None:
            raise PEDesktopError("Add your name and registration number to your profile first.")
        info = svc.create(profile.full_name, profile.swe_registration, profile.organisation,
                          now=ctx.now(), replace=args.replace)
    finally:
        ctx.close()
    print_identity(info)
    return 0


def run_import(args: argparse.Namespace) -> int:
    ctx, svc = identity_service(args)
    try:
        passphrase = os.environ.get("PE_DESKTOP_P12_PASSPHRASE")
        if passphrase is None:
            if not sys.stdin.isatty():
                raise PEDesktopError("Run in a terminal to type the file's passphrase, or set "
                                     "PE_DESKTOP_P12_PASSPHRASE.")
            passphrase = getpass.getpass(f"Passphrase for {args.file.name}: ")
        info = svc.import_pkcs12(args.file, passphrase, replace=args.replace)
    finally:
        ctx.close()
    print_identity(info)
    if info.chain_gap:
        from pe_desktop.services.signing.identity import chain_gap_advice

        print(f"Note: {chain_gap_advice(info.chain_gap)}", file=sys.stderr)
    return 0


def run_export_cert(args: argparse.Namespace) -> int:
    from pe_desktop.export.files import write_private_file

    ctx, svc = identity_service(args)
    try:
        pem = svc.certificate_pem()
    finally:
        ctx.close()
    write_private_file(args.out, pem)
    print(f"Wrote your certificate to {args.out}")
    return 0
