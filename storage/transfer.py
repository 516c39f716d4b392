"""The full export and import (``export all`` / ``import all``): moving to a new laptop.

The document is every row of every data table (``storage.tables.data_tables``: whatever the
schema holds, so a table added later is never left out), by column name, with the ids
as stored, plus the id floors and SQLite's AUTOINCREMENT counters when there are any::

    {"format": "naervaer-all", "version": 1, "schema": 3, "exported": "2026-11-23",
     "tables": {"people": {"columns": ["id", "name", …], "rows": [[1, "Anna Berg", …], …]}, …},
     "sequences": {"table": 12, …},
     "digest": "<sha256 of the logical content>"}

A value is JSON's null, a number or a string; a BLOB is ``{"blob": "<hex>"}``. ``logical_digest``
is a hash of what the rows say (tables, columns, rows in a canonical order), so two databases
with the same data have the same digest however their pages lie. ``import_all`` writes a
document into a database in one transaction, rebuilds the search index, and checks before it
commits that the database now has the document's digest: a document that does not reproduce
exactly (edited by hand, damaged) changes nothing. A document from an older schema goes through the
real migrations first; one from a newer schema is refused.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from naervaer.content.errors import InputError
from naervaer.storage import temps
from naervaer.storage.connection import APPLICATION_ID, SCHEMA_VERSION, connect
from naervaer.storage.store import Store
from naervaer.storage.tables import data_tables, order_by, search_indexes

FORMAT = "naervaer-all"
VERSION = 1
SEQUENCES = "sqlite_sequence"
# With --force the live file's own id floors stay when they are higher: ids are never reused.
FLOORS = "id_floor"

Value = int | float | str | None | dict[str, str]


# -- reading ----------------------------------------------------------------------------


def _out(value: Any) -> Value:
    return {"blob": value.hex()} if isinstance(value, bytes) else value


def _in(value: Any) -> Any:
    return bytes.fromhex(value["blob"]) if isinstance(value, dict) else value


def _read(conn: sqlite3.Connection) -> tuple[dict[str, dict[str, Any]], dict[str, int]]:
    tables = {}
    for table, columns in data_tables(conn).items():
        names = ", ".join(f'"{c}"' for c in columns)
        rows = conn.execute(f'SELECT {names} FROM "{table}" ORDER BY {order_by(conn, table)}').fetchall()
        tables[table] = {"columns": columns, "rows": [[_out(v) for v in row] for row in rows]}
    sequences = {}
    if conn.execute(f"SELECT 1 FROM sqlite_master WHERE name = '{SEQUENCES}'").fetchone():
        sequences = dict(conn.execute(f"SELECT name, seq FROM {SEQUENCES} ORDER BY name").fetchall())
    return tables, sequences


# one encoder for every row: json.dumps with options builds a new one per call
_CANONICAL = json.JSONEncoder(ensure_ascii=True, separators=(",", ":")).encode


def _digest(schema: int, tables: Mapping[str, Mapping[str, Any]], sequences: Mapping[str, int]) -> str:
    """sha256 of a canonical form: tables by name, each row as compact ASCII JSON, rows sorted."""
    h = hashlib.sha256()
    h.update(json.dumps({"schema": schema, "sequences": dict(sorted(sequences.items()))}).encode())
    for name in sorted(tables):
        body = tables[name]
        rows = sorted(map(_CANONICAL, body["rows"]))
        h.update(json.dumps([name, body["columns"]], ensure_ascii=True).encode())
        h.update(b"\n".join(r.encode() for r in rows))
        h.update(b"\x00")
    return h.hexdigest()


def logical_digest(conn: sqlite3.Connection) -> str:
    """The hash of what the database holds: equal for equal data, whatever the file's pages."""
    tables, sequences = _read(conn)
    schema = conn.execute("PRAGMA user_version").fetchone()[0]
    return _digest(schema, tables, sequences)


def store_digest(store: Store) -> str:
    with store.snapshot() as conn:
        return logical_digest(conn)


def export_all(store: Store, today: date) -> dict[str, Any]:
    """The whole database as one JSON-ready document, read in one snapshot."""
    with store.snapshot() as conn:
        tables, sequences = _read(conn)
        schema = conn.execute("PRAGMA user_version").fetchone()[0]
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "schema": schema,
        "exported": today.isoformat(),
        "tables": tables,
    }
    if sequences:
        document["sequences"] = sequences
    document["digest"] = _digest(schema, tables, sequences)
    return document


