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


def test_one_derivation_opens_every_entry_of_the_file(tmp_path, derivations):
    store = SecretStore.open(tmp_path, lambda _c: PASS, try_native=False)
    for name in ("a", "b", "c"):
        store.set(name, f"secret {name}")
    derivations.clear()
    again = SecretStore.open(tmp_path, lambda _c: PASS, try_native=False)
    assert [again.get(n) for n in ("a", "b", "c")] == ["secret a", "secret b", "secret c"]
    assert len(derivations) == 1
    again.forget()
    assert not again._cache  # noqa: SLF001 - nothing left in memory


def test_entries_under_their_own_salts_are_rewritten_once_and_stay_readable(tmp_path,
                                                                            derivations):
    """A file written by keyrings.cryptfile itself (a salt per entry): the first
    unlock derives per entry and re-writes them under the file's salt; every later
    unlock derives once, and the library still reads the file."""
    from keyrings.cryptfile.cryptfile import CryptFileKeyring

    from pe_desktop.services.secret_store import SECRETS_FILENAME, SERVICE

    plain = CryptFileKeyring()
    plain.file_path = str(tmp_path / SECRETS_FILENAME)
    plain.keyring_key = PASS
    plain.set_password(SERVICE, "data-key-x", "d" * 64)
    plain.set_password(SERVICE, SECRET_NAME, "p12 passphrase")
    derivations.clear()
    first = SecretStore.open(tmp_path, lambda _c: PASS, try_native=False)
    assert first.get("data-key-x") == "d" * 64 and first.get(SECRET_NAME) == "p12 passphrase"
    assert len(derivations) == 3  # the reference entry, then one per entry
    derivations.clear()
    second = SecretStore.open(tmp_path, lambda _c: PASS, try_native=False)
    assert second.get("data-key-x") == "d" * 64 and second.get(SECRET_NAME) == "p12 passphrase"
    assert len(derivations) == 1
    reader = CryptFileKeyring()
    reader.file_path = str(tmp_path / SECRETS_FILENAME)
    reader.keyring_key = PASS
    assert reader.get_password(SERVICE, SECRET_NAME) == "p12 passphrase"
    assert (tmp_path / SECRETS_FILENAME).stat().st_mode & 0o777 == 0o600
    with pytest.raises(WrongPassphrase):
        SecretStore.open(tmp_path, lambda _c: "not the passphrase", try_native=False)


def test_cold_start_and_signed_export_derive_once_without_a_keyring(tmp_path, monkeypatch,
                                                                    derivations):
    """No OS keyring: the data key and the signing key's passphrase are both in the
    encrypted file. Opening the data (as a start does) and a signed export in the
    same process cost one derivation."""
    from clocks import make_clock

    from pe_desktop.services.context import open_context

    monkeypatch.delenv("PE_DESKTOP_DATA_KEY", raising=False)
    monkeypatch.setenv("PE_DESKTOP_SECRET_STORE", "file")
    monkeypatch.setitem(kinds.PDF_KINDS, "sample",
                        kinds.PdfKind("sample", "sample", f"{__name__}:sample",
                                      needs_placement=False))
    data = tmp_path / "data"
    ctx = open_context(data, clock=make_clock(), passphrase=lambda _c: PASS)
    try:
        ProfileService(ctx).save(ProfileData("Siobhán Ní Bhriain", "SW654321", "Example"))
        SigningIdentityService(ctx.paths.keys, ctx.store).create(
            "Siobhán Ní Bhriain", "SW654321", now=ctx.now())
    finally:
        ctx.close()
    derivations.clear()
    ctx = open_context(data, clock=make_clock(), passphrase=lambda _c: PASS)
    try:
        assert ctx.store is not None and "encrypted file" in ctx.store.description
        result = export_pdf(ctx, "sample", PdfRequest(), tmp_path / "a.pdf", sign=True,
                            store=ctx.store)
    finally:
        ctx.close()
    assert result.signed
    assert len(derivations) == 1
