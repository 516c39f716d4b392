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

from naervaer.content.errors import InputError, StoreError
from naervaer.storage.connection import APPLICATION_ID, SCHEMA_VERSION, connect, translate_error
from naervaer.storage.paths import FILE_MODE, ensure_private_dir

KEEP_DAILY = 7
KEEP_WEEKLY = 4


def backups_dir(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.stem}-backups")


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


def list_backups(db_path: Path) -> list[Path]:
    """Every backup file of this database, newest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"{db_path.stem}-*.db") if p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def newest_backup(db_path: Path) -> Path | None:
    """The newest copy worth restoring (a replaced database is the one that failed)."""
    for path in list_backups(db_path):
        if "-replaced-" not in path.name:
            return path
    return None


def fsync(path: Path) -> None:
    """Flush a file, or a folder after a rename (the directory entry is data too)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def private_temp(dest: Path) -> Path:
    """An empty 0600 file beside ``dest`` (same filesystem, so the final rename is atomic)."""
    ensure_private_dir(dest.parent)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    return tmp


def vacuum_into(conn: sqlite3.Connection, dest: Path) -> Path:
    """A compact, consistent copy of ``conn``'s database at ``dest`` (0600, durable)."""
    try:
        tmp = private_temp(dest)
    except OSError as exc:
        raise StoreError("store.cannot_create", path=str(dest), detail=exc.strerror or str(exc)) from exc
    try:
        conn.execute("VACUUM INTO ?", [str(tmp)])
        os.chmod(tmp, FILE_MODE)
        fsync(tmp)
        os.replace(tmp, dest)
        fsync(dest.parent)
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise translate_error(exc, dest) from exc
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError("store.cannot_create", path=str(dest), detail=exc.strerror or str(exc)) from exc
    return dest


def write_backup(conn: sqlite3.Connection, db_path: Path, day: date, dest: Path | None = None) -> Path:
    """``naervaer backup``: to ``dest``, else a manual copy in the backups folder."""
    return vacuum_into(conn, dest if dest is not None else manual_path(db_path, day))


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


def maybe_daily_backup(db_path: Path, today: date) -> Path | None:
    """The first call on a day writes that day's copy and rotates; later calls cost one stat.

    Opens its own connection, so a TUI worker thread may call it. Returns the new
    backup, or None (already done today, no database yet, or nothing in it).
    """
    dest = daily_path(db_path, today)
    if dest.exists() or not db_path.is_file():
        return None
    conn = connect(db_path, create=False)
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


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    schema: int
    people: int
    notes: int


def check_backup(path: Path) -> BackupInfo:
    """Read-only checks of a file before it may replace anything: ours, not newer, intact."""
    if not path.is_file():
        raise InputError("safety.restore_missing", path=str(path))
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise InputError("safety.restore_bad", path=str(path), detail=str(exc)) from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        schema = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise InputError("safety.restore_not_ours", path=str(path))
        if schema > SCHEMA_VERSION:
            raise InputError("store.newer", path=str(path), version=schema, supported=SCHEMA_VERSION)
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if problems != ["ok"]:
            raise InputError("safety.restore_bad", path=str(path), detail="; ".join(problems[:3]))
        if conn.execute("PRAGMA foreign_key_check").fetchone():
            raise InputError("safety.restore_bad", path=str(path), detail="foreign_key_check")
        people = conn.execute("SELECT count(*) FROM people").fetchone()[0]
        notes = conn.execute("SELECT count(*) FROM notes").fetchone()[0]
    except sqlite3.Error as exc:
        raise InputError("safety.restore_bad", path=str(path), detail=str(exc)) from exc
    finally:
        conn.close()
    return BackupInfo(path, schema, people, notes)


@dataclass(frozen=True)
class Restored:
    info: BackupInfo
    replaced: Path | None


def _settle_current(db_path: Path) -> None:
    """Fold the live WAL into the file so the kept copy is one self-contained file.

    An exclusive lock proves no other window has the database open: swapping the file
    under an open connection would send its later writes to the old file, and its WAL
    to the new one. A damaged or foreign file is left exactly as it is.
    """
    try:
        conn = sqlite3.connect(db_path, isolation_level=None, timeout=1)
    except sqlite3.Error:
        return
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        try:
            conn.execute("BEGIN EXCLUSIVE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise InputError("safety.restore_busy", path=str(db_path)) from exc
            raise
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error:
        return
    finally:
        conn.close()


def restore(db_path: Path, source: Path, today: date) -> Restored:
    """Check ``source``, then swap it in atomically, keeping the replaced database as a dated copy."""
    source = Path(source)
    if db_path.exists() and source.resolve() == db_path.resolve():
        raise InputError("safety.restore_same", path=str(source))
    check_backup(source)
    tmp = private_temp(db_path)
    try:
        with source.open("rb") as src, tmp.open("wb") as out:
            while chunk := src.read(1 << 20):
                out.write(chunk)
        fsync(tmp)
        info = check_backup(tmp)  # the copy is what goes live: check it, not just the source
        replaced = None
        if db_path.exists():
            _settle_current(db_path)
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
        os.replace(tmp, db_path)
        fsync(db_path.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError("store.cannot_create", path=str(db_path), detail=exc.strerror or str(exc)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    connect(db_path, create=False).close()  # migrates an older backup and re-checks the pragmas
    return Restored(BackupInfo(source, info.schema, info.people, info.notes), replaced)
