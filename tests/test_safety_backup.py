"""Backups, daily rotation and restore: compact private copies, checked before they replace anything."""

from __future__ import annotations

import json

import os
import sqlite3
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from naervaer.content.errors import InputError
from naervaer.storage import backup as bk
from naervaer.storage.store import Store
from conftest import TODAY, dump


def content(path: Path) -> list[str]:
    """Rows and schema, order-free (VACUUM INTO renumbers sqlite_master)."""
    return sorted(dump(path))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def seed(run, name: str = "Anna Berg", text: str = "first note") -> None:
    assert run("person", "add", name, "--site", "Køkkenet").exit_code == 0
    assert run("log", name, text).exit_code == 0


def test_backup_is_private_consistent_and_compact(run, db_path: Path) -> None:
    seed(run)
    result = run("backup")
    assert result.exit_code == 0, result.output
    (made,) = [p for p in bk.list_backups(db_path) if "-manual-" in p.name]
    assert mode(made) == 0o600
    assert mode(made.parent) == 0o700
    assert content(made) == content(db_path)
    conn = sqlite3.connect(made)
    assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert not list(made.parent.glob(".*.tmp"))


def test_backup_to_a_file_refuses_to_overwrite(run, tmp_path: Path) -> None:
    seed(run)
    target = tmp_path / "copy.db"
    assert run("backup", "-o", str(target)).exit_code == 0
    assert mode(target) == 0o600
    before = target.read_bytes()
    again = run("backup", "-o", str(target))
    assert again.exit_code == 2
    assert "already exists" in again.stderr
    assert target.read_bytes() == before


def test_first_command_of_the_day_writes_the_daily_backup_but_log_does_not(run, db_path: Path) -> None:
    seed(run)  # person add (empty db: nothing to back up) and log (the capture path)
    daily = bk.daily_path(db_path, TODAY)
    assert not daily.exists()
    assert run("notes").exit_code == 0
    assert daily.exists() and mode(daily) == 0o600
    written = daily.stat().st_mtime_ns
    assert run("notes").exit_code == 0
    assert daily.stat().st_mtime_ns == written  # once a day


def test_correcting_or_deleting_a_note_first_thing_does_not_back_it_up_first(run, db_path: Path) -> None:
    seed(run, text="a remark that should not be kept")
    (note_id,) = [n["id"] for n in json.loads(run("notes", "--format", "json").stdout)]
    bk.daily_path(db_path, TODAY).unlink()  # as if `notes` had not run yet today
    assert run("note", "delete", str(note_id), "--yes").exit_code == 0
    assert not bk.daily_path(db_path, TODAY).exists()


def test_daily_backup_failure_warns_and_the_command_still_runs(run, db_path: Path) -> None:
    seed(run)
    folder = bk.backups_dir(db_path)
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("a file where the backups folder should be")
    result = run("notes")
    assert result.exit_code == 0
    assert "daily backup could not be written" in result.stderr
    assert "first note" in result.stdout


def test_rotation_keeps_seven_days_and_four_weeks() -> None:
    days = [TODAY - timedelta(days=n) for n in range(60)]
    keep = bk.days_to_keep(days)
    daily = set(days[:7])
    assert daily <= keep
    weekly = sorted(keep - daily, reverse=True)
    assert len(weekly) == 4
    weeks = [d.isocalendar()[:2] for d in weekly]
    assert len(set(weeks)) == 4
    for d in weekly:  # the newest copy of its week, among those older than the daily ones
        assert not any(o.isocalendar()[:2] == d.isocalendar()[:2] and d < o < days[6] for o in days)


def test_rotate_removes_only_daily_copies(db_path: Path, store: Store) -> None:
    folder = bk.backups_dir(db_path)
    folder.mkdir(parents=True)
    for n in range(40):
        bk.daily_path(db_path, TODAY - timedelta(days=n)).write_bytes(b"x")
    manual = folder / "naervaer-manual-2020-01-01-120000.db"
    manual.write_bytes(b"x")
    stranger = folder / "naervaer-daily-notadate.db"
    stranger.write_bytes(b"x")
    removed = bk.rotate(db_path)
    left = {p.name for p in folder.iterdir()}
    assert len(removed) == 40 - 11
    assert manual.name in left and stranger.name in left
    assert bk.daily_path(db_path, TODAY).name in left


def test_restore_checks_then_swaps_and_keeps_the_replaced_database(run, db_path: Path, tmp_path: Path) -> None:
    seed(run, text="kept in the backup")
    copy = tmp_path / "good.db"
    assert run("backup", "-o", str(copy)).exit_code == 0
    assert run("log", "anna", "written after the backup").exit_code == 0
    after_backup = content(db_path)
    result = run("restore", str(copy))
    assert result.exit_code == 0, result.output
    assert content(db_path) == content(copy)
    (replaced,) = [p for p in bk.list_backups(db_path) if "-replaced-" in p.name]
    assert content(replaced) == after_backup
    assert mode(replaced) == 0o600 and mode(db_path) == 0o600
    assert str(replaced) in result.stdout
    with Store.open(db_path, create=False) as s:  # the restored file is a working database
        assert [n.text for n in s.notes()] == ["kept in the backup"]


