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
    "pe_desktop.cli.cmd_calendar",
    "pe_desktop.cli.cmd_placements",
    "pe_desktop.cli.cmd_signing",
    "pe_desktop.cli.cmd_pdf",
    "pe_desktop.cli.cmd_currency",
    "pe_desktop.cli.cmd_evidence",
    "pe_desktop.cli.cmd_panel",
    "pe_desktop.cli.cmd_qa",
    "pe_desktop.cli.cmd_timelog",
    "pe_desktop.cli.cmd_return",
    "pe_desktop.cli.cmd_backup",
    "pe_desktop.cli.cmd_audit",
    "pe_desktop.cli.cmd_key",
    "pe_desktop.cli.cmd_retention",
    "pe_desktop.cli.cmd_oss",
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


def gui_arguments(argv: list[str]) -> tuple[str | None, str | None] | None:
    """(data dir, file to open) when ``argv`` only opens the GUI, else None.

    ``pe-desktop [--data-dir DIR] [FILE.pepkg|.peqa|.peinvite]``: the desktop
    file's ``Exec=pe-desktop %f`` passes a double-clicked file this way.
    """
    from pe_desktop.services.opened_files import is_openable

    rest = list(argv)
    opened = rest.pop() if rest and is_openable(rest[-1]) and not rest[-1].startswith("-") \
        else None
    if not rest:
        return None, opened
    if len(rest) == 2 and rest[0] == "--data-dir":
        return rest[1], opened
    if len(rest) == 1 and rest[0].startswith("--data-dir="):
        return rest[0].split("=", 1)[1], opened
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Fast path: no sub-command opens the GUI without building every parser.
    gui = gui_arguments(argv)
    if gui is not None:
        from pe_desktop.ui.app import run_gui

        return run_gui(*gui)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from pe_desktop.ui.app import run_gui

        return run_gui(args.data_dir)
    import logging

    from pe_desktop.services import bank_holiday_cache

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    bank_holiday_cache.install()
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
