"""Causes for concern: the record editor, the placement tab, the report link."""
