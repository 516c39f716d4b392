"""Where an encrypted database's raw key comes from when nobody types the passphrase.

* ``NAERVAER_KEY_FILE`` names a file (0600, yours) holding the raw key in SQLCipher's form
  ``x'<64 hex digits>'`` or, on its first line, the passphrase. Off unless set: it is an
  explicit opt-in for tests and automation (a scheduled backup), documented as such.
* The OS keyring (the ``keyring`` package: macOS Keychain, Windows Credential Manager,
  the Secret Service on Linux), when the user chose ``--remember``. What is kept there is
  the derived raw key, never the passphrase, so a command pays no key derivation.
  Without a keyring backend (a headless server) ``remember`` says so and the passphrase is
  asked each time.

Nothing here asks anything: the command line and the app ask, and call ``from_passphrase``.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Mapping
from pathlib import Path

from naervaer.content.errors import StoreError
from naervaer.storage import cipher
from naervaer.storage.paths import real_path

SERVICE = "naervaer"
KEY_FILE_ENV = "NAERVAER_KEY_FILE"


def _account(db_path: Path) -> str:
    """One keyring entry per database file, by its real path."""
    return str(real_path(Path(db_path)).resolve())


def _keyring():  # type: ignore[no-untyped-def]
    """The keyring backend, or None when there is none worth the name (or no package)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return None
    return backend


def _key_file_text(environ: Mapping[str, str] | None) -> str | None:
    """What ``NAERVAER_KEY_FILE`` holds, if it is set."""
    env = os.environ if environ is None else environ
    name = env.get(KEY_FILE_ENV)
    if not name:
        return None
    try:
        return Path(name).expanduser().read_text(encoding="utf-8")
    except OSError as exc:
        raise StoreError("cipher.key_file_unreadable", path=name, detail=exc.strerror or str(exc)) from exc


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text.strip() else ""


def from_key_file(db_path: Path, environ: Mapping[str, str] | None = None) -> bytes | None:
    """The key from ``NAERVAER_KEY_FILE`` (raw form, or a passphrase to derive), if set."""
    text = _key_file_text(environ)
    if text is None:
        return None
    raw = cipher.parse_raw_key(text)
    return raw if raw is not None else from_passphrase(db_path, _first_line(text))


def new_key_from_file(header: cipher.Header, environ: Mapping[str, str] | None = None) -> bytes | None:
    """``encrypt`` under automation: the key file's raw key, or its passphrase derived with ``header``."""
    text = _key_file_text(environ)
    if text is None:
        return None
    raw = cipher.parse_raw_key(text)
    return raw if raw is not None else header.derive(_first_line(text))


def from_keyring(db_path: Path) -> bytes | None:
    backend = _keyring()
    if backend is None:
        return None
    try:
        stored = backend.get_password(SERVICE, _account(db_path))
    except Exception:  # a locked or broken keyring: ask for the passphrase instead
        return None
    return cipher.parse_raw_key(stored) if stored else None


def remember(db_path: Path, key: bytes) -> bool:
    """Keep the raw key in the OS keyring; False when this machine has no keyring."""
    backend = _keyring()
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, _account(db_path), cipher.raw_key_text(key))
    except Exception:
        return False
    return True


def forget(db_path: Path) -> None:
    backend = _keyring()
    if backend is None:
        return
    try:
        backend.delete_password(SERVICE, _account(db_path))
    except Exception:  # nothing stored: nothing to forget
        return


def stored_key(db_path: Path, environ: Mapping[str, str] | None = None) -> bytes | None:
    """The key without asking: the key file (when opted in), else the keyring; None: ask."""
    key = from_key_file(db_path, environ)
    if key is not None:
        return key  # a wrong one is refused when the store opens: the user chose that file
    key = from_keyring(db_path)
    if key is not None and not cipher.check_key(db_path, key):
        return None  # remembered before the passphrase changed elsewhere: ask instead
    return key


def from_passphrase(db_path: Path, passphrase: str) -> bytes:
    """Derive the key with the header beside the database; refused as wrong when it opens nothing."""
    headers = cipher.read_headers(db_path)
    if not headers:
        raise StoreError("cipher.no_header", path=str(db_path), header=str(cipher.header_path(db_path)))
    for header in headers:
        key = header.derive(passphrase)
        if cipher.check_key(db_path, key):
            return key
    raise StoreError("cipher.wrong_passphrase", path=str(db_path))


def same_key(a: bytes, b: bytes) -> bool:
    return hmac.compare_digest(a, b)
