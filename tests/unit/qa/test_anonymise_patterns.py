"""Pattern identifiers: each shape in its common spellings."""

from __future__ import annotations

import pytest

from pe_desktop.domain.anonymise import Anonymiser, KnownEntities
from pe_desktop.domain.anonymise.patterns import nhs_checksum_ok


@pytest.fixture(scope="module")
def anon() -> Anonymiser:
    return Anonymiser(KnownEntities())


@pytest.mark.parametrize("identifier, category", [
    ("j.smith+qa@example.co.uk", "email"),
    ("07700 900123", "phone"), ("07700900123", "phone"), ("07700-900-123", "phone"),
    ("+44 7700 900123", "phone"), ("+44 (0)113 496 0000", "phone"),
    ("(0113) 496 0000", "phone"), ("0113 496 0000", "phone"), ("020 7946 0018", "phone"),
    ("01632 960 001", "phone"), ("+447700900123", "phone"),
    ("LS6 2AB", "postcode"), ("M1 1AE", "postcode"), ("SW1A 1AA", "postcode"),
    ("ls6 2ab", "postcode"),
    ("QQ 12 34 56 C", "nino"), ("AB123456C", "nino"),
    ("943 476 5919", "nhs_number"), ("9434765919", "nhs_number"),
    ("943-476-5919", "nhs_number"),
    ("12/03/2015", "date"), ("12.3.15", "date"), ("2015-03-12", "date"),
    ("12 March 2015", "date"), ("3rd of March 2015", "date"), ("March 3rd, 2015", "date"),
    ("Tuesday 12th March", "date"), ("12 Mar 15", "date"),
    ("LCS-123456", "reference"), ("SW123456", "reference"),
    ("AB12 CDE", "vehicle"), ("A123 BCD", "vehicle"),
    ("https://www.example.org/profile?id=3", "url"), ("www.example.co.uk", "url"),
    ("@zoe_h", "handle"),
    ("14 Elm Grove", "address"), ("Flat 3, 22 Station Road", "address"),
])
def test_pattern_found(anon, identifier, category):
    res = anon.anonymise(f"Noted: {identifier} today.")
    assert identifier not in res.text
    assert category in res.counts(), (res.text, res.counts())


def test_case_reference_with_cue(anon):
    out = anon.anonymise("The case ref 12345/AB was opened; file no. 556677 closed.").text
    assert "12345" not in out and "556677" not in out


def test_nhs_checksum():
    assert nhs_checksum_ok("9434765919")
    assert not nhs_checksum_ok("9434765918")
    assert not nhs_checksum_ok("123")


def test_years_and_month_year_kept(anon):
    text = "In March 2026 she read the Care Act 2014 and Children Act 1989 s.47."
    assert anon.anonymise(text).text == text


def test_date_of_birth_year(anon):
    assert "2012" not in anon.anonymise("Child (DOB: 2012) lives locally.").text
