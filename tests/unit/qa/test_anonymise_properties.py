"""Properties that hold for any text: no crash, valid offsets, idempotent, no leak
through labels."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pe_desktop.domain.anonymise import CATEGORIES, Anonymiser, KnownEntities, KnownPerson
from pe_desktop.domain.anonymise.model import CATEGORY_LABELS, ROLE_LABELS

ANON = Anonymiser(KnownEntities(
    (KnownPerson("student", "Zoë Bartłomiej-Haddad", "Zo"), KnownPerson("pe", "Will Green")),
    ("Kirklees Council",), ("Harehills",)))
LABELS = set(ROLE_LABELS.values()) | set(CATEGORY_LABELS.values())
WORDS = st.sampled_from(["Zoë", "zoe", "Haddad's", "Will", "will", "green", "Green", "Mr",
                         "his son", "Lennon", "LS6 2AB", "07700 900123", "12/03/2015",
                         "Care Act 2014", "Erikson", "Ward 7", "@zo", "a@b.co", "[Student]",
                         "Kirklees", "Oak Primary School", ".", ",", "\n", "(", ")", "'s"])
TEXTS = st.one_of(st.text(max_size=300),
                  st.lists(WORDS, max_size=40).map(" ".join))
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXTS)
def test_offsets_valid_sorted_non_overlapping(text):
    res = ANON.anonymise(text)
    assert res.original == text
    end = 0
    for r in res.redactions:
        assert 0 <= r.start < r.end <= len(text)
        assert r.start >= end
        end = r.end
        assert r.category in CATEGORIES
        assert r.label in LABELS
        assert r.source in ("known", "pattern", "unknown-name", "user")


@FAST
@given(TEXTS)
def test_idempotent_on_anonymised_text(text):
    once = ANON.anonymise(text).text
    assert ANON.anonymise(once).text == once


@FAST
@given(TEXTS)
def test_labels_never_carry_original_text(text):
    res = ANON.anonymise(text)
    for r in res.redactions:
        redacted = text[r.start:r.end].strip()
        if len(redacted) >= 3 and redacted not in r.label:
            assert redacted.lower() not in r.label.lower()
