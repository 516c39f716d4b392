"""Encryption at rest: telling an encrypted file apart, deriving its key, opening it with SQLCipher.

An encrypted database is a SQLCipher 4 file (the optional ``sqlcipher3`` package): every
page, its WAL and its shared memory are AES-256 encrypted and authenticated. Nærvær opens
it with a raw 32-byte key (SQLCipher's ``x'…'`` form), so a command pays no key derivation
when the key comes from the OS keyring or a key file; only a typed passphrase is derived,
with scrypt (N=2^17, r=8, p=1: 128 MiB and about half a second per try, memory-hard, so
stronger against GPU guessing than SQLCipher's own PBKDF2-HMAC-SHA512 at 256,000 rounds).

The derivation's salt and parameters are not secret: they live in a small JSON header
beside the database, ``<database>.cipher`` (see ``Header``). Without it the passphrase
cannot give the key back (the raw key in the keyring still can), so it is copied beside
every copy made outside the data folder. The header also marks the file as ours: an
encrypted file has no ``SQLite format 3`` magic, so a file without the magic but with a
header is taken for an encrypted Nærvær database, and one with neither for a foreign file.

``sqlcipher3`` is imported only here, and only when an encrypted file is opened: the plain
path never loads it (tests/test_import_hygiene.py). Its exceptions are not ``sqlite3``'s,
so the connection it gives re-raises every error as the ``sqlite3`` class of the same name
(``Connection``): the rest of ``storage`` catches ``sqlite3.Error`` for both kinds of file.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from naervaer.content.errors import StoreError
from naervaer.storage import temps

MAGIC = b"SQLite format 3\x00"
KEY_BYTES = 32
HEADER_FORMAT = "naervaer-cipher"
# scrypt's cost: 2^17 x 128 x 8 bytes = 128 MiB of memory per try
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
_RAW_KEY = re.compile(r"^x'([0-9a-fA-F]{64})'$")


def header_path(db_path: Path) -> Path:
    return Path(f"{db_path}.cipher")


def pending_header_path(db_path: Path) -> Path:
    """A new passphrase's header, written before the rekey and renamed over the old one after it."""
    return Path(f"{db_path}.cipher.new")


def has_magic(path: Path) -> bool | None:
    """True for a plain SQLite file, False for one without the magic, None for a missing or empty one."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(MAGIC))
    except (FileNotFoundError, IsADirectoryError):
        return None
    if not head:
        return None
    return head == MAGIC


def is_encrypted(db_path: Path) -> bool:
    """An encrypted Nærvær database: no SQLite magic, and our header beside it (or a pending one)."""
    if has_magic(db_path) is not False:
        return False
    return header_path(db_path).is_file() or pending_header_path(db_path).is_file()


@dataclass(frozen=True)
class Header:
    """What turns a passphrase into the key: scrypt's salt and costs. Not secret."""

    salt: str  # hex
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P
    kdf: str = "scrypt"
    format: str = HEADER_FORMAT
    version: int = 1

    @classmethod
    def new(cls) -> Header:
        return cls(salt=os.urandom(16).hex())

    def derive(self, passphrase: str) -> bytes:
        import hashlib  # only when a passphrase is typed

        return hashlib.scrypt(
            passphrase.encode("utf-8"), salt=bytes.fromhex(self.salt),
            n=self.n, r=self.r, p=self.p, maxmem=256 * 1024 * 1024, dklen=KEY_BYTES,
        )


def read_headers(db_path: Path) -> list[Header]:
    """The header beside the database, and a pending one a passphrase change left (tried second)."""
    found = []
    for path in (header_path(db_path), pending_header_path(db_path)):
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") == HEADER_FORMAT and data.get("kdf") == "scrypt":
                found.append(Header(**{k: data[k] for k in ("salt", "n", "r", "p")}))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return found


def write_header(path: Path, header: Header) -> None:
    """Written whole to a temporary (``storage.temps``), then renamed into place, 0600."""
    with temps.temp_file(path) as tmp:
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(asdict(header), f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)


def zero_fd(fd: int) -> None:
    """Overwrite an open file's bytes in place with zeros, then flush them to the disk."""
    size, chunk = os.fstat(fd).st_size, 1 << 20
    zeros = bytes(chunk)
    os.lseek(fd, 0, os.SEEK_SET)
    written = 0
    while written < size:
        written += os.write(fd, zeros[: min(chunk, size - written)])
    os.fsync(fd)


def parse_raw_key(text: str) -> bytes | None:
    """SQLCipher's raw-key form ``x'<64 hex digits>'`` -> the key; anything else -> None."""
    found = _RAW_KEY.match(text.strip())
    return bytes.fromhex(found.group(1)) if found else None


