"""Helpers shared by CLI commands."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from pe_desktop.services.context import AppContext, open_context


def context(args: argparse.Namespace) -> AppContext:
    return open_context(getattr(args, "data_dir", None))


def print_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
