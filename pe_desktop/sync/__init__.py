"""Transport: an offline outbox and the targets it delivers to (folder, WebDAV).

Knows no domain: it moves opaque files under content-addressed names. See the
"Transport" section of ``docs/qa-protocol.md``.
"""
