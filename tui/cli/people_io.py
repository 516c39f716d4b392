"""``naervaer import people`` and ``naervaer export people``: the team from and to a file.

The plan and the writing are ``storage.usecases.people_import`` (the import screen calls
the same); the file is read by ``content.formats.people_file``; the words of a plan and the
people's table are ``content.formats.people_table``. This module reads the file, prints and
chooses exit codes.
"""

from __future__ import annotations

from pathlib import Path

import click

from naervaer.content.formats import people_table as shape
from naervaer.content.text import neutralise
from naervaer.tui.cli.env import Env
from naervaer.tui.cli.helptext import HelpCommand
from naervaer.tui.cli.output import echo, to_csv, to_json

pass_env = click.make_pass_decorator(Env)
BAD_INPUT = 2


@click.command("people", cls=HelpCommand)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True)
@click.option("--update", is_flag=True)
@click.pass_context
def import_people(ctx: click.Context, file: Path, dry_run: bool, update: bool) -> None:
    from naervaer.storage.usecases import people_import as use

    env = ctx.find_object(Env)
    assert env is not None
    t = env.t
    found = use.read_file(file)
    run = use.preview if dry_run else use.import_people
    plan = run(env.store, found, env.today, update=update, anniversary_label=t("importing.anniversary_label"))
    if found.ignored:
        echo(t("importing.ignored", columns=", ".join(found.ignored)), err=True)
    if plan.problems:
        for step in plan.steps:
            if step.status == "error":
                echo(shape.step_line(t, step, dry_run=dry_run), err=True)
        echo(shape.summary(t, plan, dry_run=dry_run), err=True)
        ctx.exit(BAD_INPUT)
    for step in plan.steps:
        if dry_run or step.status in ("new", "update", "differs"):
            echo(shape.step_line(t, step, dry_run=dry_run))
    echo(shape.summary(t, plan, dry_run=dry_run))


@click.command("people", cls=HelpCommand)
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path))
@pass_env
def export_people(env: Env, fmt: str, output: Path | None) -> None:
    """Everyone active, for a spreadsheet (CSV) or a script (JSON)."""
    from naervaer.tui.cli.people import person_json
    from naervaer.tui.cli.safety import write_private

    people = env.store.people()
    if fmt == "json":
        text = to_json([person_json(p) for p in people]) + "\n"
    else:
        header, rows = shape.people_rows(env.t, people)
        # Danish Excel splits on ";"; the BOM makes every Excel read UTF-8 (æøå) as UTF-8
        text = "\ufeff" + neutralise(to_csv(header, rows, delimiter=";" if env.t.lang == "da" else ","))
    if output is None:
        click.echo(text, nl=False)
        return
    write_private(output, text, env)
    echo(env.t.plural("importing.exported", len(people), path=str(output)), err=True)
