"""Peer QA, the panel's side: its identity and the sample requests it signs."""
