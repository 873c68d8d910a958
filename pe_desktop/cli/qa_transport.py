"""``qa target add|list|remove|test``, ``qa push`` and ``qa outbox``."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from pe_desktop.domain.errors import PEDesktopError


def register_qa(qsub: argparse._SubParsersAction) -> None:
    t = qsub.add_parser("target", help="folders and WebDAV servers QA files are delivered to")
    tsub = t.add_subparsers(dest="target_command", metavar="ACTION", required=True)
    add = tsub.add_parser("add", help="add a folder or WebDAV target")
    add.add_argument("name")
    where = add.add_mutually_exclusive_group(required=True)
    where.add_argument("--folder", metavar="DIR", help="a folder (e.g. a OneDrive/SharePoint "
                                                       "sync folder)")
    where.add_argument("--webdav", metavar="URL", help="a WebDAV folder, e.g. Nextcloud's "
                                                       "https://host/remote.php/dav/files/USER/QA/")
    add.add_argument("--user", default="", help="WebDAV user name (the password is asked for)")
    add.add_argument("--replace", action="store_true", help="replace a target of that name")
    add.add_argument("--no-test", action="store_true", help="do not try the connection")
    add.set_defaults(func=run_add)
    ls = tsub.add_parser("list", help="list targets")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=run_list)
    rm = tsub.add_parser("remove", help="remove a target and its stored password")
    rm.add_argument("name")
    rm.set_defaults(func=run_remove)
    test = tsub.add_parser("test", help="try a target's connection and write access")
    test.add_argument("name")
    test.set_defaults(func=run_test)

    push = qsub.add_parser("push", help="send what is queued in the outbox")
    push.add_argument("--target", action="append", metavar="NAME",
                      help="only this target (may be repeated; default: all)")
    push.set_defaults(func=run_push)
    box = qsub.add_parser("outbox", help="show each queued file and where it was delivered")
    box.add_argument("--json", action="store_true")
    box.set_defaults(func=run_outbox)


def _service(args: argparse.Namespace):  # -> (ctx, TargetService)
    from pe_desktop.cli.cmd_signing import open_store
    from pe_desktop.cli.common import context
    from pe_desktop.services.qa.targets import TargetService

    ctx = context(args)
    return ctx, TargetService(ctx, lambda: open_store(ctx.paths.keys))


def _password(user: str) -> str | None:
    from pe_desktop.services.qa.targets import PASSWORD_ENV

    if not user:
        return None
    if os.environ.get(PASSWORD_ENV):
        return None  # scripts: read at push time, never stored
    if not sys.stdin.isatty():
        raise PEDesktopError(f"Run in a terminal to type the password, or set {PASSWORD_ENV}.")
    password = getpass.getpass(f"Password for {user}: ")
    if not password:
        raise PEDesktopError("No password given; nothing was changed.")
    return password


def run_add(args: argparse.Namespace) -> int:
    from pe_desktop.services.qa.targets import PASSWORD_ENV, check_webdav_url

    ctx, svc = _service(args)
    try:
        if args.folder:
            info = svc.add_folder(args.name, args.folder, replace=args.replace)
        else:
            check_webdav_url(args.webdav)  # before asking for a password
            password = _password(args.user)
            info = svc.add_webdav(args.name, args.webdav, args.user, password,
                                  replace=args.replace)
            if args.user and password is None:
                print(f"The password comes from {PASSWORD_ENV} (not stored).")
        print(f"Added target {info.name}: {info.describe()}")
        if not args.no_test:
            print(svc.test(info))
    finally:
        ctx.close()
    return 0


def run_list(args: argparse.Namespace) -> int:
    from pe_desktop.cli.common import print_json

    ctx, svc = _service(args)
    try:
        infos = svc.list()
    finally:
        ctx.close()
    if args.json:
        print_json([{"name": i.name, "kind": i.kind, "location": i.location, "user": i.user}
                    for i in infos])
    elif not infos:
        print("No targets yet: add one with 'pe-desktop qa target add NAME --folder DIR' or "
              "'--webdav URL --user USER'.")
    for i in infos if not args.json else []:
        print(f"{i.name}\t{i.describe()}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    ctx, svc = _service(args)
    try:
        svc.remove(args.name)
    finally:
        ctx.close()
    print(f"Removed target {args.name}")
    return 0


def run_test(args: argparse.Namespace) -> int:
    ctx, svc = _service(args)
    try:
        print(svc.test(args.name))
    finally:
        ctx.close()
    return 0


class _Progress:
    """Progress lines: one when each transfer starts, then every quarter of it."""

    def __init__(self) -> None:
        self.message = ""
        self.quarter = -1

    def __call__(self, done: int, total: int, message: str) -> None:
        if message != self.message:
            self.message, self.quarter = message, -1
        quarter = 4 * done // total if total else 4
        if quarter != self.quarter:
            self.quarter = quarter
            print(f"{message}  {done * 100 // total if total else 100}%", flush=True)


def run_push(args: argparse.Namespace) -> int:
    ctx, svc = _service(args)
    try:
        report = svc.push(args.target, progress=_Progress())
    finally:
        ctx.close()
    for d in report.deliveries:
        if d.outcome != "failed":
            print(f"{d.outcome}: {d.name} → {d.target}")
    for d in report.failures:
        print(f"pe-desktop: push failed: {d.error}", file=sys.stderr)
    print(f"Push: {report.summary()}")
    return 0 if report.ok else 1


def _item_dict(item: Any) -> dict[str, Any]:
    return item.as_dict()


def run_outbox(args: argparse.Namespace) -> int:
    from pe_desktop.cli.common import print_json

    ctx, svc = _service(args)
    try:
        with svc.outbox() as box:
            items = box.items()
    finally:
        ctx.close()
    if args.json:
        print_json([_item_dict(i) for i in items])
        return 0
    if not items:
        print("The outbox is empty.")
    for i in items:
        sent = ", ".join(i.sent_to) or "-"
        line = f"{i.state:<8} {i.name}  {i.size} bytes  tries {i.attempts}  sent to {sent}"
        print(line + (f"\n         last error: {i.last_error}" if i.last_error else ""))
    return 0
