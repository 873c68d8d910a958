"""``pe-desktop panel pull|enrol|round status|member|join``: receiving a round."""

from __future__ import annotations

import argparse
from pathlib import Path

EXIT_REJECTED = 3


def register(psub: argparse._SubParsersAction, rsub: argparse._SubParsersAction) -> None:
    p = psub.add_parser("pull", help="fetch a round's bundles, verify and import them "
                                     "(bad ones are quarantined; exit 3 if any)")
    p.add_argument("--round", required=True, metavar="ID")
    p.add_argument("--target", action="append", metavar="NAME")
    p.add_argument("--file", action="append", type=Path, metavar="FILE",
                   help="import this bundle file instead of pulling")
    p.set_defaults(func=run_pull)

    e = psub.add_parser("enrol", help="list a round's contributor keys; confirm one")
    e.add_argument("--round", required=True, metavar="ID")
    e.add_argument("--confirm", metavar="FINGERPRINT")
    e.set_defaults(func=run_enrol)

    st = rsub.add_parser("status", help="expected vs received, outcomes, rules, reviews")
    st.add_argument("--round", required=True, metavar="ID")
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=run_status)

    j = psub.add_parser("join", help="set this data directory up as a panel member")
    j.add_argument("--identity", type=Path, required=True, metavar="FILE",
                   help="the panel's age identity file (from 'panel identity export')")
    j.add_argument("--request", type=Path, required=True, metavar="FILE")
    j.add_argument("--name", required=True)
    j.set_defaults(func=run_join)

    m = psub.add_parser("member", help="the chair pins a member's review-signing key")
    msub = m.add_subparsers(dest="member_command", metavar="ACTION", required=True)
    ma = msub.add_parser("add")
    ma.add_argument("--name", required=True)
    ma.add_argument("--fingerprint", required=True)
    ma.set_defaults(func=run_member_add)
    ml = msub.add_parser("list")
    ml.set_defaults(func=run_member_list)


def _open(args):
    from pe_desktop.cli.cmd_panel import _open as open_

    return open_(args)


def run_pull(args: argparse.Namespace) -> int:
    from pe_desktop.services.panel.pull import pull_round

    ctx, store = _open(args)
    try:
        outcomes = pull_round(ctx, args.round, store, args.target, args.file)
    finally:
        ctx.close()
    for o in outcomes:
        print(o.line().replace("ROUND", args.round))
    rejected = sum(1 for o in outcomes if o.status == "rejected")
    imported = sum(1 for o in outcomes if o.status == "imported")
    print(f"Round {args.round}: {imported} imported, "
          f"{sum(1 for o in outcomes if o.status == 'duplicate')} seen before, "
          f"{rejected} rejected (quarantined)")
    return EXIT_REJECTED if rejected else 0


def run_enrol(args: argparse.Namespace) -> int:
    from pe_desktop.cli.common import context
    from pe_desktop.services.panel.enrol import EnrolmentService

    ctx = context(args)
    try:
        svc = EnrolmentService(ctx)
        if args.confirm:
            row = svc.confirm(args.round, args.confirm)
            print(f"Confirmed {row.pseudonym} ({row.fingerprint}): {row.items} reports can now "
                  "be reviewed.")
            return 0
        rows = svc.list(args.round)
    finally:
        ctx.close()
    for r in rows:
        state = "confirmed" if r.confirmed else "PENDING"
        print(f"{r.pseudonym}\t{r.org_code or '-'}\t{r.items} reports\t{state}\t{r.fingerprint}")
    if not rows:
        print("No contributors yet.")
    return 0


def run_status(args: argparse.Namespace) -> int:
    from pe_desktop.cli.common import context, print_json
    from pe_desktop.services.panel.status import round_status

    ctx = context(args)
    try:
        st = round_status(ctx, args.round)
    finally:
        ctx.close()
    if args.json:
        print_json(st.to_json())
        return 0

    def mix(d: dict[str, int]) -> str:
        return ", ".join(f"{k} {v}" for k, v in sorted(d.items())) or "none"

    print(f"Round {st.round_id} (due {st.due}): {st.received_items} of {st.expected_items} "
          f"selected reports received from {st.contributors} contributors "
          f"({st.pending_contributors} awaiting confirmation); {st.rejected} bundles rejected")
    print("By organisation: " + ", ".join(f"{k} {st.per_org.get(k, 0)}"
                                          for k in st.expected_orgs or sorted(st.per_org)))
    print("Outcomes:        " + mix(st.outcomes))
    print("Selected by:     " + mix(st.rules))
    print("Reviews:         " + mix(st.review_states))
    return 0


def run_join(args: argparse.Namespace) -> int:
    from pe_desktop.services.panel.members import MemberService

    ctx, store = _open(args)
    try:
        key = MemberService(ctx).join(args.identity, args.request, args.name, store)
    finally:
        ctx.close()
    print(f"Joined the panel as {args.name}. Your review-signing key: {key.fingerprint}")
    print("Give this fingerprint to the chair ('panel member add').")
    return 0


def run_member_add(args: argparse.Namespace) -> int:
    from pe_desktop.cli.common import context
    from pe_desktop.services.panel.members import MemberService

    ctx = context(args)
    try:
        MemberService(ctx).add_member(args.name, args.fingerprint)
    finally:
        ctx.close()
    print(f"Added {args.name}: reviews signed by {args.fingerprint[:23]}… will be accepted.")
    return 0


def run_member_list(args: argparse.Namespace) -> int:
    from pe_desktop.cli.common import context
    from pe_desktop.services.panel.members import MemberService

    ctx = context(args)
    try:
        rows = MemberService(ctx).members()
    finally:
        ctx.close()
    for name, fp in rows:
        print(f"{name}\t{fp}")
    if not rows:
        print("No members added yet.")
    return 0
