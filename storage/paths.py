"""Where Nærvær keeps its files, and how they are kept private (0700 / 0600).

One function resolves the data directory; ``NAERVAER_HOME`` overrides it (tests use it),
``NAERVAER_DB`` or ``--db`` override the database file alone. The backups of a database
live in one folder beside it (``backups_dir``, ``list_backups``).

Files are created 0600 whatever the umask, and ``secure_modes`` tightens what already
exists on every open: the database, its ``-wal``/``-shm`` (SQLite gives new ones the
database's mode), the backups, and the two folders. A folder shared by design is left
alone: a sticky one such as /tmp, the home folder and the root.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

DB_NAME = "naervaer.db"
DEMO_NAME = "naervaer-demo.db"
DIR_MODE = 0o700
FILE_MODE = 0o600


def data_dir(environ: dict[str, str] | os._Environ[str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    override = env.get("NAERVAER_HOME")
    if override:
        return Path(override).expanduser()
    import platformdirs  # only here: the --db and NAERVAER_DB paths never need it

    return Path(platformdirs.user_data_dir("naervaer", appauthor=False))


def default_db(environ: dict[str, str] | os._Environ[str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    override = env.get("NAERVAER_DB")
    if override:
        return Path(override).expanduser()
    return data_dir(env) / DB_NAME


def demo_db(real_db: Path) -> Path:
    """The demo lives beside the real database, never inside it."""
    return real_db.with_name(DEMO_NAME)


def backups_dir(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.stem}-backups")


def list_backups(db_path: Path) -> list[Path]:
    """Every backup file of this database, newest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"{db_path.stem}-*.db") if p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def newest_backup(db_path: Path) -> Path | None:
    """The newest copy worth restoring (a replaced database is the one that failed)."""
    for path in list_backups(db_path):
        if "-replaced-" not in path.name:
            return path
    return None


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) and make it 0700 if we created it."""
    if not path.exists():
        path.mkdir(parents=True, mode=DIR_MODE)
        os.chmod(path, DIR_MODE)


def documents_dir() -> Path:
    """Where the app saves what the leader will open elsewhere (a newsletter, the calendar).

    The user's Documents folder when it exists, else the home folder.
    """
    import platformdirs  # only here: nothing on the capture path saves documents

    found = Path(platformdirs.user_documents_dir())
    return found if found.is_dir() else Path.home()


def write_new_private(folder: Path, stem: str, suffix: str, data: bytes) -> Path:
    """A new 0600 file ``stem.suffix`` in ``folder`` (``stem-2.suffix`` … if taken); never overwrites."""
    for n in range(1, 1000):
        path = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        return path
    raise FileExistsError(folder / f"{stem}{suffix}")


def ensure_private_file(path: Path) -> bool:
    """Create an empty 0600 file if none exists; SQLite gives its -wal/-shm the same mode.

    Returns True when the file was created here.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    os.close(fd)
    return True


@dataclass(frozen=True)
class Tightened:
    """A file or folder whose group/other permissions were removed."""

    path: Path
    before: int
    after: int


def _tighten(path: Path, *, folder: bool) -> Tightened | None:
    try:
        st = path.stat()
    except OSError:
        return None
    if st.st_uid != os.getuid() or stat.S_ISDIR(st.st_mode) != folder:
        return None
    before = stat.S_IMODE(st.st_mode)
    after = before & ~0o077
    if after == before:
        return None
    try:
        os.chmod(path, after)
    except OSError:
        return None
    return Tightened(path, before, after)


def _shared_folder(path: Path) -> bool:
    try:
        sticky = bool(path.stat().st_mode & stat.S_ISVTX)
    except OSError:
        return True
    resolved = path.resolve()
    return sticky or resolved == Path(resolved.anchor) or resolved == Path.home().resolve()


def real_path(path: Path) -> Path:
    """Where ``path`` leads (a symlink, even a dangling one, is followed): the file to create."""
    return Path(os.path.realpath(path))


def secure_modes(db_path: Path) -> list[Tightened]:
    """Make the database's files 0600 and its folders 0700; returns what was changed."""
    db = real_path(db_path)
    changed = []
    for folder in dict.fromkeys((db.parent, real_path(db_path.parent), backups_dir(db_path))):
        if not _shared_folder(folder):
            changed.append(_tighten(folder, folder=True))
    files = [db, Path(f"{db}-wal"), Path(f"{db}-shm")]
    try:
        files += [p for p in backups_dir(db_path).iterdir() if p.name.startswith(db_path.stem)]
    except OSError:
        pass
    changed += [_tighten(path, folder=False) for path in files]
    return [c for c in changed if c is not None]
