"""``encrypt``, ``decrypt`` and ``passphrase``: turning a database and its backups over, in place.

Each file is rebuilt beside itself and swapped in only when the new one checks out:

1. the live file is opened as the only connection (switching it out of WAL fails while any
   other window or command has it open: refused, nothing changed) and locked exclusively,
   so no other process can read or write it until the swap is done;
2. ``sqlcipher_export`` writes every row into a locked temporary beside it (``storage.temps``:
   removed on Ctrl-C, swept after a kill), encrypted with the new key or plain;
3. the copy is checked (``integrity_check``, and its logical digest equal to the original's),
   fsynced and renamed over the original; the folder is fsynced;
4. the old file's bytes, still open under the lock, are overwritten with zeros and fsynced:
   nothing readable stays behind in the file (``forget``'s way: blocks an SSD or a
   filesystem snapshot kept are out of reach, see the README's threat model). A command
   that was waiting for the lock finds zeros and is refused (exit 3), nothing stored.

``passphrase`` is SQLCipher's ``PRAGMA rekey`` (every page re-encrypted in place); the new
header is written beside the old one first, so a crash between the two leaves a passphrase
that still opens the file. Backups in the backups folder follow the database (``--backups``
for ``encrypt``; always for ``decrypt`` and ``passphrase``, since they share its key).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from naervaer.content.errors import StoreError
from naervaer.storage import cipher, temps
from naervaer.storage.backup import fsync
from naervaer.storage.connection import APPLICATION_ID, connect, translate_error
from naervaer.storage.paths import FILE_MODE, list_backups
from naervaer.storage.scrub import FTS_TABLE

@dataclass(frozen=True)
class Converted:
    """What one command turned over: the database, and each backup (or why not)."""

    database: Path
    backups: tuple[Path, ...] = ()
    unreadable: tuple[Path, ...] = ()


# -- the logical digest ---------------------------------------------------------------


def _tables(conn: sqlite3.Connection, schema: str) -> list[str]:
    """Ordinary tables, without SQLite's own and the search index (rebuilt, its bytes differ)."""
    return sorted(r[1] for r in conn.execute(f"PRAGMA {schema}.table_list")
                  if r[2] == "table" and not r[1].startswith(("sqlite_", FTS_TABLE)))


def logical_digest(conn: sqlite3.Connection, schema: str = "main") -> str:
    """SHA-256 over every row of every table (sorted), the schema version and the id: equal
    digests mean the same data, whatever the file's encryption or page layout."""
    digest = hashlib.sha256()
    for pragma in ("application_id", "user_version"):
        digest.update(repr(conn.execute(f"PRAGMA {schema}.{pragma}").fetchone()).encode())
    for table in _tables(conn, schema):
        width = len(conn.execute(f"PRAGMA {schema}.table_info({table!r})").fetchall())
        order = ", ".join(str(i) for i in range(1, width + 1))
        digest.update(f"\x00{table}\x00".encode())
        for row in conn.execute(f'SELECT * FROM {schema}."{table}" ORDER BY {order}'):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def file_digest(path: Path, key: bytes | None) -> str:
    conn = cipher.connect_file(path, key)
    try:
        return logical_digest(conn)
    finally:
        conn.close()


# -- one file -------------------------------------------------------------------------


@contextmanager
def _alone(path: Path, key: bytes | None, live: bool) -> Iterator[sqlite3.Connection]:
    """``path`` opened through SQLCipher as its only connection, out of WAL, locked exclusively."""
    if live:  # identity, version and migration checks first, as every open does
        connect(path, create=False, key=key).close()
    conn = cipher.open_encrypted(path, key)
    try:
        conn.execute("PRAGMA busy_timeout = 0")
        try:  # leaving WAL needs every other connection closed; it empties the WAL first
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except sqlite3.OperationalError as exc:
            raise StoreError("cipher.in_use", path=str(path)) from exc
        if str(mode).lower() != "delete":
            raise StoreError("cipher.in_use", path=str(path))
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA user_version = {int(version)}")  # a write: the lock is now exclusive
        yield conn
    finally:
        conn.close()


def _convert(path: Path, key_in: bytes | None, key_out: bytes | None, *, live: bool) -> None:
    """Rebuild ``path`` beside itself with ``key_out`` (None: plain), check, swap, zero the old."""
    with _alone(path, key_in, live) as conn:
        before = logical_digest(conn)
        with temps.temp_file(path) as tmp:
            cipher.attach(conn, tmp, "out", key_out)
            try:
                conn.execute("SELECT sqlcipher_export('out')")
                conn.execute(f"PRAGMA out.application_id = {APPLICATION_ID}")
                version = conn.execute("PRAGMA main.user_version").fetchone()[0]
                conn.execute(f"PRAGMA out.user_version = {int(version)}")
                if live:  # a backup stays one self-contained file
                    conn.execute("PRAGMA out.journal_mode = WAL")
            finally:
                conn.execute("DETACH DATABASE out")
            if key_out is None:
                _plain_index(tmp)
            _check(tmp, key_out, before, path)
            os.chmod(tmp, FILE_MODE)
            fsync(tmp)
            fd = os.open(path, os.O_RDWR)  # the old inode, zeroed once the new file has its name
            try:
                os.replace(tmp, path)
                fsync(path.parent)
                cipher.zero_fd(fd)
            finally:
                conn.close()  # first: closing another descriptor of the file drops SQLite's locks
                os.close(fd)


