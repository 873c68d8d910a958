"""Private keys for peer QA, kept in the SecretStore (never in the database).

Secret names: ``qa-panel-age:<panel uid>`` (age identity), ``qa-panel-signing:<panel uid>``
and ``qa-contributor-signing:<request uid>`` (JSON ``{"key_pem", "cert_pem"}``).
"""

from __future__ import annotations

import json

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.services.packages.keys import AgeKeyPair, SigningKey
from pe_desktop.services.secret_store import SecretStore


def panel_age_name(panel_uid: str) -> str:
    return f"qa-panel-age:{panel_uid}"


def panel_signing_name(panel_uid: str) -> str:
    return f"qa-panel-signing:{panel_uid}"


def contributor_signing_name(request_uid: str) -> str:
    return f"qa-contributor-signing:{request_uid}"


def save_signing_key(store: SecretStore, name: str, key: SigningKey) -> None:
    store.set(name, json.dumps({"key_pem": key.key_pem, "cert_pem": key.cert_pem}))


def load_signing_key(store: SecretStore, name: str) -> SigningKey | None:
    raw = store.get(name)
    if raw is None:
        return None
    try:
        d = json.loads(raw)
        return SigningKey(d["key_pem"], d["cert_pem"])
    except (ValueError, KeyError, TypeError) as exc:
        raise PEDesktopError(f"The key '{name}' in {store.description} is damaged.") from exc


def load_age(store: SecretStore, name: str) -> AgeKeyPair | None:
    raw = store.get(name)
    return None if raw is None else AgeKeyPair.from_identity(raw)
