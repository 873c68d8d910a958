"""Secrets (such as the signing key's passphrase) kept out of the database.

:class:`SecretStore` wraps one explicitly chosen ``keyring`` backend:

1. the operating system's keyring (Secret Service / KWallet on Linux, Keychain
   on macOS, Credential Manager on Windows), used only if a real write, read
   and delete succeed — a backend that merely imports is not enough;
2. otherwise an encrypted file under ``<data dir>/keys/secrets.cfg``
   (``keyrings.cryptfile``: AES with an Argon2-derived key) unlocked by a
   passphrase the user types. There is never a silent plain-text fallback.

``keyring``'s automatic backend selection is never used: with extra backends
installed it can block on a passphrase prompt. :attr:`SecretStore.description`
says which store is in use so the GUI and CLI can tell the user.
"""

from __future__ import annotations

import logging
import secrets
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.paths import ensure_private_dir

log = logging.getLogger(__name__)

SERVICE = "pe-desktop"
SECRETS_FILENAME = "secrets.cfg"

KIND_NATIVE = "native"
KIND_ENCRYPTED_FILE = "encrypted-file"
KIND_MEMORY = "memory"


class SecretStoreError(PEDesktopError):
    """The secret store cannot be used (with a message fit for the user)."""


class PassphraseNeeded(SecretStoreError):
    """No OS keyring: the encrypted secrets file needs the user's passphrase."""


class WrongPassphrase(SecretStoreError):
    pass


class KeyringLockedError(SecretStoreError):
    """The system keyring exists but is locked (the unlock prompt was dismissed or
    cannot be shown): never a reason to start a second store."""


LOCKED_MESSAGE = ("Your system keyring is locked: unlock it (for example by logging in to the "
                  "desktop or opening your password manager) and try again. PE Desktop will not "
                  "start a second secrets store beside it.")
#: Files in the keys folder whose secret lives in a store (signing identities).
_KEY_FILES = ("*.p12",)


#: Asked for the secrets-file passphrase; ``creating`` is True when the file is new.
PassphraseProvider = Callable[[bool], str | None]


class SecretStore:
    """get / set / delete named secrets in one keyring backend."""

    def __init__(self, backend: Any, kind: str, description: str) -> None:
        self.backend = backend
        self.kind = kind
        self.description = description
        # Values read or written through this store, kept for its lifetime (the
        # encrypted file's backend also keeps its derived key: one Argon2 derivation
        # per unlock, :mod:`.secret_file`). :meth:`forget` drops them.
        self._cache: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        if name in self._cache:
            return self._cache[name]
        try:
            value = self.backend.get_password(SERVICE, name)
        except Exception as exc:  # noqa: BLE001 - backend errors vary by platform
            raise SecretStoreError(f"Could not read from {self.description}: {exc}") from exc
        if value is not None:
            self._cache[name] = value
        return value

    def set(self, name: str, value: str) -> None:
        try:
            self.backend.set_password(SERVICE, name, value)
        except Exception as exc:  # noqa: BLE001
            self._cache.pop(name, None)
            raise SecretStoreError(f"Could not write to {self.description}: {exc}") from exc
        self._cache[name] = value

    def delete(self, name: str) -> None:
        from keyring.errors import PasswordDeleteError

        self._cache.pop(name, None)
        try:
            self.backend.delete_password(SERVICE, name)
        except PasswordDeleteError:
            pass
        except Exception as exc:  # noqa: BLE001
            raise SecretStoreError(f"Could not delete from {self.description}: {exc}") from exc

    def forget(self) -> None:
        """Drop the secrets held in memory (and the file's passphrase, if any): the
        store can no longer be used and must be opened again."""
        self._cache.clear()
        if hasattr(self.backend, "forget"):  # the encrypted file's passphrase and derived key
            self.backend.forget()
        elif hasattr(self.backend, "_keyring_key"):
            self.backend._keyring_key = None  # noqa: SLF001 - keyrings.cryptfile's unlock key
        self.backend = _Forgotten()

    # -- construction ----------------------------------------------------------
    @classmethod
    def in_memory(cls) -> SecretStore:
        """A store that forgets everything when the process ends (tests)."""
        return cls(memory_backend(), KIND_MEMORY, "in-memory store (not saved)")

    @classmethod
    def open(
        cls,
        keys_dir: Path,
        passphrase: PassphraseProvider | None = None,
        *,
        try_native: bool = True,
        preload: tuple[str, ...] = (),
    ) -> SecretStore:
        """The native keyring if it really works, else the encrypted file.

        ``passphrase(creating)`` is called only when the encrypted file is
        needed; returning None (cancel) raises :class:`PassphraseNeeded`.
        ``preload`` names the secrets the caller is about to read (see
        :meth:`open_encrypted_file`).
        """
        if try_native:
            native = probe_native_backend()
            if native is not None:
                backend, name = native
                return cls(backend, KIND_NATIVE, f"the system keyring ({name})")
        return cls.open_encrypted_file(keys_dir, passphrase, preload=preload)

    @classmethod
    def open_encrypted_file(
        cls, keys_dir: Path, passphrase: PassphraseProvider | None, *,
        preload: tuple[str, ...] = (),
    ) -> SecretStore:
        """Unlock the encrypted secrets file with the user's passphrase.

        Each read of the file derives a key (Argon2). Unlocking normally reads
        a reference value to check the passphrase; with ``preload`` the first
        preloaded secret that exists is read instead — its authenticated
        decryption checks the passphrase just as well — so opening the store
        and reading that secret cost one derivation, not two.
        """
        path = ensure_private_dir(Path(keys_dir)) / SECRETS_FILENAME
        creating = not path.exists()
        if creating:
            held = [p.name for pattern in _KEY_FILES for p in Path(keys_dir).glob(pattern)]
            if held:
                # The key exists but no secrets file does: its passphrase is in the
                # system keyring, which is not reachable now. A new, empty file
                # beside it would only lead to the identity being replaced.
                raise SecretStoreError(
                    f"The passphrase of {held[0]} is kept in the system keyring, which is not "
                    "available now (locked, or no desktop session). Unlock it or log in to the "
                    "desktop and try again; PE Desktop will not start a second secrets store. "
                    f"(If that keyring is lost for good, move {held[0]} out of "
                    f"{keys_dir} and create a new identity.)"
                )
        given = passphrase(creating) if passphrase else None
        if not given:
            raise PassphraseNeeded(
                "No system keyring is available here, so PE Desktop keeps secrets in an "
                f"encrypted file ({path}); enter its passphrase to continue."
            )
        if creating and len(given) < 8:
            raise SecretStoreError("Choose a passphrase of at least 8 characters.")
        backend = _cryptfile_backend()
        backend.file_path = str(path)
        store = cls(backend, KIND_ENCRYPTED_FILE, f"an encrypted file ({path})")
        try:
            if creating or not preload:
                backend.keyring_key = given  # unlocks (or creates) the file
            else:
                backend.check_on_unlock = False
                backend.keyring_key = given  # no derivation yet
                backend.check_on_unlock = True
                # A wrong passphrase fails the authenticated decryption (ValueError).
                found = [name for name in preload if store.get(name) is not None]
                if not found:
                    backend.unlock_checked()  # the reference value then
        except (ValueError, SecretStoreError) as exc:
            cause = exc.__cause__ if isinstance(exc, SecretStoreError) else exc
            if isinstance(cause, ValueError):
                raise WrongPassphrase(
                    "That passphrase does not unlock the encrypted secrets file."
                ) from exc
            raise SecretStoreError(f"The encrypted secrets file {path} cannot be read: {exc}") from exc
        except Exception as exc:  # noqa: BLE001 - a damaged file
            raise SecretStoreError(f"The encrypted secrets file {path} cannot be read: {exc}") from exc
        path.chmod(0o600)
        return store


