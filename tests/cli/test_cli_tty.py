"""``naervaer log`` at a real terminal asks for the text, so private words skip shell history."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from naervaer.storage.store import Store


def read_until(fd: int, needle: bytes, timeout: float = 20.0) -> bytes:
    seen = b""
    end = time.monotonic() + timeout
    while needle not in seen and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                seen += os.read(fd, 4096)
            except OSError:
                break
    return seen


def test_log_asks_for_multiline_text_at_a_terminal(tmp_path: Path):
    db = tmp_path / "n.db"
    with Store.open(db) as s:
        s.add_person("Anna Berg")
    master, slave = pty.openpty()
    naervaer = str(Path(sys.executable).with_name("naervaer"))
    proc = subprocess.Popen(
        [naervaer, "--db", str(db), "--lang", "en", "log", "anna", "--tag", "private"],
        stdin=slave, stdout=slave, stderr=slave, close_fds=True,
        env={**os.environ, "NAERVAER_TODAY": "2026-11-23"},
    )
    os.close(slave)
    try:
        assert b"Write the note" in read_until(master, b"ctrl-D")
        os.write(master, "Datteren er syg\nHun tager fri fredag\n\n".encode())
        out = read_until(master, b"Logged")
        assert proc.wait(timeout=20) == 0, out
    finally:
        os.close(master)
    with Store.open(db) as s:
        (note,) = s.notes()
    assert note.text == "Datteren er syg\nHun tager fri fredag"
    assert note.tags == ("private",)
