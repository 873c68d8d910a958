"""Peer QA samples (issue 12): known entities for anonymisation, and more."""
