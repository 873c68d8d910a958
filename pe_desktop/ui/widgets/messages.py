"""User-facing messages for errors and confirmations."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from pe_desktop.domain.errors import PEDesktopError, ValidationError


def describe(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        return "\n".join(f"• {m}" for m in exc.problems.values())
    if isinstance(exc, PEDesktopError):
        return str(exc)
    from pe_desktop.domain.errors import storage_problem

    if (problem := storage_problem(exc)) is not None:
        return problem
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}" + (f"\n{exc.filename}" if exc.filename else "")
    return f"Something went wrong: {exc}. Your data has not been changed."


def show_error(parent: QWidget | None, exc: BaseException, title: str = "PE Desktop") -> None:
    QMessageBox.warning(parent, title, describe(exc))


def confirm(parent: QWidget | None, title: str, text: str, action: str = "Continue") -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    ok = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is ok
