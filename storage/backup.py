"""Backups and restore: compact consistent copies, daily rotation, checked restores.

A backup is ``VACUUM INTO`` a private temporary file, fsynced, then renamed into place:
it holds exactly the live rows (the online backup API would also copy freed pages,
which may hold erased text). Backups live in ``<stem>-backups/`` beside the database,
all 0600:

* ``<stem>-daily-YYYY-MM-DD.db`` – made on the first start of a day, rotated to the
  7 newest days plus the newest copy of each of the 4 weeks before them;
* ``<stem>-manual-YYYY-MM-DD-HHMMSS.db`` – ``naervaer backup`` without ``-o``; never rotated;
* ``<stem>-replaced-YYYY-MM-DD-HHMMSS.db`` – the database a restore replaced.

``storage.erase`` rewrites every one of them when a person is forgotten.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from naervaer.content.errors import InputError, StoreError
from naervaer.storage.connection import (
    APPLICATION_ID,
    BUSY_TIMEOUT_MS,
    SCHEMA_VERSION,
    connect,
    translate_error,
)
from naervaer.storage import cipher, temps
from naervaer.storage.paths import FILE_MODE, backups_dir, ensure_private_dir, list_backups
from naervaer.storage.tables import MIGRATIONS_TABLE, ordered_tables

if TYPE_CHECKING:  # the store is only a parameter here: a backup never needs store.py loaded
    from naervaer.storage.store import Store

KEEP_DAILY = 7
KEEP_WEEKLY = 4


def daily_path(db_path: Path, day: date) -> Path:
    return backups_dir(db_path) / f"{db_path.stem}-daily-{day.isoformat()}.db"


def _stamped(db_path: Path, kind: str, day: date) -> Path:
    # the time of day only keeps two copies on one day apart; "today" stays injected
    clock = datetime.now().strftime("%H%M%S")
    base = backups_dir(db_path) / f"{db_path.stem}-{kind}-{day.isoformat()}-{clock}"
    path, n = base.with_suffix(".db"), 1
    while path.exists():
        n += 1
        path = base.with_name(f"{base.name}-{n}.db")
    return path


def manual_path(db_path: Path, day: date) -> Path:
    return _stamped(db_path, "manual", day)


def replaced_path(db_path: Path, day: date) -> Path:
    return _stamped(db_path, "replaced", day)


def fsync(path: Path) -> None:
    """Flush a file, or a folder after a rename (the directory entry is data too)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def vacuum_into(conn: sqlite3.Connection, dest: Path) -> Path:
    """A compact, consistent copy of ``conn``'s database at ``dest`` (0600, durable).

    Written to a locked temporary beside ``dest`` (same filesystem, so the rename is
    atomic), which an interrupt or error removes (``storage.temps``).
    """
    try:
        with temps.temp_file(dest) as tmp:
            conn.execute("VACUUM INTO ?", [str(tmp)])
            os.chmod(tmp, FILE_MODE)
            fsync(tmp)
            os.replace(tmp, dest)
            fsync(dest.parent)
    except sqlite3.Error as exc:
        raise translate_error(exc, dest) from exc
    except OSError as exc:
        raise StoreError("store.cannot_create", path=str(dest), detail=exc.strerror or str(exc)) from exc
    return dest


def write_backup(conn: sqlite3.Connection, db_path: Path, day: date, dest: Path | None = None) -> Path:
    """``naervaer backup``: to ``dest``, else a manual copy in the backups folder.

    ``VACUUM INTO`` on an encrypted connection writes a file encrypted with the same key.
    """
    return vacuum_into(conn, dest if dest is not None else manual_path(db_path, day))


def backup_store(store: Store, day: date, dest: Path | None = None) -> Path:
    """``naervaer backup`` of an open store (see ``write_backup``).

    An encrypted copy written outside the backups folder gets the key header beside it
    (``<file>.cipher``): the passphrase alone can then open it anywhere.
    """
    made = write_backup(store.conn, store.path, day, dest)
    if dest is not None and store.key is not None:
        headers = cipher.read_headers(store.path)
        if headers:
            cipher.write_header(cipher.header_path(made), headers[0])
    return made


def days_to_keep(days: Iterable[date]) -> set[date]:
    """Rotation: the 7 newest days, plus the newest day of each of the 4 weeks before them."""
    ordered = sorted(set(days), reverse=True)
    keep = set(ordered[:KEEP_DAILY])
    weekly: dict[tuple[int, int], date] = {}
    for day in ordered[KEEP_DAILY:]:
        weekly.setdefault(day.isocalendar()[:2], day)  # newest first: the first seen wins
    keep.update(list(weekly.values())[:KEEP_WEEKLY])
    return keep


