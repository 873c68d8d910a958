"""The signed + encrypted package layer: every check refuses with its own reason."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from clocks import fixed_now

from pe_desktop.services.packages.cms import sign_detached, verify_detached
from pe_desktop.services.packages.errors import PackageRejected
from pe_desktop.services.packages.keys import AgeKeyPair, new_signing_key, parse_identity_file
from pe_desktop.services.packages.package import build_package, open_package, read_zip
from pe_desktop.services.packages.signed_document import read_document, sign_document


@pytest.fixture(scope="module")
def keys():
    return (new_signing_key("Signer", fixed_now(), "test"),
            new_signing_key("Other", fixed_now(), "test"), AgeKeyPair.generate())


def test_detached_signature_verifies_and_names_its_signer(keys):
    key, other, _ = keys
    sig = sign_detached(b"manifest bytes", key)
    info = verify_detached(b"manifest bytes", sig, expect_fingerprint=key.fingerprint)
    assert info.fingerprint == key.fingerprint
    with pytest.raises(PackageRejected) as e:
        verify_detached(b"manifest byteS", sig)
    assert e.value.reason == "bad-signature"
    with pytest.raises(PackageRejected) as e:
        verify_detached(b"manifest bytes", sig, expect_fingerprint=other.fingerprint)
    assert e.value.reason == "untrusted-signer"
    with pytest.raises(PackageRejected) as e:
        verify_detached(b"manifest bytes", b"\x30\x03garbage")
    assert e.value.reason == "bad-signature"


def test_signed_document_round_trip_and_tampering(keys):
    key, _, _ = keys
    data = sign_document({"hello": "wörld"}, key)
    assert read_document(data).payload == {"hello": "wörld"}
    env = json.loads(data)
    import base64

    env["payload"] = base64.b64encode(b'{"hello": "world"}').decode()
    with pytest.raises(PackageRejected) as e:
        read_document(json.dumps(env).encode())
    assert e.value.reason == "bad-signature"
    env["version"] = 2
    with pytest.raises(PackageRejected) as e:
        read_document(json.dumps(env).encode())
    assert e.value.reason == "unsupported-version"
    with pytest.raises(PackageRejected) as e:
        read_document(b"not json")
    assert e.value.reason == "bad-format"


def _rezip(zip_bytes: bytes, change) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(zip_bytes))
    members = {n: src.read(n) for n in src.namelist()}
    change(members)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, b in members.items():
            zf.writestr(n, b)
    return buf.getvalue()


def test_package_opens_and_each_alteration_is_refused(keys):
    key, other, age = keys
    built = build_package({"schema": "x"}, {"items/a.json": b"{}", "items/a.pdf": b"%PDF"},
                          key, [age.recipient])
    opened = open_package(built.data, age.identity, expect_fingerprint=key.fingerprint)
    assert opened.files["items/a.pdf"] == b"%PDF"
    assert opened.manifest["files"][0]["path"] == "items/a.json"

    with pytest.raises(PackageRejected) as e:
        open_package(built.data, AgeKeyPair.generate().identity)
    assert e.value.reason == "wrong-recipient"
    with pytest.raises(PackageRejected) as e:
        open_package(built.zip_bytes, age.identity)
    assert e.value.reason == "not-age"
    with pytest.raises(PackageRejected) as e:
        open_package(built.data, age.identity, expect_fingerprint=other.fingerprint)
    assert e.value.reason == "untrusted-signer"
    cases = {
        "hash-mismatch": lambda m: m.__setitem__("items/a.pdf", b"%PDF altered"),
        "extra-file": lambda m: m.__setitem__("items/b.txt", b"smuggled"),
        "missing-file": lambda m: m.pop("items/a.json"),
        "unsafe-path": lambda m: m.__setitem__("../evil", b"x"),
        "bad-signature": lambda m: m.__setitem__("manifest.json",
                                                 m["manifest.json"].replace(b'"x"', b'"y"')),
    }
    for reason, change in cases.items():
        with pytest.raises(PackageRejected) as e:
            read_zip(_rezip(built.zip_bytes, change))
        assert e.value.reason == reason, reason


def test_identity_file_is_the_standard_format():
    pair = AgeKeyPair.generate()
    text = pair.identity_file(fixed_now())
    assert text.splitlines()[1] == f"# public key: {pair.recipient}"
    assert text.splitlines()[2].startswith("AGE-SECRET-KEY-1")
    assert parse_identity_file(text) == pair
