"""Single-digit edits of a signed PDF's signature container: ``verify`` refuses every one.

    python -m benchmarks.verify_container_edits [--values all|2] [--bytes N] [--seed 1]
                                                [--employer]

The CMS signature container sits hex-encoded in the PDF's ``/Contents``, outside
the signed byte range; only some of it (the signed attributes, the signature)
is covered by a digest. For each hex digit of the container this writes each
other hex digit in its place (``--values all``: 15 edits per digit; ``2``: the
digit XOR 1 and XOR 8), runs ``verify_pdf`` and counts the edits still called
OK (refused edits are split into "failed" and "intact, certificate chain
incomplete": a certificate in the container nothing can check). ``--bytes N``
adds N random whole-byte replacements. The signer is a new
self-signed (EC) identity, or with ``--employer`` an RSA certificate issued by a
test CA (as an employer's .p12 would be). Prints the totals, the time, and
each surviving edit with the bytes around it.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

CLOCK = "2026-11-23T12:00"
HEX = "0123456789abcdef"


def signed_pdf(keys: Path, employer: bool = False) -> bytes:
    """A one-page report signed with a new self-signed identity (or an
    employer-issued RSA one), on the fixed clock."""
    os.environ["PE_DESKTOP_CLOCK"] = CLOCK
    from pe_desktop.clock import default_clock
    from pe_desktop.export import pdf_base as pb
    from pe_desktop.export.signing import sign_pdf
    from pe_desktop.services.secret_store import SecretStore
    from pe_desktop.services.signing.identity import SigningIdentityService

    now = default_clock().now()
    svc = SigningIdentityService(keys, SecretStore.in_memory())
    if employer:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
        from helpers_pki import employer_pkcs12

        svc.import_pkcs12(employer_pkcs12(keys / "w.p12", "pw", ca_path=keys / "ca.pem"), "pw")
    else:
        svc.create("Łukasz Nowak", "SW123456", "Leeds City Council", now=now)
    spots: list = []
    story = [*pb.title("End of placement report"), pb.para("Pass."),
             pb.signature_placeholder(spots)]
    doc = pb.render_pdf(pb.DocumentInfo("EPR"), story, spots)
    return sign_pdf(doc.data, svc.material(), now=now, spot=doc.signature_spot).data


def container_span(data: bytes) -> tuple[int, bytes]:
    """(offset in the file of the container's first hex digit, the container's DER)."""
    m = re.search(rb"/Contents <([0-9a-fA-F]+)>", data)
    if m is None:
        raise ValueError("no signature value in this PDF")
    raw = bytes.fromhex(m.group(1).decode("ascii"))
    first = raw[1]
    n = 0 if first < 0x80 else first & 0x7F
    length = 2 + n + (first if n == 0 else int.from_bytes(raw[2:2 + n], "big"))
    return m.start(1), raw[:length]


def header_length(der: bytes) -> int:
    return 2 if der[1] < 0x80 else 2 + (der[1] & 0x7F)


def signer_version_offset(der: bytes) -> int:
    """Offset in the DER of the first signer info's version value (the byte the
    earlier check let through)."""
    from asn1crypto import cms

    si = cms.ContentInfo.load(der)["content"]["signer_infos"][0].dump()
    at = der.index(si)
    return at + header_length(si) + 2  # INTEGER tag and length, then the value


def digit_edit(data: bytes, start: int, digit: int, value: int) -> bytes:
    """``data`` with hex digit number ``digit`` of the container set to ``value``
    (in the case the file uses)."""
    out = bytearray(data)
    old = chr(out[start + digit])
    new = HEX[value]
    out[start + digit] = ord(new.upper() if old.isupper() else new)
    return bytes(out)


def digit_edits(data: bytes, values: str = "all") -> Iterator[tuple[int, int, bytes]]:
    """(digit, new value, edited file) for every digit of the container."""
    start, der = container_span(data)
    for digit in range(2 * len(der)):
        old = int(chr(data[start + digit]), 16)
        news = [v for v in range(16) if v != old] if values == "all" else [old ^ 1, old ^ 8]
        for v in news:
            yield digit, v, digit_edit(data, start, digit, v)


def byte_edits(data: bytes, n: int, rng: random.Random) -> Iterator[tuple[int, int, bytes]]:
    """(byte, new value, edited file): ``n`` random whole-byte replacements."""
    start, der = container_span(data)
    for _ in range(n):
        i = rng.randrange(len(der))
        v = (der[i] + rng.randrange(1, 256)) % 256
        out = bytearray(data)
        out[start + 2 * i:start + 2 * i + 2] = f"{v:02x}".encode()
        yield i, v, bytes(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--values", choices=["all", "2"], default="all")
    ap.add_argument("--bytes", type=int, default=0, help="random whole-byte edits to add")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--employer", action="store_true", help="an RSA employer certificate")
    args = ap.parse_args(argv)
    from pe_desktop.clock import default_clock
    from pe_desktop.export.signing import verify_pdf

    with tempfile.TemporaryDirectory() as keys:
        data = signed_pdf(Path(keys), args.employer)
    at = default_clock().now()
    if not verify_pdf(data, at=at).ok:
        print("the untouched file does not verify", file=sys.stderr)
        return 2
    _, der = container_span(data)
    tried = survived = incomplete = 0
    t0 = time.perf_counter()
    edits = list(digit_edits(data, args.values))
    edits += [(2 * i, v, d) for i, v, d in byte_edits(data, args.bytes,
                                                      random.Random(args.seed))]
    for digit, value, edited in edits:
        tried += 1
        report = verify_pdf(edited, at=at)
        incomplete += report.status == "chain-incomplete"
        if report.ok:
            survived += 1
            i = digit // 2
            print(f"still OK: byte {i} (digit {digit % 2}) -> {value:x}; around it: "
                  f"{der[max(i - 6, 0):i].hex()} [{der[i]:02x}] {der[i + 1:i + 7].hex()}",
                  flush=True)
    took = time.perf_counter() - t0
    print(f"{'employer RSA' if args.employer else 'self-signed EC'} signer; "
          f"container {len(der)} bytes; {tried} edits ({args.values} values per hex digit"
          f"{f', {args.bytes} random bytes' if args.bytes else ''}): {survived} still verify, "
          f"{tried - survived} refused ({incomplete} of them as certificate chain incomplete); "
          f"{took:.0f} s ({1000 * took / max(tried, 1):.0f} ms each)")
    return 1 if survived else 0


if __name__ == "__main__":
    raise SystemExit(main())
