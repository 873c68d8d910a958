"""Row timestamps from the app's clock, not from the wall clock.

Each engine is made for one app context and records that context's clock on
every connection it opens (``connection.info["clock"]``, see
:mod:`pe_desktop.storage.engine`). Timestamp columns use :func:`clock_now` as
their default, a context-sensitive default that SQLAlchemy calls with the
statement's execution context, so ORM flushes, bulk inserts and Core inserts
all stamp rows from the same clock the rules compare them with.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pe_desktop.clock import Clock


def connection_clock(info: dict[Any, Any]) -> Clock:
    clock = info.get("clock")
    if clock is None:
        raise RuntimeError("this connection has no clock: open it through create_engine_for")
    return clock


def clock_now(context: Any) -> datetime:
    """Column default: the current instant from the connection's clock."""
    return connection_clock(context.connection.info).now()
