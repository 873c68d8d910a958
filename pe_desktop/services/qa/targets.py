"""Where QA files are delivered: configured targets, their passwords, the outbox.

Target settings (name, kind, folder or URL, user) live in the database's
``settings`` table under ``qa.targets``; passwords live only in the
:class:`~pe_desktop.services.secret_store.SecretStore` (or, for scripts, the
``PE_DESKTOP_WEBDAV_PASSWORD`` environment variable), never in the database
or the logs. The same service serves a PE's and a panel's data directory.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pe_desktop.domain.errors import NotFoundError, PEDesktopError, ValidationError
from pe_desktop.storage.models import Setting

if TYPE_CHECKING:
    from pe_desktop.services.context import AppContext
    from pe_desktop.services.secret_store import SecretStore
    from pe_desktop.sync.outbox import Outbox, OutboxItem, PushProgress, PushReport
    from pe_desktop.sync.targets import RetryPolicy, Target

SETTING_KEY = "qa.targets"
PASSWORD_ENV = "PE_DESKTOP_WEBDAV_PASSWORD"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.-]{0,39}$")


class TransportError(PEDesktopError):
    """A transfer failed (one line, from :class:`~pe_desktop.sync.targets.TargetError`)."""


@dataclass(frozen=True)
class TargetInfo:
    name: str
    kind: str  # folder | webdav
    location: str  # the folder or the URL
    user: str = ""

    def config(self) -> dict[str, Any]:
        if self.kind == "folder":
            return {"name": self.name, "kind": "folder", "path": self.location}
        return {"name": self.name, "kind": "webdav", "url": self.location, "user": self.user}

    @property
    def secret_name(self) -> str:
        return f"webdav-target:{self.name}"

    def describe(self) -> str:
        who = f" (user {self.user})" if self.user else ""
        return f"{self.kind} {self.location}{who}"


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_webdav_url(url: str) -> str:
    """A usable WebDAV folder URL (https, or http only on this machine)."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError({"url": "Enter the folder's address, like "
                                      "https://cloud.example.org/remote.php/dav/files/you/QA/"})
    if parts.username or parts.password:
        raise ValidationError({"url": "Put the user name in its own field, not in the address."})
    if parts.scheme == "http" and not _loopback(parts.hostname):
        raise ValidationError({"url": "Use https:// — over http the password would travel "
                                      "unencrypted."})
    return url if url.endswith("/") else url + "/"


