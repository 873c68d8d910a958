"""Every certificate in a signature container must be vouched for by a signature.

The ``certificates`` set of a CMS signature container (the signer's certificate,
an employer's CA, ...) is covered by no digest: any byte of it can change while
the signature over the document still verifies. A certificate is *checked* when

1. a signed signing-certificate attribute (ESS, RFC 5035) names its hash: the
   signer's own certificate, which pyHanko names in every PAdES signature;
2. its signature verifies with the key of a certificate named as its issuer, in
   the container or one the user trusts (``verify --trust``);
3. it is self-signed: its issuer is its subject and its signature verifies with
   its own key;
4. it is byte for byte a certificate the user trusts.

A certificate whose signature fails against the issuer that is here has been
changed (:attr:`ChainCheck.changed`). A certificate none of the rules can check
(its issuer is not in the file: an intermediate sent without its root, or a
root whose issuer name was edited, which look the same) holds bytes nobody
vouches for (:attr:`ChainCheck.unchecked`): the file cannot be called
unchanged, but real PAdES signatures from other programs often leave the root
out (the EU DSS library does by default), so that is reported as an incomplete
chain, not as tampering. Signatures are checked by ``cryptography``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ChainCheck:
    #: A certificate provably differs from what was signed, or does not belong.
    changed: str = ""
    #: The first certificate nothing can check, described in one line.
    unchecked: str = ""


def signer_cert(si: Any, certs: list[Any]) -> Any:
    """The certificate a signer info names by issuer and serial number, or None."""
    sid = si["sid"]
    if sid.name != "issuer_and_serial_number":
        return None
    want = sid.chosen
    return next((c for c in certs if c.issuer.dump() == want["issuer"].dump()
                 and c.serial_number == want["serial_number"].native), None)


def _ess_hashes(signer_infos: Any) -> set[tuple[str, bytes]]:
    """(hash algorithm, certificate hash) named by the signed signing-certificate
    attributes (v1: SHA-1; v2: any hash) of the signer infos."""
    out: set[tuple[str, bytes]] = set()
    for si in signer_infos:
        for attr in si["signed_attrs"] or []:
            kind = attr["type"].native
            if kind not in ("signing_certificate", "signing_certificate_v2"):
                continue
            for ess in attr["values"]:
                for cid in ess["certs"]:
                    algo = ("sha1" if kind == "signing_certificate"
                            else cid["hash_algorithm"]["algorithm"].native)
                    out.add((algo, cid["cert_hash"].native))
    return out


def _named_by_ess(der: bytes, hashes: set[tuple[str, bytes]]) -> bool:
    return any(hashlib.new(algo, der).digest() == value for algo, value in hashes)


def _issuer_verdict(cert: Any, candidates: list[tuple[int | None, Any]]) -> tuple[str, int | None]:
    """("ok", index of the issuer) when a candidate named as ``cert``'s issuer
    verifies its signature; ("fails", None) when every such candidate's key
    rejects it; ("absent", None) when none is here or none can be used."""
    from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm

    failed = False
    for i, issuer in candidates:
        if issuer.subject != cert.issuer:
            continue
        try:
            cert.verify_directly_issued_by(issuer)
        except InvalidSignature:
            failed = True
            continue
        except (ValueError, TypeError, UnsupportedAlgorithm):
            continue  # another key type or algorithm: this candidate cannot tell
        return "ok", i
    return ("fails" if failed else "absent"), None


def _claims_self_signed(cert: Any) -> bool:
    """True when the authority key identifier is the certificate's own key identifier."""
    from cryptography import x509

    try:
        aki = cert.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
        ski = cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    except (x509.ExtensionNotFound, ValueError):
        return False
    return aki.key_identifier is not None and aki.key_identifier == ski.digest


def _name(name: Any) -> str:
    """A certificate name for one line: its common name(s), else the whole name;
    characters that are not printable (an edited name may hold any) shown as ``?``."""
    from cryptography.x509.oid import NameOID

    try:
        cns = [str(a.value) for a in name.get_attributes_for_oid(NameOID.COMMON_NAME)]
        text = ", ".join(cns) or name.rfc4514_string()
    except ValueError:
        text = "(unreadable name)"
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return text if len(text) <= 80 else text[:77] + "..."


def check_chain(certs: list[Any], signer_infos: Any, trusted: list[Any] | None = None
                ) -> ChainCheck:
    """Account for every certificate in a signature container (asn1crypto
    certificates; ``trusted``: the certificates given with ``--trust``)."""
    from cryptography import x509

    loaded = [x509.load_der_x509_certificate(c.dump()) for c in certs]
    anchors = [x509.load_der_x509_certificate(c.dump()) for c in trusted or []]
    candidates: list[tuple[int | None, Any]] = [*enumerate(loaded), *((None, a) for a in anchors)]
    signer_ders = {s.dump() for s in (signer_cert(si, certs) for si in signer_infos) if s}
    ess = _ess_hashes(signer_infos)
    trusted_ders = {c.dump() for c in trusted or []}
    used: set[int] = set()
    unchecked = ""
    for n, cert in enumerate(loaded):
        tbs_algorithm = certs[n]["tbs_certificate"]["signature"]
        if tbs_algorithm.dump() != certs[n]["signature_algorithm"].dump():  # RFC 5280 4.1.1.2
            return ChainCheck(changed="a certificate in the signature has been changed "
                                      "(its two signature algorithm fields differ)")
        verdict, by = _issuer_verdict(cert, candidates)
        if verdict == "fails":
            return ChainCheck(changed="a certificate in the signature has been changed "
                                      "(its signature fails)")
        if verdict == "ok":
            if by is not None and by != n:
                used.add(by)
            continue
        if _claims_self_signed(cert):  # a root whose issuer name was edited
            return ChainCheck(changed="a certificate in the signature has been changed "
                                      "(its names differ)")
        der = certs[n].dump()
        if unchecked or der in trusted_ders or _named_by_ess(der, ess):
            continue
        issuer_here = any(c.subject == cert.issuer for _, c in candidates)
        unchecked = (
            f"the signature container holds a certificate that cannot be checked: "
            f"“{_name(cert.subject)}” names as its issuer “{_name(cert.issuer)}”, "
            + ("whose signature algorithm cannot be checked here" if issuer_here else
               "which is not included in the file (nor given with --trust)"))
    for n, c in enumerate(certs):
        if n not in used and c.dump() not in signer_ders:
            return ChainCheck(changed="the signature holds a certificate that is neither the "
                                      "signer's nor its issuer")
    return ChainCheck(unchecked=unchecked)
