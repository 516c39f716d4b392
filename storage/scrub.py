"""Scrubbing deleted text out of the two places a DELETE leaves it: the search index and the WAL.

Shared by the store (one note deleted or rewritten) and ``erase`` (a person, old notes,
every backup); see ``erase`` for the whole erasure order.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from naervaer.storage.connection import pending_marker, translate_error

FTS_TABLE = "notes_fts"
FTS5_SECURE_DELETE = (3, 42, 0)


def fts5_secure_delete_available(version: tuple[int, int, int] | None = None) -> bool:
    return (version or sqlite3.sqlite_version_info) >= FTS5_SECURE_DELETE


def library_version(conn: sqlite3.Connection) -> tuple[int, int, int]:
    """The SQLite this connection runs on: the system's, or SQLCipher's newer one (``storage.cipher``)."""
    major, minor, patch = (int(n) for n in conn.execute("SELECT sqlite_version()").fetchone()[0].split("."))
    return major, minor, patch


def purge_fts(conn: sqlite3.Connection) -> None:
    """Rewrite the search index so deleted text is gone from it, not only marked deleted.

    FTS5's ``secure-delete`` raises the index's file format to one an older SQLite cannot read,
    so ``storage.encryption.decrypt`` switches it off and rebuilds the index in the plain copy.
    """
    if fts5_secure_delete_available(library_version(conn)):
        conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('secure-delete', 1)")
    conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")


def checkpoint(conn: sqlite3.Connection, db_path: Path) -> bool:
    """Empty the WAL; True when it could not because another connection reads.

    When busy, a marker asks the next ``connect`` to finish; when done, the marker goes.
    """
    try:
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    except sqlite3.Error as exc:
        raise translate_error(exc, db_path) from exc
    marker = pending_marker(db_path)
    if busy:
        marker.touch(mode=0o600, exist_ok=True)
    else:
        marker.unlink(missing_ok=True)
    return bool(busy)
