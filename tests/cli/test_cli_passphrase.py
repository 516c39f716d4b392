"""The passphrase at a real terminal: asked without echo (getpass on the controlling terminal),
twice for a new one; a wrong one is one line and exit 3."""

from __future__ import annotations

import fcntl
import os
import pty
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from naervaer.storage import cipher
from naervaer.storage.store import Store
from test_cli_tty import read_until

pytestmark = pytest.mark.slow  # each run derives a key (scrypt, ~0.5 s) in a fresh process


def _at_terminal(db: Path, *args: str) -> tuple[subprocess.Popen[bytes], int]:
    """``naervaer`` with a pseudo-terminal as its controlling terminal (getpass opens /dev/tty)."""
    master, slave = pty.openpty()

    def controlling() -> None:
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    naervaer = str(Path(sys.executable).with_name("naervaer"))
    env = {k: v for k, v in os.environ.items() if k != "NAERVAER_KEY_FILE"}
    proc = subprocess.Popen([naervaer, "--db", str(db), "--lang", "en", *args], stdin=slave, stdout=slave,
                            stderr=slave, close_fds=True, preexec_fn=controlling,
                            env={**env, "NAERVAER_TODAY": "2026-11-23"})
    os.close(slave)
    return proc, master


def _answer(master: int, prompt: bytes, text: str) -> bytes:
    seen = read_until(master, prompt)
    assert prompt in seen, seen
    os.write(master, (text + "\n").encode())
    return seen


def test_encrypt_then_open_with_the_passphrase_typed_at_the_terminal(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    with Store.open(db) as s:
        s.add_person("Anna Berg")
    proc, master = _at_terminal(db, "encrypt")
    try:
        _answer(master, b"New passphrase:", "kaffe og kage")
        _answer(master, b"The same passphrase again:", "kaffe og kage")
        out = read_until(master, b"cannot be reached")
        assert proc.wait(timeout=60) == 0, out
        assert b"kaffe" not in out  # never echoed
    finally:
        os.close(master)
    assert cipher.is_encrypted(db)
    proc, master = _at_terminal(db, "person", "list")
    try:
        _answer(master, b"Passphrase:", "kaffe og kage")
        out = read_until(master, b"Anna Berg")
        assert proc.wait(timeout=60) == 0, out
    finally:
        os.close(master)
    proc, master = _at_terminal(db, "person", "list")
    try:
        _answer(master, b"Passphrase:", "te og kage")
        out = read_until(master, b"Nothing was changed.")
        assert proc.wait(timeout=60) == 3, out
        assert out.count(b"Error:") == 1 and b"Wrong passphrase" in out and b"ERROR CORE" not in out
    finally:
        os.close(master)


def test_a_new_passphrase_typed_differently_twice_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    Store.open(db).close()
    before = db.read_bytes()
    proc, master = _at_terminal(db, "encrypt")
    try:
        _answer(master, b"New passphrase:", "kaffe og kage")
        _answer(master, b"The same passphrase again:", "kaffe og kaga")
        out = read_until(master, b"Nothing was changed.")
        assert proc.wait(timeout=60) == 2, out
        assert b"not the same" in out
    finally:
        os.close(master)
    assert db.read_bytes() == before and not cipher.is_encrypted(db)
