"""``pe-desktop currency``: your currency status, its reasons and the policy."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pe_desktop.cli.common import context, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "currency",
        help="show your currency as a practice educator (current / at risk / lapsed)",
        description="Print your currency status with each reason and the date it lapses. "
        "Exit status is 0 whatever the status; use --json to read it.",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--set-policy", metavar="FILE", type=Path,
                       help="use a partnership's currency policy (JSON) from now on")
    group.add_argument("--reset-policy", action="store_true",
                       help="go back to the default currency policy")
    group.add_argument("--show-policy", action="store_true", help="print the policy in force")
    p.set_defaults(func=run)


def status_json(ov: Any) -> dict[str, Any]:
    st = ov.status
    return {
        "date": st.today.isoformat(),
        "state": st.state.key,
        "next_lapse": st.next_lapse.isoformat() if st.next_lapse else None,
        "peps_stage": st.peps_stage,
        "cpd_hours_in_window": st.cpd_hours_in_window,
        "reasons": [
            {"rule": r.rule.value, "state": r.state.key, "text": r.text,
             "lapses_on": r.lapses_on.isoformat() if r.lapses_on else None,
             "placement_id": r.placement_id}
            for r in st.reasons
        ],
        "warnings": [{"text": w.text, "placement_id": w.placement_id} for w in st.warnings],
        "policy": ov.policy.to_dict(),
        "policy_is_custom": ov.policy_is_custom,
    }


def run(args: argparse.Namespace) -> int:
    from pe_desktop.services.currency.service import CurrencyService

    ctx = context(args)
    try:
        svc = CurrencyService(ctx)
        if args.set_policy is not None:
            policy = svc.import_policy(args.set_policy)
            print(f"Currency policy set: {policy.name}")
            return 0
        if args.reset_policy:
            print(f"Currency policy reset to: {svc.reset_policy().name}")
            return 0
        if args.show_policy:
            policy, custom = svc.policy()
            if args.json:
                print_json({**policy.to_dict(), "custom": custom})
            else:
                print(f"{policy.name} ({'your own' if custom else 'default'})")
                for key, value in policy.to_dict().items():
                    if key != "name":
                        print(f"  {key}: {value}")
            return 0
        ov = svc.overview()
    finally:
        ctx.close()
    if args.json:
        print_json(status_json(ov))
        return 0
    st = ov.status
    who = f"{ov.pe_name} ({ov.registration_number})" if ov.pe_name else "Your"
    print(f"{who} currency on {st.today:%d/%m/%Y}: {st.state.label.upper()}")
    if st.next_lapse:
        print(f"Next lapse: {st.next_lapse:%d/%m/%Y}")
    marks = {0: "ok ", 1: "!! ", 2: "XX "}
    for r in st.reasons:
        print(f"  {marks[r.state.value]}{r.title}: {r.text}")
    for w in st.warnings:
        print(f"  !! Warning: {w.text}")
    print(f"Policy: {ov.policy.name}")
    return 0
