"""``naervaer today``, ``visit``, ``done``, ``snooze``, ``tips`` and ``settings``: the coach.

Reads go through ``storage.facts`` (indexed per-person lookups), the engine is the pure
``content.engine``; ``done``/``snooze`` and ``settings KEY VALUE`` are one write each, made
only after the input was checked, so bad input never changes the database.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import click

from naervaer.content import phrasing as say
from naervaer.content.errors import InputError
from naervaer.content.i18n import Translator
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


def tip_label(tip: str, t: Translator) -> str:
    """ "tip 4", or the principle's title for a prompt resting on a principle."""
    if tip.isdigit():
        return t("coach.tip_label", tip=tip)
    from naervaer.content.coaching import Coaching

    return t("coach.principle_label", title=Coaching(t).principle(tip).title)


def prompt_json(p: Prompt) -> dict[str, Any]:
    return {"id": p.id, "kind": p.kind, "person": p.person, "tip": p.tip,
            "priority": p.priority, "title": p.title, "reason": p.reason}


@click.command(cls=HelpCommand)
@click.option("--date", "-d", "when")
@click.option("--limit", "-n", type=count_range(1))
@click.option("--format", "fmt", type=TEXT_JSON_MD, default="text", show_default=True)
@pass_env
def today(env: Env, when: str | None, limit: int | None, fmt: str) -> None:
    from naervaer.content.engine import Group
    from naervaer.storage.facts import load_today_list

    day = _day(env, when)
    t = env.t
    listed = load_today_list(env.store, day, t, limit)
    shown, tip = listed.top, listed.tip
    if fmt == "json":
        flat = [p for e in shown for p in (e.prompts if isinstance(e, Group) else (e,))]
        echo_json({"date": day.isoformat(), "prompts": [prompt_json(p) for p in [*flat, tip]]})
        return
    header = t.plural("coach.today_header", len(listed.entries), date=say.long_day(day, t),
                      shown=len(shown))
    md = fmt == "md"
    echo(f"# {header}" if md else header)
    echo()
    if not shown:
        echo(t("coach.nothing_today"))
        echo()
    for index, e in enumerate(shown, 1):
        if isinstance(e, Group):
            echo(f"{index}. **{e.title}**" if md else f"{index:>2}. {e.title}")
            for p in e.prompts:
                echo(f"   - {p.title} · `{p.id}`" if md else f"    - {p.title} · {p.id}")
            continue
        label = tip_label(e.tip, t)
        if md:
            echo(f"{index}. **{e.title}**  \n   {e.reason}  \n   _{label}_ · `{e.id}`")
        else:
            echo(f"{index:>2}. {e.title}")
            echo(f"    {e.reason}")
            echo(f"    {label} · {e.id}")
    if listed.more:
        echo()
        echo(t.plural("coach.today_more", listed.more))
    if md:
        echo(f"\n## {t('coach.tip_header')}\n\n**{tip.title}**  \n{tip.reason}")
        return
    echo()
    echo(t("coach.tip_header"))
    echo(f"    {tip.title}")
    echo(f"    {tip.reason}")
    if shown:
        echo()
        echo(t("coach.act_hint"))


def _find_prompt(env: Env, prompt_id: str) -> Prompt:
    """The prompt ``prompt_id`` names among today's, done and snoozed ones included."""
    from naervaer.content.engine import candidate_prompts
    from naervaer.storage.facts import engine_settings, load_team_facts

    wanted = prompt_id.strip()
    if wanted.startswith("tip_of_the_day:"):
        raise InputError("coach.tip_not_actionable")
    settings = engine_settings(env.store)
    facts = load_team_facts(env.store, env.today, settings)
    for p in candidate_prompts(env.today, facts, settings, env.t):
        if p.id == wanted:
            return p
    raise InputError("coach.unknown_prompt", id=prompt_id)


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


