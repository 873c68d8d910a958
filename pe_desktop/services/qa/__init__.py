"""Peer QA, the PE's side: requests, selection, anonymised review, bundles."""
