"""docs/interchange.md's field reference is generated from the ORM metadata."""

from __future__ import annotations

from pathlib import Path

from pe_desktop.services.interchange.document import tables_in_order
from pe_desktop.services.interchange.reference import current_block, field_reference

DOC = Path(__file__).resolve().parents[3] / "docs" / "interchange.md"


def test_the_document_matches_the_generated_reference():
    assert current_block(DOC) == field_reference(), (
        "docs/interchange.md is out of date: run scripts/gen-interchange-doc")


def test_every_column_of_every_table_is_described():
    text = field_reference()
    for table in tables_in_order():
        section = text.split(f"### `{table.name}`", 1)[1].split("### ", 1)[0]
        for col in table.columns:
            assert f"| `{col.name}` |" in section, (table.name, col.name)
    assert "`not_yet`, `developing`, `meets`, `exceeds`" in text  # a vocabulary
    assert "time `HH:MM`" in text and "a JSON document inside the string" in text
    assert "key `key`; no `uid`" in text  # tables without uid/id are named
