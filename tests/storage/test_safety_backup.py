"""Backups, daily rotation and restore: compact private copies, checked before they replace anything."""

from __future__ import annotations

import json

import os
import sqlite3
import stat
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from naervaer.storage import backup as bk
from naervaer.storage.paths import newest_backup
from naervaer.storage.store import Store
from conftest import TODAY, dump


# A restore copies rows into the live file: the search index's internal segments may be laid
# out differently, the id floors keep the larger of both files' (ids are never reused), and
# the live file keeps its own record of when its migrations ran.
DERIVED = ('INSERT INTO "notes_fts_', 'INSERT INTO "id_floor"', 'INSERT INTO "_sqlite_migrations"')


def content(path: Path) -> list[str]:
    """Rows and schema, order-free (VACUUM INTO renumbers sqlite_master), search index checked."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("INSERT INTO notes_fts(notes_fts) VALUES ('integrity-check')")
    finally:
        conn.close()
    return sorted(line for line in dump(path) if not line.startswith(DERIVED))


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


def test_restore_with_a_window_open_keeps_every_note_the_window_wrote(run, db_path: Path, tmp_path: Path) -> None:
    """The window's connection stays on the live file: what it wrote before is in the replaced
    copy, what it writes after is in the restored database (a swapped file would lose it)."""
    seed(run)
    good = tmp_path / "good.db"
    assert run("backup", "-o", str(good)).exit_code == 0
    window = Store.open(db_path, clock=lambda: TODAY)  # an open, idle TUI window
    try:
        window.add_note(1, TODAY, None, "written before the restore")
        done = bk.restore(db_path, good, TODAY)
        window.add_note(1, TODAY, None, "written after the restore")
    finally:
        window.close()
    with Store.open(db_path, create=False) as live:
        assert sorted(n.text for n in live.notes()) == ["first note", "written after the restore"]
    assert done.replaced is not None
    with Store.open(done.replaced, create=False) as kept:
        assert "written before the restore" in [n.text for n in kept.notes()]


def test_restore_refuses_while_another_command_keeps_writing(
    run, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from naervaer.content.errors import StoreError
    from naervaer.storage import connection

    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 200)
    monkeypatch.setattr(bk, "BUSY_TIMEOUT_MS", 200)
    seed(run)
    good = tmp_path / "good.db"
    assert run("backup", "-o", str(good)).exit_code == 0
    writer = sqlite3.connect(db_path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # a write that outlasts the busy timeout
        before = dump(db_path)
        with pytest.raises(StoreError) as err:
            bk.restore(db_path, good, TODAY)
        assert err.value.key == "safety.restore_busy" and err.value.exit_code == 3
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert dump(db_path) == before
    assert not [p for p in bk.list_backups(db_path) if "-replaced-" in p.name]
    assert not [p for p in db_path.parent.rglob("*.tmp")]


def test_restore_reads_committed_frames_from_the_backups_wal(run, db_path: Path, tmp_path: Path) -> None:
    """A backup folder copied with its -wal (frames not yet checkpointed, e.g. after a crash)."""
    seed(run, text="in the main file")
    src = tmp_path / "copied" / "naervaer.db"
    src.parent.mkdir()
    with Store.open(src, clock=lambda: TODAY) as s:
        anna = s.add_person("Anna Berg")
        s.add_note(anna.id, TODAY, None, "in the main file")
        s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        s.conn.execute("PRAGMA wal_autocheckpoint = 0")
        s.add_note(anna.id, TODAY, None, "only in the wal")
        # a crash: the -wal stays (copy the files while the connection is still open)
        copy = tmp_path / "backup-folder" / "naervaer.db"
        copy.parent.mkdir()
        for suffix in ("", "-wal"):
            Path(f"{copy}{suffix}").write_bytes(Path(f"{src}{suffix}").read_bytes())
    assert Path(f"{copy}-wal").stat().st_size > 0
    result = run("restore", str(copy))
    assert result.exit_code == 0, result.output
    with Store.open(db_path, create=False) as live:
        assert sorted(n.text for n in live.notes()) == ["in the main file", "only in the wal"]
        assert [n.text for n in live.search_notes("wal")] == ["only in the wal"]
    assert "-wal" in result.stdout


def test_restore_rolls_back_a_hot_journal_left_by_a_killed_forget(run, db_path: Path, tmp_path: Path) -> None:
    seed(run, text="the note")
    made = bk.write_backup(Store.open(db_path).conn, db_path, TODAY)
    # a forget killed half-way through rewriting this backup: its change is in the file,
    # the pages it replaced in a hot -journal
    journal = Path(f"{made}-journal")
    script = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA cache_size = 1')  # spill: changed pages reach the file before COMMIT\n"
        "c.execute('BEGIN IMMEDIATE')\n"
        "c.execute('DELETE FROM notes')\n"
        "c.execute('UPDATE people SET site = hex(randomblob(20000))')\n"
        "os._exit(9)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(made)], check=False)
    if not journal.exists():
        pytest.skip("SQLite kept the change in memory; no hot journal to test")
    result = run("restore", str(made))
    assert result.exit_code == 0, result.output
    with Store.open(db_path, create=False) as live:
        assert [n.text for n in live.notes()] == ["the note"]
    assert "rolled back" in result.stdout


def test_newest_backup_skips_replaced_copies(db_path: Path) -> None:
    folder = bk.backups_dir(db_path)
    folder.mkdir(parents=True)
    daily = bk.daily_path(db_path, date(2026, 11, 20))
    daily.write_bytes(b"x")
    replaced = folder / "naervaer-replaced-2026-11-23-101010.db"
    replaced.write_bytes(b"x")
    os.utime(daily, (1, 1))
    assert newest_backup(db_path) == daily


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


def test_a_restore_never_gives_out_a_note_id_again(run, db_path: Path, tmp_path: Path) -> None:
    """Notes 2 and 3 live on in the replaced copy: `note edit 3` typed from history must not
    reach a new note written after restoring the older backup."""
    seed(run)
    old = tmp_path / "old.db"
    assert run("backup", "-o", str(old)).exit_code == 0
    assert run("log", "anna", "second").exit_code == 0
    assert run("log", "anna", "third").exit_code == 0
    assert run("restore", str(old)).exit_code == 0
    assert run("log", "anna", "after the restore").exit_code == 0
    with Store.open(db_path, create=False) as s:
        ids = {n.text: n.id for n in s.notes()}
    assert ids["after the restore"] > 3
