"""``naervaer newsletter``: the week's successes as Markdown, text or an e-mail draft (tip 7)."""

from __future__ import annotations

from pathlib import Path

import click

from naervaer.content.errors import InputError
from naervaer.tui.cli.env import Env
from naervaer.tui.cli.helptext import HelpCommand
from naervaer.tui.cli.output import echo, echo_data
from naervaer.tui.cli.safety import write_private

pass_env = click.make_pass_decorator(Env)


@click.command(cls=HelpCommand)
@click.option("--week", "week")
@click.option("--since", "since")
@click.option("--format", "fmt", type=click.Choice(["md", "text", "eml"]), default="md", show_default=True)
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path))
@pass_env
def newsletter(env: Env, week: str | None, since: str | None, fmt: str, output: Path | None) -> None:
    from naervaer.content.formats.newsletter import newsletter_eml, newsletter_lines
    from naervaer.content.newsletter import parse_week, week_of
    from naervaer.content.newsletter import since as since_period
    from naervaer.storage.usecases.newsletter import load_newsletter

    if week is not None and since is not None:
        raise InputError("exchange.week_and_since")
    if week is not None:
        period = parse_week(week, env.today)
    elif since is not None:
        from naervaer.content.when import parse_when

        period = since_period(parse_when(since, env.today), env.today)
    else:
        period = week_of(env.today)
    letter = load_newsletter(env.store, period)
    if fmt == "eml":
        text = newsletter_eml(letter, env.t)
    else:
        text = "\n".join(newsletter_lines(letter, env.t, md=fmt == "md")) + "\n"
    if output is None:
        echo_data(text)
        return
    write_private(output, text, env)
    echo(env.t("exchange.news_written", path=str(output), count=letter.count), err=True)
