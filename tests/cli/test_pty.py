"""Under a real pseudo-terminal, stored text never drives the terminal.

Escape sequences are stored (names, sites, tags are refused or folded, so they go into
names, sites, note text and promise text), then the real ``naervaer`` runs attached to a
pty, exactly as in a terminal window. Each stored sequence carries a unique payload;
wherever a payload shows up in what reached the terminal, the byte before it must be
the visible "␛" (or another neutral symbol), never ESC or a C1 control.
"""

from __future__ import annotations

import errno
import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from naervaer.storage.store import Store
from conftest import TODAY

ESC = 0x1B
PAYLOADS = {
    "osc52": ("\x1b]52;c;UFdORUQ=\x07", b"]52;c;UFdORUQ="),
    "csi": ("\x1b[31mPWNEDRED\x1b[0m", b"[31mPWNEDRED"),
    "c1csi": ("\x9b32mPWNEDGREEN", "32mPWNEDGREEN".encode()),
    "title": ("\x1b]0;PWNEDTITLE\x07", b"]0;PWNEDTITLE"),
    "clear": ("\x1b[2JPWNEDCLEAR", b"[2JPWNEDCLEAR"),
}
NAME = "Eve " + PAYLOADS["csi"][0]


def naervaer() -> str:
    return str(Path(sys.executable).with_name("naervaer"))


def run_in_pty(args: list[str], env: dict[str, str], answers: dict[bytes, bytes] | None = None,
               timeout: float = 30.0, size: tuple[int, int] = (40, 120)) -> bytes:
    """Run a command on a fresh pty; answer prompts; return every byte it wrote."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[0], size[1], 0, 0))
    proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env,
                            close_fds=True, start_new_session=True)
    os.close(slave)
    out = bytearray()
    pending = dict(answers or {})
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError as exc:  # EIO: the child closed the terminal
                    if exc.errno != errno.EIO:
                        raise
                    break
                if not chunk:
                    break
                out += chunk
                for prompt, answer in list(pending.items()):
                    if prompt in out:
                        os.write(master, answer)
                        del pending[prompt]
            elif proc.poll() is not None:
                break
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        os.close(master)
    return bytes(out)


def assert_no_stored_escape(out: bytes) -> int:
    """Every payload occurrence is preceded by a neutral byte; returns how many were seen."""
    seen = 0
    for _, payload in PAYLOADS.values():
        start = 0
        while (at := out.find(payload, start)) >= 0:
            before = out[max(0, at - 2):at]
            assert before[-1:] != bytes([ESC]), f"ESC from stored text reached the terminal: {out[at-10:at+20]!r}"
            assert before != b"\xc2\x9b", f"C1 CSI from stored text reached the terminal: {out[at-10:at+20]!r}"
            seen += 1
            start = at + 1
    return seen


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    db = tmp_path / "data" / "naervaer.db"
    with Store.open(db, clock=lambda: TODAY) as s:
        eve = s.add_person(NAME, site="Site " + PAYLOADS["title"][0], role=PAYLOADS["clear"][0])
        for key in ("osc52", "csi", "c1csi", "title", "clear"):
            s.add_note(eve.id, TODAY, "phone", f"{key}: {PAYLOADS[key][0]} end")
        s.add_note(eve.id, TODAY, None, "promise", promise=(PAYLOADS["osc52"][0] + " call", None))
    return db


def pty_env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "NAERVAER_TODAY": TODAY.isoformat(), "NAERVAER_HOME": str(tmp_path / "home"),
            "TERM": "xterm-256color", "LANG": "C.UTF-8", "COLUMNS": "120", "LINES": "40"}


@pytest.mark.parametrize("args", [
    ["notes"],
    ["notes", "--format", "json"],
    ["notes", "--search", "csi"],
    ["person", "list"],
    ["person", "list", "--format", "csv"],
    ["promise", "list"],
    ["export", "person", "#1"],
    ["log", "eve", "\x1b]52;c;UFdORUQ=\x07 again"],
    ["log", "Nobody \x1b[31mPWNEDRED"],  # the error message repeats what was typed
])
def test_cli_output_never_carries_stored_escapes(hostile_db: Path, tmp_path: Path, args: list[str]) -> None:
    out = run_in_pty([naervaer(), "--db", str(hostile_db), "--lang", "en", *args], pty_env(tmp_path))
    assert b"Traceback" not in out
    assert assert_no_stored_escape(out) >= 1  # the payloads were really printed, neutralised
    if args[0] != "export" and "json" not in args:
        assert "␛".encode() in out


def test_forget_asks_on_a_terminal(hostile_db: Path, tmp_path: Path) -> None:
    env = pty_env(tmp_path)
    declined = run_in_pty([naervaer(), "--db", str(hostile_db), "--lang", "en", "forget", "#1"], env,
                          answers={b"[y/N]": b"n\r"})
    assert b"Erase Eve" in declined and b"Cancelled" in declined
    assert_no_stored_escape(declined)
    with Store.open(hostile_db, create=False) as s:
        assert s.people()  # still there
    accepted = run_in_pty([naervaer(), "--db", str(hostile_db), "--lang", "en", "forget", "#1"], env,
                          answers={b"[y/N]": b"y\r"})
    assert b"Forgot Eve" in accepted
    assert_no_stored_escape(accepted)
    with Store.open(hostile_db, create=False) as s:
        assert not s.people(include_archived=True)


def run_tui_in_pty(db: Path, env: dict[str, str], keys: list[bytes], settle: float = 1.5) -> bytes:
    """Start the full-screen app on a pty, press ``keys`` one by one, quit, return all output."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen([naervaer(), "--db", str(db), "--lang", "en"], stdin=slave, stdout=slave,
                            stderr=slave, env=env, close_fds=True, start_new_session=True)
    os.close(slave)
    out = bytearray()

    def drain(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    out.extend(os.read(master, 65536))
                except OSError:
                    return

    try:
        drain(settle * 2)  # start-up
        for key in [*keys, b"\x11"]:  # ctrl+q: quits from any screen, even with a text box focused
            os.write(master, key)
            drain(settle)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        os.close(master)
    return bytes(out)


@pytest.mark.slow
def test_tui_never_passes_stored_escapes_to_the_terminal(hostile_db: Path, tmp_path: Path) -> None:
    out = run_tui_in_pty(hostile_db, pty_env(tmp_path), [b"2", b"3", b"/", *[bytes([c]) for c in b"csi"]])
    assert b"Traceback" not in out
    assert b"\x1b[?1049h" in out  # it really ran full-screen
    assert assert_no_stored_escape(out) >= 1  # and really drew the stored payloads, neutralised


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["iso-8859-1", "ascii"])
def test_the_app_runs_on_a_terminal_that_cannot_show_its_characters(hostile_db: Path, tmp_path: Path,
                                                                    encoding: str) -> None:
    """Bare ``naervaer`` under an ISO-8859-1 or ASCII locale: drawn with "?" for what it cannot
    show, screens switch, it quits cleanly; no crash."""
    env = {**pty_env(tmp_path), "LANG": "C", "PYTHONIOENCODING": encoding}
    out = run_tui_in_pty(hostile_db, env, [b"2", b"3"])
    assert b"Traceback" not in out and b"Error" not in out
    assert b"\x1b[?1049h" in out and b"\x1b[?1049l" in out  # full-screen, and left it again
