"""What needs the PE's attention: the item type every capability contributes.

The dashboard gathers items from each capability's ``attention`` module; the
type lives here, apart from the dashboard, so capabilities import it without
importing the dashboard that imports them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum


class Severity(IntEnum):
    INFO = 0
    DUE = 1
    OVERDUE = 2


@dataclass(frozen=True)
class AttentionItem:
    severity: Severity
    when: date | None
    title: str
    detail: str
    placement_id: int | None = None
    category: str = "general"
