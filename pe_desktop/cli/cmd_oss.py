"""``pe-desktop oss ...``: on-site supervisor mode (both sides).

PE: ``invite``, ``import``, ``annotate``, ``report send``. OSS: ``join``,
``identity show``, ``students``, ``record``, ``send``, ``pdf``, ``report receive``,
``report list``, ``report reply``. A first package from an unknown
OSS key is imported only once the PE confirms it (interactively, or with
``--trust-fingerprint``); otherwise it is refused with exit code 3.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.domain.wording import count

EXIT_TRUST = 3


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("oss", help="on-site supervisor mode: invitations, records, packages")
    osub = p.add_subparsers(dest="oss_command", metavar="ACTION", required=True)

    inv = osub.add_parser("invite", help="(PE) write a signed invitation for a placement's OSS")
    inv.add_argument("--placement", type=int, required=True, metavar="ID")
    inv.add_argument("--out", type=Path, required=True, metavar="FILE.peinvite")
    inv.add_argument("--days", type=int, default=180, help="valid for N days (default 180)")
    inv.set_defaults(func=run_invite)

    join = osub.add_parser("join", help="(OSS) join an invitation on your own laptop")
    join.add_argument("file", type=Path, metavar="FILE.peinvite")
    join.add_argument("--name", default="", help="your full name (asked for if missing)")
    join.set_defaults(func=run_join)

    ident = osub.add_parser("identity", help="(OSS) your signing key")
    isub = ident.add_subparsers(dest="identity_command", metavar="ACTION", required=True)
    isub.add_parser("show", help="print your name and key fingerprint").set_defaults(
        func=run_identity_show)

    st = osub.add_parser("students", help="(OSS) the students you supervise")
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=run_students)

    rec = osub.add_parser("record", help="(OSS) print a blank form or enter a filled one")
    which = rec.add_mutually_exclusive_group(required=True)
    which.add_argument("--observation", action="store_const", dest="kind", const="observation")
    which.add_argument("--supervision", action="store_const", dest="kind", const="supervision")
    rec.add_argument("--template", action="store_true", help="print a blank form as JSON")
    rec.add_argument("file", nargs="?", type=Path, metavar="FILE.json")
    rec.add_argument("--placement", type=int, metavar="ID", help="needed with several students")
    rec.set_defaults(func=run_record)

    send = osub.add_parser("send", help="(OSS) sign and encrypt finished records for the PE")
    where = send.add_mutually_exclusive_group()
    where.add_argument("--target", action="append", metavar="NAME",
                       help="push to this target (default: every target)")
    where.add_argument("--out", type=Path, metavar="DIR", help="write .pepkg files here")
    send.add_argument("--placement", type=int, metavar="ID")
    send.set_defaults(func=run_send)

    imp = osub.add_parser("import", help="(PE) import OSS packages (file or pulled)")
    src = imp.add_mutually_exclusive_group(required=True)
    src.add_argument("file", nargs="?", type=Path, metavar="FILE.pepkg")
    src.add_argument("--pull", action="store_true", help="fetch from the configured targets")
    imp.add_argument("--target", action="append", metavar="NAME")
    imp.add_argument("--trust-fingerprint", metavar="FP",
                     help="confirm a first package's OSS key without asking")
    imp.set_defaults(func=run_import)

    ann = osub.add_parser("annotate", help="(PE) annotate an imported OSS record")
    ann.add_argument("--import-id", type=int, required=True, metavar="ID")
    ann.add_argument("--text", required=True)
    ann.set_defaults(func=run_annotate)

    _register_report(osub)

    pdf = osub.add_parser("pdf", help="(OSS) your record of students supervised, as a PDF")
    pdf.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    pdf.set_defaults(func=run_pdf)


def _open(args: argparse.Namespace):  # -> (ctx, store)
    from pe_desktop.cli.cmd_signing import open_store
    from pe_desktop.cli.common import context

    ctx = context(args)
    try:
        return ctx, open_store(ctx.paths.keys)
    except BaseException:
        ctx.close()
        raise


def run_invite(args: argparse.Namespace) -> int:
    from pe_desktop.services.oss.invitation import issue

    ctx, store = _open(args)
    try:
        inv = issue(ctx, store, args.placement, args.out, args.days)
    finally:
        ctx.close()
    print(f"Wrote the invitation for {inv.student_first_name} to {args.out} (expires "
          f"{inv.expires:%d %b %Y}).")
    print(f"Your key fingerprint (the supervisor can check it): {inv.pe_fingerprint}")
    return 0


def run_join(args: argparse.Namespace) -> int:
    from pe_desktop.services.oss.keys import identity_info
    from pe_desktop.services.oss.profile import join

    ctx, store = _open(args)
    try:
        name = args.name
        if not name and identity_info(ctx) is None:
            if not sys.stdin.isatty():
                raise PEDesktopError("Give your name with --name.")
            name = input("Your full name: ")
        sv = join(ctx, store, args.file, name)
        ident = identity_info(ctx)
    finally:
        ctx.close()
    print(f"You now supervise {sv.first_name} (placement id {sv.placement_id}) for "
          f"{sv.pe_name or 'the PE'}; invitation valid until {sv.expires_on:%d %b %Y}.")
    print(f"Your key fingerprint (read it to the PE): {ident.fingerprint}")
    return 0


def run_identity_show(args: argparse.Namespace) -> int:
    from pe_desktop.cli.common import context
    from pe_desktop.services.oss.keys import require_identity

    ctx = context(args)
    try:
        info = require_identity(ctx)
    finally:
        ctx.close()
    print(f"On-site supervisor: {info.name}")
    print(f"Key SHA-256:        {info.fingerprint}")
    print(f"Age recipient:      {info.age_recipient}")
    return 0


def run_students(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from pe_desktop.cli.common import context, print_json
    from pe_desktop.services.oss.profile import supervisees

    ctx = context(args)
    try:
        rows = supervisees(ctx)
    finally:
        ctx.close()
    if args.json:
        print_json([asdict(r) for r in rows])
        return 0
    for r in rows:
        print(f"{r.placement_id}\t{r.first_name}\t{count(r.observations, 'observation')}\t"
              f"{count(r.supervisions, 'supervision')}\t{r.sent} sent\tuntil {r.expires_on:%d %b %Y}")
    if not rows:
        print("No students yet: join an invitation with 'pe-desktop oss join FILE'.")
    return 0


def run_record(args: argparse.Namespace) -> int:
    from pe_desktop.cli.common import context, print_json
    from pe_desktop.services.oss.profile import enter_record, form_template

    if args.template == (args.file is not None):
        raise PEDesktopError("Give either --template or a filled FILE.json.")
    ctx = context(args)
    try:
        if args.template:
            print_json(form_template(ctx, args.kind, args.placement))
            return 0
        try:
            data = json.loads(args.file.read_text(encoding="utf-8-sig"))
        except OSError as exc:
            raise PEDesktopError(f"Cannot read {args.file}: {exc.strerror or exc}") from exc
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise PEDesktopError(f"{args.file} is not JSON: {exc}") from exc
        rid = enter_record(ctx, args.kind, data, args.placement)
    finally:
        ctx.close()
    print(f"Recorded {args.kind} {rid}; 'pe-desktop oss send' signs it and sends it to the PE.")
    return 0


def run_send(args: argparse.Namespace) -> int:
    from pe_desktop.services.oss.send import send
    from pe_desktop.services.qa.transfer import push

    ctx, store = _open(args)
    try:
        sent = send(ctx, store, args.out, args.placement)
        for p in sent:
            where = f"written to {p.path}" if p.path else "queued"
            print(f"{p.kind} {p.record_id} for {p.first_name}: {p.file_name} ({where})")
        if not sent:
            print("Nothing new to send.")
        if args.out is None:
            from pe_desktop.services.qa.targets import TargetService

            if not TargetService(ctx).list():
                raise PEDesktopError("No targets yet: add one with 'pe-desktop qa target add' "
                                     "or use --out DIR.")
            report = push(ctx, store, args.target)
            for d in report.failures:
                print(f"pe-desktop: send failed: {d.error}", file=sys.stderr)
            if not report.ok:
                raise PEDesktopError("Packages are queued; run 'pe-desktop oss send' again.")
            print(f"Sent: {report.summary()}.")
    finally:
        ctx.close()
    return 0


def _confirm_tty(req) -> bool:  # TrustRequest
    if not sys.stdin.isatty():
        return False
    print(f"First package from the on-site supervisor {req.oss_name} for "
          f"{req.student_first_name}.")
    print(f"Their key fingerprint: {req.fingerprint}")
    print("Compare it with what they read from 'pe-desktop oss identity show'.")
    return input("Trust this key for this placement? [y/N] ").strip().lower() in ("y", "yes")


def _print_imported(res) -> None:  # Imported
    note = " (key confirmed and pinned)" if res.newly_trusted else ""
    if res.kind == "report":
        print(f"Imported report comments signed by {res.oss_name} into report version "
              f"{res.record_id} of placement {res.placement_id}.")
        return
    print(f"Imported {res.kind} {res.record_id} by {res.oss_name} into placement "
          f"{res.placement_id}{note}.")


def run_import(args: argparse.Namespace) -> int:
    from pe_desktop.services.oss.importer import TrustNeeded, import_file, pull
    from pe_desktop.services.packages.errors import PackageRejected

    ctx, store = _open(args)
    kw = {"trust_fingerprint": args.trust_fingerprint, "confirm": _confirm_tty}
    try:
        if not args.pull:
            try:
                _print_imported(import_file(ctx, store, args.file, **kw))
            except TrustNeeded as exc:
                print(f"pe-desktop: refused: {exc}", file=sys.stderr)
                return EXIT_TRUST
            except PackageRejected as exc:
                raise PEDesktopError(f"refused ({exc.reason}): {exc}") from exc
            return 0
        results = pull(ctx, store, args.target, **kw)
    finally:
        ctx.close()
    code = 0
    for r in results:
        if r.imported:
            _print_imported(r.imported)
        else:
            why = f" ({r.reason})" if r.reason else ""
            print(f"pe-desktop: refused{why} {r.target}:{r.name}: {r.error}", file=sys.stderr)
            code = max(code, EXIT_TRUST if r.trust else 1)
    if not results:
        print("Nothing new from on-site supervisors.")
    return code


def run_annotate(args: argparse.Namespace) -> int:
    from pe_desktop.cli.common import context
    from pe_desktop.services.oss.records_pe import annotate

    ctx = context(args)
    try:
        annotate(ctx, args.import_id, args.text)
    finally:
        ctx.close()
    print(f"Annotation saved on imported record {args.import_id}.")
    return 0


def run_pdf(args: argparse.Namespace) -> int:
    from pe_desktop.cli.common import context
    from pe_desktop.services.oss.statement import write_statement

    ctx = context(args)
    try:
        path = write_statement(ctx, args.out)
    finally:
        ctx.close()
    print(f"Wrote your record of students supervised to {path}.")
    return 0


# -- report sections (part 5) ---------------------------------------------------------
def _register_report(osub: argparse._SubParsersAction) -> None:
    rep = osub.add_parser("report", help="the OSS section of a midway report or EPR")
    rsub = rep.add_subparsers(dest="report_command", metavar="ACTION", required=True)

    snd = rsub.add_parser("send", help="(PE) send the report's OSS section to the supervisor")
    snd.add_argument("--placement", type=int, required=True, metavar="ID")
    snd.add_argument("--kind", choices=("midway", "final"), required=True)
    where = snd.add_mutually_exclusive_group()
    where.add_argument("--target", action="append", metavar="NAME",
                       help="push to this target (default: every target)")
    where.add_argument("--out", type=Path, metavar="DIR", help="write the .pepkg file here")
    snd.set_defaults(func=run_report_send)

    rcv = rsub.add_parser("receive", help="(OSS) take in report sections the PE sent")
    src = rcv.add_mutually_exclusive_group(required=True)
    src.add_argument("file", nargs="?", type=Path, metavar="FILE.pepkg")
    src.add_argument("--pull", action="store_true", help="fetch from the configured targets")
    rcv.add_argument("--target", action="append", metavar="NAME")
    rcv.set_defaults(func=run_report_receive)

    lst = rsub.add_parser("list", help="(OSS) report sections waiting for, or given, a reply")
    lst.add_argument("--json", action="store_true", help="everything, the PE's summary too")
    lst.set_defaults(func=run_report_list)

    rpl = rsub.add_parser("reply", help="(OSS) sign your comments and confirmation for the PE")
    rpl.add_argument("--request", type=int, required=True, metavar="ID",
                     help="the id 'oss report list' shows")
    text = rpl.add_mutually_exclusive_group()
    text.add_argument("--comments", default=None, metavar="TEXT")
    text.add_argument("--comments-file", type=Path, metavar="FILE")
    rpl.add_argument("--confirm", action="store_true",
                     help="confirm you read the section and the comments are your own")
    where = rpl.add_mutually_exclusive_group()
    where.add_argument("--target", action="append", metavar="NAME")
    where.add_argument("--out", type=Path, metavar="DIR", help="write the .pepkg file here")
    rpl.set_defaults(func=run_report_reply)


def _push(ctx, store, names: list[str] | None) -> None:
    from pe_desktop.services.qa.targets import TargetService
    from pe_desktop.services.qa.transfer import push

    if not TargetService(ctx).list():
        raise PEDesktopError("No targets yet: add one with 'pe-desktop qa target add' or use "
                             "--out DIR.")
    report = push(ctx, store, names)
    for d in report.failures:
        print(f"pe-desktop: send failed: {d.error}", file=sys.stderr)
    if not report.ok:
        raise PEDesktopError("The package is queued; run the command's push again "
                             "('pe-desktop qa push').")
    print(f"Sent: {report.summary()}.")


def run_report_send(args: argparse.Namespace) -> int:
    from pe_desktop.domain.reports import ReportKind
    from pe_desktop.services.oss.report_section import send_section
    from pe_desktop.services.reports.service import ReportService

    ctx, store = _open(args)
    try:
        view = ReportService(ctx).get(args.placement, ReportKind(args.kind))
        if view is None:
            raise PEDesktopError(f"Placement {args.placement} has no {args.kind} report yet.")
        sent = send_section(ctx, store, view.version.id, args.out)
        pv = sent.preview
        where = f"written to {sent.path}" if sent.path else "queued"
        print(f"OSS section of the {pv.title} for {pv.student_first_name}, encrypted to "
              f"{pv.oss_name}: {sent.file_name} ({where}).")
        if args.out is None:
            _push(ctx, store, args.target)
    finally:
        ctx.close()
    return 0


def run_report_receive(args: argparse.Namespace) -> int:
    from pe_desktop.services.oss.report_asks import pull, receive_file
    from pe_desktop.services.packages.errors import PackageRejected

    ctx, store = _open(args)
    try:
        if not args.pull:
            try:
                a = receive_file(ctx, store, args.file)
            except PackageRejected as exc:
                raise PEDesktopError(f"refused ({exc.reason}): {exc}") from exc
            print(f"Received request {a.id}: the {a.title} for {a.student_first_name} from "
                  f"{a.pe_name}; reply with 'pe-desktop oss report reply --request {a.id}'.")
            return 0
        results = pull(ctx, store, args.target)
    finally:
        ctx.close()
    code = 0
    for r in results:
        if r.ask:
            print(f"Received request {r.ask.id}: the {r.ask.title} for "
                  f"{r.ask.student_first_name} from {r.ask.pe_name}.")
        else:
            why = f" ({r.reason})" if r.reason else ""
            print(f"pe-desktop: refused{why} {r.name}: {r.error}", file=sys.stderr)
            code = 1
    if not results:
        print("No new report sections.")
    return code


def run_report_list(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from pe_desktop.cli.common import context, print_json
    from pe_desktop.services.oss.report_asks import asks

    ctx = context(args)
    try:
        rows = asks(ctx)
    finally:
        ctx.close()
    if args.json:
        print_json([asdict(a) for a in rows])
        return 0
    for a in rows:
        print(f"{a.id}\t{a.student_first_name}\t{a.title}\tfrom {a.pe_name}\t{a.state}")
    if not rows:
        print("No report sections yet: 'pe-desktop oss report receive --pull'.")
    return 0


def run_report_reply(args: argparse.Namespace) -> int:
    from pe_desktop.services.oss.report_asks import reply

    comments = args.comments or ""
    if args.comments_file is not None:
        try:
            comments = args.comments_file.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise PEDesktopError(f"Cannot read {args.comments_file}: "
                                 f"{exc.strerror or exc}") from exc
        except UnicodeDecodeError as exc:
            raise PEDesktopError(f"{args.comments_file} is not UTF-8 text.") from exc
    ctx, store = _open(args)
    try:
        sent = reply(ctx, store, args.request, comments, args.confirm, args.out)
        what = "comments and confirmation" if args.confirm else "comments"
        where = f"written to {sent.path}" if sent.path else "queued"
        print(f"Signed your {what} on the {sent.ask.title} for {sent.ask.student_first_name}: "
              f"{sent.file_name} ({where}).")
        if args.out is None:
            _push(ctx, store, args.target)
    finally:
        ctx.close()
    return 0
