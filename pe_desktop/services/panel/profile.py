"""A data directory's panel profile: its age key pair and signing key.

``panel init`` creates both; the private parts go to the SecretStore, the
public parts (age recipient, signing certificate) to the ``qa_panel`` row.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from pe_desktop.domain.errors import PEDesktopError, ValidationError
from pe_desktop.export.files import write_private_file
from pe_desktop.services.context import AppContext
from pe_desktop.services.packages.keys import (
    AgeKeyPair,
    SigningKey,
    cert_fingerprint,
    new_signing_key,
)
from pe_desktop.services.qa.key_store import (
    load_age,
    load_signing_key,
    panel_age_name,
    panel_signing_name,
    save_signing_key,
)
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.storage.models import QaPanel


class NoPanel(PEDesktopError):
    pass


@dataclass(frozen=True)
class PanelInfo:
    uid: str
    name: str
    age_recipient: str
    signing_cert_pem: str
    signing_fingerprint: str


class PanelService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def info(self) -> PanelInfo | None:
        with self.ctx.read_session() as s:
            p = s.scalars(select(QaPanel)).first()
            if p is None:
                return None
            return PanelInfo(p.uid, p.name, p.age_recipient, p.signing_cert_pem,
                             cert_fingerprint(p.signing_cert_pem))

    def require(self) -> PanelInfo:
        info = self.info()
        if info is None:
            raise NoPanel("This data directory has no panel profile: run 'pe-desktop panel "
                          "init --name NAME' first.")
        return info

    def init(self, name: str, store: SecretStore) -> PanelInfo:
        name = name.strip()
        if not name or len(name) > 200:
            raise ValidationError({"name": "Give the panel a name (up to 200 characters)"},
                                  record="Panel")
        if self.info() is not None:
            raise ValidationError({"panel": "This data directory already has a panel profile"},
                                  record="Panel")
        age = AgeKeyPair.generate()
        signing = new_signing_key(name, self.ctx.now(), "PE Desktop QA panel")
        row = QaPanel(name=name, age_recipient=age.recipient, signing_cert_pem=signing.cert_pem)
        with self.ctx.session() as s:
            s.add(row)
            s.flush()
            uid = row.uid
            # Secrets first inside the transaction: a failure leaves no half-made panel.
            store.set(panel_age_name(uid), age.identity)
            save_signing_key(store, panel_signing_name(uid), signing)
        return self.require()

    def set_up(self, name: str, store: SecretStore, chair: str = "") -> PanelInfo:
        """A new panel chaired here (``panel init``): its keys, and the chair's name
        that the reviews and moderations recorded here carry."""
        chair = chair.strip()
        if len(chair) > 200:
            raise ValidationError({"chair": "Your name is longer than 200 characters"},
                                  record="Panel")
        info = self.init(name, store)
        if chair:
            from pe_desktop.services.panel.review import set_member_name

            set_member_name(self.ctx, chair)
        return info

    def age_keys(self, store: SecretStore) -> AgeKeyPair:
        info = self.require()
        pair = load_age(store, panel_age_name(info.uid))
        if pair is None or pair.recipient != info.age_recipient:
            raise PEDesktopError(f"The panel's age identity is missing from {store.description}.")
        return pair

    def signing_key(self, store: SecretStore) -> SigningKey:
        info = self.require()
        key = load_signing_key(store, panel_signing_name(info.uid))
        if key is None or key.cert_pem != info.signing_cert_pem:
            raise PEDesktopError(f"The panel's signing key is missing from {store.description}.")
        return key

    def export_identity(self, out: Path, store: SecretStore) -> Path:
        """The standard age identity file (owner-only): the panel's key backup."""
        pair = self.age_keys(store)
        return write_private_file(Path(out), pair.identity_file(self.ctx.now()).encode())
