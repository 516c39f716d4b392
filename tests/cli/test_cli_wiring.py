"""What happens when a command first opens the store is chosen by the command group, visibly.

``Env`` on its own opens the file and nothing else: no demo team, no daily backup. The group
(``naervaer.tui.cli.cli``) adds the demo fill for ``--demo`` and the daily backup for the
commands that take it (``takes_daily_backup``), from the subcommand click resolved.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from naervaer.storage import backup as bk
from naervaer.tui.cli import COMMANDS, DAILY_BACKUP_SKIPPED, takes_daily_backup
from naervaer.tui.cli.env import Env

from conftest import TODAY


def test_opening_the_store_through_env_writes_no_demo_and_no_backup(db_path: Path) -> None:
    env = Env(db_path, demo=True, today=TODAY)
    try:
        assert env.open_store().is_empty()
        assert env.open_store() is env.store  # opened once
        assert not env.stored_anything()
    finally:
        env.close()
    assert not bk.backups_dir(db_path).exists() or not any(bk.backups_dir(db_path).iterdir())


def test_the_demo_fill_is_an_explicit_step(db_path: Path) -> None:
    env = Env(db_path, demo=True, today=TODAY, after_open=[Env.write_demo_if_empty])
    try:
        assert not env.open_store().is_empty()
        assert not env.stored_anything()  # the demo team is not the command's own write
    finally:
        env.close()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_which_commands_take_the_daily_backup(command: str) -> None:
    assert takes_daily_backup(command, demo=False) is (command not in DAILY_BACKUP_SKIPPED)
    assert not takes_daily_backup(command, demo=True)


def test_the_bare_program_leaves_the_daily_backup_to_the_app() -> None:
    assert not takes_daily_backup(None, demo=False)


def test_the_group_writes_the_daily_backup_for_a_reading_command_only(run, db_path: Path) -> None:
    assert run("person", "add", "Anna Berg").exit_code == 0
    daily = bk.daily_path(db_path, TODAY)
    assert run("log", "Anna", "a first note").exit_code == 0
    assert not daily.exists()
    assert run("team").exit_code == 0
    assert daily.exists()
