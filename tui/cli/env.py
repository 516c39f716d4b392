"""What every command shares: which database, which language, which day it is.

The clock is injected: ``NAERVAER_TODAY`` (an ISO date) pins "today" for tests and
snapshots. The store opens lazily, so ``--help`` and bad input never touch the file.

Opening does only what opening needs (tidy the file's modes and temporaries, open, read the
language). What else happens when the store first opens (the demo team, the daily backup)
is decided by the command group and handed over in ``after_open``: see ``naervaer.tui.cli``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from naervaer.content import datefmt
from naervaer.content.errors import InputError, NaervaerError
from naervaer.content.i18n import Translator, normalise_language, system_language
from naervaer.storage.paths import default_db, demo_db
from naervaer.storage.store import Store

if TYPE_CHECKING:
    from naervaer.storage.connection import Tidied


def clock_from_env(environ: dict[str, str] | os._Environ[str] | None = None) -> date:
    env = os.environ if environ is None else environ
    pinned = env.get("NAERVAER_TODAY")
    if pinned:
        try:
            pinned_day = date.fromisoformat(pinned)
        except ValueError:
            raise InputError("cli.bad_today", value=pinned) from None
        from naervaer.content.when import in_range  # only when pinned: `log` stays fast

        return in_range(pinned_day, pinned)
    return date.today()


def resolve_db_path(db: str | None, demo: bool) -> Path:
    path = Path(db).expanduser() if db else default_db()
    return demo_db(path) if demo else path


def stored_language(path: Path) -> str | None:
    """The ``lang`` setting of an existing database, read without creating, backing up or failing."""
    if not path.is_file():
        return None
    try:
        with Store.open(path, create=False) as store:
            return normalise_language(store.get_setting("lang"))
    except NaervaerError:
        return None


def help_language(db: str | None, demo: bool, lang: str | None) -> str:
    """The language of help, shown before any command runs: the order ``Env.t`` follows."""
    return lang or stored_language(resolve_db_path(db, demo)) or system_language()


def tidy_and_report(env: Env) -> None:
    """Before the store opens: private modes, no orphaned temporaries; one line on stderr for each."""
    from naervaer.storage.connection import tidy  # only when a file is opened: `--help` stays fast

    report_tidied(env, tidy(env.db_path))


def report_tidied(env: Env, tidied: Tidied) -> None:
    from naervaer.tui.cli.output import echo  # only when a file is opened: `--help` stays light

    if tidied.tightened:
        paths = ", ".join(f"{t.path} ({t.before:o} → {t.after:o})" for t in tidied.tightened)
        echo(env.t("safety.modes_tightened", paths=paths), err=True)
    for path in tidied.removed:
        echo(env.t("safety.temps_removed", path=str(path)), err=True)


# What runs once, right after the store first opens; the command group chooses them.
AfterOpen = Callable[["Env"], None]


@dataclass
class Env:
    db_path: Path
    lang_option: str | None = None
    demo: bool = False
    today: date = field(default_factory=clock_from_env)
    after_open: list[AfterOpen] = field(default_factory=list)
    _store: Store | None = None
    _stored_lang: str | None = None
    _lang_read: bool = False
    _tidied: bool = False
    _t: Translator | None = None
    _changes_at_open: int = 0
    _key: bytes | None = None

    def encrypted(self) -> bool:
        from naervaer.storage.cipher import is_encrypted  # 16 bytes read: `log` stays fast

        return is_encrypted(self.db_path)

    def known_key(self) -> bytes | None:
        """The key already found (the app asks for it itself when it was not)."""
        return self._key

    def key(self) -> bytes | None:
        """An encrypted database's key, asked for once (None for a plain file)."""
        if self._key is None and self.encrypted():
            from naervaer.tui.cli.unlock import key_for  # only for an encrypted file

            self._key = key_for(self.db_path, self.t)
        return self._key

    @classmethod
    def resolve(cls, db: str | None, demo: bool, lang: str | None) -> Env:
        return cls(db_path=resolve_db_path(db, demo), lang_option=lang, demo=demo)

    @property
    def store(self) -> Store:
        """The open store: opened on first use by ``open_store``."""
        return self.open_store()

    def day(self, d: date) -> str:
        """The one date style of every text output, as on the screens ("tirs. 1. dec.", the
        year instead of the weekday when not this year); JSON keeps ISO."""
        return datefmt.short_day(d, self.t, self.today)

    def open_store(self) -> Store:
        """Open the store once (tidied first), then run the ``after_open`` steps the group chose."""
        if self._store is not None:
            return self._store
        self._tidy_once()
        store = Store.open(self.db_path, clock=lambda: self.today, key=self.key())
        self._stored_lang = normalise_language(store.get_setting("lang"))
        self._lang_read = True
        self._store = store
        try:
            for step in self.after_open:
                step(self)
        finally:
            # what opening wrote (the demo team) is not the command's own write
            self._changes_at_open = store.changes()
        return store

    def write_demo_if_empty(self) -> None:
        """``--demo`` on an empty database: as the app does, a demo team to try."""
        store = self.open_store()
        if store.is_empty():
            from naervaer.storage.demo import write_demo  # only here: `log` stays fast

            write_demo(store, self.today, lang=self.t.lang)

    @property
    def t(self) -> Translator:
        """The language: ``--lang``, else the stored ``lang`` setting, else the system's.

        Asked before the store is open (a command's first line, or bad input), the setting is
        read from the file without opening the store: otherwise the words fixed then would stay
        in the system's language for the whole command.
        """
        if not (self.lang_option or self._lang_read):
            self._tidy_once()  # reading the language opens the file, which would tidy silently
            self._stored_lang = stored_language(self.db_path)
            self._lang_read = True
        lang = self.lang_option or self._stored_lang or system_language()
        if self._t is None or self._t.lang != lang:
            self._t = Translator(lang)
        return self._t

    def stored_anything(self) -> bool:
        """Whether this command wrote to the database (opening, migrating and demo data aside)."""
        return self._store is not None and self._store.changes() > self._changes_at_open

    def _tidy_once(self) -> None:
        """Private modes and no orphaned temporaries, said on stderr, before the file is first opened."""
        if self._tidied:
            return
        self._tidied = True
        tidy_and_report(self)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
