"""The QA page and its parts (issue 12)."""