# -- writing ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Imported:
    people: int
    notes: int
    rows: int  # every row written, all tables


def check_header(document: Any) -> int:
    """Refuse, in one line, a document that is not ours or is from a newer Nærvær; its schema."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InputError("exchange.all_not_ours")
    if document.get("version") != VERSION:
        raise InputError("exchange.all_version", version=str(document.get("version")), supported=VERSION)
    schema = document.get("schema")
    if type(schema) is not int or schema < 1:
        raise InputError("exchange.all_broken", detail="schema")
    if schema > SCHEMA_VERSION:
        raise InputError("exchange.all_newer", schema=schema, supported=SCHEMA_VERSION)
    return schema


def check_document(document: Any, live: Mapping[str, list[str]]) -> None:
    """Refuse, in one line, a document that cannot reproduce exactly into tables ``live``."""
    schema = check_header(document)
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise InputError("exchange.all_broken", detail="tables")
    missing = sorted(set(live) - set(tables))
    extra = sorted(set(tables) - set(live))
    if missing or extra:
        raise InputError("exchange.all_broken", detail=", ".join(missing + extra))
    for name, columns in live.items():
        body = tables[name]
        if not isinstance(body, dict) or body.get("columns") != columns or not isinstance(body.get("rows"), list):
            raise InputError("exchange.all_broken", detail=name)
        for row in body["rows"]:
            if not isinstance(row, list) or len(row) != len(columns) or not all(map(_is_value, row)):
                raise InputError("exchange.all_broken", detail=name)
    sequences = document.get("sequences", {})
    if not isinstance(sequences, dict) or not all(
        isinstance(k, str) and type(v) is int for k, v in sequences.items()
    ):
        raise InputError("exchange.all_broken", detail="sequences")
    if document.get("digest") != _digest(schema, tables, sequences):
        raise InputError("exchange.all_digest")


def _is_value(value: Any) -> bool:
    if value is None or isinstance(value, str | float) or type(value) is int:
        return not isinstance(value, int) or -(2**63) <= value < 2**63
    if isinstance(value, dict) and set(value) == {"blob"} and isinstance(value["blob"], str):
        try:
            bytes.fromhex(value["blob"])
        except ValueError:
            return False
        return True
    return False


def has_data(conn: sqlite3.Connection) -> bool:
    """Whether any data table holds a row (a new database holds none)."""
    return any(conn.execute(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone() for t in data_tables(conn))


def import_all(store: Store, document: Any, *, force: bool = False) -> Imported:
    """Make the database hold exactly the document's rows, in one transaction.

    Refused while the database holds data, unless ``force``: then every row is replaced
    (the id floors keep the higher of both, so an id is never given out twice). A document
    from an older schema is first brought to this one by the real migrations (``_upgraded``).
    """
    if check_header(document) < SCHEMA_VERSION:
        document = _upgraded(document, store.path)
    with store.write() as conn:
        live = data_tables(conn)
        check_document(document, live)
        if has_data(conn):
            if not force:
                raise InputError("exchange.all_not_empty", path=str(store.path))
            for table in reversed([t for t in live if t != FLOORS]):
                conn.execute(f'DELETE FROM "{table}"')
        written = _write_rows(conn, document, live)
        _check_reproduced(conn, document, forced_floors=force)
        people = conn.execute("SELECT count(*) FROM people").fetchone()[0]
        notes = conn.execute("SELECT count(*) FROM notes").fetchone()[0]
    if force:
        store.empty_wal()  # the replaced rows' text leaves the WAL too
    return Imported(people, notes, written)


def _write_rows(conn: sqlite3.Connection, document: Mapping[str, Any], live: Mapping[str, list[str]]) -> int:
    """Inside the caller's transaction: every row of the document, then the search index rebuilt.

    The triggers that keep a search index in step one row at a time are set aside while
    the rows go in (as ``demo_bulk`` does) and recreated from their exact SQL before the
    index is rebuilt once; inside the transaction, so a rollback brings them back unchanged
    and no other connection sees the schema without them. The other triggers stay: rows
    they derive (``note_tags`` from a note's tags) meet the document's copies (OR IGNORE),
    and a document whose derived rows disagree with their source (a private tag missing
    from ``note_tags``, where the newsletter looks for it) then fails the digest check.
    """
    conn.execute("PRAGMA defer_foreign_keys = ON")  # checked once, at COMMIT
    indexes = search_indexes(conn)
    triggers = [(name, sql) for name, sql in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid")
        if any(index in sql for index in indexes)]
    for name, _sql in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    written = 0
    for table, columns in live.items():
        rows = [[_in(v) for v in row] for row in document["tables"][table]["rows"]]
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        if table == FLOORS:  # the larger floor wins (equal to the document's on a new database)
            conn.executemany(
                f"INSERT INTO {FLOORS} (name, value) VALUES (?, ?) "
                "ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)",
                [_floor_row(columns, r) for r in rows],
            )
        else:
            conn.executemany(f'INSERT OR IGNORE INTO "{table}" ({names}) VALUES ({marks})', rows)
        written += len(rows)
    for _name, sql in triggers:
        conn.execute(sql)
    _set_sequences(conn, document.get("sequences", {}))
    for index in indexes:
        conn.execute(f'INSERT INTO "{index}"("{index}") VALUES (\'rebuild\')')
    return written


def _upgraded(document: dict[str, Any], db_path: Path) -> dict[str, Any]:
    """An older schema's document as this schema holds it.

    Written into a scratch database built by the migrations up to the document's own schema,
    checked there exactly as at home, migrated by the remaining steps (the same code that
    migrates an old database file), and read back. The scratch folder is private and removed.
    """
    from sqlite_utils import Database

    from naervaer.storage.schema import migrations

    schema = document["schema"]
    with temps.temp_dir(db_path) as work:
        scratch = work / "upgrade.db"
        conn = sqlite3.connect(scratch, isolation_level=None)
        try:
            db = Database(conn, recursive_triggers=False, execute_plugins=False)
            steps = [m.name for m in migrations.pending(db)]
            migrations.apply(db, stop_before=steps[schema])
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {schema}")
            conn.execute("PRAGMA foreign_keys = ON")
            live = data_tables(conn)
            check_document(document, live)
            conn.execute("BEGIN IMMEDIATE")
            _write_rows(conn, document, live)
            _check_reproduced(conn, document, forced_floors=False)
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise InputError("exchange.all_broken", detail=str(exc)) from exc
        finally:
            conn.close()
        conn = connect(scratch, create=False, tidy_up=False)  # the remaining steps
        try:
            tables, sequences = _read(conn)
        finally:
            conn.close()
    upgraded = {**document, "schema": SCHEMA_VERSION, "tables": tables, "sequences": sequences}
    upgraded["digest"] = _digest(SCHEMA_VERSION, tables, sequences)
    return upgraded


def _floor_row(columns: list[str], row: list[Any]) -> list[Any]:
    named = dict(zip(columns, row))
    return [named["name"], named["value"]]


def _set_sequences(conn: sqlite3.Connection, sequences: Mapping[str, int]) -> None:
    if not sequences:
        return
    if not conn.execute(f"SELECT 1 FROM sqlite_master WHERE name = '{SEQUENCES}'").fetchone():
        raise InputError("exchange.all_broken", detail="sequences")
    conn.execute(f"DELETE FROM {SEQUENCES}")
    conn.executemany(f"INSERT INTO {SEQUENCES} (name, seq) VALUES (?, ?)", list(sequences.items()))


def _check_reproduced(conn: sqlite3.Connection, document: Mapping[str, Any], *, forced_floors: bool) -> None:
    """The database must now say exactly what the document says, or nothing is written."""
    tables, sequences = _read(conn)
    wanted = document["tables"]
    if forced_floors:  # the live floors may be higher by design; compare the rest
        tables = {k: v for k, v in tables.items() if k != FLOORS}
        wanted = {k: v for k, v in wanted.items() if k != FLOORS}
    schema = document["schema"]
    # check_document proved the document's own digest; recomputed only without the floors
    expected = _digest(schema, wanted, document.get("sequences", {})) if forced_floors else document["digest"]
    if _digest(schema, tables, sequences) != expected:
        raise InputError("exchange.all_not_reproduced", tables=", ".join(_differing(tables, wanted)))


def _differing(have: Mapping[str, Any], wanted: Mapping[str, Any]) -> Iterable[str]:
    for name in sorted(wanted):
        if _digest(0, {name: have.get(name, {"columns": [], "rows": []})}, {}) != _digest(0, {name: wanted[name]}, {}):
            yield name
