"""A signed export reads the secrets file once: one key derivation per process,
none for later signatures in the same GUI session."""

from __future__ import annotations

import pytest

from pe_desktop.services.documents import kinds
from pe_desktop.services.documents.kinds import PdfRequest
from pe_desktop.services.profile import ProfileData, ProfileService
from pe_desktop.services.secret_store import SecretStore, WrongPassphrase
from pe_desktop.services.signing.identity import SECRET_NAME, SigningIdentityService
from pe_desktop.services.signing.pdf_export import export_pdf

PASS = "a long test passphrase"


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch):
    """The secrets file's Argon2 made cheap for these tests: they count derivations,
    whose cost (about a second each on a busy machine) is the benchmark's business."""
    from keyrings.cryptfile.cryptfile import CryptFileKeyring

    monkeypatch.setattr(CryptFileKeyring, "time_cost", 1)
    monkeypatch.setattr(CryptFileKeyring, "memory_cost", 2**10)


@pytest.fixture
def derivations(monkeypatch):
    """Counts calls of the secrets file's key derivation (Argon2)."""
    import argon2.low_level as ll

    calls: list[int] = []
    real = ll.hash_secret_raw

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(ll, "hash_secret_raw", counting)
    return calls


@pytest.fixture
def signer(ctx, monkeypatch):
    ProfileService(ctx).save(ProfileData("Siobhán Ní Bhriain", "SW654321", "Example Council"))
    store = SecretStore.open(ctx.paths.keys, lambda _c: PASS, try_native=False)
    SigningIdentityService(ctx.paths.keys, store).create("Siobhán Ní Bhriain", "SW654321",
                                                        now=ctx.now())
    monkeypatch.setitem(kinds.PDF_KINDS, "sample",
                        kinds.PdfKind("sample", "sample", f"{__name__}:sample",
                                      needs_placement=False))
    return ctx


def sample(_ctx, _request):
    from pe_desktop.export import pdf_base as pb

    spots: list = []
    story = [*pb.title("Sample"), pb.signature_placeholder(spots)]
    return pb.render_pdf(pb.DocumentInfo("Sample"), story, spots)


def test_cold_signed_export_derives_the_key_once(signer, derivations, tmp_path):
    result = export_pdf(signer, "sample", PdfRequest(), tmp_path / "a.pdf", sign=True,
                        passphrase=lambda _c: PASS, try_native=False)
    assert result.signed and "encrypted file" in result.secrets_in
    assert len(derivations) == 1


def test_session_store_signs_again_without_deriving(signer, derivations, tmp_path):
    store = SecretStore.open(signer.paths.keys, lambda _c: PASS, try_native=False,
                             preload=(SECRET_NAME,))
    assert len(derivations) == 1  # opening checked the passphrase by reading the secret
    for name in ("a.pdf", "b.pdf", "c.pdf"):
        assert export_pdf(signer, "sample", PdfRequest(), tmp_path / name, sign=True,
                          store=store).signed
    assert len(derivations) == 1
    store.forget()
    with pytest.raises(Exception, match="closed"):
        store.get(SECRET_NAME)


def test_wrong_passphrase_still_refused_when_preloading(signer, tmp_path):
    with pytest.raises(WrongPassphrase):
        SecretStore.open(signer.paths.keys, lambda _c: "not the passphrase", try_native=False,
                         preload=(SECRET_NAME,))
    with pytest.raises(WrongPassphrase):
        export_pdf(signer, "sample", PdfRequest(), tmp_path / "x.pdf", sign=True,
                   passphrase=lambda _c: "not the passphrase", try_native=False)
    assert not (tmp_path / "x.pdf").exists()


def test_preloading_an_absent_secret_checks_the_passphrase_the_usual_way(signer):
    with pytest.raises(WrongPassphrase):
        SecretStore.open(signer.paths.keys, lambda _c: "not the passphrase", try_native=False,
                         preload=("no-such-secret",))
    store = SecretStore.open(signer.paths.keys, lambda _c: PASS, try_native=False,
                             preload=("no-such-secret",))
    assert store.get(SECRET_NAME)