def _daily_days(db_path: Path) -> dict[date, Path]:
    prefix = f"{db_path.stem}-daily-"
    found: dict[date, Path] = {}
    for path in list_backups(db_path):
        stem = path.stem
        if stem.startswith(prefix):
            try:
                found[date.fromisoformat(stem[len(prefix):])] = path
            except ValueError:
                continue  # not a name we wrote: leave it alone
    return found


def rotate(db_path: Path) -> list[Path]:
    """Remove the daily copies rotation no longer keeps; returns what was removed."""
    daily = _daily_days(db_path)
    keep = days_to_keep(daily)
    removed = []
    for day, path in sorted(daily.items()):
        if day not in keep:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def maybe_daily_backup(db_path: Path, today: date, key: bytes | None = None) -> Path | None:
    """The first call on a day writes that day's copy and rotates; later calls cost one stat.

    Opens its own connection, so a TUI worker thread may call it. Returns the new
    backup, or None (already done today, no database yet, or nothing in it).
    """
    dest = daily_path(db_path, today)
    if dest.exists() or not db_path.is_file():
        return None
    conn = connect(db_path, create=False, key=key)
    try:
        if not conn.execute("SELECT 1 FROM people LIMIT 1").fetchone():
            return None
        vacuum_into(conn, dest)
    except sqlite3.Error as exc:
        raise translate_error(exc, db_path) from exc
    finally:
        conn.close()
    rotate(db_path)
    return dest


# -- restore ------------------------------------------------------------------------
#
# A restore never renames or replaces a database file another connection may have
# open (SQLite, "How To Corrupt An SQLite Database File", 2.2 and 2.4): a window or a
# `log` that opened the old file would go on writing into it after the swap, and lose
# those notes, and a WAL could meet the wrong file. Instead the source is prepared in a
# private working folder and copied LOGICALLY into the live file, in one transaction
# under the live database's write lock:
#
# 1. the source is copied with its `-wal` and a hot `-journal`, and opened there, so
#    SQLite applies committed WAL frames or rolls an unfinished change back exactly as
#    it would in place; then checked (`check_backup`) and migrated to this schema;
# 2. `BEGIN IMMEDIATE` on the live file; holding it, a second connection writes the
#    "replaced" copy with `VACUUM INTO` (a read, allowed beside a writer in WAL mode),
#    which is exactly the state about to be replaced: nobody else can commit now;
# 3. in the same transaction every table's rows are replaced from the attached copy,
#    the search index is rebuilt and the id floors keep the larger of both files' (an
#    id is never given out twice), then COMMIT (see ``_replace_rows``).
#
# A writer that arrives meanwhile waits for the lock (busy timeout) and then writes
# into the restored file, or is refused with "busy" and stores nothing. A live file
# SQLite cannot open (damaged, foreign, newer) has no such writer: it is moved aside
# and the prepared copy put in its place, as before.

SWAPPABLE = {"store.not_ours", "store.damaged", "store.newer",
             "safety.not_ours_restore", "safety.damaged_restore"}


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    schema: int
    people: int
    notes: int
    recovered: str | None = None  # "wal" or "journal": SQLite finished the source's last change


def check_backup(path: Path, shown: Path | None = None, key: bytes | None = None) -> BackupInfo:
    """Read-only checks of a file before it may replace anything: ours, not newer, intact.

    ``shown`` is the name the user knows the file by (``path`` may be a working copy);
    ``key`` opens an encrypted one.
    """
    shown = shown or path
    if not path.is_file():
        raise InputError("safety.restore_missing", path=str(shown))
    try:
        conn = cipher.connect_file(f"{path.resolve().as_uri()}?mode=ro", key, uri=True)
    except sqlite3.Error as exc:
        if key is not None and cipher.is_wrong_key(exc):
            raise InputError("cipher.backup_other_key", path=str(shown)) from exc
        raise InputError("safety.restore_bad", path=str(shown), detail=str(exc)) from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        schema = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise InputError("safety.restore_not_ours", path=str(shown))
        if schema > SCHEMA_VERSION:
            raise InputError("store.newer", path=str(shown), version=schema, supported=SCHEMA_VERSION)
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if problems != ["ok"]:
            raise InputError("safety.restore_bad", path=str(shown), detail="; ".join(problems[:3]))
        if conn.execute("PRAGMA foreign_key_check").fetchone():
            raise InputError("safety.restore_bad", path=str(shown), detail="foreign_key_check")
        people = conn.execute("SELECT count(*) FROM people").fetchone()[0]
        notes = conn.execute("SELECT count(*) FROM notes").fetchone()[0]
    except sqlite3.Error as exc:
        raise InputError("safety.restore_bad", path=str(shown), detail=str(exc)) from exc
    finally:
        conn.close()
    return BackupInfo(path, schema, people, notes)


