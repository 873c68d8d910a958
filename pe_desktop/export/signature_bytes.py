"""Everything outside a PDF signature's signed byte range must be exactly the
signature value a signer writes.

The digest of a PDF signature covers the whole file except the ``/Contents``
hex string holding the CMS signature container, which is padded with zeros
to a reserved size. Readers (poppler's pdfsig included) check only the
digest, so a changed padding byte, ~1 KB of text smuggled into the padding,
re-cased hex digits or an edited unsigned field of the container would all
pass as "unchanged". :func:`unsigned_bytes_problem` says what differs.
"""

from __future__ import annotations

import hashlib
from typing import Any

from pe_desktop.domain.wording import count
from pe_desktop.export.signature_chain import check_chain, signer_cert


def _der_length(raw: bytes) -> int | None:
    """Length of the DER value at the start of ``raw`` (its header says it)."""
    if len(raw) < 2:
        return None
    first = raw[1]
    if first < 0x80:
        return 2 + first
    n = first & 0x7F
    if not 1 <= n <= 4 or len(raw) < 2 + n:
        return None
    return 2 + n + int.from_bytes(raw[2:2 + n], "big")


def cms_container_problem(der: bytes, ours: bool = False,
                          trusted: list[Any] | None = None) -> str:
    """The parts of the CMS signature container no digest covers must still be
    exactly what a signer writes: the canonical DER encoding of what was
    parsed, version numbers that follow from the content (RFC 5652), the
    digest algorithms the signer infos use, a signer certificate whose
    hash the signed ``signing-certificate-v2`` attribute names, and no
    certificate that fails against its issuer or belongs to no chain
    (:mod:`signature_chain`; ``trusted`` certificates may be issuers). ``ours`` (a
    signature PE Desktop made: its signed field name says so) must also name
    its signature algorithm as PE Desktop's signer does."""
    from asn1crypto import cms

    try:
        info = cms.ContentInfo.load(der, strict=True)
        again = info.copy()
        if again.dump(force=True) != der:
            return "the signature container is not in its canonical form: it has been edited"
        sd = info["content"]
        used = {si["digest_algorithm"]["algorithm"].native for si in sd["signer_infos"]}
        listed = {a["algorithm"].native for a in sd["digest_algorithms"]}
        if used != listed:
            return "the signature container lists other digest algorithms than it uses"
        version = _versions_problem(sd)
        if version:
            return version
        certs = [c.chosen for c in sd["certificates"] or []]
        chain = check_chain(certs, sd["signer_infos"], trusted).changed
        if chain:
            return chain
        for si in sd["signer_infos"]:
            problem = _ess_problem(si, certs) or (_algorithm_problem(si, certs) if ours else "")
            if problem:
                return problem
    except Exception as exc:  # noqa: BLE001 - any parse failure is a damaged container
        return f"the signature container cannot be read ({type(exc).__name__})"
    return ""


def _versions_problem(sd: Any) -> str:
    """Version numbers are not covered by any digest, but RFC 5652 fixes them:
    a signer info names its signer by issuer and serial number (v1) or by
    subject key identifier (v3) (section 5.3); the signed data's version
    follows from what it holds (section 5.1)."""
    for si in sd["signer_infos"]:
        want = "v1" if si["sid"].name == "issuer_and_serial_number" else "v3"
        if si["version"].native != want:
            return "the signer record's version number has been changed"
    certs = [c.name for c in sd["certificates"] or []]
    crls = [c.name for c in sd["crls"] or []]
    if "other" in certs or "other" in crls:
        want = "v5"
    elif "v2_attr_cert" in certs:
        want = "v4"
    elif ("v1_attr_cert" in certs
          or any(si["version"].native == "v3" for si in sd["signer_infos"])
          or sd["encap_content_info"]["content_type"].native != "data"):
        want = "v3"
    else:
        want = "v1"
    if sd["version"].native != want:
        return "the signature container's version has been changed"
    return ""


#: What PE Desktop's signer (pyHanko) names as the signature algorithm, by key type:
#: the hash-specific name. RSA may also be written as plain ``rsaEncryption``, which
#: verifies the same, so only the form the app writes is the unchanged one.
_NAMED_WITH_HASH = {"rsa": "{md}_rsa", "ec": "{md}_ecdsa", "dsa": "{md}_dsa"}


def _algorithm_problem(si: Any, certs: list[Any]) -> str:
    signer = signer_cert(si, certs)
    if signer is None:
        return ""
    key = signer.public_key.algorithm
    form = _NAMED_WITH_HASH.get(key)
    if form is None:
        return ""
    want = form.format(md=si["digest_algorithm"]["algorithm"].native)
    if si["signature_algorithm"]["algorithm"].native != want:
        return "the signature's algorithm name has been changed"
    return ""


def _ess_problem(si: Any, certs: list[Any]) -> str:
    if si["sid"].name != "issuer_and_serial_number":
        return ""
    signer = signer_cert(si, certs)
    if signer is None:
        return "the signer's certificate is missing from the signature"
    for attr in si["signed_attrs"] or []:
        if attr["type"].native != "signing_certificate_v2":
            continue
        for ess in attr["values"]:
            for cid in ess["certs"]:
                algo = cid["hash_algorithm"]["algorithm"].native
                if hashlib.new(algo, signer.dump()).digest() != cid["cert_hash"].native:
                    return ("the signer's certificate in the file is not the one that was "
                            "signed with (its hash does not match the signed attribute)")
    return ""


def unsigned_bytes_problem(data: bytes, byte_range: Any, cms_der: bytes,
                           ours: bool = False, trusted: list[Any] | None = None) -> str:
    """Everything outside a signature's signed byte range must be exactly the
    signature value: ``<`` hex of the CMS structure, zero padding, ``>``.
    Returns what differs, or "" when the file is byte-for-byte what was signed."""
    try:
        a, b, c, d = (int(x) for x in byte_range)
    except (TypeError, ValueError):
        return "its byte range is malformed"
    if a != 0 or b < 0 or c < a + b or c + d > len(data):
        return "its byte range does not cover the file around the signature value"
    gap = data[a + b:c]
    if len(gap) < 2 or gap[:1] != b"<" or gap[-1:] != b">":
        return "the bytes outside the signed range are not a signature value"
    inner = gap[1:-1]
    try:
        raw = bytes.fromhex(inner.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        return ("the unsigned space around the signature value holds other bytes than its "
                "hex digits")
    length = _der_length(raw)
    if length is None or length > len(raw) or raw[:length] != cms_der[:length]:
        return "the signature value in the file is not the one that was checked"
    container = cms_container_problem(raw[:length], ours, trusted)
    if container:
        return container
    padding = raw[length:]
    changed = sum(1 for x in padding if x)
    if changed:
        first = next(i for i, x in enumerate(padding) if x)
        return (f"{count(changed, 'byte')} in the signature's padding (unsigned space, starting "
                f"{first} bytes after the signature value) have been changed from zero: the "
                "file is not byte-for-byte what was signed")
    canonical = raw.hex().encode("ascii")
    if inner not in (canonical, canonical.upper()):
        return ("the signature value's hex digits have been rewritten (the file is not "
                "byte-for-byte what was signed)")
    return ""
