"""Helpers shared by CLI commands."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from pe_desktop.services.context import AppContext, open_context


def context(args: argparse.Namespace, *, daily_backup: bool = True) -> AppContext:
    """Unlock and open the data folder (asking for the secrets-file passphrase if needed).

    The first command of the day backs the data up; a new key's recovery key
    is printed once.
    """
    from pe_desktop.cli.cmd_signing import _passphrase

    ctx = open_context(getattr(args, "data_dir", None), passphrase=_passphrase,
                       progress=_conversion_progress)
    show_recovery_key_if_pending(ctx)
    if daily_backup:
        from pe_desktop.services.backup.automatic import BackupError, daily_if_due

        try:
            made = daily_if_due(ctx)
        except BackupError as exc:  # a full disk must not stop the command itself
            print(f"pe-desktop: warning: the daily backup failed: {exc}", file=sys.stderr)
        else:
            if made is not None and made.second_problem:
                print(f"pe-desktop: warning: {made.second_problem}", file=sys.stderr)
    return ctx


_last_pct: list[int] = [-1]


def _conversion_progress(done: int, total: int, message: str) -> None:
    pct = 100 * done // max(total, 1)
    if pct == _last_pct[0]:
        return
    _last_pct[0] = pct
    print(f"\r{message}… {pct}%", end="" if done < total else "\n", file=sys.stderr, flush=True)


def show_recovery_key_if_pending(ctx: AppContext) -> None:
    from pe_desktop.services.protection.keys import (
        format_recovery_key,
        mark_recovery_shown,
        recovery_pending,
    )

    if ctx.keys is None or not recovery_pending(ctx.paths):
        return
    print_recovery_key(format_recovery_key(ctx.keys.current))
    mark_recovery_shown(ctx.paths)


def print_recovery_key(text: str) -> None:
    print("\nYour data is encrypted. This is its RECOVERY KEY; it opens your data if the "
          "keyring is lost.\nWrite it down or print it and keep it away from this computer. "
          "It is shown only once:\n\n    " + text + "\n", file=sys.stderr)


def print_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
