"""Counted nouns read as English."""

from pe_desktop.domain.wording import count


def test_one_is_singular_and_everything_else_plural():
    assert count(1, "record") == "1 record"
    assert [count(n, "record") for n in (0, 2, 11)] == ["0 records", "2 records", "11 records"]
    assert count(3, "report section") == "3 report sections"
    assert count(2, "child", "children") == "2 children"
    assert count(1, "child", "children") == "1 child"
