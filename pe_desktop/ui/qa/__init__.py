"""The QA page: sample requests, selection, anonymised preview, approval, outbox."""
