"""Opening a database file safely: identity and version checks, pragmas, migrations.

A file is only ever written to once it is known to be ours (or empty). A foreign
file, a file from a newer Nærvær, or a damaged one is refused before any pragma
that could change it runs, so its bytes stay exactly as they were; the message
names the newest backup to restore when there is one. A read-only file or folder
is refused up front with a message saying which. Opening also finishes an
erasure whose WAL truncation had to wait for another reader (see ``storage.erase``),
tightens the files' modes (``paths.secure_modes``) and deletes the temporaries a killed
Nærvær left (``temps.sweep``); ``tidy`` reports both so the command line can say so.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from naervaer.content.errors import StoreError
from naervaer.storage import cipher, temps
from naervaer.storage.paths import (
    Tightened,
    backups_dir,
    ensure_private_dir,
    ensure_private_file,
    newest_backup,
    real_path,
    secure_modes,
)

APPLICATION_ID = 0x4E565256  # "NVRV": marks a file as a Nærvær database
SCHEMA_VERSION = 8  # number of steps in schema.migrations; a test keeps them equal
BUSY_TIMEOUT_MS = 5000


def translate_error(exc: sqlite3.Error, path: Path) -> StoreError:
    """Map SQLite's errors to messages a user can act on."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    where = {"path": str(path)}
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return StoreError("store.disk_full", **where)
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return StoreError("store.read_only", **where)
    if name.startswith("SQLITE_NOTADB") or "not a database" in text:
        return _with_backup("store.not_ours", path)
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return _with_backup("store.damaged", path)
    if name.startswith("SQLITE_BUSY") or "locked" in text:
        return StoreError("store.busy", **where)
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return StoreError("store.cannot_open", **where)
    return StoreError("store.failed", detail=str(exc), **where)


def _with_backup(key: str, path: Path) -> StoreError:
    """A damaged or unreadable file: name the newest backup to restore, when there is one."""
    try:
        backup = newest_backup(path)
    except OSError:
        backup = None
    if backup is None:
        return StoreError(key, path=str(path))
    return StoreError(f"safety.{key.split('.')[1]}_restore", path=str(path), backup=str(backup))


def pending_marker(path: Path) -> Path:
    """Left by an erasure whose WAL truncation had to wait for another reader."""
    return Path(f"{path}.erase-pending")


def _check_writable(path: Path) -> None:
    """Refuse up front, with a message that says why, instead of half-opening the file.

    (root passes these checks; SQLite's own SQLITE_READONLY is translated below too.)
    """
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreError("store.read_only", path=str(path))
    if path.exists() and not os.access(path.parent, os.W_OK | os.X_OK):
        # WAL mode needs to create the -wal and -shm files beside the database
        raise StoreError("store.read_only", path=str(path.parent))


def _finish_pending_erase(conn: sqlite3.Connection, path: Path) -> None:
    """Truncate the WAL an erasure left behind, without waiting on readers (fast path)."""
    marker = pending_marker(path)
    if not marker.exists():
        return
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not busy:
        marker.unlink(missing_ok=True)


@dataclass(frozen=True)
class Tidied:
    """What opening a database changed around it: modes tightened, orphaned temporaries removed."""

    tightened: tuple[Tightened, ...] = ()
    removed: tuple[Path, ...] = ()


def tidy(path: Path) -> Tidied:
    """Private modes on the database's files and folders; no temporary left by a dead process."""
    path = Path(path)
    removed = temps.sweep([path.parent, backups_dir(path)], path.stem)
    return Tidied(tuple(secure_modes(path)), tuple(removed))


