"""``naervaer export calendar``: the calendar feed as an ``.ics`` file (``storage.usecases.calendar``)."""

from __future__ import annotations

from pathlib import Path

import click

from naervaer.tui.cli.env import Env
from naervaer.tui.cli.helptext import HelpCommand
from naervaer.tui.cli.output import echo
from naervaer.tui.cli.safety import human_size

pass_env = click.make_pass_decorator(Env)


@click.command("calendar", cls=HelpCommand)
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--months", type=click.IntRange(1, 120))
@pass_env
def export_calendar(env: Env, output: Path | None, months: int | None) -> None:
    from naervaer.storage.usecases.calendar import calendar_feed, chosen_months, write_feed

    data, count = calendar_feed(env.store, env.today, env.t, months or chosen_months(env.store))
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    write_feed(output, data)
    echo(env.t("exchange.calendar_written", path=str(output), size=human_size(len(data)),
               events=env.t.plural("exchange.events", count)), err=True)
