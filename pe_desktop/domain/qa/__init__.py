"""Peer QA rules: sample requests, unbiased selection, the anonymised report shape."""
