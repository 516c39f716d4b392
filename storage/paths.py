"""Where Nærvær keeps its files, and how they are created private (0700 / 0600).

One function resolves the data directory; ``NAERVAER_HOME`` overrides it (tests use it),
``NAERVAER_DB`` or ``--db`` override the database file alone.
"""

from __future__ import annotations

import os
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


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) and make it 0700 if we created it."""
    if not path.exists():
        path.mkdir(parents=True, mode=DIR_MODE)
        os.chmod(path, DIR_MODE)


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