@dataclass(frozen=True)
class Restored:
    info: BackupInfo
    replaced: Path | None


def _copy(src: Path, dest: Path) -> None:
    with src.open("rb") as inp, open(os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE), "wb") as out:
        while chunk := inp.read(1 << 20):
            out.write(chunk)


def _prepare(source: Path, work: Path, key: bytes | None) -> tuple[Path, BackupInfo]:
    """The source as SQLite would read it, checked and migrated, in the working folder."""
    copy = work / "restore.db"
    _copy(source, copy)
    sides = {}
    for suffix, kind in (("-wal", "wal"), ("-journal", "journal")):
        side = Path(f"{source}{suffix}")
        if side.is_file() and side.stat().st_size:
            _copy(side, Path(f"{copy}{suffix}"))
            sides[kind] = side
    recovered = None
    if sides:
        before = {kind: Path(f"{copy}-{kind}").stat().st_size for kind in sides}
        try:
            conn = cipher.connect_file(copy, key)
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # recovers or rolls back
                mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
                if mode == "wal" and conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]:
                    raise sqlite3.OperationalError("the WAL could not be applied")
                conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file to check
            finally:
                conn.close()
        except sqlite3.Error as exc:
            raise InputError("safety.restore_bad", path=str(source), detail=str(exc)) from exc
        if "journal" in sides and not Path(f"{copy}-journal").exists():
            recovered = "journal"
        elif "wal" in sides and before["wal"]:
            recovered = "wal"
    info = check_backup(copy, shown=source, key=key)
    connect(copy, create=False, tidy_up=False, key=key).close()  # migrates an older backup to this schema
    return copy, BackupInfo(source, info.schema, info.people, info.notes, recovered)


def _encrypted_copy(copy: Path, key: bytes) -> Path:
    """A plain backup restored into an encrypted database: the working copy is encrypted
    before it is attached (its rows stay encrypted in every temporary), the plain one zeroed."""
    out = copy.with_name("restore-encrypted.db")
    conn = cipher.open_encrypted(copy, None)
    try:
        cipher.attach(conn, out, "out", key)
        conn.execute("SELECT sqlcipher_export('out')")
        for pragma in ("application_id", "user_version"):
            conn.execute(f"PRAGMA out.{pragma} = {int(conn.execute(f'PRAGMA main.{pragma}').fetchone()[0])}")
        conn.execute("DETACH DATABASE out")
    finally:
        conn.close()
    fd = os.open(copy, os.O_RDWR)
    try:
        cipher.zero_fd(fd)
    finally:
        os.close(fd)
    copy.unlink()
    return out



def _merge_max(conn: sqlite3.Connection, table: str, key: str, value: str) -> None:
    """Per key, the larger of the live value and the restored one (ids are never reused)."""
    for name, number in conn.execute(f"SELECT {key}, {value} FROM src.{table}").fetchall():
        updated = conn.execute(f"UPDATE main.{table} SET {value} = max({value}, ?) WHERE {key} = ?",
                               [number, name]).rowcount
        if not updated:
            conn.execute(f"INSERT INTO main.{table} ({key}, {value}) VALUES (?, ?)", [name, number])


# id_floor and sqlite_sequence keep the larger number, never the restored one alone
MERGED = {"id_floor": ("name", "value"), "sqlite_sequence": ("name", "seq")}
# the live file's own schema bookkeeping: the copy was migrated to the same steps
KEPT = {MIGRATIONS_TABLE}


def _replace_rows(conn: sqlite3.Connection) -> None:
    """Inside the caller's transaction: the live tables' rows become the attached copy's.

    The triggers stay: they unindex and index the text, derive the tags (the copy's own
    tag rows then meet them: OR IGNORE) and raise the id floors of the rows deleted.
    (Setting them aside for speed was tried: a writer that re-read the schema while they
    were being recreated failed with "no such table".) Foreign keys are off (the caller
    switches them off before BEGIN; it cannot be done inside) and checked once at the end.
    """
    if conn.execute("PRAGMA foreign_keys").fetchone()[0]:
        raise RuntimeError("foreign keys are checked once at the end: switch them off before BEGIN")
    live = {t: cols for t, cols in ordered_tables(conn, "main").items() if t not in KEPT}
    source = ordered_tables(conn, "src")
    for table in reversed(live):
        if table not in MERGED:
            conn.execute(f'DELETE FROM main."{table}"')
    for table, columns in live.items():
        if table in MERGED or table not in source:
            continue
        shared = ", ".join(f'"{c}"' for c in columns if c in source[table])
        conn.execute(f'INSERT OR IGNORE INTO main."{table}" ({shared}) SELECT {shared} FROM src."{table}"')
    if "id_floor" in live and "id_floor" in source:
        _merge_max(conn, "id_floor", "name", "value")
    if _has_sequence(conn):
        _merge_max(conn, "sqlite_sequence", "name", "seq")
    if conn.execute("PRAGMA main.foreign_key_check").fetchone():
        raise sqlite3.IntegrityError("FOREIGN KEY constraint failed")