@pytest.mark.parametrize("damage", ["garbled", "truncated", "foreign", "missing"])
def test_restore_refuses_a_bad_file_and_replaces_nothing(run, db_path: Path, tmp_path: Path, damage: str) -> None:
    seed(run)
    bad = tmp_path / "bad.db"
    assert run("backup", "-o", str(bad)).exit_code == 0
    if damage == "garbled":
        data = bytearray(bad.read_bytes())
        data[4096:8192] = os.urandom(4096)
        bad.write_bytes(bytes(data))
    elif damage == "truncated":
        bad.write_bytes(bad.read_bytes()[:6000])
    elif damage == "foreign":
        bad.unlink()
        other = sqlite3.connect(bad)
        other.execute("CREATE TABLE t (x)")
        other.commit()
        other.close()
    else:
        bad.unlink()
    before = db_path.read_bytes()
    result = run("restore", str(bad))
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "nothing was replaced" in result.stderr
    assert db_path.read_bytes() == before
    assert not [p for p in bk.list_backups(db_path) if "-replaced-" in p.name]


def test_restore_refuses_a_newer_schema(run, db_path: Path, tmp_path: Path) -> None:
    seed(run)
    newer = tmp_path / "newer.db"
    assert run("backup", "-o", str(newer)).exit_code == 0
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    result = run("restore", str(newer))
    assert result.exit_code == 2
    assert "newer Nærvær" in result.stderr


def test_restore_onto_a_damaged_database_keeps_its_bytes(run, db_path: Path, tmp_path: Path) -> None:
    seed(run)
    good = tmp_path / "good.db"
    assert run("backup", "-o", str(good)).exit_code == 0
    db_path.write_bytes(b"garbage" * 1000)
    result = run("restore", str(good))
    assert result.exit_code == 0, result.output
    (replaced,) = [p for p in bk.list_backups(db_path) if "-replaced-" in p.name]
    assert replaced.read_bytes() == b"garbage" * 1000
    assert content(db_path) == content(good)


def test_restore_refuses_while_another_window_has_the_database_open(run, db_path: Path, tmp_path: Path) -> None:
    seed(run)
    good = tmp_path / "good.db"
    assert run("backup", "-o", str(good)).exit_code == 0
    window = Store.open(db_path, clock=lambda: TODAY)  # an open, idle TUI window
    try:
        window.add_note(1, TODAY, None, "in the wal")
        before = dump(db_path)
        with pytest.raises(InputError) as err:
            bk.restore(db_path, good, TODAY)
        assert err.value.key == "safety.restore_busy"
        assert dump(db_path) == before
        assert not [p for p in bk.list_backups(db_path) if "-replaced-" in p.name]
    finally:
        window.close()


def test_newest_backup_skips_replaced_copies(db_path: Path) -> None:
    folder = bk.backups_dir(db_path)
    folder.mkdir(parents=True)
    daily = bk.daily_path(db_path, date(2026, 11, 20))
    daily.write_bytes(b"x")
    replaced = folder / "naervaer-replaced-2026-11-23-101010.db"
    replaced.write_bytes(b"x")
    os.utime(daily, (1, 1))
    assert bk.newest_backup(db_path) == daily


def test_a_restore_can_be_undone_from_the_replaced_copy(run, db_path: Path, tmp_path: Path) -> None:
    seed(run, text="before the restore")
    old = tmp_path / "old.db"
    assert run("backup", "-o", str(old)).exit_code == 0
    assert run("log", "anna", "written later").exit_code == 0
    latest = content(db_path)
    assert run("restore", str(old)).exit_code == 0
    (replaced,) = [p for p in bk.list_backups(db_path) if "-replaced-" in p.name]
    result = run("restore", str(replaced))  # a WAL-mode file: checked read-only all the same
    assert result.exit_code == 0, result.output
    assert content(db_path) == latest


def test_restore_into_an_empty_data_folder(run, db_path: Path, tmp_path: Path) -> None:
    seed(run)
    copy = tmp_path / "copy.db"
    assert run("backup", "-o", str(copy)).exit_code == 0
    fresh = tmp_path / "new-laptop" / "naervaer.db"
    done = bk.restore(fresh, copy, TODAY)
    assert done.replaced is None and done.info.people == 1 and done.info.notes == 1
    assert content(fresh) == content(copy)
    assert mode(fresh) == 0o600 and mode(fresh.parent) == 0o700


def test_no_daily_backup_of_an_empty_database_or_the_demo(run, db_path: Path) -> None:
    assert run("person", "list").exit_code == 0  # creates the empty database
    assert bk.maybe_daily_backup(db_path, TODAY) is None
    assert not bk.backups_dir(db_path).exists()
    seed(run)
    assert run("--demo", "person", "list").exit_code == 0
    assert not bk.backups_dir(db_path.with_name("naervaer-demo.db")).exists()
