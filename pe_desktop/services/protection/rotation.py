"""Re-keying (``pe-desktop key rotate``) and recovery with the recovery key.

Rotation is ordered so that a crash at any point leaves every file readable:
the new key is stored *beside* the old one first, then the database, the
local backups and the attachment files are brought over one atomic step at a
time; start-up finishes an interrupted rotation (see ``open_context``). The
old key stays in the store as a retired key so backups copied elsewhere
before the rotation still open.
"""

from __future__ import annotations

from collections.abc import Callable

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.paths import DataPaths
from pe_desktop.services.context import AppContext
from pe_desktop.services.protection.files import encrypt_attachments_if_needed
from pe_desktop.services.protection.keys import (
    DataKeys,
    env_keys,
    format_recovery_key,
    has_existing_data,
    new_key,
    parse_key,
    save_keys,
)
from pe_desktop.storage import audit_log, crypto
from pe_desktop.storage.backups import list_backups
from pe_desktop.storage.database import open_database

Step = Callable[[int, int, str], None]


def rotate(ctx: AppContext, progress: Step | None = None) -> str:
    """Re-key everything under a new random key; returns the new recovery key."""
    if env_keys() is not None:
        raise PEDesktopError("the data key comes from PE_DESKTOP_DATA_KEY here; rotate it "
                             "where the key is kept in the keyring")
    if ctx.store is None or ctx.keys is None or ctx.db.key is None:
        raise PEDesktopError("this data folder has no key in a keyring to rotate")

    def say(i: int, msg: str) -> None:
        if progress is not None:
            progress(i, 4, msg)

    paths, old = ctx.paths, ctx.keys
    new = new_key()
    staged = DataKeys(new, tuple(old.all()))
    say(0, "Saving the new key")
    save_keys(paths, ctx.store, staged, recovery_pending=True)
    say(1, "Re-encrypting the database")
    ctx.db.dispose()
    crypto.rekey(paths.database, ctx.db.key, new)
    say(2, "Re-encrypting backups")
    for b in list_backups(paths.backups):
        key = crypto.first_key_that_opens(b.path, old.all())
        if key is not None:
            crypto.rekey(b.path, key, new)
    ctx.db = open_database(paths, ctx.clock, key=new)
    ctx.set_keys(staged)
    say(3, "Re-encrypting attachments")
    encrypt_attachments_if_needed(ctx)
    with ctx.session() as s:
        audit_log.append(s, [audit_log.PendingEvent(audit_log.UPDATE, "data-key", "rotate")])
    say(4, "Done")
    return format_recovery_key(new)


def recover(paths: DataPaths, store, recovery_key: str) -> DataKeys:  # store: SecretStore
    """Put the key given as a recovery key back into ``store`` after checking it opens the data."""
    key = parse_key(recovery_key)
    if has_existing_data(paths) and not crypto.opens_with(paths.database, key):
        raise PEDesktopError("That recovery key does not open this data folder; nothing was "
                             "changed.")
    keys = DataKeys(key)
    save_keys(paths, store, keys, recovery_pending=False)
    return keys
