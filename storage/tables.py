"""Which tables hold the leader's data: every ordinary table of the schema, parents first.

Left out: SQLite's own tables (``sqlite_*``), the search index (FTS5's virtual table and its
shadow tables, rebuilt from ``notes``) and the migrations bookkeeping. Read from the schema
itself, so a table added by a later migration is included without anyone listing it here:
restore and the full export (``storage.transfer``) both walk this.
"""

from __future__ import annotations

import sqlite3

# the file's own schema bookkeeping: each database keeps the steps it ran itself
MIGRATIONS_TABLE = "_sqlite_migrations"


def ordered_tables(conn: sqlite3.Connection, schema: str = "main") -> dict[str, list[str]]:
    """Ordinary tables and their columns, parents before children (foreign keys)."""
    names = [r[1] for r in conn.execute(f"PRAGMA {schema}.table_list")
             if r[2] == "table" and not r[1].startswith("sqlite_")]
    parents = {n: {r[2] for r in conn.execute(f"PRAGMA {schema}.foreign_key_list({n!r})")} - {n}
               for n in names}
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [n for n in sorted(names) if n not in ordered and parents[n] <= set(ordered)]
        ordered += ready or [n for n in names if n not in ordered]  # a cycle: FKs are deferred
    return {n: [r[1] for r in conn.execute(f"PRAGMA {schema}.table_info({n!r})")] for n in ordered}


def data_tables(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """The tables that hold the leader's data: ``ordered_tables`` without the migrations table."""
    return {t: cols for t, cols in ordered_tables(conn).items() if t != MIGRATIONS_TABLE}


def search_indexes(conn: sqlite3.Connection) -> list[str]:
    """The FTS5 tables, which are rebuilt from their content rather than copied."""
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING FTS5%'"
        " ORDER BY name")]


def order_by(conn: sqlite3.Connection, table: str) -> str:
    """A stable order for ``table``'s rows: its primary key, else every column."""
    info = conn.execute(f"PRAGMA table_info({table!r})").fetchall()
    keys = [r[1] for r in sorted(info, key=lambda r: r[5]) if r[5]] or [r[1] for r in info]
    return ", ".join(f'"{k}"' for k in keys)
