"""UK places whose names are ordinary words: redacted where the context says place,
kept where the word is the word (``pe_desktop/domain/anonymise/places.py``)."""

from __future__ import annotations

import re

import pytest

from pe_desktop.domain.anonymise import Anonymiser, KnownEntities
from pe_desktop.domain.anonymise.places import MONTHS, settlements


@pytest.fixture(scope="module")
def anon() -> Anonymiser:
    return Anonymiser(KnownEntities())


# (text, words that must be redacted, words that must stay)
CASES = [
    # --- after a locative or movement word
    ("She moved to Reading last year.", ["Reading"], ["moved", "last year"]),
    ("The team in Bath was supportive.", ["Bath"], ["team", "supportive"]),
    ("She had a placement at Sale Moor.", ["Sale", "Moor"], ["placement"]),
    ("He grew up near Wells.", ["Wells"], ["grew up"]),
    ("The family lives in Deal now.", ["Deal"], ["family"]),
    ("They live near March and shop in Wisbech.", ["March", "Wisbech"], ["shop"]),
    ("He was placed in foster care in Street, Somerset.", ["Street"], ["foster care"]),
    ("Mum wants to move back to Hull.", ["Hull"], ["Mum wants"]),
    ("She commutes from Ware every day.", ["Ware"], ["commutes"]),
    ("Her nan lives in Looe.", ["Looe"], ["nan"]),
    ("The visit to Hope was cancelled.", ["Hope"], ["visit"]),
    ("She moved to Sale in 2019 and now works in Bury.", ["Sale", "Bury"], ["2019"]),
    ("They moved to Barrow-in-Furness when he was six.", ["Barrow-in-Furness"], ["six"]),
    ("In Reading, the team holds weekly drop-ins.", ["Reading"], ["In", "weekly"]),
    ("He was born outside Leek and grew up around Stone.", ["Leek", "Stone"], ["born"]),
    ("She travelled between Bath and Wells by bus.", ["Bath", "Wells"], ["bus"]),
    ("The family moved from Deal to March in 2021.", ["Deal", "March"], ["2021"]),
    ("She lived on the outskirts of Slough.", ["Slough"], ["outskirts"]),
    ("He is staying with his aunt in central Harrow.", ["Harrow"], ["central"]),
    ("They visited Battle and Rye over the summer.", ["Battle", "Rye"], ["summer"]),
    ("We drove towards Sandwich after the meeting.", ["Sandwich"], ["meeting"]),
    ("She moved to READING in May.", ["READING"], ["May"]),
    ("Hope was expressed that she could return to Bath.", ["Bath"], ["Hope was expressed"]),
    # --- before a place word
    ("He attends Reading Station car park meetings.", ["Reading"], ["car park"]),
    ("Reading Borough Council were involved.", ["Reading"], ["were involved"]),
    ("She described the Bath area as quiet.", ["Bath"], ["area", "quiet"]),
    ("He returned to Reading's town centre.", ["Reading"], ["town centre"]),
    ("A Reading-based charity supported them.", ["Reading"], ["charity"]),
    ("They met outside March Town Hall.", ["March"], ["met"]),
    ("Contact was arranged at Reading Family Centre.", ["Reading"], ["Contact"]),
    ("Wells Cathedral choir sessions helped her settle.", ["Wells"], ["choir"]),
    ("She was seen at Derby Royal Infirmary.", ["Derby"], ["seen"]),
    # --- on an address line
    ("12 Hope Street, Deal CT14 6XX", ["Hope", "Deal", "CT14"], []),
    ("Flat 2, 5 Abbey Road, Bath BA1 2AB", ["Bath", "BA1"], []),
    ("Address: 4 Mill Lane, Sale, M33 7XX", ["Sale", "Mill Lane"], ["Address"]),
    # --- the same words as ordinary words
    ("Reading the case notes, she noticed a pattern.", [], ["Reading the case notes"]),
    ("Bath time routines were discussed.", [], ["Bath time"]),
    ("The review is in March.", [], ["March"]),
    ("The review is due by the end of March.", [], ["March"]),
    ("From January to March the plan was reviewed monthly.", [], ["January", "March"]),
    ("As at March 2025 the plan was in place.", [], ["March 2025"]),
    ("She is making progress in Reading and Writing.", [], ["Reading", "Writing"]),
    ("He struggles in Reading and Maths.", [], ["Reading", "Maths"]),
    ("His Reading age is 7.", [], ["Reading age"]),
    ("He is making good progress with Reading Recovery in school.", [], ["Reading Recovery"]),
    ("She was referred to Street Triage by the police.", [], ["Street Triage"]),
    ("Street homelessness was discussed in supervision.", [], ["Street homelessness"]),
    ("Deal with conflict early, she said.", [], ["Deal"]),
    ("Sale of the family home was delayed until March.", [], ["Sale", "March"]),
    ("Stone, paper, scissors was his favourite game.", [], ["Stone"]),
    ("Hope and resilience were themes of the session.", [], ["Hope"]),
    ("Battle lines had been drawn between the parents.", [], ["Battle"]),
    ("the importance of reading to children in bath time", [],
     ["reading", "bath time"]),
    ("She moved in March to a new flat.", [], ["March"]),
]


