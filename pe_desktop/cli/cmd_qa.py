"""``pe-desktop qa ...``: the peer-QA command group.

This module only creates the group; each command lives in its own module
listed in :data:`QA_COMMANDS` (``register(qa_subparsers)``), so the QA
protocol's commands are added without touching the others.
"""

from __future__ import annotations

import argparse
import importlib

QA_COMMANDS = [
    "pe_desktop.cli.qa_anonymise",
]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("qa", help="peer QA samples: anonymise, select, bundle and send")
    qa_sub = p.add_subparsers(dest="qa_command", metavar="QA_COMMAND", required=True)
    for name in QA_COMMANDS:
        importlib.import_module(name).register(qa_sub)