class TargetService:
    """Add, list and remove targets; open them; push the outbox to them."""

    def __init__(self, ctx: AppContext,
                 store: SecretStore | Callable[[], SecretStore] | None = None) -> None:
        self.ctx = ctx
        self._store = store

    # -- secrets -----------------------------------------------------------------
    def store(self) -> SecretStore:
        if self._store is None:
            raise PEDesktopError("No secret store is open to keep the password.")
        if callable(self._store) and not hasattr(self._store, "get"):
            opened = self._store()
            if opened is None:  # the user cancelled the passphrase prompt
                raise PEDesktopError("The secret store stayed locked, so the password cannot "
                                     "be kept or read.")
            self._store = opened
        return self._store  # type: ignore[return-value]

    # -- configuration -------------------------------------------------------------
    def list(self) -> list[TargetInfo]:
        with self.ctx.read_session() as s:
            row = s.get(Setting, SETTING_KEY)
            raw = json.loads(row.value) if row and row.value else []
        return [TargetInfo(r["name"], r["kind"], r["location"], r.get("user", "")) for r in raw]

    def get(self, name: str) -> TargetInfo:
        for info in self.list():
            if info.name == name:
                return info
        known = ", ".join(i.name for i in self.list()) or "none yet"
        raise NotFoundError(f"No target named {name!r} (targets: {known}).")

    def _save(self, infos: list[TargetInfo]) -> None:
        value = json.dumps([{"name": i.name, "kind": i.kind, "location": i.location,
                             "user": i.user} for i in infos], ensure_ascii=False)
        with self.ctx.session() as s:
            row = s.get(Setting, SETTING_KEY)
            if row is None:
                s.add(Setting(key=SETTING_KEY, value=value))
            else:
                row.value = value

    def _check_name(self, name: str, replace: bool) -> str:
        name = name.strip()
        if not _NAME.match(name):
            raise ValidationError({"name": "Use 1–40 letters, digits, spaces, dots, dashes or "
                                           "underscores, starting with a letter or digit."})
        if not replace and any(i.name == name for i in self.list()):
            raise ValidationError({"name": f"A target named {name!r} exists; remove it first or "
                                           "choose another name."})
        return name

    def _put(self, info: TargetInfo) -> TargetInfo:
        self._save([i for i in self.list() if i.name != info.name] + [info])
        return info

    def add_folder(self, name: str, folder: str | Path, *, replace: bool = False) -> TargetInfo:
        name = self._check_name(name, replace)
        path = Path(folder).expanduser()
        if not str(folder).strip():
            raise ValidationError({"folder": "Choose a folder."})
        if not path.is_dir():
            raise ValidationError({"folder": f"The folder {path} does not exist."})
        return self._put(TargetInfo(name, "folder", str(path.resolve())))

    def add_webdav(self, name: str, url: str, user: str = "", password: str | None = None, *,
                   replace: bool = False) -> TargetInfo:
        """Add a WebDAV target; ``password`` (if given) goes to the secret store."""
        name = self._check_name(name, replace)
        info = TargetInfo(name, "webdav", check_webdav_url(url), user.strip())
        if info.user and password:
            self.store().set(info.secret_name, password)
        return self._put(info)

    def remove(self, name: str) -> None:
        info = self.get(name)
        self._save([i for i in self.list() if i.name != name])
        if info.kind == "webdav" and info.user and self._store is not None:
            self.store().delete(info.secret_name)

    # -- transport -----------------------------------------------------------------
    def password_for(self, info: TargetInfo) -> str | None:
        if not info.user:
            return None
        env = os.environ.get(PASSWORD_ENV)
        if env:
            return env
        password = self.store().get(info.secret_name)
        if password is None:
            raise PEDesktopError(f"No password is stored for target {info.name!r}; add the "
                                 f"target again or set {PASSWORD_ENV}.")
        return password

    def open(self, info: TargetInfo | str, password: str | None = None,
             retry: RetryPolicy | None = None) -> Target:
        from pe_desktop.sync.targets import target_from_config

        info = self.get(info) if isinstance(info, str) else info
        if info.kind == "webdav" and password is None:
            password = self.password_for(info)
        return target_from_config(info.config(), password, retry=retry)

    def test(self, info: TargetInfo | str, password: str | None = None,
             retry: RetryPolicy | None = None) -> str:
        """Connect, list and write a probe file; the one-line result (raises on failure)."""
        from pe_desktop.sync.targets import RetryPolicy, TargetError

        target = self.open(info, password, retry or RetryPolicy(attempts=2))
        try:
            return target.check()
        except TargetError as exc:
            raise TransportError(str(exc)) from exc
        finally:
            getattr(target, "close", lambda: None)()

    def outbox(self) -> Outbox:
        from pe_desktop.sync.outbox import Outbox

        return Outbox(self.ctx.paths.root / "outbox", now=self.ctx.now)

    def open_targets(self, names: list[str] | None = None,
                     retry: RetryPolicy | None = None) -> list[Target]:
        """The named targets (default: all) with their passwords, ready to use.

        Reading passwords may prompt for the secret store's passphrase, so the
        GUI calls this on its own thread and :meth:`push_to` in the background.
        """
        infos = [self.get(n) for n in names] if names else self.list()
        if not infos:
            raise PEDesktopError("No targets yet: add one with 'pe-desktop qa target add'.")
        return [self.open(i, retry=retry) for i in infos]

    def push_to(self, targets: list[Target], progress: PushProgress | None = None,
                cancel: Callable[[], bool] | None = None) -> PushReport:
        from pe_desktop.sync.targets import TargetError

        try:
            with self.outbox() as box:
                return box.push(targets, progress=progress, cancel=cancel)
        except TargetError as exc:  # e.g. another push is running
            raise TransportError(str(exc)) from exc
        finally:
            for t in targets:
                getattr(t, "close", lambda: None)()

    def push(self, names: list[str] | None = None, progress: PushProgress | None = None,
             cancel: Callable[[], bool] | None = None,
             retry: RetryPolicy | None = None) -> PushReport:
        """Push the outbox to the named targets (default: all of them)."""
        return self.push_to(self.open_targets(names, retry), progress, cancel)

    def outbox_items(self) -> list[OutboxItem]:
        with self.outbox() as box:
            return box.items()
