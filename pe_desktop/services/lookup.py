"""Fetching one record by id, with the user-facing "not found" error."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from pe_desktop.domain.errors import NotFoundError

T = TypeVar("T")


def get_or_404(s: Session, model: type[T], ident: int, what: str) -> T:
    """``s.get(model, ident)`` or :class:`NotFoundError` "No <what> with id <ident>"."""
    obj = s.get(model, ident)
    if obj is None:
        raise NotFoundError(f"No {what} with id {ident}")
    return obj
