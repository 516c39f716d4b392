"""Two processes writing at once: no "database is locked", nothing lost.

Each ``naervaer log`` is a whole process, as a leader's shell and a script would run it.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from naervaer.storage.connection import SCHEMA_VERSION
from naervaer.storage.store import Store
from cipher_support import FLAVOURS_SLOW_ENCRYPTED, connect_any, key_for, make_encrypted

CALLS = 200
WRITER = r"""
import subprocess, sys
naervaer, db, who = sys.argv[1], sys.argv[2], sys.argv[3]
failures = 0
for i in range(int(sys.argv[4])):
    done = subprocess.run([naervaer, "--db", db, "log", who, f"{who} note {i}", "-c", "phone"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        failures += 1
        print(done.stderr, file=sys.stderr)
print(failures)
"""


def naervaer_bin() -> str:
    return str(Path(sys.executable).with_name("naervaer"))


@pytest.mark.slow
@pytest.mark.parametrize("flavour", FLAVOURS_SLOW_ENCRYPTED)
def test_two_processes_logging_at_once(tmp_path: Path, flavour: str, monkeypatch: pytest.MonkeyPatch):
    db = tmp_path / "n.db"
    if flavour == "encrypted":
        make_encrypted(db, tmp_path, monkeypatch)  # the writers find the key through the key file
    with Store.open(db, key=key_for(db)) as s:
        s.add_person("Anna Berg")
        s.add_person("Søren Ålund")
    env = {**os.environ, "NAERVAER_TODAY": "2026-11-23"}
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, naervaer_bin(), str(db), who, str(CALLS)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for who in ("anna", "soren")
    ]
    outputs = [p.communicate(timeout=600) for p in procs]
    for out, err in outputs:
        assert out.strip() == "0", err
        assert "locked" not in err
    conn = connect_any(db)
    assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 2 * CALLS
    assert conn.execute("SELECT count(DISTINCT text) FROM notes").fetchone()[0] == 2 * CALLS
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_two_processes_opening_a_new_file_migrate_once(tmp_path: Path):
    db = tmp_path / "fresh.db"
    code = "import sys; from naervaer.storage.store import Store; Store.open(sys.argv[1]).close()"
    procs = [subprocess.Popen([sys.executable, "-c", code, str(db)], stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    conn = sqlite3.connect(db)
    names = [name for (name,) in conn.execute("SELECT name FROM _sqlite_migrations")]
    assert len(names) == len(set(names)) == SCHEMA_VERSION  # every step applied exactly once
