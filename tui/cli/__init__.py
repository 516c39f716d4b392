"""The ``naervaer`` command line. It never imports Textual: only the bare command opens the TUI.

Subcommands load lazily (click's documented lazy-group pattern), so ``naervaer log``
imports the store and the text helpers and nothing else.
"""

from __future__ import annotations

import importlib

import click

from naervaer.content.errors import InputError, NaervaerError
from naervaer.content.i18n import LANGUAGES, Translator, system_language
from naervaer.content.text import MatchError
from naervaer.tui.cli.env import Env
from naervaer.tui.cli.helptext import HelpGroup

# name -> "module:attribute" under naervaer.tui.cli
COMMANDS = {
    "person": "people:person",
    "date": "people:date_group",
    "away": "people:away",
    "log": "notes:log",
    "notes": "notes:notes",
    "note": "note:note",
    "promise": "notes:promise",
    "demo": "demo:demo",
    "team": "views:team",
    "seen": "views:seen",
    "backup": "safety:backup",
    "restore": "safety:restore",
    "export": "safety:export",
    "forget": "safety:forget",
    "prune": "safety:prune",
    "today": "coach:today",
    "visit": "coach:visit",
    "done": "coach:done",
    "snooze": "coach:snooze",
    "tips": "coach:tips",
    "settings": "coach:settings",
}


class LazyGroup(HelpGroup):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(f"naervaer.tui.cli.{module}"), attr)

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except NaervaerError as exc:
            fail(ctx, exc)
        except ValueError as exc:
            known = as_input_error(exc)
            if known is None:
                raise
            fail(ctx, known)


def as_input_error(exc: ValueError) -> InputError | None:
    """The pure layers raise ValueErrors that carry a message key; give them one shape."""
    if isinstance(exc, MatchError):
        key = exc.key if exc.candidates or exc.key == "text.no_id" else f"{exc.key}_none"
        return InputError(key, query=exc.query, candidates=", ".join(exc.candidates))
    key, params = getattr(exc, "key", None), getattr(exc, "params", None)
    if isinstance(key, str) and isinstance(params, dict):
        return InputError(key, **params)
    return None


def fail(ctx: click.Context, exc: NaervaerError) -> None:
    """One clear line on stderr, then the error's exit code; nothing was changed."""
    from naervaer.tui.cli.output import echo

    env = ctx.find_object(Env)
    t = env.t if env else Translator(system_language())
    echo(t("cli.error", message=t(exc.key, **exc.params)), err=True)
    ctx.exit(exc.exit_code)


# --db, --demo and --lang are eager and this --help is not, so the help is shown in the
# language they choose (the stored setting lives in the database) wherever they are typed.
@click.group(cls=LazyGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db", type=click.Path(dir_okay=False), envvar="NAERVAER_DB", is_eager=True)
@click.option("--demo", is_flag=True, is_eager=True)
@click.option("--lang", type=click.Choice(LANGUAGES), is_eager=True)
@click.version_option(package_name="naervaer")
@click.help_option("-h", "--help", is_eager=False)
@click.pass_context
def cli(ctx: click.Context, db: str | None, demo: bool, lang: str | None) -> None:
    env = Env.resolve(db, demo, lang)
    ctx.obj = env
    ctx.call_on_close(env.close)
    if ctx.invoked_subcommand is None:
        from naervaer.tui.cli.open_app import open_app

        try:
            env.store  # refuses a broken or foreign file before the screen is taken over; fills --demo
            open_app(env)
        except NaervaerError as exc:
            fail(ctx, exc)


def main() -> None:
    cli(prog_name="naervaer")


