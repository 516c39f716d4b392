"""Durability: a note acknowledged is a note kept, whatever kills the process, whoever else writes.

* The crash test forks a child that logs notes through the real ``Store`` and
  acknowledges each one on a pipe only after its commit returned; the parent kills it
  with SIGKILL at a random moment, 500 times over one database, and checks every
  acknowledged note is there and ``integrity_check`` (and FTS5's) is ok every time.
  Forking (rather than starting an interpreter) keeps one kill at a few milliseconds.
* Two CLI processes log 500 notes each at the same time: all 1,000 stored, no failure,
  no "database is locked".
"""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from naervaer.storage.store import Store
from cipher_support import FLAVOURS, connect_any, key_for, make_encrypted

KILLS = 500
TODAY = date(2026, 11, 23)


def _child(db: Path, run: int, ack: int) -> None:
    """Log notes until killed; write the note's text to ``ack`` after each commit."""
    try:
        store = Store.open(db, clock=lambda: TODAY, key=key_for(db))
        for i in range(1_000_000):
            text = f"run {run} note {i} " + "æøå" * random.randrange(1, 400)
            store.add_note(1, TODAY, "phone", text, ("fire",) if i % 3 == 0 else ())
            os.write(ack, text.encode("utf-8") + b"\n")
    finally:
        os._exit(0)


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def _check(db: Path, acknowledged: list[str], after_id: int) -> tuple[int, int]:
    conn = connect_any(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO notes_fts(notes_fts) VALUES ('integrity-check')")
        stored = {t for (t,) in conn.execute("SELECT text FROM notes WHERE id > ?", [after_id])}
        missing = [t for t in acknowledged if t not in stored]
        assert not missing, f"acknowledged but lost: {missing[:3]}"
        last = conn.execute("SELECT coalesce(max(id), 0) FROM notes").fetchone()[0]
        return last, len(stored)
    finally:
        conn.close()


@pytest.mark.slow
@pytest.mark.parametrize("flavour", FLAVOURS)
def test_sigkill_at_random_moments_never_loses_an_acknowledged_note(
    tmp_path: Path, flavour: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "crash.db"
    if flavour == "encrypted":
        make_encrypted(db, tmp_path, monkeypatch)
    with Store.open(db, clock=lambda: TODAY, key=key_for(db)) as s:
        s.add_person("Anna Berg")
    rng = random.Random(20261123)
    # an encrypted commit takes about twice as long here (~10 ms): the window grows with it,
    # so kills still land mid-writing as often
    window = 0.05 if flavour == "plain" else 0.1
    last_id, acked_total, stored_total, mid_commit = 0, 0, 0, 0
    for run in range(KILLS):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            random.seed(run)
            _child(db, run, write_end)
        os.close(write_end)
        # a random moment: sometimes while opening, mostly in the middle of writing
        deadline = time.monotonic() + rng.uniform(0.0, window)
        while time.monotonic() < deadline:
            select.select([], [], [], 0.001)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        acknowledged = _read_all(read_end).decode("utf-8").splitlines()
        os.close(read_end)
        last_id, stored = _check(db, acknowledged, last_id)
        acked_total += len(acknowledged)
        stored_total += stored
        mid_commit += stored - len(acknowledged)  # committed, killed before the acknowledgement
    assert acked_total > KILLS  # the children really were writing when killed
    print(f"\n{flavour}: {KILLS} kills: {acked_total} acknowledged, {stored_total} stored, "
          f"{mid_commit} committed but not yet acknowledged")


CALLS = 500
WRITER = r"""
import subprocess, sys
naervaer, db, who, calls = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
failures = 0
for i in range(calls):
    done = subprocess.run([naervaer, "--db", db, "log", who, f"{who} note {i}", "-c", "video"],
                          capture_output=True, text=True)
    if done.returncode != 0 or "locked" in done.stderr:
        failures += 1
        print(done.stderr, file=sys.stderr)
print(failures)
"""


@pytest.mark.slow
@pytest.mark.parametrize("flavour", FLAVOURS)
def test_two_cli_writers_500_notes_each(tmp_path: Path, flavour: str, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "two.db"
    if flavour == "encrypted":
        make_encrypted(db, tmp_path, monkeypatch)  # the writers find the key through the key file
    with Store.open(db, key=key_for(db)) as s:
        s.add_person("Anna Berg")
        s.add_person("Søren Ålund")
    naervaer = str(Path(sys.executable).with_name("naervaer"))
    env = {**os.environ, "NAERVAER_TODAY": TODAY.isoformat()}
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, naervaer, str(db), who, str(CALLS)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for who in ("anna", "soren")
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=900)  # 500 whole processes each: a busy shared host needs the room
        assert out.strip() == "0", err
        assert "locked" not in err
    conn = connect_any(db)
    assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 2 * CALLS
    assert conn.execute("SELECT count(DISTINCT text) FROM notes").fetchone()[0] == 2 * CALLS
    per_person = dict(conn.execute("SELECT person_id, count(*) FROM notes GROUP BY person_id"))
    assert per_person == {1: CALLS, 2: CALLS}
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
