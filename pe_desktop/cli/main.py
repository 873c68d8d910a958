"""``pe-desktop`` entry point.

Sub-commands live in small modules listed in :data:`COMMAND_MODULES`; each
defines ``register(subparsers)`` which adds its parser and sets
``func=handler``. A handler receives the parsed args and returns an exit code.
Errors reach the user as one line on stderr, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pe_desktop import __version__

if TYPE_CHECKING:  # argparse and logging are imported only when a command runs
    import argparse

COMMAND_MODULES = [
    "pe_desktop.cli.cmd_demo",
    "pe_desktop.cli.cmd_interchange",
    "pe_desktop.cli.cmd_placements",
    "pe_desktop.cli.cmd_signing",
    "pe_desktop.cli.cmd_pdf",
    "pe_desktop.cli.cmd_currency",
    "pe_desktop.cli.cmd_evidence",
    "pe_desktop.cli.cmd_timelog",
    "pe_desktop.cli.cmd_return",
    "pe_desktop.cli.cmd_panel",
    "pe_desktop.cli.cmd_qa",
]


def build_parser() -> argparse.ArgumentParser:
    import argparse
    import importlib

    parser = argparse.ArgumentParser(
        prog="pe-desktop",
        description="PE Desktop: placements, evidence and reports for Practice Educators.",
    )
    parser.add_argument("--version", action="version", version=f"PE Desktop {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR",
        help="use this data directory (default: $PE_DESKTOP_DATA_DIR or the per-user data dir)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def fail(message: str, code: int = 1) -> int:
    # One line: a message that quotes a value must not spill over several.
    one_line = " ".join(message.split("\n"))
    print(f"pe-desktop: error: {one_line}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Fast path: no sub-command opens the GUI without building every parser.
    if not argv or (len(argv) == 2 and argv[0] == "--data-dir") or (
        len(argv) == 1 and argv[0].startswith("--data-dir=")
    ):
        data_dir = argv[1] if len(argv) == 2 else (argv[0].split("=", 1)[1] if argv else None)
        from pe_desktop.ui.app import run_gui

        return run_gui(data_dir)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from pe_desktop.ui.app import run_gui

        return run_gui(args.data_dir)
    import logging

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return fail("interrupted", 130)
    except BrokenPipeError:
        # The reader stopped early (``| head``): not an error. Point stdout at
        # devnull so the interpreter's final flush does not complain either.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 - every failure is one line, never a traceback
        return fail(_describe(exc, args))


def _describe(exc: BaseException, args: argparse.Namespace) -> str:
    from pe_desktop.paths import resolve_data_dir
    from pe_desktop.services.failures import describe_failure

    try:
        data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    except Exception:  # noqa: BLE001
        data_dir = None
    return describe_failure(exc, data_dir)


if __name__ == "__main__":
    raise SystemExit(main())
