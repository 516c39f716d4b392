"""A broken environment: damaged files, read-only places and a full disk.

Each gives one clear line saying what to do, a non-zero exit, and the file's bytes
exactly as they were. A full disk is simulated SQLite's way, with ``max_page_count``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from naervaer.content.errors import StoreError
from naervaer.storage import connection
from naervaer.storage.paths import newest_backup
from naervaer.storage.store import Store
from conftest import TODAY, dump


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def seed(run, notes: int = 30) -> None:
    assert run("person", "add", "Anna Berg").exit_code == 0
    for i in range(notes):
        assert run("log", "anna", f"note {i} " + "x" * 1500).exit_code == 0


def garble_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[0:100] = bytes(range(100))
    path.write_bytes(bytes(data))


def garble_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096:] = os.urandom(len(data) - 4096)
    path.write_bytes(bytes(data))


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])


DAMAGE = {"garbled header": garble_header, "garbled pages": garble_pages, "truncated": truncate}


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize("command", [("notes",), ("log", "anna", "new note"), ("person", "list"), ("backup",)])
def test_a_damaged_database_names_the_newest_backup_and_stays_untouched(
    run, db_path: Path, damage: str, command: tuple[str, ...]
) -> None:
    seed(run)
    assert run("notes").exit_code == 0  # writes the daily backup
    backup = newest_backup(db_path)
    assert backup is not None
    DAMAGE[damage](db_path)
    before = digest(db_path)
    result = run(*command)
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert f'naervaer restore "{backup}"' in lines[0]
    assert "untouched" in lines[0]
    assert digest(db_path) == before
    assert "Traceback" not in result.output


def test_without_a_backup_the_message_still_says_what_to_do(run, db_path: Path) -> None:
    seed(run, notes=3)
    garble_pages(db_path)
    before = digest(db_path)
    result = run("notes", lang="da")
    assert result.exit_code == 3
    assert "naervaer restore" in result.stderr and "beskadiget" in result.stderr
    assert digest(db_path) == before


# -- read-only ------------------------------------------------------------------------

NO_DAC = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner"]


def unprivileged() -> list[str]:
    """How to run a child that obeys file modes (root ignores them unless its capabilities go)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: file modes cannot be tested")
    return NO_DAC


def cli_child(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    code = "from naervaer.tui.cli import main; main()"
    return subprocess.run(
        [*unprivileged(), sys.executable, "-c", code, "--db", str(db), "--lang", "en", *args],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "NAERVAER_TODAY": TODAY.isoformat()},
    )


@pytest.mark.parametrize("what", ["file", "folder"])
@pytest.mark.parametrize("command", [("log", "anna", "new note"), ("notes",), ("forget", "anna", "--yes")])
def test_read_only_file_or_folder(run, db_path: Path, what: str, command: tuple[str, ...]) -> None:
    seed(run, notes=3)
    before = digest(db_path)
    target = db_path if what == "file" else db_path.parent
    old_mode = target.stat().st_mode
    target.chmod(0o400 if what == "file" else 0o500)
    try:
        result = cli_child(db_path, *command)
    finally:
        target.chmod(old_mode)
    assert result.returncode == 3, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "read-only" in lines[0] and "permissions" in lines[0]
    assert digest(db_path) == before
    assert not Path(f"{db_path}-wal").exists()


# -- disk full ------------------------------------------------------------------------


def limit_pages(conn: sqlite3.Connection, headroom: int) -> None:
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + headroom}")


def test_disk_full_every_attempt_is_all_or_nothing(db_path: Path) -> None:
    text = "Full-disk note " + "ø" * 40_000  # many overflow pages plus index pages
    with Store.open(db_path, clock=lambda: TODAY) as store:
        person = store.add_person("Anna")
        store.add_note(person.id, TODAY, None, "before the disk filled")
        baseline = dump(db_path)
        attempts = 0
        for headroom in range(1, 200):
            limit_pages(store.conn, headroom)
            attempts += 1
            try:
                store.add_note(person.id, TODAY, "video", text, ("fire",), ("call back", None))
            except StoreError as exc:
                assert exc.key == "store.disk_full"
                assert dump(db_path) == baseline
                assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                continue
            break
        else:
            pytest.fail("the note never fitted")
        assert attempts > 5  # the loop really walked through failing sizes
        assert [n.text for n in store.notes()] == [text, "before the disk filled"]
        assert [p.text for p in store.promises()] == ["call back"]
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert [n.id for n in store.search_notes("full-disk")] == [store.notes()[0].id]


def test_disk_full_through_the_cli_is_one_clear_line(run, db_path: Path, monkeypatch) -> None:
    seed(run, notes=2)
    configure = connection._configure

    def no_room(conn: sqlite3.Connection, path: Path) -> None:
        configure(conn, path)
        limit_pages(conn, 0)

    monkeypatch.setattr(connection, "_configure", no_room)
    before = dump(db_path)
    for lang, words in [("en", "disk is full"), ("da", "disken er fuld")]:
        result = run("log", "anna", "y" * 20_000, lang=lang)
        assert result.exit_code == 3
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and words in lines[0].lower()
    assert dump(db_path) == before
