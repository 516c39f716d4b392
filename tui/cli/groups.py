"""The ``export`` and ``import`` groups: each subcommand is one line, loaded only when run.

A new export or import format adds its line here (name -> "module:attribute" under
``naervaer.tui.cli``) and its help under "naervaer export <name>" in the ``help`` locale.
"""

from __future__ import annotations

import importlib

import click

from naervaer.tui.cli.helptext import HelpGroup

EXPORTS = {
    "person": "safety:export_person",
    "all": "transfer:export_all",
    "calendar": "feed:export_calendar",
}

IMPORTS = {
    "all": "transfer:import_all",
}


class LazySubgroup(HelpGroup):
    """A group whose subcommands are imported when named, as the top-level commands are."""

    def __init__(self, name: str, subcommands: dict[str, str]) -> None:
        super().__init__(name)
        self.subcommands = subcommands

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.subcommands)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = self.subcommands.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(f"naervaer.tui.cli.{module}"), attr)


export = LazySubgroup("export", EXPORTS)
import_group = LazySubgroup("import", IMPORTS)
