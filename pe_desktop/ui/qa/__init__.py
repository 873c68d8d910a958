"""Peer QA in the GUI: the QA page (requests, selection, preview, approval), the
targets dialog and the outbox view."""
