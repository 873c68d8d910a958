"""Small data-protection actions for the main window: recovery key, back up now."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from pe_desktop.services.context import AppContext
from pe_desktop.ui.widgets.messages import show_error


def store_description(ctx: AppContext) -> str:
    from pe_desktop.services.protection.keys import env_keys

    if env_keys() is not None:
        return "the PE_DESKTOP_DATA_KEY setting"
    return ctx.store.description if ctx.store is not None else "this session only"


def show_recovery_key(ctx: AppContext, key_text: str, parent: QWidget | None = None) -> None:
    from pe_desktop.services.protection.keys import mark_recovery_shown
    from pe_desktop.ui.protection.recovery_key import RecoveryKeyDialog

    RecoveryKeyDialog(key_text, store_description(ctx), str(ctx.paths.root), parent).exec()
    mark_recovery_shown(ctx.paths)


def show_recovery_key_if_pending(ctx: AppContext, parent: QWidget | None = None) -> bool:
    """Show a new key's recovery key once (set-up, or a rotation that was interrupted)."""
    from pe_desktop.services.protection.keys import format_recovery_key, recovery_pending

    if ctx.keys is None or not recovery_pending(ctx.paths):
        return False
    show_recovery_key(ctx, format_recovery_key(ctx.keys.current), parent)
    return True


def back_up_now(ctx: AppContext, parent: QWidget | None,
                status: callable | None = None) -> None:
    """File → Back up now: an encrypted backup in the background, with progress."""
    from pe_desktop.services.backup.service import BackupService
    from pe_desktop.ui.protection.work import run_with_progress

    def done(made) -> None:
        text = f"Backed up to {made.path.name}"
        if made.second_copy:
            text += f" (and copied to {made.second_copy.parent})"
        if status is not None:
            status(text)
        if made.second_problem:
            show_error(parent, RuntimeError(made.second_problem))

    run_with_progress(parent, "Backing up",
                      lambda progress: BackupService(ctx).backup_now(progress=progress), done)
