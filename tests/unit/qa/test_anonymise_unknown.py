"""Names and places nobody listed, and the phrases a reviewer needs kept."""

from __future__ import annotations

import pytest

from pe_desktop.domain.anonymise import Anonymiser, KnownEntities


@pytest.fixture(scope="module")
def anon() -> Anonymiser:
    return Anonymiser(KnownEntities())


@pytest.mark.parametrize("text, gone", [
    ("We discussed his son Lennon at length.", ["Lennon"]),
    ("She lives with Nan (Shirley) most weeks.", ["Shirley"]),
    ("Student: Autumn Reyes.", ["Autumn", "Reyes"]),
    ("Grace said she felt listened to.", ["Grace"]),
    ("The visit with Amir and Obi went well.", ["Amir", "Obi"]),
    ("He attends Oak Primary School.", ["Oak"]),
    ("Their GP at Meadow View Surgery agreed.", ["Meadow"]),
    ("She was admitted to Ward 7 and then Oak 3.", ["Ward 7", "Oak 3"]),
    ("They moved to the Brackenhill Estate.", ["Brackenhill"]),
    ("J.K. and JK's mother attended.", ["J.K", "JK"]),
    ("lennon said he was fine.", ["lennon"]),
    ("Mrs Green and Mr Will agreed.", ["Green", "Will"]),
    ("to understand Poppy's regression at nursery", ["Poppy"]),
    ("the pharmacist at Forward Leeds", ["Leeds"]),
])
def test_unknown_names_redacted(anon, text, gone):
    out = anon.anonymise(text).text
    for word in gone:
        assert word not in out, out


@pytest.mark.parametrize("text", [
    "We had a frank conversation; it was a rich seam of learning and she is in good heart.",
    "Will the plan work? She showed grace and will.",
    "She applied the Adoption and Children Act 2002 s.1 and the Immigration and Asylum Act 1999.",
    "Under the Care Act 2014 and the Mental Capacity Act 2005, with Children Act 1989 s.47.",
    "The Fostering Services (England) Regulations 2011 and Form F were explained.",
    "She drew on Erikson, Vygotsky, Lishman, Maslow, Bronfenbrenner, Kolb, Gibbs and Schön.",
    "The Cultural Web and Signs of Safety helped; the LADO was informed.",
    "Universal Credit, PIP, DoLS and an LPA were discussed.",
    "Records are kept on Mosaic, LCS, Liquidlogic and SystmOne.",
    "Values and Ethics; Critical Reflection and Analysis; Contexts and Organisations.",
    "Thompson (2016) and Wilson's model informed her analysis.",
])
def test_keep_phrases_survive(anon, text):
    assert anon.anonymise(text).text == text


def test_cue_beats_theorist_gazetteer(anon):
    out = anon.anonymise("Mrs Bowlby met the student.").text
    assert "Bowlby" not in out


@pytest.mark.parametrize("text, kept, gone", [
    ("We discussed Resilience, Empowerment and Advocacy.", ["Empowerment", "Advocacy"], []),
    ("She values Independence, Reflexivity and Accountability.", ["Reflexivity"], []),
    ("Clement said he was fine; Laurence did not.", [], ["Clement", "Laurence"]),
    ("Trinity was upset.", [], ["Trinity"]),
])
def test_abstract_nouns_from_common_words_are_not_names(anon, text, kept, gone):
    """A capitalised abstract noun built on a common word ("Empowerment") is a value
    or a heading; a name with the same ending but no such stem is still a name."""
    out = anon.anonymise(text).text
    for w in kept:
        assert w in out
    for w in gone:
        assert w not in out
