"""``pe-desktop key rotate|recover|status``: the data key."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from pe_desktop.domain.errors import PEDesktopError

ENV_RECOVERY_KEY = "PE_DESKTOP_RECOVERY_KEY"


def register(sub: argparse._SubParsersAction) -> None:
    k = sub.add_parser("key", help="the key that encrypts your data: rotate, recover, status")
    ksub = k.add_subparsers(dest="key_command", metavar="ACTION", required=True)
    ksub.add_parser("status", help="where the key is kept").set_defaults(func=run_status)
    ksub.add_parser("rotate", help="re-encrypt everything under a new key (prints a new "
                                   "recovery key)").set_defaults(func=run_rotate)
    ksub.add_parser("recover", help="put the key back into the keyring from your recovery "
                                    "key").set_defaults(func=run_recover)


def run_status(args: argparse.Namespace) -> int:
    from pe_desktop.cli.common import context
    from pe_desktop.services.protection.keys import env_keys

    ctx = context(args, daily_backup=False)
    try:
        where = "PE_DESKTOP_DATA_KEY" if env_keys() is not None else (
            ctx.store.description if ctx.store else "nowhere")
        print(f"Data folder:  {ctx.paths.root}")
        print("Database:     encrypted (SQLCipher, 256-bit key)")
        print(f"Key kept in:  {where}")
        print(f"Retired keys: {len(ctx.keys.retired) if ctx.keys else 0}")
    finally:
        ctx.close()
    return 0


def run_rotate(args: argparse.Namespace) -> int:
    from pe_desktop.cli.common import context, print_recovery_key
    from pe_desktop.services.protection.keys import mark_recovery_shown
    from pe_desktop.services.protection.rotation import rotate

    ctx = context(args, daily_backup=False)
    try:
        recovery = rotate(ctx)
        print_recovery_key(recovery)
        mark_recovery_shown(ctx.paths)
    finally:
        ctx.close()
    print("Your data now uses a new key; the old recovery key no longer opens it.")
    return 0


def run_recover(args: argparse.Namespace) -> int:
    from pe_desktop.cli.cmd_signing import _passphrase
    from pe_desktop.paths import DataPaths, resolve_data_dir
    from pe_desktop.services.protection.rotation import recover
    from pe_desktop.services.protection.unlock import open_store

    text = os.environ.get(ENV_RECOVERY_KEY)
    if not text:
        if not sys.stdin.isatty():
            raise PEDesktopError(f"type the recovery key in a terminal or set {ENV_RECOVERY_KEY}")
        text = getpass.getpass("Recovery key (PEDK-…): ")
    paths = DataPaths(resolve_data_dir(getattr(args, "data_dir", None)))
    store = open_store(paths, _passphrase)
    recover(paths, store, text)
    print(f"The key is back in {store.description}; PE Desktop opens your data again.")
    return 0
