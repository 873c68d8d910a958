"""What the app must know before its first window: whose data directory this is.

Read with one plain SQL statement (:mod:`pe_desktop.storage.plain_sql`): the first
window is shown before SQLAlchemy and the ORM models are loaded (they are most of a
cold start's cost; :mod:`pe_desktop.ui.app` loads them once the dashboard shows).
"""

from __future__ import annotations

from dataclasses import dataclass

from pe_desktop.services.context import AppContext
from pe_desktop.storage.plain_rows import PlainReader, typed_sql

_FACTS = typed_sql("SELECT EXISTS (SELECT 1 FROM oss_identity), EXISTS (SELECT 1 FROM profile)")


@dataclass(frozen=True)
class Opening:
    #: an on-site supervisor's data directory (it holds the OSS's identity)
    oss_mode: bool
    #: the practice educator has saved a profile (otherwise the set-up dialog opens)
    has_profile: bool


def opening_facts(ctx: AppContext) -> Opening:
    with ctx.plain_read() as con:
        oss, profile = PlainReader(con).execute(_FACTS).one()
    return Opening(oss_mode=bool(oss), has_profile=bool(profile))
