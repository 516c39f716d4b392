"""The ``naervaer`` command line. It never imports Textual: only the bare command opens the TUI.

Subcommands load lazily (click's documented lazy-group pattern), so ``naervaer log``
imports the store and the text helpers and nothing else.

The group decides, in ``cli`` below and nowhere else, what happens when a command first
opens the store: ``--demo`` fills an empty database with the demo team, and the day's
first qualifying command writes the daily backup (``DAILY_BACKUP_SKIPPED`` names the
commands that do not). The standard streams are prepared before anything is parsed or
printed (``streams``).
"""

from __future__ import annotations

import importlib

import click

from naervaer.content.errors import NaervaerError
from naervaer.content.errors import message as error_message
from naervaer.content.i18n import LANGUAGES, Translator, system_language
from naervaer.tui.cli.env import Env
from naervaer.tui.cli.helptext import HelpGroup
from naervaer.tui.cli.streams import setup_streams

# name -> "module:attribute" under naervaer.tui.cli; a group of lazy subcommands is a
# mapping of its own (one line per subcommand, so a new format is one new line)
COMMANDS: dict[str, str | dict[str, str]] = {
    "person": "people:person",
    "date": "people:date_group",
    "away": "people:away",
    "log": "notes:log",
    "notes": "notes:notes",
    "note": "note:note",
    "promise": "notes:promise",
    "point": "goals:point",
    "goal": "goals:goal",
    "demo": "demo:demo",
    "team": "views:team",
    "seen": "views:seen",
    "backup": "safety:backup",
    "restore": "safety:restore",
    "export": {
        "person": "safety:export_person",
        "people": "people_io:export_people",
        "all": "transfer:export_all",
        "calendar": "feed:export_calendar",
    },
    "import": {
        "people": "people_io:import_people",
        "all": "transfer:import_all",
    },
    "newsletter": "newsletter:newsletter",
    "remind": "remind:remind",
    "forget": "safety:forget",
    "prune": "safety:prune",
    "today": "coach:today",
    "visit": "coach:visit",
    "done": "coach:done",
    "snooze": "coach:snooze",
    "tips": "coach:tips",
    "settings": "coach:settings",
    "skills": "crosssite:skills",
    "who": "crosssite:who",
    "buddies": "crosssite:buddies",
    "sites": "sites:sites",
    "meeting": "sites:meeting",
    "site": "sites:site",
    "survey": "sites:survey",
    "encrypt": "crypt:encrypt",
    "decrypt": "crypt:decrypt",
    "passphrase": "crypt:passphrase",
}

# First-level commands that never write the daily backup: `log` must stay instant, the
# erasing ones (forget, prune, note delete/edit) must not first copy what they erase, and
# backup, restore and demo handle backup files themselves.
DAILY_BACKUP_SKIPPED = frozenset({"log", "note", "backup", "restore", "forget", "prune", "demo",
                                  "encrypt", "decrypt", "passphrase"})


# Exit 1, 2 and 3 promise that nothing stored changed; after a write that is untrue.
STORED_THEN_FAILED = 4


class LazyGroup(HelpGroup):
    def main(self, *args, **kwargs):  # type: ignore[override]
        setup_streams()  # before click parses: even a usage error is printed through them
        return super().main(*args, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        if isinstance(target, dict):
            return LazySubgroup(name, target)
        return _load(target)

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except NaervaerError as exc:
            fail(ctx, exc)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except (Exception, KeyboardInterrupt) as exc:  # a bug keeps its traceback unless it stored
            stored_then_failed(ctx, _described(exc))
            raise


class LazySubgroup(HelpGroup):
    """``export``, ``import``: a group whose subcommands load only when one is run."""

    def __init__(self, name: str, targets: dict[str, str]) -> None:
        super().__init__(name)
        self.targets = targets

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.targets)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = self.targets.get(name)
        return _load(target) if target is not None else None


def _load(target: str) -> click.Command:
    module, attr = target.split(":")
    return getattr(importlib.import_module(f"naervaer.tui.cli.{module}"), attr)


def fail(ctx: click.Context, exc: NaervaerError) -> None:
    """One clear line on stderr, then the error's exit code (nothing was changed)."""
    env = ctx.find_object(Env)
    t = env.t if env else Translator(system_language())
    message = error_message(t, exc)
    stored_then_failed(ctx, message)
    _error_line(t, message)
    ctx.exit(exc.exit_code)


def stored_then_failed(ctx: click.Context, reason: str) -> None:
    """A command that fails after its write committed says so and exits 4, never 1–3.

    Those codes promise "nothing changed": a script would run the command again and
    store the note twice. Does nothing when nothing was stored.
    """
    env = ctx.find_object(Env)
    if env is not None and env.stored_anything():
        _error_line(env.t, env.t("cli.stored_then_failed", reason=reason))
        ctx.exit(STORED_THEN_FAILED)


def _error_line(t: Translator, message: str) -> None:
    from naervaer.tui.cli.output import echo

    echo(t("cli.error", message=message), err=True)


def _described(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


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
    if demo:
        env.after_open.append(Env.write_demo_if_empty)
    if takes_daily_backup(ctx.invoked_subcommand, demo):
        env.after_open.append(_daily_backup)
    ctx.obj = env
    ctx.call_on_close(env.close)
    if ctx.invoked_subcommand is None:
        from naervaer.tui.cli.open_app import open_app

        try:
            if not env.encrypted():  # an encrypted one asks for its passphrase in the app's style
                env.open_store()  # refuses a broken or foreign file before the screen is taken over; fills --demo
            open_app(env)
        except NaervaerError as exc:
            fail(ctx, exc)


def takes_daily_backup(command: str | None, demo: bool) -> bool:
    """The CLI's daily backup: not for the demo, nor the bare program (the app takes its own)."""
    return not demo and command is not None and command not in DAILY_BACKUP_SKIPPED


def _daily_backup(env: Env) -> None:
    from naervaer.tui.cli.safety import daily_backup  # only when taken: `log` stays fast

    daily_backup(env)


def main() -> None:
    cli(prog_name="naervaer")


