"""``pe-desktop qa ...``: the peer-QA command group.

This module only creates the group; each part lives in its own module listed
in :data:`QA_COMMANDS` with ``register(qa_subparsers)`` (or ``register_qa``),
so the anonymiser, the transport and the protocol add commands independently.
"""

from __future__ import annotations

import argparse
import importlib

QA_COMMANDS = [
    "pe_desktop.cli.qa_anonymise",
    "pe_desktop.cli.qa_transport",
    "pe_desktop.cli.qa_protocol",
]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("qa", help="peer QA samples: requests, selection, anonymised review, "
                                  "bundles, targets and the outbox")
    qa_sub = p.add_subparsers(dest="qa_command", metavar="QA_COMMAND", required=True)
    for name in QA_COMMANDS:
        module = importlib.import_module(name)
        (getattr(module, "register_qa", None) or module.register)(qa_sub)
