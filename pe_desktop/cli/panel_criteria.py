"""``pe-desktop panel criteria show|use|reset``: the panel's own QA criteria file."""

from __future__ import annotations

import argparse
from pathlib import Path

from pe_desktop.domain.wording import count


def register(psub: argparse._SubParsersAction) -> None:
    c = psub.add_parser("criteria", help="the QA criteria this panel reviews against "
                                         "(show, use an edited copy, reset)")
    csub = c.add_subparsers(dest="criteria_command", metavar="ACTION", required=True)
    show = csub.add_parser("show", help="list the criteria in use; --out writes the file "
                                        "to edit")
    show.add_argument("--out", type=Path, metavar="FILE")
    show.set_defaults(func=run_show)
    use = csub.add_parser("use", help="check an edited criteria file (with a version of its "
                                      "own) and use it for new reviews")
    use.add_argument("file", type=Path, metavar="FILE")
    use.set_defaults(func=run_use)
    reset = csub.add_parser("reset", help="go back to the shipped criteria")
    reset.set_defaults(func=run_reset)


def _print(state) -> None:
    c = state.criteria
    print(f"Criteria {c.version} ({'this panel' if state.own else 'shipped'}): {c.title}")
    for k in c.criteria:
        print(f"  {k.key}\t{k.title}\t({', '.join(k.kinds)})")
    print("Ratings: " + ", ".join(f"{r.key} = {r.label}" for r in c.ratings))
    print(f"Moderation when reviewers are more than {count(c.max_spread, 'step')} apart, or differ "
          f"on more than {c.max_differences} criteria.")
    if state.reviews_other_version:
        print(f"{count(state.reviews_other_version, 'review')} already recorded keep the version "
              "they were made with.")


def _run(args: argparse.Namespace, fn) -> int:
    from pe_desktop.cli.common import context

    ctx = context(args)
    try:
        state = fn(ctx)
    finally:
        ctx.close()
    _print(state)
    return 0


def run_show(args: argparse.Namespace) -> int:
    from pe_desktop.export.files import write_private_file
    from pe_desktop.services.panel import criteria_file

    def show(ctx):
        if args.out:
            write_private_file(args.out, criteria_file.current_json(ctx).encode("utf-8"))
            print(f"Wrote {args.out}: edit it, give it a new \"version\", then "
                  "'pe-desktop panel criteria use FILE'.")
        return criteria_file.current(ctx)

    return _run(args, show)


def run_use(args: argparse.Namespace) -> int:
    from pe_desktop.services.panel import criteria_file

    return _run(args, lambda ctx: criteria_file.use(ctx, args.file))


def run_reset(args: argparse.Namespace) -> int:
    from pe_desktop.services.panel import criteria_file

    return _run(args, criteria_file.reset)
