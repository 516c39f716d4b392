"""Temporary copies and file modes: nothing private left behind, nothing readable by others.

Issue 11, items 6 and 7: an interrupted backup or restore must not leave a full copy of
the notes; one left by SIGKILL is deleted by the next command, but never one another
process is still writing; every file Nærvær opens is 0600 and its folder 0700.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from naervaer.storage import backup as bk
from naervaer.storage import temps
from naervaer.storage.store import Store
from conftest import TODAY

SECRET = "Secretqz about a sick leave"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def seed(run) -> None:
    assert run("person", "add", "Anna Berg").exit_code == 0
    assert run("log", "anna", SECRET).exit_code == 0


def dead_pid() -> int:
    """A pid no process has right now (a finished child's)."""
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return pid


def orphan(folder: Path, name: str, pid: int) -> Path:
    """What SIGKILL leaves: a full copy under a temporary name, its writer gone."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / f".{name}.{pid}-1.tmp"
    path.write_bytes(b"SQLite format 3\0" + SECRET.encode())
    os.utime(path, (1, 1))
    return path


class Interrupting:
    """A connection whose VACUUM INTO runs, then Ctrl-C arrives (as Python delivers it)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: list[str]) -> None:
        self.conn.execute(sql, params)
        raise KeyboardInterrupt


def test_ctrl_c_during_a_backup_leaves_no_temporary(run, db_path: Path) -> None:
    seed(run)
    with Store.open(db_path) as s, pytest.raises(KeyboardInterrupt):
        bk.write_backup(Interrupting(s.conn), db_path, TODAY)  # type: ignore[arg-type]
    assert [p.name for p in bk.backups_dir(db_path).iterdir()] == []


def test_sigterm_while_a_temporary_exists_unwinds_and_removes_it(tmp_path: Path) -> None:
    dest = tmp_path / "backups" / "x.db"
    with pytest.raises(SystemExit) as exit_, temps.temp_file(dest) as tmp:
        assert tmp.exists() and mode(tmp) == 0o600
        os.kill(os.getpid(), 15)
    assert exit_.value.code == 143
    assert list(dest.parent.iterdir()) == []


def test_the_next_command_deletes_what_sigkill_left_and_says_so(run, db_path: Path) -> None:
    seed(run)
    left = [
        orphan(bk.backups_dir(db_path), "naervaer-manual-2026-11-23-101010.db", dead_pid()),
        orphan(db_path.parent, "naervaer.db", dead_pid()),
    ]
    left[1].unlink()
    left[1].mkdir()  # a restore's working folder
    (left[1] / "restore.db").write_text(SECRET)
    result = run("person", "list")
    assert result.exit_code == 0, result.output
    for path in left:
        assert not path.exists()
        assert str(path) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 2


