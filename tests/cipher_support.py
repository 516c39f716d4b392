"""Running the safety suite on an encrypted database too (issue 17).

An encrypted database here is made the way a user makes one: an empty Nærvær database,
then ``storage.encryption.encrypt``; every command then finds its key through the
``NAERVAER_KEY_FILE`` opt-in (the raw-key form: no key derivation per command).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from naervaer.storage import cipher
from naervaer.storage.encryption import encrypt
from naervaer.storage.store import Store

KEY = bytes(range(32))
FLAVOURS = ["plain", "encrypted"]
# for a test not otherwise marked slow: the encrypted run doubles its time, so it joins the slow ones
FLAVOURS_SLOW_ENCRYPTED = ["plain", pytest.param("encrypted", marks=pytest.mark.slow)]


def key_for(path: Path) -> bytes | None:
    """The test key for an encrypted file, None for a plain one (or one not written yet)."""
    return KEY if cipher.has_magic(Path(path)) is False else None


def connect_any(path: Path) -> sqlite3.Connection:
    return cipher.connect_file(path, key_for(path))


def use_key_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: bytes = KEY) -> Path:
    keyfile = tmp_path / "naervaer.key"
    keyfile.write_text(cipher.raw_key_text(key) + "\n", encoding="utf-8")
    keyfile.chmod(0o600)
    monkeypatch.setenv("NAERVAER_KEY_FILE", str(keyfile))
    return keyfile


def make_encrypted(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty, encrypted Nærvær database at ``db_path``, opened from now on through the key file."""
    Store.open(db_path).close()
    encrypt(db_path, KEY, cipher.Header.new(), backups=True)
    use_key_file(tmp_path, monkeypatch)


# -- the decrypted pages: what a byte scan must also find nothing in ----------------------

PAGE = 4096  # SQLCipher 4's default page size
RESERVE = 80  # per page: a 16-byte IV, then a 64-byte HMAC-SHA512
WAL_HEADER, FRAME_HEADER = 32, 24


def _decrypt_page(page: bytes, key: bytes, first: bool) -> bytes:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    iv = page[PAGE - RESERVE: PAGE - RESERVE + 16]
    body = page[16 if first else 0: PAGE - RESERVE]  # page 1 starts with the file's salt
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def decrypted_pages(path: Path, key: bytes = KEY) -> bytes:
    """Every page of an encrypted database or of its WAL, decrypted by hand (AES-256-CBC, as
    SQLCipher 4 writes them): free pages and old WAL frames too, which no SQL query shows."""
    data = path.read_bytes()
    pages: list[bytes] = []
    if path.name.endswith("-wal"):
        at = WAL_HEADER
        while at + FRAME_HEADER + PAGE <= len(data):
            number = int.from_bytes(data[at: at + 4], "big")
            pages.append(_decrypt_page(data[at + FRAME_HEADER: at + FRAME_HEADER + PAGE], key, number == 1))
            at += FRAME_HEADER + PAGE
    else:
        for i in range(len(data) // PAGE):
            pages.append(_decrypt_page(data[i * PAGE: (i + 1) * PAGE], key, i == 0))
    return b"".join(pages)


def readable_bytes(path: Path) -> bytes:
    """A file's raw bytes, and for an encrypted database or its WAL also the decrypted pages."""
    data = path.read_bytes()
    if path.name.endswith("-wal"):
        owner = Path(str(path)[: -len("-wal")])
        encrypted = cipher.has_magic(owner) is False
    else:
        encrypted = path.suffix == ".db" and cipher.has_magic(path) is False and len(data) % PAGE == 0
    return data + decrypted_pages(path) if encrypted else data
