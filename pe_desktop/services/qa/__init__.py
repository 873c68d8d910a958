"""Peer QA: requests, selection, anonymisation, bundles and their delivery (issue 12)."""