@pytest.fixture
def held(db_path: Path) -> Iterator[Path]:
    """A temporary another live process is writing: locked, and old enough not to count as young."""
    path = orphan(bk.backups_dir(db_path), "naervaer-daily-2026-11-23.db", os.getpid())
    fd = os.open(path, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield path
    finally:
        os.close(fd)


def test_a_temporary_another_process_still_writes_is_left_alone(run, db_path: Path, held: Path) -> None:
    seed(run)
    assert run("person", "list").exit_code == 0
    assert held.exists()
    assert temps.sweep([held.parent], "naervaer") == []


def test_a_young_temporary_of_a_live_writer_is_left_alone_even_unlocked(tmp_path: Path) -> None:
    """Between its creation and its lock a temporary is lockable: the live pid and its age save it."""
    path = tmp_path / f".naervaer.db.{os.getpid()}-7.tmp"
    path.touch()
    assert temps.sweep([tmp_path], "naervaer") == []
    os.utime(path, (1, 1))
    assert temps.sweep([tmp_path], "naervaer") == [path]


def test_only_this_databases_temporaries_are_touched(tmp_path: Path) -> None:
    others = [tmp_path / ".other.db.1-1.tmp", tmp_path / "naervaer.db.1-1.tmp", tmp_path / ".naervaer.db.tmp"]
    for path in others:
        path.touch()
        os.utime(path, (1, 1))
    assert temps.sweep([tmp_path], "naervaer") == []


@pytest.mark.parametrize("command", [["forget", "Anna Berg", "--yes"], ["prune", "--older-than", "2030-01-01", "--yes"]])
def test_forget_and_prune_delete_and_report_leftover_copies(run, db_path: Path, command: list[str]) -> None:
    seed(run)
    if command[0] == "prune":
        assert run("log", "anna", "another", "--date", "2026-01-01").exit_code == 0
    from naervaer.storage import erase

    with Store.open(db_path, clock=lambda: TODAY) as s:
        # opening swept already: these appear after it, while the command runs
        left = orphan(bk.backups_dir(db_path), "naervaer-manual-2026-11-23-101010.db", dead_pid())
        if command[0] == "forget":
            done = erase.forget_person(s, 1)
        else:
            done = erase.prune_notes(s, TODAY.replace(year=2030))
    assert left in done.removed
    assert not left.exists()
    for path in db_path.parent.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


def test_forget_says_what_it_cleaned(run, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seed(run)
    left = orphan(bk.backups_dir(db_path), "naervaer-manual-2026-11-23-101010.db", dead_pid())
    from naervaer.storage import connection

    # the command's own open sweeps first; here the leftover appears after it
    real = connection.tidy
    monkeypatch.setattr("naervaer.tui.cli.env.tidy_and_report", lambda env: None)
    monkeypatch.setattr(connection, "tidy", lambda path: connection.Tidied())
    monkeypatch.setattr("naervaer.storage.erase.tidy", real)
    result = run("forget", "Anna Berg", "--yes")
    assert result.exit_code == 0, result.output
    assert str(left) in result.stdout and not left.exists()
    assert "No backup held any of it" not in result.stdout


# -- modes -----------------------------------------------------------------------------


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_an_existing_empty_file_given_as_db_is_made_private(run, tmp_path: Path, umask_022: None) -> None:
    folder = tmp_path / "mine"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    db = folder / "team.db"
    db.touch()
    os.chmod(db, 0o644)
    run.db = db
    result = run("person", "add", "Anna Berg")
    assert result.exit_code == 0, result.output
    assert mode(folder) == 0o700 and mode(db) == 0o600
    with Store.open(db):  # its -wal and -shm exist while it is open
        for path in (Path(f"{db}-wal"), Path(f"{db}-shm")):
            assert mode(path) == 0o600, path
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(db) in result.stderr and "private" in result.stderr
    again = run("person", "list")
    assert again.stderr == ""  # said once, when they changed


def test_an_existing_open_data_folder_and_its_files_are_tightened(run, db_path: Path, umask_022: None) -> None:
    seed(run)
    assert run("backup").exit_code == 0
    os.chmod(db_path.parent, 0o755)
    os.chmod(bk.backups_dir(db_path), 0o755)
    (made,) = bk.list_backups(db_path)
    for path in (db_path, made):
        os.chmod(path, 0o644)
    result = run("--lang", "da", "person", "list")
    assert result.exit_code == 0
    assert mode(db_path.parent) == 0o700 and mode(bk.backups_dir(db_path)) == 0o700
    assert mode(db_path) == 0o600 and mode(made) == 0o600
    assert "gjort private" in result.stderr


def test_a_database_created_through_a_dangling_symlink_is_private(run, tmp_path: Path, umask_022: None) -> None:
    target_dir = tmp_path / "real"
    target_dir.mkdir()
    link = tmp_path / "link.db"
    link.symlink_to(target_dir / "team.db")
    run.db = link
    assert run("person", "add", "Anna Berg").exit_code == 0
    target = target_dir / "team.db"
    assert target.is_file() and mode(target) == 0o600
    with Store.open(link):
        assert mode(Path(f"{target}-wal")) == 0o600


def test_a_shared_folder_such_as_tmp_is_not_tightened(tmp_path: Path, umask_022: None) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    with Store.open(shared / "team.db"):
        pass
    assert mode(shared) == 0o1777
    assert mode(shared / "team.db") == 0o600


def test_an_existing_open_data_folder_without_a_database_is_tightened_and_said(
    run, db_path: Path, umask_022: None
) -> None:
    db_path.parent.mkdir(mode=0o755)
    os.chmod(db_path.parent, 0o755)
    result = run("person", "add", "Anna Berg")
    assert result.exit_code == 0, result.output
    assert mode(db_path.parent) == 0o700 and mode(db_path) == 0o600
    assert str(db_path.parent) in result.stderr
