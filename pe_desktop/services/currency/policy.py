"""The currency policy in force: the shipped default or the user's own copy.

The default lives in ``resources/currency/policy-default.json``; a
partnership's policy is loaded from its JSON file and stored in the
``settings`` table (so it travels in export/import).
"""

from __future__ import annotations

import json
from pathlib import Path

from pe_desktop.domain.currency import CurrencyPolicy
from pe_desktop.domain.errors import PEDesktopError, ValidationError
from pe_desktop.paths import resources_dir
from pe_desktop.storage.plain_rows import Reads, reader, typed_sql

POLICY_SETTING = "currency.policy"
DEFAULT_POLICY_FILE = "currency/policy-default.json"


# -- policy ------------------------------------------------------------------
def default_policy() -> CurrencyPolicy:
    """The shipped policy (resources/currency/policy-default.json)."""
    return load_policy_file(resources_dir() / DEFAULT_POLICY_FILE)


def load_policy_file(path: Path) -> CurrencyPolicy:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise PEDesktopError(f"cannot read {path.name}: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PEDesktopError(f"{path.name} is not a valid JSON policy file ({exc})") from None
    return CurrencyPolicy.from_dict(data, source=path.name)


_STORED = typed_sql('SELECT settings.value FROM settings WHERE settings."key" = :key')


def stored_policy(s: Reads) -> str | None:
    """The stored policy's JSON text (None: no row; read with SQL text, not the
    Setting model, for the dashboard)."""
    return reader(s).execute(_STORED, {"key": POLICY_SETTING}).scalar()


def policy_in(s: Reads) -> tuple[CurrencyPolicy, bool]:
    """The policy in force and whether it is the user's own (stored) one."""
    value = stored_policy(s)
    if value is None or not value.strip():
        return default_policy(), False
    try:
        return CurrencyPolicy.from_dict(json.loads(value), source="Saved currency policy"), True
    except (ValueError, ValidationError):
        # A damaged stored policy must not hide the status: fall back, say so.
        return default_policy(), False