def _has_sequence(conn: sqlite3.Connection) -> bool:
    return all(conn.execute(f"SELECT 1 FROM {s}.sqlite_master WHERE name = 'sqlite_sequence'").fetchone()
               for s in ("main", "src"))


def _begin(conn: sqlite3.Connection, db_path: Path) -> None:
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreError("safety.restore_busy", path=str(db_path)) from exc
        raise translate_error(exc, db_path) from exc


def _keep_replaced(db_path: Path, today: date, key: bytes | None) -> Path:
    """The live state, as the writer holding the lock is about to replace it (encrypted as it is)."""
    reader = cipher.connect_file(db_path, key, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        return vacuum_into(reader, replaced_path(db_path, today))
    finally:
        reader.close()


def _restore_rows(db_path: Path, copy: Path, today: date, existed: bool,
                  key: bytes | None, source_key: bytes | None) -> Path | None:
    conn = connect(db_path, key=key)
    replaced = None
    try:
        cipher.attach(conn, copy, "src", source_key)
        conn.execute("PRAGMA foreign_keys = OFF")  # checked once, at the end of _replace_rows
        _begin(conn, db_path)
        try:
            if existed:
                replaced = _keep_replaced(db_path, today, key)
            _replace_rows(conn)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if replaced is not None:
                replaced.unlink(missing_ok=True)
            raise
        conn.execute("DETACH DATABASE src")
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    except sqlite3.Error as exc:
        raise translate_error(exc, db_path) from exc
    finally:
        conn.close()
    return replaced


def _swap_unusable(db_path: Path, copy: Path, today: date) -> Path:
    """The live file cannot be opened at all: keep its bytes aside, put the copy in its place."""
    replaced = replaced_path(db_path, today)
    ensure_private_dir(replaced.parent)
    os.link(db_path, replaced)
    for suffix in ("-wal", "-shm"):
        side = Path(f"{db_path}{suffix}")
        if side.exists():
            # the old WAL belongs to the old file: it must never meet the new one
            if suffix == "-wal" and side.stat().st_size:
                os.replace(side, Path(f"{replaced}{suffix}"))
            else:
                side.unlink()
    fsync(replaced.parent)
    fsync(copy)
    os.replace(copy, db_path)
    fsync(db_path.parent)
    return replaced


def source_encrypted(source: Path) -> bool:
    """A backup without the SQLite magic: an encrypted one (or a foreign file, which the checks refuse)."""
    return cipher.has_magic(Path(source)) is False


def restore(db_path: Path, source: Path, today: date, key: bytes | None = None) -> Restored:
    """Check ``source``, then make the live database hold exactly its rows, keeping the replaced state.

    ``key`` is the live database's (None: plain). An encrypted backup is opened with the same
    key (backups are made with it); a plain one restores into an encrypted database too, whose
    rows then are encrypted. An encrypted backup into a plain database is refused: encrypt first.
    """
    source = Path(source)
    source_key = key if source_encrypted(source) else None
    if source_encrypted(source) and key is None and cipher.read_headers(source):
        raise InputError("cipher.restore_into_plain", path=str(source))
    if db_path.exists() and source.resolve() == db_path.resolve():
        raise InputError("safety.restore_same", path=str(source))
    if not source.is_file():
        raise InputError("safety.restore_missing", path=str(source))
    existed = db_path.exists() and db_path.stat().st_size > 0
    try:
        with temps.temp_dir(db_path) as work:
            copy, info = _prepare(source, work, source_key)
            if key is not None and source_key is None:
                copy, source_key = _encrypted_copy(copy, key), key
            try:
                replaced = _restore_rows(db_path, copy, today, existed, key, source_key)
            except StoreError as exc:
                if exc.key not in SWAPPABLE or not existed:
                    raise
                replaced = _swap_unusable(db_path, copy, today)
    except OSError as exc:
        raise StoreError("store.cannot_create", path=str(db_path), detail=exc.strerror or str(exc)) from exc
    connect(db_path, create=False, key=key).close()  # re-checks the pragmas (and migrates a swapped-in file)
    return Restored(info, replaced)
