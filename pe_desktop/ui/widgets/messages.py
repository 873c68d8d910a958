"""User-facing messages for errors and confirmations."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from pe_desktop.domain.errors import PEDesktopError, ValidationError


def describe(exc: BaseException) -> str:
    """The user's message for ``exc``: a validation's problems, a deliberate
    error's text, or (anything else) one line without the exception's text,
    which could hold record contents; the details go to the scrubbed log."""
    if isinstance(exc, ValidationError):
        return "\n".join(f"• {m}" for m in exc.problems.values())
    if isinstance(exc, PEDesktopError):
        return str(exc)
    from pe_desktop.services.failures import describe_failure

    text = describe_failure(exc)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def show_error(parent: QWidget | None, exc: BaseException, title: str = "PE Desktop") -> None:
    QMessageBox.warning(parent, title, describe(exc))


def confirm(parent: QWidget | None, title: str, text: str, action: str = "Continue") -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    ok = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is ok
