"""Bulk writes for large data sets: many notes in one transaction, indexes rebuilt once.

Per-row triggers keep ``note_tags`` and the full-text index in step with every note;
for half a million notes that is most of the cost. Inside the caller's transaction the
insert triggers are dropped, the rows go in with one ``executemany``, their effect is
replayed with one statement each, and the triggers are recreated from the exact SQL
``sqlite_master`` held for them. If anything fails the transaction rolls back, and with
it the dropped triggers come back unchanged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from naervaer.storage.rows import insert_sql

# the triggers whose effect ``insert_notes`` and ``clear_data`` replay (schema 001:
# note_tags upkeep, and the FTS upkeep sqlite-utils' enable_fts creates)
SUSPENDED_TRIGGERS = ("notes_ai", "notes_ad", "notes_au", "notes_tags_ai", "notes_tags_au", "notes_id_floor")
# only user data: migration bookkeeping stays, the FTS tables are rebuilt from notes
_KEEP_TABLES = ("_sqlite_migrations",)


@contextmanager
def triggers_suspended(conn: sqlite3.Connection) -> Iterator[None]:
    if not conn.in_transaction:
        raise RuntimeError("triggers may only be suspended inside a transaction")
    marks = ", ".join("?" for _ in SUSPENDED_TRIGGERS)
    saved = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'notes' "
        f"AND name IN ({marks}) ORDER BY rowid",
        SUSPENDED_TRIGGERS,
    ).fetchall()
    for name, _sql in saved:
        conn.execute(f'DROP TRIGGER "{name}"')
    yield
    for _name, sql in saved:
        conn.execute(sql)


def clear_data(conn: sqlite3.Connection) -> None:
    """Empty every user table; call with the note triggers suspended, then insert and rebuild."""
    conn.execute("PRAGMA defer_foreign_keys = ON")  # order-free: checked at commit, when all is empty
    tables = [
        row[1]
        for row in conn.execute("PRAGMA main.table_list")
        if row[2] == "table" and not row[1].startswith("sqlite_") and row[1] not in _KEEP_TABLES
    ]
    for table in tables:
        conn.execute(f'DELETE FROM "{table}"')


def insert_notes(conn: sqlite3.Connection, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert whole rows (``rows.WRITTEN["notes"]``) with ascending ids above
    every existing note; call with the note triggers suspended. Rebuilds the search index
    even for no rows, so it also follows ``clear_data``."""
    if rows:
        conn.executemany(insert_sql("notes"), rows)
        # what notes_tags_ai does per row, for the new rows at once
        conn.execute(
            "INSERT OR IGNORE INTO note_tags (note_id, person_id, date, tag) "
            "SELECT n.id, n.person_id, n.date, j.value FROM notes n, json_each(n.tags) j WHERE n.id >= ?",
            [rows[0][0]],
        )
    rebuild_search(conn)


def rebuild_search(conn: sqlite3.Connection) -> None:
    """What notes_ai/notes_ad/notes_au keep up per row: the index over every note's text."""
    conn.execute("INSERT INTO notes_fts (notes_fts) VALUES ('rebuild')")