def _covered(result, text: str, word: str) -> bool:
    """Is every letter of each occurrence of ``word`` inside a redaction?"""
    spans = [(r.start, r.end) for r in result.redactions]
    found = [m.span() for m in re.finditer(re.escape(word), text)]
    assert found, f"{word!r} not in {text!r}"
    return all(all(any(s <= i < e for s, e in spans) for i in range(a, b) if text[i].isalnum())
               for a, b in found)


def _touched(result, text: str, word: str) -> bool:
    spans = [(r.start, r.end) for r in result.redactions]
    return any(a < e and s < b for m in re.finditer(re.escape(word), text)
               for a, b in [m.span()] for s, e in spans)


@pytest.mark.parametrize("text, gone, kept", CASES)
def test_place_named_by_a_word(anon, text, gone, kept):
    result = anon.anonymise(text)
    for word in gone:
        assert _covered(result, text, word), (word, result.text)
    for word in kept:
        assert not _touched(result, text, word), (word, result.text)


def test_the_table_is_big_enough_and_balanced():
    assert len(CASES) >= 40
    assert sum(1 for _t, gone, _k in CASES if not gone) >= 15  # ordinary-word uses


def test_places_are_labelled_as_places(anon):
    result = anon.anonymise("She moved to Reading, then near Wells.")
    assert [(result.original[r.start:r.end], r.category) for r in result.redactions] == \
        [("Reading", "place"), ("Wells", "place")]


def test_months_after_in_are_months_whatever_the_list_says(anon):
    """The explicit rule: a month name after "in" (or "from", "to", "by", "of") is
    the month, even though March is a listed town."""
    assert ("march",) in settlements()["march"]
    for month in sorted(MONTHS):
        text = f"The review was held in {month.title()}."
        assert anon.anonymise(text).redactions == (), text


def test_the_list_holds_only_words_the_detector_would_let_through():
    """Every listed name has a word that is an ordinary English word (otherwise the
    allow-list already redacts it and the entry is dead weight)."""
    from pe_desktop.domain.anonymise.names import lexicon

    lex = lexicon()
    names = {words for entries in settlements().values() for words in entries}
    assert len(names) > 150
    for words in names:
        parts = [p for w in words for p in w.split("-")]
        assert any(lex.is_word(p) for p in parts), words


def test_the_gazetteer_is_not_read_at_import():
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    code = ("import pe_desktop.domain.anonymise; "
            "from pe_desktop.domain.anonymise import places; "
            "print(places.settlements.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=root, env={**os.environ, "PYTHONPATH": str(root)})
    assert out.stdout.strip() == "0"