def _plain_index(path: Path) -> None:
    """FTS5's secure-delete raised the search index's format past what an older SQLite reads
    (``storage.scrub``): a decrypted file gets a plain index again (SQLCipher's SQLite writes it)."""
    conn = cipher.open_encrypted(path, None)
    try:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [FTS_TABLE]).fetchone():
            conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('secure-delete', 0)")
            conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
    finally:
        conn.close()


def _check(tmp: Path, key: bytes | None, before: str, shown: Path) -> None:
    conn = cipher.connect_file(tmp, key)
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        after = logical_digest(conn)
    finally:
        conn.close()
    if problems != ["ok"] or after != before:
        raise StoreError("cipher.check_failed", path=str(shown), detail="; ".join(problems[:3]))


def _each_backup(db_path: Path, encrypted: bool) -> list[Path]:
    """The backups in the state ``encrypted`` says (the others need nothing)."""
    return [p for p in list_backups(db_path) if (cipher.has_magic(p) is False) == encrypted]


def _convert_backups(db_path: Path, paths: list[Path], key_in: bytes | None,
                     key_out: bytes | None) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    done, bad = [], []
    for path in paths:
        try:
            times = path.stat()
            _convert(path, key_in, key_out, live=False)
            os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))  # "newest" stays newest
            done.append(path)
        except (sqlite3.Error, StoreError, OSError):
            bad.append(path)
    return tuple(done), tuple(bad)


# -- the commands ---------------------------------------------------------------------


def _guarded(path: Path, action):  # type: ignore[no-untyped-def]
    try:
        return action()
    except sqlite3.Error as exc:
        raise translate_error(exc, path) from exc
    except OSError as exc:
        raise StoreError("store.cannot_create", path=str(path), detail=exc.strerror or str(exc)) from exc


def encrypt(db_path: Path, key: bytes, header: cipher.Header, *, backups: bool) -> Converted:
    """Encrypt the database (and, with ``backups``, every plain backup) with ``key``."""
    if cipher.is_encrypted(db_path):
        raise StoreError("cipher.already", path=str(db_path))
    if not db_path.is_file():
        raise StoreError("store.missing", path=str(db_path))
    cipher.write_header(cipher.header_path(db_path), header)  # unused until the file has no magic
    try:
        _guarded(db_path, lambda: _convert(db_path, None, key, live=True))
    except BaseException:
        if cipher.has_magic(db_path):  # still plain: the header would only mislead
            cipher.header_path(db_path).unlink(missing_ok=True)
        raise
    done, bad = _convert_backups(db_path, _each_backup(db_path, False), None, key) if backups else ((), ())
    return Converted(db_path, done, bad)


def decrypt(db_path: Path, key: bytes) -> Converted:
    """Write the database and every encrypted backup back as plain SQLite files."""
    if not cipher.is_encrypted(db_path):
        raise StoreError("cipher.not_encrypted", path=str(db_path))
    _guarded(db_path, lambda: _convert(db_path, key, None, live=True))
    done, bad = _convert_backups(db_path, _each_backup(db_path, True), key, None)
    if not bad:  # an encrypted backup left behind still needs the header to be opened
        for header in (cipher.header_path(db_path), cipher.pending_header_path(db_path)):
            header.unlink(missing_ok=True)
    return Converted(db_path, done, bad)


def _rekey(path: Path, key: bytes, new_key: bytes, *, live: bool) -> None:
    with _alone(path, key, live) as conn:
        conn.execute(f"PRAGMA rekey = \"{cipher.raw_key_text(new_key)}\"")
        if live:
            conn.execute("PRAGMA journal_mode = WAL")


def change_passphrase(db_path: Path, key: bytes, new_key: bytes, header: cipher.Header) -> Converted:
    """``PRAGMA rekey`` of the database and of every encrypted backup to ``new_key``."""
    if not cipher.is_encrypted(db_path):
        raise StoreError("cipher.not_encrypted", path=str(db_path))
    pending = cipher.pending_header_path(db_path)
    cipher.write_header(pending, header)  # a crash after the rekey: the new passphrase still opens it
    _guarded(db_path, lambda: _rekey(db_path, key, new_key, live=True))
    os.replace(pending, cipher.header_path(db_path))
    done, bad = [], []
    for path in _each_backup(db_path, True):
        try:
            times = path.stat()
            _rekey(path, key, new_key, live=False)
            os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))
            done.append(path)
        except (sqlite3.Error, StoreError, OSError):
            bad.append(path)
    return Converted(db_path, tuple(done), tuple(bad))
