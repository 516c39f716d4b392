"""``naervaer encrypt``, ``decrypt`` and ``passphrase``: encryption at rest, chosen by the user.

The work is in ``storage.encryption``; this module asks for passphrases (at a terminal only,
``tui.cli.unlock``), offers the keyring, and says what was turned over and what it cannot reach.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from naervaer.content.errors import StoreError
from naervaer.storage import cipher, keystore
from naervaer.storage.paths import list_backups
from naervaer.tui.cli.env import Env
from naervaer.tui.cli.helptext import HelpCommand
from naervaer.tui.cli.output import echo
from naervaer.tui.cli.unlock import new_passphrase

if TYPE_CHECKING:  # the conversion module loads only when a command converts
    from naervaer.storage.encryption import Converted

pass_env = click.make_pass_decorator(Env)


def _needs_extra() -> None:
    if not cipher.available():
        raise StoreError("cipher.missing")


def _remember(env: Env, key: bytes, remember: bool) -> None:
    if not remember:
        keystore.forget(env.db_path)
        return
    if keystore.remember(env.db_path, key):
        echo(env.t("cipher.remembered"))
    else:
        echo(env.t("cipher.no_keyring"), err=True)


def _report(env: Env, done: Converted, what: str) -> None:
    echo(env.t(f"cipher.{what}_done", path=str(done.database)))
    for path in done.backups:
        echo(env.t(f"cipher.{what}_backup", path=str(path)))
    for path in done.unreadable:
        echo(env.t("cipher.backup_left", path=str(path)), err=True)
    echo(env.t("cipher.copies_elsewhere"))


@click.command(cls=HelpCommand)
@click.option("--backups", is_flag=True)
@click.option("--remember/--no-remember", default=False)
@pass_env
def encrypt(env: Env, backups: bool, remember: bool) -> None:
    from naervaer.storage.encryption import encrypt as encrypt_file

    _needs_extra()
    if cipher.is_encrypted(env.db_path):
        raise StoreError("cipher.already", path=str(env.db_path))
    env.open_store()  # checks the file and migrates it, as every command does
    env.close()  # the conversion must be the only connection
    header = cipher.Header.new()
    key = keystore.new_key_from_file(header) or header.derive(new_passphrase(env.t))
    done = encrypt_file(env.db_path, key, header, backups=backups)
    _report(env, done, "encrypt")
    if not backups and any(cipher.has_magic(p) for p in list_backups(env.db_path)):
        echo(env.t("cipher.plain_backups_left"), err=True)
    _remember(env, key, remember)


def _key(env: Env) -> bytes:
    """The current key (stored, or the passphrase asked), checked by opening; then closed:
    a conversion must be the only connection."""
    env.open_store()
    key = env.known_key()
    env.close()
    if key is None:  # is_encrypted said yes a moment ago: another command decrypted it
        raise StoreError("cipher.not_encrypted", path=str(env.db_path))
    return key


@click.command(cls=HelpCommand)
@pass_env
def decrypt(env: Env) -> None:
    from naervaer.storage.encryption import decrypt as decrypt_file

    _needs_extra()
    if not cipher.is_encrypted(env.db_path):
        raise StoreError("cipher.not_encrypted", path=str(env.db_path))
    key = _key(env)
    done = decrypt_file(env.db_path, key)
    keystore.forget(env.db_path)
    _report(env, done, "decrypt")


@click.command(cls=HelpCommand)
@click.option("--remember/--no-remember", default=None)
@pass_env
def passphrase(env: Env, remember: bool | None) -> None:
    from naervaer.storage.encryption import change_passphrase

    _needs_extra()
    if not cipher.is_encrypted(env.db_path):
        raise StoreError("cipher.not_encrypted", path=str(env.db_path))
    key = _key(env)
    header = cipher.Header.new()
    new_key = header.derive(new_passphrase(env.t))
    done = change_passphrase(env.db_path, key, new_key, header)
    _report(env, done, "passphrase")
    was_remembered = keystore.from_keyring(env.db_path) is not None
    _remember(env, new_key, was_remembered if remember is None else remember)
