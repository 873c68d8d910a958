"""``pe-desktop qa anonymise-text``: anonymise any text given the known entities."""

from __future__ import annotations

import argparse
import sys

from pe_desktop.domain.errors import PEDesktopError


def register(qa_sub: argparse._SubParsersAction) -> None:
    p = qa_sub.add_parser(
        "anonymise-text",
        help="anonymise text (stdin to stdout by default); counts per category go to stderr")
    p.add_argument("--known", required=True, metavar="KNOWN.json",
                   help='known people and places: {"people": [{"role", "name", '
                        '"preferred_name"}], "organisations": [...], "places": [...]}')
    p.add_argument("input", nargs="?", metavar="IN", help="text file to read (default: stdin)")
    p.add_argument("--out", metavar="OUT", help="write here (default: stdout)")
    p.set_defaults(func=run_anonymise_text)


def load_known(path: str):
    import json

    from pe_desktop.domain.anonymise import KnownEntities

    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except json.JSONDecodeError as exc:
        raise PEDesktopError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except UnicodeDecodeError:
        raise PEDesktopError(f"{path}: not UTF-8 text") from None
    try:
        return KnownEntities.from_json(data)
    except ValueError as exc:
        raise PEDesktopError(f"{path}: {exc}") from None


def run_anonymise_text(args: argparse.Namespace) -> int:
    from pe_desktop.domain.anonymise import CATEGORIES, Anonymiser

    known = load_known(args.known)
    if args.input:
        try:
            with open(args.input, encoding="utf-8") as f:
                text = f.read()
        except UnicodeDecodeError:
            raise PEDesktopError(f"{args.input}: not UTF-8 text") from None
    else:
        text = sys.stdin.read()
    result = Anonymiser(known).anonymise(text)
    if args.out:
        import os

        fd = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(result.text)
    else:
        sys.stdout.write(result.text)
        sys.stdout.flush()
    counts = result.counts()
    summary = ", ".join(f"{c}: {counts[c]}" for c in CATEGORIES if counts.get(c))
    print(f"Redacted {len(result.redactions)}" + (f" ({summary})" if summary else ""),
          file=sys.stderr)
    return 0
