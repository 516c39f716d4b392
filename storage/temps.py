"""Temporary files and folders: private, locked while written, gone on interrupt, swept when orphaned.

A temporary copy of the database holds every note, so none may outlive its writer:

* it is created 0600 (a folder 0700) beside its destination, named
  ``.<destination name>.<pid>-<n>.tmp``, and its writer holds ``flock(LOCK_EX)`` on it
  for its whole life;
* an exception, Ctrl-C (``KeyboardInterrupt``) or SIGTERM (turned into ``SystemExit``
  while a temporary exists, in the main thread) removes it before the process ends;
* SIGKILL or a power cut cannot be caught: the next command's ``sweep`` deletes every
  temporary of this database it can lock. The kernel drops a dead process's flock, so a
  lockable one has no writer left; one another process still writes stays locked and
  is left alone. (A pid in the name alone could not say this: pids are reused.) Between
  its creation and its lock a temporary is briefly lockable, so one is only taken for
  orphaned when, besides, the pid in its name is gone or it is older than a few seconds.
"""

from __future__ import annotations

import fcntl
import itertools
import os
import re
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from naervaer.storage.paths import DIR_MODE, FILE_MODE, ensure_private_dir

_counter = itertools.count(1)  # two temporaries of one process never share a name
_YOUNG_SECONDS = 5.0
_PID = re.compile(r"\.(\d+)-\d+\.tmp$")


def _temp_name(dest: Path) -> Path:
    return dest.with_name(f".{dest.name}.{os.getpid()}-{next(_counter)}.tmp")


def temp_pattern(stem: str) -> re.Pattern[str]:
    """Names of the temporaries of a database called ``<stem>.db`` (and of its backups)."""
    return re.compile(rf"^\.{re.escape(stem)}[-.].*\.\d+-\d+\.tmp$")


@contextmanager
def _term_raises() -> Iterator[None]:
    """While a temporary exists, SIGTERM unwinds like Ctrl-C does (only the main thread may)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGTERM)
    if previous is not signal.SIG_DFL:
        yield
        return

    def _raise(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, _raise)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def temp_file(dest: Path) -> Iterator[Path]:
    """An empty, locked 0600 file beside ``dest``; removed unless the caller renamed it away."""
    ensure_private_dir(dest.parent)
    tmp = _temp_name(dest)
    fd = -1
    try:  # everything after the name is chosen: Ctrl-C may land between any two steps
        with _term_raises():
            fd = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL, FILE_MODE)
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield tmp
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        if fd >= 0:
            os.close(fd)


@contextmanager
def temp_dir(beside: Path) -> Iterator[Path]:
    """A locked 0700 folder beside ``beside``; removed with everything in it."""
    ensure_private_dir(beside.parent)
    tmp = _temp_name(beside)
    fd = -1
    try:
        with _term_raises():
            tmp.mkdir(mode=DIR_MODE)
            fd = os.open(tmp, os.O_RDONLY | os.O_DIRECTORY)
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield tmp
    finally:
        import shutil  # here, not at the top: every `log` opens this module, and shutil costs ~5 ms

        shutil.rmtree(tmp, ignore_errors=True)
        if fd >= 0:
            os.close(fd)


def _writer_may_live(path: Path) -> bool:
    """The pid in the name still runs and the temporary is young: it may be about to be locked."""
    found = _PID.search(path.name)
    if found:
        try:
            os.kill(int(found.group(1)), 0)
        except ProcessLookupError:
            return False
        except OSError:
            pass  # alive, under another user
    try:
        return time.time() - path.lstat().st_mtime < _YOUNG_SECONDS
    except OSError:
        return True  # gone already


def _orphaned(path: Path) -> bool:
    """True when no live process holds this temporary's lock (we hold it now, briefly)."""
    if _writer_may_live(path):
        return False
    flags = os.O_RDONLY | os.O_NOFOLLOW | (os.O_DIRECTORY if path.is_dir() else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return False
    os.close(fd)  # a new writer cannot reuse this name: it holds a pid and a counter
    return True


def _matching(folders: list[Path], stem: str) -> list[Path]:
    pattern = temp_pattern(stem)
    found = []
    for folder in folders:
        try:
            found += [Path(e.path) for e in os.scandir(folder) if pattern.match(e.name)]
        except OSError:
            continue
    return found


def wait_for_writers(folders: list[Path], stem: str, timeout: float) -> None:
    """Wait (at most ``timeout`` seconds) until no process holds a temporary of ``<stem>`` locked."""
    deadline = time.monotonic() + timeout
    for path in _matching(folders, stem):
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | (os.O_DIRECTORY if path.is_dir() else 0))
        except OSError:
            continue
        try:
            while time.monotonic() < deadline:
                try:
                    fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                    break
                except OSError:
                    time.sleep(0.05)
        finally:
            os.close(fd)


def sweep(folders: list[Path], stem: str) -> list[Path]:
    """Delete the temporaries of ``<stem>`` in ``folders`` that no process writes; returns them."""
    removed = []
    for path in _matching(folders, stem):
        if not _orphaned(path):
            continue
        try:
            if path.is_dir() and not path.is_symlink():
                import shutil  # only for a rare orphaned folder: see temp_dir

                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed
