"""The test suite's data key: fixed for the session, so the template database opens.

Given to every context through ``PE_DESKTOP_DATA_KEY`` (tests/conftest.py), which
takes the place of the keyring; tests of the keyring path use
``SecretStore.in_memory()`` and unset it.
"""

from __future__ import annotations

import hashlib

TEST_KEY = hashlib.sha256(b"pe-desktop test suite data key").digest()


def connect(path):
    """A DB-API connection to a test database (encrypted with TEST_KEY, or plain)."""
    from pe_desktop.storage import crypto

    return crypto.connect(path, None if crypto.is_plain_sqlite(path) else TEST_KEY)
