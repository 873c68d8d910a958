"""``pe-desktop qa …``: peer QA (issue 12). Each part registers its own actions."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    from pe_desktop.cli import qa_transport

    qa = sub.add_parser("qa", help="peer QA: targets, outbox and push")
    qsub = qa.add_subparsers(dest="qa_command", metavar="ACTION", required=True)
    qa_transport.register_qa(qsub)
