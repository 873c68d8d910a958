"""Peer QA (issue 12): known entities, requests, selection, anonymised review, bundles
and their delivery."""
