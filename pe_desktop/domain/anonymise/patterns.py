"""Identifiers found by their shape: emails, UK phone numbers, postcodes, NI and
NHS numbers (checksum validated), exact dates, case references, vehicle
registrations, URLs, handles and street addresses.

Each recogniser yields ``(start, end, category)`` on the original text. They
err on the side of redacting: a false positive costs the reviewer a word, a
false negative leaks an identifier.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
          "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_DAYNAMES = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_ORD = r"(?:st|nd|rd|th)"
_DAY = rf"(?:[12]\d|3[01]|0?[1-9]){_ORD}?"
_MONTH = rf"(?:{MONTHS})\.?"
_YEAR = r"(?:19|20)\d\d|'\d\d|\d\d"

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]"
    r"|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:co\.uk|org\.uk|gov\.uk|ac\.uk|nhs\.uk|com|org|"
    r"net|uk|io|info)(?:/[^\s<>\"')\]]*[^\s<>\"')\].,;:!?])?\b",
    re.IGNORECASE)
HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?")
PHONE = re.compile(
    r"(?<![\w+])(?:\+\s?44\s?(?:\(0\)\s?)?|0044\s?|\(0|0)\d(?:[\s\-.()]{0,2}\d){7,10}(?!\d)")
POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE)
# Any two letters (the documentation prefix QQ included), six digits, suffix A-D.
# Without the suffix letter only the spaced form counts (SW123456 is a registration).
NINO = re.compile(r"\b[A-Z]{2}(?:[ -]?\d\d[ -]?\d\d[ -]?\d\d[ -]?[A-D]|[ -]\d\d[ -]\d\d[ -]\d\d)\b",
                  re.IGNORECASE)
NHS = re.compile(r"(?<![\d-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d-])")
DATES = [
    # 12/03/2015, 12-3-15, 12.03.2015
    re.compile(r"(?<![\d/.-])(?:[12]\d|3[01]|0?[1-9])([/.-])(?:1[0-2]|0?[1-9])\1(?:(?:19|20)\d\d|\d\d)(?![\d/-]|\.\d)"),
    # 2015-03-12 and 2015/03/12
    re.compile(r"(?<![\d/-])(?:19|20)\d\d([/-])(?:1[0-2]|0?[1-9])\1(?:[12]\d|3[01]|0?[1-9])(?![\d/-])"),
    # (Tuesday) 12(th) (of) March (2015)
    re.compile(rf"\b(?:{_DAYNAMES},?\s+(?:the\s+)?)?{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+(?:{_YEAR}))?(?![\w'])",
               re.IGNORECASE),
    # (Tuesday) March 12(th)(,) (2015)
    re.compile(rf"\b(?:{_DAYNAMES},?\s+)?{_MONTH}\s+(?:the\s+)?{_DAY}(?:,?\s+(?:{_YEAR}))?(?![\w'])",
               re.IGNORECASE),
    # 12/03 (day/month, no year) after a date cue
    re.compile(r"(?<=\bon )(?:[12]\d|3[01]|0?[1-9])/(?:1[0-2]|0?[1-9])(?![\d/])", re.IGNORECASE),
]
# "DOB 2015" or "born in 2003": a year is only identifying next to a birth cue.
BIRTH_YEAR = re.compile(r"\b(?:d\.?o\.?b\.?|date of birth|born(?: in)?)[:\s]+((?:19|20)\d\d)\b",
                        re.IGNORECASE)
#: (regex, group): the group is the identifier.
REFERENCE = [
    # "case ref 12345/AB", "file no. 556677", "Mosaic ID: 1234567", "ref: ABC-123"
    (re.compile(r"\b(?:ref(?:erence)?s?|file|case|no|nos|number|id|record|mosaic|lcs)\b"
                r"\.?(?:\s*(?:no|number|id)\b\.?)?\s*[:#]?\s*([A-Z0-9][\w/-]*\d[\w/-]*)",
                re.IGNORECASE), 1),
    # LCS-123456, AB/12345, CP12345, SW123456, 12345/AB
    (re.compile(r"\b[A-Z]{1,5}[-/]?\d{4,}(?:[-/][A-Z0-9]+)*\b"), 0),
    (re.compile(r"\b\d{3,}/[A-Z0-9]{2,}\b"), 0),
    # any long digit run that is not a year or a phone number
    (re.compile(r"(?<![\d.,])\d{6,}(?![\d.,]\d)"), 0),
]
VEHICLE = [
    re.compile(r"\b[A-HJ-PR-Y][A-HJ-PR-Y]\d\d ?[A-HJ-PR-Z]{3}\b"),  # AB12 CDE
    re.compile(r"\b[A-HJ-NPR-TV-Y]\d{1,3} ?[A-HJ-PR-Y]{3}\b"),  # A123 BCD
    re.compile(r"\b[A-HJ-PR-Y]{3} ?\d{1,3}[A-HJ-NPR-TV-Y]\b"),  # ABC 123D
]
STREET_TYPES = (
    "street|st|road|rd|avenue|ave|lane|ln|grove|close|drive|dr|way|crescent|cres|court|ct|"
    "place|pl|terrace|gardens|gdns|walk|mews|row|hill|view|rise|green|square|sq|parade|park|"
    "fold|mount|vale|gate|croft|bank|side|wynd|chase|meadow|meadows|approach|boulevard|"
    "crossway|dale|brow|glade|heights|hollow|lea|nook|orchard|passage|path|reach|ridge|"
    "circus|embankment|esplanade|gardens|quay|wharf|yard|villas|cottages|grange|manor|"
    "fields|lawns|paddock|spinney|copse|ings|garth|loke|twitten|vennel|wood|woods")
_CAP = r"[A-Z][\w'’-]*"
ADDRESS = [
    # 14 Elm Grove, 3a Station Road, Flat 2, 14 Elm Grove
    re.compile(rf"\b(?:(?:Flat|Apartment|Unit)\s+\d+[A-Za-z]?,?\s+)?\d{{1,4}}[A-Za-z]?,?\s+"
               rf"(?:{_CAP}\s+){{0,3}}(?:{STREET_TYPES})\b\.?", re.IGNORECASE),
    re.compile(r"\b(?:Flat|Apartment)\s+\d+[A-Za-z]?\b"),
]


def nhs_checksum_ok(digits: str) -> bool:
    """The NHS number modulus 11 check (the tenth digit checks the first nine)."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _phone_ok(text: str) -> bool:
    digits = re.sub(r"\D", "", text)
    if digits.startswith("44"):
        digits = "0" + digits[2:].removeprefix("0")
    return 10 <= len(digits) <= 11 and digits.startswith("0")


