"""Structured QAMP reviews: the placement tab and the review form."""
