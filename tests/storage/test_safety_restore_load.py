"""Restore under load (issue 11, acceptance): no acknowledged note is ever lost to a restore.

Two writer processes each run ``log`` 150 times while a third runs ``restore`` 40 times,
three rounds over. Every note whose ``log`` exited 0 must be in the live database or in
one of the kept "replaced" copies. Each writer and the restorer is its own interpreter
running the real command line in a loop (``cli.main``), so every ``log`` opens its own
connection to whatever file is at the path, as a separate ``naervaer log`` process would,
without paying an interpreter start per note.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from naervaer.storage import backup as bk
from naervaer.storage.store import Store
from conftest import TODAY

LOGS = 150
RESTORES = 40
ROUNDS = 3

LOOP = r"""
import contextlib, io, json, os, random, sys, time
from naervaer.tui.cli import cli
db, kind, tag, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
out = os.fdopen(os.dup(1), "w")
null = os.open(os.devnull, os.O_WRONLY)
os.dup2(null, 1)
os.dup2(null, 2)
for i in range(count):
    if kind == "log":
        text = f"{tag} acknowledged note {i}"
        args = ["--db", db, "log", "anna", text]
    else:
        time.sleep(random.uniform(0, 0.05))
        text = ""
        args = ["--db", db, "restore", sys.argv[5]]
    said = io.StringIO()
    try:
        with contextlib.redirect_stderr(said):
            cli.main(args=args, prog_name="naervaer", standalone_mode=True)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out.write(json.dumps([text, code, said.getvalue()]) + "\n")
out.flush()
"""


def _start(db: Path, kind: str, tag: str, count: int, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "NAERVAER_TODAY": TODAY.isoformat()}
    return subprocess.Popen([sys.executable, "-c", LOOP, str(db), kind, tag, str(count), *extra],
                            stdout=subprocess.PIPE, text=True, env=env)


def _texts(path: Path) -> set[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {t for (t,) in conn.execute("SELECT text FROM notes")}
    finally:
        conn.close()


@pytest.mark.slow
def test_restore_under_load_loses_no_acknowledged_note(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(db_path, clock=lambda: TODAY) as s:
        s.add_person("Anna Berg")
    source = bk.write_backup(Store.open(db_path).conn, db_path, TODAY)
    totals = {"acknowledged": 0, "refused": 0, "in_live": 0, "in_replaced": 0, "missing": 0,
              "restored": 0, "restores_busy": 0}
    for round_ in range(ROUNDS):
        writers = [_start(db_path, "log", f"round {round_} writer {w}", LOGS) for w in range(2)]
        restorer = _start(db_path, "restore", "", RESTORES, str(source))
        results = [json.loads(line) for w in writers for line in w.communicate()[0].splitlines()]
        restores = [json.loads(line) for line in restorer.communicate()[0].splitlines()]
        assert len(results) == 2 * LOGS and len(restores) == RESTORES
        # stored, or busy and nothing stored: never any other failure
        assert all(code == 0 or (code == 3 and "busy" in said) for _, code, said in results), results
        acknowledged = {text for text, code, _ in results if code == 0}
        live = _texts(db_path)
        replaced: set[str] = set()
        for path in bk.list_backups(db_path):
            if "-replaced-" in path.name:
                replaced |= _texts(path)
        missing = acknowledged - live - replaced
        assert not missing, f"acknowledged but lost: {len(missing)} of {len(acknowledged)}"
        assert all(code == 0 or (code == 3 and "busy" in said) for _, code, said in restores), restores
        totals["acknowledged"] += len(acknowledged)
        totals["refused"] += sum(1 for _, code, _ in results if code == 3)
        totals["in_live"] += len(acknowledged & live)
        totals["in_replaced"] += len(acknowledged & replaced - live)
        totals["missing"] += len(missing)
        totals["restored"] += sum(1 for _, code, _ in restores if code == 0)
        totals["restores_busy"] += sum(1 for _, code, _ in restores if code == 3)
    with capsys.disabled():
        print(f"\nrestore under load: {totals}")
