"""Erasure that leaves no byte behind: forgetting a person, pruning old notes.

A plain DELETE leaves a note's text in three places: the freed b-tree cells, the FTS5
index segments (the tokens stay until segments merge, even after VACUUM) and the WAL.
So every erasure here runs, in order:

1. the DELETE, with ``secure_delete`` on (every connection sets it) so freed cells and
   pages are zeroed;
2. FTS5 ``'optimize'`` in the same transaction, merging the index into one segment
   without the deleted rows (FTS5's own ``secure-delete`` option would do this per
   delete, but needs SQLite >= 3.42; it is switched on when present, never assumed);
3. ``wal_checkpoint(TRUNCATE)``, which empties the WAL that still holds old pages. It
   cannot while another connection (an open TUI window) reads: its busy flag says so,
   a marker file is left, and ``connection.connect`` finishes the job on a later open;
4. every backup that held the rows is erased the same way and rewritten with
   ``VACUUM INTO`` a fresh file, or listed as unreadable. The backups go first, so a
   crash half-way leaves the person findable and ``forget`` can simply run again; a
   second pass after the live erasure catches a daily backup written meanwhile;
5. the temporaries a killed command left in the data and backups folders (a full copy
   each) are deleted first; one another command is still writing is waited for before
   the second pass, which then finds it as a finished backup.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from naervaer.content.errors import InputError, StoreError
from naervaer.storage.backup import vacuum_into
from naervaer.storage import cipher, temps
from naervaer.storage.connection import APPLICATION_ID, tidy
from naervaer.storage.paths import backups_dir, list_backups
from naervaer.storage.scrub import purge_fts
from naervaer.storage.store import Store

# What a person owns, as (report key, table); each row goes with the person (ON DELETE CASCADE).
PERSON_TABLES = (
    ("notes", "notes"),
    ("dates", "personal_dates"),
    ("promises", "promises"),
    ("away", "away"),
    ("prompt_states", "prompt_state"),
    ("skills", "skills"),
    ("buddy_rounds", "buddy_members"),
    ("points", "talking_points"),
    ("goals", "goals"),
    ("goal_updates", "goal_updates"),
)


@dataclass(frozen=True)
class Erased:
    """What one erasure did, to the live database and to each backup."""

    counts: dict[str, int]
    wal_pending: bool = False
    rewritten: tuple[Path, ...] = ()
    unreadable: tuple[Path, ...] = ()
    removed: tuple[Path, ...] = ()  # temporaries left by an interrupted command


# -- one person ---------------------------------------------------------------------


def person_counts(store: Store, person_id: int) -> dict[str, int]:
    """How many rows of each kind ``forget`` would erase with the person."""
    return _counts(store.conn, person_id)


def _counts(conn: sqlite3.Connection, person_id: int) -> dict[str, int]:
    return {
        key: conn.execute(f"SELECT count(*) FROM {table} WHERE person_id = ?", [person_id]).fetchone()[0]
        for key, table in PERSON_TABLES
    }


def _person_key(store: Store, person_id: int) -> tuple[int, str]:
    """The person's identity across copies: the id with its creation day, since a backup made
    before ids stopped being reused (migration 003) may give the id to someone else."""
    found = store.query("SELECT id, created FROM people WHERE id = ?", [person_id])
    if not found:
        raise InputError("store.no_person_id", id=person_id)
    return found[0][0], found[0][1]


def _unowned_prompt_states(conn: sqlite3.Connection, person_id: int) -> list[str]:
    """Prompt states saved without this person's id whose prompt id names this person's rows.

    Prompt ids name rows by id, segment by segment ("after_fire:note12:step1",
    "milestone:p3:…"); whole-segment matching keeps note1 from matching note12.
    """
    owned = {f"p{person_id}"}
    for prefix, table in (("note", "notes"), ("promise", "promises"), ("away", "away")):
        owned.update(f"{prefix}{i}" for (i,) in conn.execute(
            f"SELECT id FROM {table} WHERE person_id = ?", [person_id]))
    # a connect prompt names two people and is stored under one of them: the other's
    # segment counts too, whoever the row belongs to
    loose = conn.execute(
        "SELECT prompt_id FROM prompt_state WHERE person_id IS NULL OR person_id != ?", [person_id]
    ).fetchall()
    return [pid for (pid,) in loose if owned & set(pid.split(":"))]


def _delete_person(conn: sqlite3.Connection, key: tuple[int, str]) -> dict[str, int] | None:
    found = conn.execute("SELECT id FROM people WHERE id = ? AND created = ?", list(key)).fetchone()
    if not found:
        return None
    counts = _counts(conn, key[0])
    loose = _unowned_prompt_states(conn, key[0])
    conn.executemany("DELETE FROM prompt_state WHERE prompt_id = ?", [[pid] for pid in loose])
    counts["prompt_states"] += len(loose)
    conn.execute("DELETE FROM people WHERE id = ?", [key[0]])
    return counts


def forget_person(store: Store, person_id: int) -> Erased:
    """Erase one person and everything about them, here and in every backup."""
    key = _person_key(store, person_id)
    def erase(conn: sqlite3.Connection) -> bool:
        return _delete_person(conn, key) is not None

    removed = tidy(store.path).removed
    first = rewrite_backups(store.path, erase, store.key)
    with store.write() as conn:
        counts = _delete_person(conn, key)
        if counts is None:  # another window erased them between the read and the lock
            raise InputError("store.no_person_id", id=person_id)
        purge_fts(conn)
    pending = store.empty_wal()
    removed += _settle_temporaries(store.path)
    return Erased(counts, pending, *_merge(first, rewrite_backups(store.path, erase, store.key)), removed)


# -- old notes ----------------------------------------------------------------------


def notes_before(store: Store, before: date) -> dict[int, int]:
    """How many notes older than ``before`` each person has (person id -> count)."""
    found = store.query(
        "SELECT person_id, count(*) FROM notes WHERE date < ? GROUP BY person_id", [before.isoformat()]
    )
    return dict(found)


def _delete_notes_before(conn: sqlite3.Connection, before: date) -> int:
    return conn.execute("DELETE FROM notes WHERE date < ?", [before.isoformat()]).rowcount


def prune_notes(store: Store, before: date) -> Erased:
    """Erase every note dated before ``before`` (storage limitation), here and in the backups."""
    def erase(conn: sqlite3.Connection) -> bool:
        return _delete_notes_before(conn, before) > 0

    removed = tidy(store.path).removed
    first = rewrite_backups(store.path, erase, store.key)
    with store.write() as conn:
        count = _delete_notes_before(conn, before)
        if count:
            purge_fts(conn)
    pending = store.empty_wal()
    removed += _settle_temporaries(store.path)
    second = rewrite_backups(store.path, erase, store.key)
    return Erased({"notes": count}, pending, *_merge(first, second), removed)


# -- backups ------------------------------------------------------------------------

WAIT_FOR_WRITERS_SECONDS = 60.0


def _settle_temporaries(db_path: Path) -> tuple[Path, ...]:
    """Let a backup another command is writing finish (it may predate the erasure), sweep the rest."""
    folders = [db_path.parent, backups_dir(db_path)]
    temps.wait_for_writers(folders, db_path.stem, WAIT_FOR_WRITERS_SECONDS)
    return tuple(temps.sweep(folders, db_path.stem))



def _rewrite_one(path: Path, erase: Callable[[sqlite3.Connection], bool], key: bytes | None) -> bool:
    """Erase in the copy, then rewrite it from scratch; False when it held nothing to erase.

    A backup of an encrypted database is encrypted with its key (a plain one, made before
    ``encrypt``, opens without it); the rewrite keeps each as it was.
    """
    conn = cipher.connect_file(path, key if cipher.has_magic(path) is False else None)
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise sqlite3.DatabaseError("not a Nærvær database")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN IMMEDIATE")
        try:
            changed = erase(conn)
            if changed:
                purge_fts(conn)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        if changed:
            # VACUUM INTO writes only live rows into a new file that replaces this one;
            # the old times stay, so "newest backup" still means newest content
            times = path.stat()
            vacuum_into(conn, path)
            os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))
        return changed
    finally:
        conn.close()


def _merge(*passes: tuple[tuple[Path, ...], tuple[Path, ...]]) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    rewritten = {p: None for done, _ in passes for p in done}
    unreadable = {p: None for _, bad in passes for p in bad if p not in rewritten}
    return tuple(rewritten), tuple(unreadable)


def rewrite_backups(
    db_path: Path, erase: Callable[[sqlite3.Connection], bool], key: bytes | None = None
) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """Apply ``erase`` to every backup; returns (rewritten, unreadable)."""
    rewritten: list[Path] = []
    unreadable: list[Path] = []
    for path in list_backups(db_path):
        try:
            if _rewrite_one(path, erase, key):
                rewritten.append(path)
        except (sqlite3.Error, StoreError, OSError):
            unreadable.append(path)
    return tuple(rewritten), tuple(unreadable)