def raw_key_text(key: bytes) -> str:
    return f"x'{key.hex()}'"


def _key_pragma(key: bytes | None) -> str:
    """The KEY clause: a raw key, or '' for a plain file attached to an encrypted connection."""
    return f"\"x'{key.hex()}'\"" if key else "''"


def attach(conn: sqlite3.Connection, path: Path, schema: str, key: bytes | None) -> None:
    """ATTACH ``path`` as ``schema``; on an encrypted connection, with its own key (None: plain)."""
    if isinstance(conn, sqlite3.Connection):
        conn.execute(f"ATTACH DATABASE ? AS {schema}", [str(path)])
    else:
        conn.execute(f"ATTACH DATABASE ? AS {schema} KEY {_key_pragma(key)}", [str(path)])


# -- the SQLCipher connection ----------------------------------------------------------


def _mirror(exc: BaseException) -> sqlite3.Error:
    """The ``sqlite3`` exception of the same class name, message and error code."""
    cls = getattr(sqlite3, type(exc).__name__, sqlite3.Error)
    if not (isinstance(cls, type) and issubclass(cls, sqlite3.Error)):
        cls = sqlite3.Error
    mirrored = cls(*exc.args)
    for attr in ("sqlite_errorcode", "sqlite_errorname"):
        if hasattr(exc, attr):
            setattr(mirrored, attr, getattr(exc, attr))
    return mirrored


def _connection_class() -> type:
    from sqlcipher3 import dbapi2  # the optional extra: only an encrypted file loads it

    class Connection(dbapi2.Connection):  # type: ignore[misc, name-defined]
        """A SQLCipher connection whose errors are ``sqlite3``'s (see the module docstring)."""

        def execute(self, *args: Any) -> Any:
            try:
                return super().execute(*args)
            except dbapi2.Error as exc:
                raise _mirror(exc) from exc

        def executemany(self, *args: Any) -> Any:
            try:
                return super().executemany(*args)
            except dbapi2.Error as exc:
                raise _mirror(exc) from exc

        def executescript(self, *args: Any) -> Any:
            try:
                return super().executescript(*args)
            except dbapi2.Error as exc:
                raise _mirror(exc) from exc

        def commit(self) -> None:
            try:
                super().commit()
            except dbapi2.Error as exc:
                raise _mirror(exc) from exc

    return Connection


def available() -> bool:
    try:
        import sqlcipher3  # noqa: F401
    except ImportError:
        return False
    return True


def open_encrypted(target: str | Path, key: bytes | None, *, uri: bool = False,
                   timeout: float = 5.0) -> sqlite3.Connection:
    """A SQLCipher connection keyed with ``key`` (None: a plain file read through SQLCipher).

    Raises ``StoreError("cipher.missing")`` without the optional extra, and the ``sqlite3``
    error SQLCipher gives when the key is wrong (``SQLITE_NOTADB``) at the first read here,
    before anything could be written. SQLCipher's own log lines are switched off first:
    a wrong key must be one line of ours on stderr, not three of SQLCipher's.
    """
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        raise StoreError("cipher.missing") from None
    try:
        conn = dbapi2.connect(str(target), uri=uri, isolation_level=None, timeout=timeout,
                              factory=_connection_class())
    except dbapi2.Error as exc:
        raise _mirror(exc) from exc
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            conn.execute(f"PRAGMA key = {_key_pragma(key)}")
            # SQLite's own scratch files (large sorts, temporary indexes) stay in memory:
            # what never reaches the disk needs no encryption
            conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a wrong key fails here
    except BaseException:
        conn.close()
        raise
    return conn  # type: ignore[no-any-return]


def is_wrong_key(exc: sqlite3.Error) -> bool:
    return (getattr(exc, "sqlite_errorname", "") or "").startswith("SQLITE_NOTADB") \
        or "not a database" in str(exc).lower()


def check_key(db_path: Path, key: bytes) -> bool:
    """Whether ``key`` opens ``db_path`` (a read of page 1; nothing is written)."""
    try:
        open_encrypted(f"{db_path.resolve().as_uri()}?mode=ro", key, uri=True).close()
    except sqlite3.Error as exc:
        if is_wrong_key(exc):
            return False
        raise
    return True


def connect_file(path: Path | str, key: bytes | None, *, uri: bool = False,
                 timeout: float = 5.0) -> sqlite3.Connection:
    """``sqlite3.connect`` for a plain file (``key`` None), SQLCipher for an encrypted one."""
    if key is None:
        return sqlite3.connect(path, uri=uri, isolation_level=None, timeout=timeout)
    return open_encrypted(path, key, uri=uri, timeout=timeout)