def find_patterns(text: str) -> Iterator[tuple[int, int, str]]:
    """Every pattern identifier in ``text`` (may overlap; the caller resolves)."""
    for m in EMAIL.finditer(text):
        yield m.start(), m.end(), "email"
    for m in URL.finditer(text):
        yield m.start(), m.end(), "url"
    for m in HANDLE.finditer(text):
        yield m.start(), m.end(), "handle"
    for m in NHS.finditer(text):
        if nhs_checksum_ok(re.sub(r"\D", "", m.group())):
            yield m.start(), m.end(), "nhs_number"
    for m in PHONE.finditer(text):
        if _phone_ok(m.group()):
            end = m.end()
            yield m.start(), end, "phone"
    for m in NINO.finditer(text):
        if sum(c.isdigit() for c in m.group()) == 6:
            yield m.start(), m.end(), "nino"
    for m in POSTCODE.finditer(text):
        g = m.group()
        # lower-case look-alikes need the space ("ls6 2ab"), capitals need nothing
        if g.isupper() or " " in g:
            yield m.start(), m.end(), "postcode"
    for rx in DATES:
        for m in rx.finditer(text):
            yield m.start(), m.end(), "date"
    for m in BIRTH_YEAR.finditer(text):
        yield m.start(1), m.end(1), "date"
    for rx in VEHICLE:
        for m in rx.finditer(text):
            yield m.start(), m.end(), "vehicle"
    for rx, group in REFERENCE:
        for m in rx.finditer(text):
            yield m.start(group), m.end(group), "reference"
    for rx in ADDRESS:
        for m in rx.finditer(text):
            yield m.start(), m.end(), "address"
