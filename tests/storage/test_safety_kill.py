"""Kill test (issue 11, acceptance): interrupted work never leaves a copy of forgotten text.

``backup``, the daily backup, ``restore``, ``forget`` and ``prune`` are each interrupted
30 times, by SIGINT or SIGKILL at a random moment. After a SIGINT nothing temporary is
left at once; after a SIGKILL, one more command deletes what is left. A forget or prune
that was cut short is run again to the end, as the user would; then a byte scan of every
file under the data folder must find no text of anyone forgotten or any note pruned.

Each command runs in a forked child (the real command line, in-process), which keeps a
round at a few tens of milliseconds; the kill moment is drawn from the command's
measured duration, so kills land in every phase of it.
"""

from __future__ import annotations

import os
import random
import signal
import time
from datetime import timedelta
from pathlib import Path

import pytest

from naervaer.storage import backup as bk
from naervaer.tui.cli import cli
from cipher_support import FLAVOURS, make_encrypted, readable_bytes
from conftest import TODAY, Cli

ROUNDS = 30
KINDS = ("backup", "daily", "restore", "forget", "prune")


def _child(args: list[str], day: str) -> None:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.environ["NAERVAER_TODAY"] = day
    code = 1
    try:
        cli.main(args=args, prog_name="naervaer", standalone_mode=True)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        os._exit(code)


def _run(args: list[str], day: str, kill: tuple[int, float] | None) -> int | None:
    """Run ``naervaer args`` in a child; with ``kill``, send the signal after the delay."""
    # The child is a fork of pytest itself: a Ctrl-C landing before its try would unwind the
    # copy of pytest, whose session teardown deletes folders the real run still uses (the
    # snapshot plugin's). So SIGINT stays blocked across the fork and is let in only inside
    # the child's try, whose finally always ends the child with os._exit.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    pid = os.fork()
    if pid == 0:
        try:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
            _child(args, day)
        finally:
            os._exit(1)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    if kill is not None:
        time.sleep(kill[1])
        try:
            os.kill(pid, kill[0])
        except ProcessLookupError:
            pass
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def _holding(folder: Path, needles: set[bytes]) -> dict[str, list[str]]:
    hits: dict[str, list[str]] = {}
    for path in folder.rglob("*"):
        if path.is_file():
            data = readable_bytes(path)  # an encrypted file: its decrypted pages too
            found = [n.decode() for n in needles if n in data]
            if found:
                hits[str(path.relative_to(folder))] = found
    return hits


class Scenario:
    """One database through 150 interrupted commands; remembers what must be gone."""

    def __init__(self, run: Cli, db: Path) -> None:
        self.run, self.db, self.folder = run, db, db.parent
        self.gone: set[bytes] = set()
        self.durations: dict[str, float] = {}
        self.findings = {"sigint": 0, "sigkill": 0, "finished_first": 0, "temporaries_swept": 0}
        self.day = 0

    def seed(self) -> None:
        assert self.run("person", "add", "Anna Berg").exit_code == 0
        filler = "Fyldtekst om hverdagen på plejecentret. " * 20
        with_notes = [self.run("log", "anna", f"note {i} {filler}") for i in range(300)]
        assert all(r.exit_code == 0 for r in with_notes)
        assert self.run("backup").exit_code == 0

    def args(self, kind: str, k: int) -> tuple[list[str], str]:
        """The command for round ``k`` (and what it needs set up first), and the day it runs on."""
        day = (TODAY + timedelta(days=self.day)).isoformat()
        base = ["--db", str(self.db), "--lang", "en"]
        if kind == "backup":
            return [*base, "backup"], day
        if kind == "daily":
            self.day += 1  # a new day: the first command writes the daily backup
            return [*base, "person", "list"], (TODAY + timedelta(days=self.day)).isoformat()
        if kind == "restore":
            source = next(p for p in bk.list_backups(self.db) if "-replaced-" not in p.name)
            return [*base, "restore", str(source)], day
        if kind == "forget":
            name = f"Gone Person{k}"
            secret = f"Forgetsecret{k}qx about the divorce"
            assert self.run("person", "add", name).exit_code == 0
            assert self.run("log", name, secret).exit_code == 0
            assert self.run("backup").exit_code == 0  # a backup holds them too
            self.pending = (name, secret.encode())
            return [*base, "forget", name, "--yes"], day
        secret = f"Prunesecret{k}qx from long ago"
        assert self.run("log", "anna", secret, "--date", "2020-01-01").exit_code == 0
        assert self.run("backup").exit_code == 0
        self.pending = ("", secret.encode())
        return [*base, "prune", "--older-than", "2021-01-01", "--yes"], day

    def finish(self, kind: str, args: list[str], day: str) -> None:
        """The one more command: a cut-short erasure runs again; anything else, a plain list."""
        if kind in ("forget", "prune"):
            code = _run(args, day, None)
            assert code in (0, 2), (kind, code)  # done, or already done ("no such person")
            self.gone.add(self.pending[1])
            if kind == "forget":
                self.gone.add(self.pending[0].encode())
        else:
            assert _run(["--db", str(self.db), "person", "list"], day, None) == 0

    def round(self, kind: str, k: int, rng: random.Random) -> None:
        args, day = self.args(kind, k)
        if kind not in self.durations:  # measure once, uninterrupted, on a throwaway copy of the work
            started = time.monotonic()
            _run(args, day, None)
            self.durations[kind] = time.monotonic() - started
            self.finish(kind, args, day)
            args, day = self.args(kind, k + 1000)
        sig = signal.SIGINT if k % 2 else signal.SIGKILL
        code = _run(args, day, (sig, rng.uniform(0, self.durations[kind])))
        if code == -sig or (sig == signal.SIGINT and code == 1):
            self.findings["sigint" if sig == signal.SIGINT else "sigkill"] += 1
        else:
            self.findings["finished_first"] += 1
        if sig == signal.SIGINT:
            assert _temporaries(self.folder) == [], (kind, "after Ctrl-C")
        before = len(_temporaries(self.folder))
        self.finish(kind, args, day)
        self.findings["temporaries_swept"] += before
        assert _temporaries(self.folder) == [], (kind, "after one more command")
        assert _holding(self.folder, self.gone) == {}, kind
        self.prune_old_backups()

    def prune_old_backups(self) -> None:
        """Keep the folder small so each round stays fast (the newest copies are what count)."""
        for path in bk.list_backups(self.db)[12:]:
            path.unlink()


@pytest.mark.slow
@pytest.mark.parametrize("flavour", FLAVOURS)
def test_interrupted_commands_leave_no_copy_and_no_forgotten_text(
    run: Cli, db_path: Path, capsys: pytest.CaptureFixture[str], flavour: str,
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    if flavour == "encrypted":
        make_encrypted(db_path, tmp_path, monkeypatch)  # the forked commands inherit the key file
    rng = random.Random(11)
    scenario = Scenario(run, db_path)
    scenario.seed()
    for k in range(ROUNDS):
        for kind in KINDS:
            scenario.round(kind, k, rng)
    assert scenario.gone  # the scan looked for something
    with capsys.disabled():
        print(f"\nkill test ({flavour}): {ROUNDS} rounds x {len(KINDS)} commands, {scenario.findings}, "
              f"durations {({k: round(v, 3) for k, v in scenario.durations.items()})}")
