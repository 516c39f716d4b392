"""``naervaer demo``: write the demo team into a database of its own.

Without an explicit ``--db`` the demo goes beside the real database (the file
``naervaer --demo`` opens), so invented people never mix with the leader's own. A
``NAERVAER_DB`` from the environment names the real database, so it gets a demo beside it
too; only ``--db`` on the command line writes the demo into the named file.
"""

from __future__ import annotations

import shlex

import click
from click.core import ParameterSource

from naervaer.content import phrasing as say
from naervaer.storage.demo import MAX_PEOPLE, MIN_PEOPLE, write_demo
from naervaer.storage.paths import demo_db
from naervaer.storage.store import Store
from naervaer.tui.cli.env import Env
from naervaer.tui.cli.helptext import HelpCommand
from naervaer.tui.cli.output import echo

pass_env = click.make_pass_decorator(Env)


@click.command(cls=HelpCommand)
@click.option("--people", type=click.IntRange(MIN_PEOPLE, MAX_PEOPLE), default=40, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--notes", type=click.IntRange(1))
@click.option("--force", is_flag=True)
@pass_env
@click.pass_context
def demo(ctx: click.Context, env: Env, people: int, seed: int, notes: int | None, force: bool) -> None:
    explicit_db = ctx.find_root().get_parameter_source("db") is ParameterSource.COMMANDLINE
    path = env.db_path if env.demo or explicit_db else demo_db(env.db_path)
    lang = env.t.lang
    with Store.open(path, clock=lambda: env.today) as store:
        summary = write_demo(store, env.today, people=people, seed=seed, notes=notes, lang=lang,
                             replace=force)
    if env.demo or not explicit_db:
        given = ctx.find_root().params.get("db")
        command = "naervaer --demo" if given is None else f"naervaer --db {shlex.quote(given)} --demo"
    else:
        command = f"naervaer --db {shlex.quote(str(path))}"
    echo(env.t("demo.written", path=str(path), command=command,
               **say.counts(env.t, people=summary.people, sites=summary.sites, notes=summary.notes)))