def connect(path: Path, *, create: bool = True, tidy_up: bool = True,
            key: bytes | None = None) -> sqlite3.Connection:
    """Open ``path``, check it is a Nærvær database we can read, migrate it if older.

    ``tidy_up=False`` is for a private working copy (a restore's), whose folder is not ours to tidy.
    An encrypted file (``storage.cipher``) needs its ``key``: without one it is refused as
    locked, with a wrong one as such, before anything is written. A key given for a plain
    file is not used (it was decrypted since the key was remembered).
    """
    path = Path(path)
    if not path.exists():
        if not create:
            raise StoreError("store.missing", path=str(path))
        try:
            target = real_path(path)  # a dangling symlink: create the file it names, 0600
            ensure_private_dir(target.parent)
            ensure_private_file(target)
        except OSError as exc:
            raise StoreError("store.cannot_create", path=str(path), detail=exc.strerror or str(exc)) from exc
    elif path.is_dir():
        raise StoreError("store.not_ours", path=str(path))
    else:
        _check_writable(path)
    if tidy_up:
        tidy(path)  # before SQLite opens it: a new -wal/-shm takes the database file's mode
    conn = _open(path, key)
    try:
        _check_identity(conn, path)
        _configure(conn, path)
        if _pragma(conn, "user_version") < SCHEMA_VERSION:
            _migrate(conn)
        _finish_pending_erase(conn, path)
    except sqlite3.Error as exc:
        conn.close()
        raise translate_error(exc, path) from exc
    except StoreError:
        conn.close()
        raise
    return conn


def _open(path: Path, key: bytes | None) -> sqlite3.Connection:
    """sqlite3 for a plain file; SQLCipher, keyed, for an encrypted one (one read of 16 bytes decides)."""
    encrypted = cipher.has_magic(path) is False and (key is not None or cipher.is_encrypted(path))
    try:
        if not encrypted:
            return sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        if key is None:
            raise StoreError("cipher.locked", path=str(path))
        return cipher.open_encrypted(path, key, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        if encrypted and cipher.is_wrong_key(exc):
            raise StoreError("cipher.wrong_key", path=str(path)) from exc
        raise translate_error(exc, path) from exc


def _pragma(conn: sqlite3.Connection, name: str) -> int | str:
    return conn.execute(f"PRAGMA {name}").fetchone()[0]


def _check_identity(conn: sqlite3.Connection, path: Path) -> None:
    """Read-only checks; they raise before anything could be written."""
    app_id = _pragma(conn, "application_id")
    version = _pragma(conn, "user_version")
    if app_id == 0 and version == 0:
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if has_tables:
            raise StoreError("store.not_ours", path=str(path))
        return
    if app_id != APPLICATION_ID:
        raise StoreError("store.not_ours", path=str(path))
    if version > SCHEMA_VERSION:
        raise StoreError("store.newer", path=str(path), version=version, supported=SCHEMA_VERSION)


def _configure(conn: sqlite3.Connection, path: Path) -> None:
    """Set and verify the pragmas every connection relies on."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    # deleted notes are overwritten, not left readable in free pages
    conn.execute("PRAGMA secure_delete = ON")
    checks = {
        "journal_mode": (str(mode).lower(), "wal"),
        "synchronous": (_pragma(conn, "synchronous"), 2),
        "foreign_keys": (_pragma(conn, "foreign_keys"), 1),
        "busy_timeout": (int(_pragma(conn, "busy_timeout")) >= BUSY_TIMEOUT_MS, True),
    }
    for name, (got, want) in checks.items():
        if got != want:
            raise StoreError("store.pragma", path=str(path), name=name, value=str(got))


def _migrate(conn: sqlite3.Connection) -> None:
    """Apply pending steps in one IMMEDIATE transaction (another process may race us)."""
    # lazy for start-up speed only (no cycle): an up-to-date file never loads sqlite-utils
    from sqlite_utils import Database

    from naervaer.storage.schema import migrations

    conn.execute("BEGIN IMMEDIATE")
    try:
        # re-read under the write lock: a concurrent opener may have migrated already
        if _pragma(conn, "user_version") < SCHEMA_VERSION:
            db = Database(conn, recursive_triggers=False, execute_plugins=False)
            migrations.apply(db)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
