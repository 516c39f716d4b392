"""Asking for an encrypted database's passphrase at the terminal (never on the command line).

The key comes, in this order, from ``NAERVAER_KEY_FILE`` (an explicit opt-in for tests and
automation), the OS keyring (``--remember``), or the passphrase typed at the terminal with
``getpass`` (no echo). Without a terminal and without either of the first two, the command
is refused with exit 3: nothing waits for input that cannot come.
"""

from __future__ import annotations

import sys
from getpass import getpass
from pathlib import Path

from naervaer.content.errors import InputError, StoreError
from naervaer.content.i18n import Translator
from naervaer.storage import keystore

MIN_LENGTH = 8  # a passphrase, not a PIN: scrypt slows guessing, it cannot make "1234" safe


def read_passphrase(t: Translator, prompt_key: str) -> str:
    """One passphrase typed at the terminal; Ctrl-C or ctrl-D cancels (exit 1, nothing changed)."""
    if not sys.stdin.isatty():
        raise StoreError("cipher.needs_terminal")
    try:
        return getpass(t(prompt_key) + " ")
    except (EOFError, KeyboardInterrupt):
        import click

        click.echo(err=True)
        raise click.exceptions.Exit(1) from None


def new_passphrase(t: Translator) -> str:
    """A new passphrase, typed twice; too short or not the same twice is refused (exit 2)."""
    first = read_passphrase(t, "cipher.ask_new")
    if len(first) < MIN_LENGTH:
        raise InputError("cipher.too_short", minimum=MIN_LENGTH)
    if read_passphrase(t, "cipher.ask_again") != first:
        raise InputError("cipher.not_same")
    return first



def key_for(db_path: Path, t: Translator) -> bytes:
    """The key of an encrypted database: stored (key file, keyring), else asked once."""
    key = keystore.stored_key(db_path)
    if key is not None:
        return key
    return keystore.from_passphrase(db_path, read_passphrase(t, "cipher.ask"))