def _briefing_json(b: Any) -> dict[str, Any]:
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    return {
        "site": b.site,
        "date": b.date.isoformat(),
        "people": [
            {
                "id": bp.person.id,
                "name": bp.person.name,
                "last_in_person": iso(bp.last_in_person),
                "days_since_in_person": bp.days_since_in_person,
                "open_promises": [{"id": p.id, "text": p.text, "due": iso(p.due)} for p in bp.open_promises],
                "upcoming": [{"date": u.date.isoformat(), "kind": u.kind, "what": u.what} for u in bp.upcoming],
                "incidents": [{"kind": i.kind, "date": i.date.isoformat(), "note_id": i.note_id}
                              for i in bp.incidents],
                "away": [{"start": a.start.isoformat(), "end": iso(a.end), "label": a.label} for a in bp.away],
                "last_note": ({"date": bp.last_note.date.isoformat(), "text": bp.last_note.first_line}
                              if bp.last_note else None),
            }
            for bp in b.people
        ],
    }


def _briefing_lines(env: Env, bp: Any, day: date) -> list[tuple[str, list[str]]]:
    """(label, items) sections for one person; empty sections are left out."""
    from naervaer.content.text import one_line

    t = env.t
    d = lambda x: say.day(x, t, day)  # noqa: E731
    sections = [
        (t("coach.promises"), [
            t("coach.promise_item", id=p.id, text=one_line(p.text, 80),
              due=d(p.due) if p.due else t("coach.no_due"))
            for p in bp.open_promises
        ]),
        (t("coach.coming_up"), [f"{d(u.date)}: {u.what}" for u in bp.upcoming]),
        (t("coach.recently"), [t(f"coach.incident_{i.kind}", date=d(i.date)) for i in bp.incidents]),
        (t("coach.away"), [
            t("coach.away_item", start=d(a.start), end=d(a.end) if a.end else t("coach.away_open"),
              label=one_line(a.label, 40) or t("coach.away_no_label"))
            for a in bp.away
        ]),
    ]
    if bp.last_note:
        sections.append((t("coach.last_note", date=d(bp.last_note.date)), [bp.last_note.first_line]))
    return [(label, items) for label, items in sections if items]


@click.command(cls=HelpCommand)
@click.argument("site")
@click.option("--date", "-d", "when")
@click.option("--format", "fmt", type=TEXT_JSON_MD, default="text", show_default=True)
@pass_env
def visit(env: Env, site: str, when: str | None, fmt: str) -> None:
    from naervaer.content.briefing import site_briefing
    from naervaer.content.text import find_one
    from naervaer.storage.facts import load_team_facts

    day = _day(env, when)
    sites = env.store.sites()
    if not sites:
        raise InputError("cli.no_site", site=site)
    name = find_one(site, sites, key=str)
    briefing = site_briefing(day, name, load_team_facts(env.store, day, site=name), env.t)
    if fmt == "json":
        echo_json(_briefing_json(briefing))
        return
    t, md = env.t, fmt == "md"
    header = t.plural("coach.visit_header", len(briefing.people), site=name, date=say.long_day(day, t))
    echo(f"# {header}" if md else header)
    for bp in briefing.people:
        seen = (t("coach.seen_days", date=say.day(bp.last_in_person, t, day), ago=say.ago(bp.last_in_person, day, t))
                if bp.last_in_person else t("coach.seen_never"))
        echo()
        echo(f"## {bp.person.name}: {seen}" if md else f"{bp.person.name}: {seen}")
        for label, items in _briefing_lines(env, bp, day):
            if md:
                echo(f"- **{label}**: " + "; ".join(items))
            else:
                echo(f"    {label}: " + "; ".join(items))


# -- tips and settings ----------------------------------------------------------------


@click.command(cls=HelpCommand)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_env
def tips(env: Env, fmt: str) -> None:
    from naervaer.content.coaching import Coaching

    coaching = Coaching(env.t)
    all_tips, principles = coaching.tips(), coaching.principles()
    if fmt == "json":
        echo_json({
            "tips": [{"id": x.id, "title": x.title, "explanation": x.explanation,
                      "reflection": x.reflection} for x in all_tips],
            "principles": [{"id": x.id, "title": x.title, "explanation": x.explanation,
                            "reflection": x.reflection} for x in principles],
        })
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
