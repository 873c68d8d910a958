"""Known entities are redacted in every variant; the JSON shape is checked."""

from __future__ import annotations

import pytest

from pe_desktop.domain.anonymise import (
    CATEGORIES,
    ROLE_LABELS,
    Anonymiser,
    KnownEntities,
    KnownPerson,
)

KNOWN = KnownEntities(
    people=(
        KnownPerson("student", "Zoë Bartłomiej-Haddad", "Zo"),
        KnownPerson("pe", "Máiréad Ní Bhriain"),
        KnownPerson("oss", "Łukasz Nowak"),
        KnownPerson("tutor", "Dr Priya Raman-Ellis"),
        KnownPerson("student", "Ruby Erikson"),
    ),
    organisations=("Kirklees Council", "Calderdale Family Support Team"),
    places=("Harehills",),
)


@pytest.fixture(scope="module")
def anon() -> Anonymiser:
    return Anonymiser(KNOWN)


@pytest.mark.parametrize("text, leaked", [
    ("Zoë showed empathy.", "Zoë"),
    ("Zoe showed empathy.", "Zoe"),
    ("ZOË'S report", "ZOË"),
    ("zoe's report", "zoe"),
    ("Zo was late.", "Zo"),
    ("Ms Haddad arrived.", "Haddad"),
    ("Miss Bartlomiej-Haddad arrived.", "Bartlomiej"),
    ("BARTŁOMIEJ spoke.", "BARTŁOMIEJ"),
    ("Bartlomiej's plan", "Bartlomiej"),
    ("Z.B. noted", "Z.B"),
    ("ZB noted", "ZB"),
    ("Z.B.H.'s notes", "Z.B.H"),
    ("Z-B noted", "Z-B"),
    ("Mairead Ni Bhriain observed.", "Bhriain"),
    ("Máiréad observed.", "Máiréad"),
    ("MAIREAD observed.", "MAIREAD"),
    ("Lukasz Nowak supervised.", "Lukasz"),
    ("Mr Nowak supervised.", "Nowak"),
    ("Dr Raman-Ellis visited.", "Raman"),
    ("Priya visited.", "Priya"),
    ("Ellis visited.", "Ellis"),
    ("Ruby Erikson drew on theory.", "Erikson"),
    ("Ms Erikson drew on theory.", "Erikson"),
    ("the team at Kirklees Council", "Kirklees"),
    ("KIRKLEES", "KIRKLEES"),
    ("Calderdale Family Support Team", "Calderdale"),
    ("a home visit in Harehills", "Harehills"),
])
def test_known_variants_redacted(anon, text, leaked):
    out = anon.anonymise(text).text
    assert leaked.lower() not in out.lower(), out


def test_role_labels(anon):
    out = anon.anonymise("Zoë met Máiréad, Łukasz and Priya Raman-Ellis.").text
    assert out == ("[Student] met [Practice Educator], [On-site Supervisor] and [Tutor].")


def test_theorist_shared_surname_kept_when_cited(anon):
    out = anon.anonymise("She applied Erikson's stages (Erikson, 1950) well.").text
    assert out.count("Erikson") == 2, out


def test_ordinary_words_that_are_parts_survive_lower_case():
    a = Anonymiser(KnownEntities((KnownPerson("student", "Will Green"),)))
    out = a.anonymise("Will Green will bring green files. Mr Green agreed.").text
    assert out == "[Student] will bring green files. [Student] agreed."


def test_counts_and_offsets(anon):
    text = "Zoë emailed zo@example.org."
    res = anon.anonymise(text)
    assert res.counts() == {"person": 1, "email": 1}
    for r in res.redactions:
        assert r.category in CATEGORIES
        assert 0 <= r.start < r.end <= len(text)
    assert res.text == "[Student] emailed [Email]."


def test_extra_redact_and_keep():
    a = Anonymiser(KnownEntities((KnownPerson("student", "Sam Able"),)),
                   extra_redact=["the blue house"], keep=["Sam"])
    out = a.anonymise("Sam lives in the blue house; Able agreed.").text
    assert out == "Sam lives in [Person]; [Student] agreed."


def test_from_json_round_trip_and_errors():
    data = {"people": [{"role": "student", "name": "A B", "preferred_name": "Al"}],
            "organisations": ["Org"], "places": []}
    assert KnownEntities.from_json(data).to_json() == data
    for bad, message in [
        ([], "JSON object"),
        ({"people": {}}, '"people" must be a list'),
        ({"people": [{"role": "boss", "name": "X"}]}, "role 'boss'"),
        ({"people": [{"name": 3}]}, '"name" string'),
        ({"organisations": "Org"}, '"organisations" must be a list'),
        ({"persons": []}, "unexpected key 'persons'"),
    ]:
        with pytest.raises(ValueError, match=message) as exc:
            KnownEntities.from_json(bad)
        assert "\n" not in str(exc.value)
    assert set(ROLE_LABELS) == {"student", "pe", "oss", "tutor", "other"}
