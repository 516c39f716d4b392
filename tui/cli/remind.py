"""``naervaer remind``: today's top prompts in two or three lines, for a login script or a timer.

As light as ``today``: only the use case and the lines it prints are imported. The app shows
everything on open, so nothing depends on this ever running.
"""

from __future__ import annotations

import click

from naervaer.tui.cli.env import Env
from naervaer.tui.cli.helptext import HelpCommand
from naervaer.tui.cli.output import echo, echo_json

pass_env = click.make_pass_decorator(Env)
SHOWN = 2  # titles under the header: three lines in all


@click.command(cls=HelpCommand)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_env
def remind(env: Env, fmt: str) -> None:
    from naervaer.content.formats.reminder import reminder_doc, reminder_lines
    from naervaer.storage.usecases.today import load_today_list

    listed = load_today_list(env.store, env.today, env.t, SHOWN)
    if fmt == "json":
        echo_json(reminder_doc(env.today, listed))
        return
    for line in reminder_lines(env.today, listed, env.t):
        echo(line)