def _cryptfile_backend() -> Any:
    """The encrypted file's backend: ``keyrings.cryptfile`` deriving its key once
    per unlock, whose passphrase check on unlock can be deferred
    (:meth:`SecretStore.open_encrypted_file` checks it by reading)."""
    from pe_desktop.services.secret_file import SessionKeyFile

    return SessionKeyFile()


class _Forgotten:
    """The backend of a store after :meth:`SecretStore.forget`."""

    def __getattr__(self, name: str) -> Any:
        raise SecretStoreError("the secret store was closed; open it again")


def memory_backend() -> Any:
    from keyring.backend import KeyringBackend
    from keyring.errors import PasswordDeleteError

    class MemoryKeyring(KeyringBackend):
        priority = 0  # never chosen automatically

        def __init__(self) -> None:
            super().__init__()
            self._data: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self._data.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self._data[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            if self._data.pop((service, username), None) is None:
                raise PasswordDeleteError("not found")

    return MemoryKeyring()


def _native_candidates() -> list[tuple[str, str]]:
    """(module, class) of the OS keyrings worth probing on this platform."""
    if sys.platform == "darwin":
        return [("keyring.backends.macOS", "Keyring")]
    if sys.platform.startswith("win"):
        return [("keyring.backends.Windows", "WinVaultKeyring")]
    return [("keyring.backends.SecretService", "Keyring"), ("keyring.backends.kwallet",
                                                             "DBusKeyring")]


def probe_native_backend() -> tuple[Any, str] | None:
    """Return a working OS keyring backend and its name, or None.

    A backend counts as working only after a real write, read and delete. A
    keyring that is there but locked raises :class:`KeyringLockedError` (the
    backend first asks the Secret Service to unlock it, which shows the
    desktop's unlock prompt where there is one).
    """
    import importlib

    from keyring.errors import KeyringLocked

    for module_name, cls_name in _native_candidates():
        try:
            cls = getattr(importlib.import_module(module_name), cls_name)
            cls.priority  # noqa: B018 - raises when the backend is unusable here
            backend = cls()
            probe = f"probe-{secrets.token_hex(8)}"
            value = secrets.token_hex(16)
            backend.set_password(SERVICE, probe, value)
            try:
                ok = backend.get_password(SERVICE, probe) == value
            finally:
                backend.delete_password(SERVICE, probe)
            if ok:
                return backend, getattr(cls, "name", cls_name)
        except KeyringLocked:
            raise KeyringLockedError(LOCKED_MESSAGE) from None
        except Exception as exc:  # noqa: BLE001 - any failure means "not this one"
            if type(exc).__name__ == "LockedException":  # secretstorage's own
                raise KeyringLockedError(LOCKED_MESSAGE) from None
            log.debug("keyring backend %s.%s unusable: %s", module_name, cls_name,
                      type(exc).__name__)
    return None
