"""Anonymisation of report text for peer QA samples (issue 12).

Pure domain code: no Qt, no database. The public interface (shared with the QA
protocol, see the helpers' ANON_API):

    KnownPerson, KnownEntities, Redaction, AnonymisedText, Anonymiser,
    CATEGORIES, ROLE_LABELS

Modules: ``model`` (the dataclasses), ``folding`` (accent/case-insensitive
matching with original offsets), ``variants`` (every spelling of a known
person, organisation or place), ``patterns`` (identifiers by shape), ``keep``
(the gazetteer of phrases a reviewer needs), ``lexicon`` and ``names`` (the
allow-list detector for names nobody told us about), ``engine`` (the
Anonymiser). Word lists load on the first ``anonymise`` call, not on import.
"""

from pe_desktop.domain.anonymise.engine import Anonymiser
from pe_desktop.domain.anonymise.model import (
    CATEGORIES,
    CATEGORY_LABELS,
    ROLE_LABELS,
    AnonymisedText,
    KnownEntities,
    KnownPerson,
    Redaction,
)

__all__ = ["CATEGORIES", "CATEGORY_LABELS", "ROLE_LABELS", "AnonymisedText", "Anonymiser",
           "KnownEntities", "KnownPerson", "Redaction"]
