"""Signed and encrypted packages: the format that crosses the laptop's edge.

Reusable by QA sample requests and bundles (issue 12) and the on-site
supervisor packages (issue 14). Everything here uses standard formats an
independent tool can open: age (X25519) for encryption, detached CMS
(PKCS#7, ``openssl cms -verify``) for signatures, zip + JSON for content.
See ``docs/qa-protocol.md``. Heavy libraries are imported inside functions.
"""
