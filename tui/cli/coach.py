"""``naervaer today``, ``visit``, ``done``, ``snooze``, ``tips`` and ``settings``: the coach.

Each command asks its use case (``storage.usecases.today``, ``.visit``) and only chooses
the format (``content.formats``: the JSON documents, the text and Markdown lines).
``done``/``snooze`` and ``settings KEY VALUE`` are one write each, made only after the
input was checked, so bad input never changes the database.
"""

from __future__ import annotations

from datetime import date, timedelta

import click

from naervaer.content import phrasing as say
from naervaer.content.errors import InputError
from naervaer.content.rules import Prompt
from naervaer.tui.cli.env import Env
from naervaer.tui.cli.helptext import HelpCommand
from naervaer.tui.cli.output import echo, echo_json, table
from naervaer.tui.cli.params import count_range

pass_env = click.make_pass_decorator(Env)
TEXT_JSON_MD = click.Choice(["text", "json", "md"])


def _day(env: Env, when: str | None) -> date:
    if not when:
        return env.today
    from naervaer.content.when import parse_any_date

    return parse_any_date(when, env.today)


@click.command(cls=HelpCommand)
@click.option("--date", "-d", "when")
@click.option("--limit", "-n", type=count_range(1))
@click.option("--format", "fmt", type=TEXT_JSON_MD, default="text", show_default=True)
@pass_env
def today(env: Env, when: str | None, limit: int | None, fmt: str) -> None:
    from naervaer.content.formats.documents import today_doc
    from naervaer.content.formats.reading import today_lines
    from naervaer.storage.usecases.today import load_today_list

    day = _day(env, when)
    listed = load_today_list(env.store, day, env.t, limit)
    if fmt == "json":
        echo_json(today_doc(day, listed))
        return
    for line in today_lines(day, listed, env.t, md=fmt == "md"):
        echo(line)


def _find_prompt(env: Env, prompt_id: str) -> Prompt:
    from naervaer.storage.usecases.today import find_prompt

    return find_prompt(env.store, env.today, prompt_id, env.t)


@click.command(cls=HelpCommand)
@click.argument("prompt_id")
@pass_env
def done(env: Env, prompt_id: str) -> None:
    from naervaer.storage.prompt_state import mark_done

    found = _find_prompt(env, prompt_id)
    mark_done(env.store, found, env.today)
    echo(env.t("coach.done", title=found.title))


@click.command(cls=HelpCommand)
@click.argument("prompt_id")
@click.option("--until", "until")
@pass_env
def snooze(env: Env, prompt_id: str, until: str | None) -> None:
    from naervaer.content.when import parse_due
    from naervaer.storage.prompt_state import snooze as snooze_prompt

    again = parse_due(until, env.today) if until else env.today + timedelta(days=1)
    found = _find_prompt(env, prompt_id)
    snooze_prompt(env.store, found, again, env.today)
    echo(env.t("coach.snoozed", date=say.day(again, env.t, env.today), title=found.title))


# -- visit ----------------------------------------------------------------------------


@click.command(cls=HelpCommand)
@click.argument("site")
@click.option("--date", "-d", "when")
@click.option("--format", "fmt", type=TEXT_JSON_MD, default="text", show_default=True)
@pass_env
def visit(env: Env, site: str, when: str | None, fmt: str) -> None:
    from naervaer.content.formats.documents import briefing_doc
    from naervaer.content.formats.reading import briefing_lines
    from naervaer.storage.usecases.visit import find_site, visit_briefing

    day = _day(env, when)
    briefing = visit_briefing(env.store, day, find_site(env.store, site), env.t)
    if fmt == "json":
        echo_json(briefing_doc(briefing))
        return
    for line in briefing_lines(briefing, env.t, md=fmt == "md"):
        echo(line)


# -- tips and settings ----------------------------------------------------------------


@click.command(cls=HelpCommand)
@click.option("--all", "everything", is_flag=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_env
def tips(env: Env, everything: bool, fmt: str) -> None:
    from naervaer.content.coaching import Coaching

    if everything:  # all of the research, each section citing its source (the Coaching screen)
        from naervaer.content.coaching_book import book, book_lines

        if fmt == "json":
            from naervaer.content.formats.documents import book_doc

            echo_json(book_doc(book(env.t)))
        else:
            for line in book_lines(env.t):
                echo(line)
        return
    coaching = Coaching(env.t)
    all_tips, principles = coaching.tips(), coaching.principles()
    if fmt == "json":
        from naervaer.content.formats.documents import tips_doc

        echo_json(tips_doc(all_tips, principles))
        return
    echo(env.t("coach.tips_header"))
    for x in all_tips:
        echo()
        echo(f"{x.id:>2}. {x.title}")
        echo(f"    {x.explanation}")
        echo(f"    → {x.reflection}")
    echo()
    echo(env.t("coach.principles_header"))
    for x in principles:
        echo()
        echo(f"  {x.title} ({x.id})")
        echo(f"    {x.explanation}")


@click.command(cls=HelpCommand)
@click.argument("key", required=False)
@click.argument("value", required=False)
@click.option("--reset", is_flag=True)
@pass_env
def settings(env: Env, key: str | None, value: str | None, reset: bool) -> None:
    from naervaer.content.settings import (
        DEFAULTS, SPECS, EngineSettings, format_value, parse_value, to_stored,
    )

    t = env.t
    if reset:
        if value is not None:
            raise InputError("coach.reset_and_value")
        if key is None:
            changed = env.store.reset_settings(list(SPECS))
            echo(t("coach.reset_all", count=len(changed)))
            return
        name = key.strip().lower()
        if name not in SPECS:
            raise InputError("coach.unknown_setting", key=key, keys=", ".join(SPECS))
        env.store.reset_settings([name])
        echo(t("coach.setting_reset", key=name, value=format_value(getattr(DEFAULTS, name))))
        return
    if key is not None and value is not None:
        parsed = parse_value(key, value)
        name = key.strip().lower()
        env.store.set_setting(name, to_stored(parsed))
        echo(t("coach.setting_saved", key=name, value=format_value(parsed)))
        return
    current = EngineSettings.from_stored(env.store.settings())
    if key is not None:
        name = key.strip().lower()
        if name not in SPECS:
            raise InputError("coach.unknown_setting", key=key, keys=", ".join(SPECS))
        echo(format_value(getattr(current, name)))
        return
    header = [t("coach.col_key"), t("coach.col_value"), t("coach.col_default"), t("coach.col_about")]
    body = [
        [name, format_value(getattr(current, name)), format_value(getattr(DEFAULTS, name)), t(f"coach.about.{name}")]
        for name in SPECS
    ]
    echo(table(header, body))
