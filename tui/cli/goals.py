"""``naervaer point`` (talking points, "til næste gang") and ``naervaer goal`` (written goals, tip 1).

Thin: each command finds the person, calls one ``Store`` method (the same the app calls)
and prints what was stored; ``--format json`` gives the exact rows.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from naervaer.content.goals import Goal, TalkingPoint, parse_status
from naervaer.content.humanize import days_ago
from naervaer.tui.cli.env import Env
from naervaer.tui.cli.helptext import HelpGroup
from naervaer.tui.cli.output import echo, echo_json
from naervaer.tui.cli.params import row_id

pass_env = click.make_pass_decorator(Env)
FORMATS = click.Choice(["text", "json"])


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def point_json(p: TalkingPoint, names: dict[int, str]) -> dict[str, Any]:
    return {"id": p.id, "person": names.get(p.person_id), "person_id": p.person_id, "text": p.text,
            "created": p.created.isoformat(), "covered": _iso(p.covered), "note_id": p.note_id,
            "promise_id": p.promise_id}


def goal_json(g: Goal, names: dict[int, str]) -> dict[str, Any]:
    return {"id": g.id, "person": names.get(g.person_id), "person_id": g.person_id, "text": g.text,
            "by": _iso(g.due), "status": g.status, "created": g.created.isoformat(),
            "updates": [{"date": u.date.isoformat(), "status": u.status, "text": u.text} for u in g.updates]}


# -- talking points -------------------------------------------------------------------


@click.group(cls=HelpGroup)
def point() -> None:
    pass


@point.command("add")
@click.argument("name")
@click.argument("text")
@pass_env
def point_add(env: Env, name: str, text: str) -> None:
    person = env.store.find_person(name)
    added = env.store.add_point(person.id, text)
    echo(env.t("goals.point_added", id=added.id, name=person.name, text=added.text))


@point.command("list")
@click.argument("name", required=False)
@click.option("--all", "everything", is_flag=True)
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
@pass_env
def point_list(env: Env, name: str | None, everything: bool, fmt: str) -> None:
    person_id = env.store.find_person(name).id if name else None
    found = env.store.points(person_id=person_id, open_only=not everything)
    names = env.store.names()
    if fmt == "json":
        echo_json([point_json(p, names) for p in found])
        return
    if not found:
        echo(env.t("goals.no_points"))
        return
    t = env.t
    for p in found:
        if p.promise_id is not None:
            state = t("goals.point_promised", id=p.promise_id)
        elif p.covered:
            state = t("goals.point_raised_on", date=p.covered.isoformat())
        else:
            state = t("goals.point_since", ago=days_ago(p.created, env.today, t))
        echo(f"#{p.id}  {names.get(p.person_id, '?')}: {p.text}  [{state}]")


@point.command("done")
@click.argument("point_id", metavar="ID")
@pass_env
def point_done(env: Env, point_id: str) -> None:
    number = row_id(point_id, bad_key="goals.bad_point_id", missing_key="goals.no_point")
    raised = env.store.cover_point(number)
    echo(env.t("goals.point_done", id=raised.id, text=raised.text))


@point.command("promise")
@click.argument("point_id", metavar="ID")
@click.option("--due")
@pass_env
def point_promise(env: Env, point_id: str, due: str | None) -> None:
    number = row_id(point_id, bad_key="goals.bad_point_id", missing_key="goals.no_point")
    when = None
    if due:
        from naervaer.content.when import parse_due

        when = parse_due(due, env.today)
    _, made = env.store.point_to_promise(number, when)
    echo(env.t("goals.point_to_promise", id=number, promise=made.id, text=made.text))


# -- goals ----------------------------------------------------------------------------


@click.group(cls=HelpGroup)
def goal() -> None:
    pass


@goal.command("add")
@click.argument("name")
@click.argument("text")
@click.option("--by", "by")
@pass_env
def goal_add(env: Env, name: str, text: str, by: str | None) -> None:
    person = env.store.find_person(name)
    due = None
    if by:
        from naervaer.content.when import parse_due

        due = parse_due(by, env.today)
    added = env.store.add_goal(person.id, text, due)
    echo(env.t("goals.goal_added", id=added.id, name=person.name, text=added.text,
               by=env.t("goals.by", date=added.due.isoformat()) if added.due else env.t("goals.no_by")))


def status_name(env: Env, status: str) -> str:
    return env.t(f"goals.status.{status}")


@goal.command("list")
@click.argument("name", required=False)
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
@pass_env
def goal_list(env: Env, name: str | None, fmt: str) -> None:
    person_id = env.store.find_person(name).id if name else None
    found = env.store.goals(person_id=person_id)
    names = env.store.names()
    if fmt == "json":
        echo_json([goal_json(g, names) for g in found])
        return
    if not found:
        echo(env.t("goals.no_goals"))
        return
    t = env.t
    for g in found:
        by = t("goals.by", date=g.due.isoformat()) if g.due else t("goals.no_by")
        echo(f"#{g.id}  {names.get(g.person_id, '?')}: {g.text}  [{status_name(env, g.status)} · {by}]")
        for u in g.updates:
            echo(f"      {u.date.isoformat()}  {status_name(env, u.status)}" + (f": {u.text}" if u.text else ""))


@goal.command("update")
@click.argument("goal_id", metavar="ID")
@click.option("--status", "status")
@click.option("--note", "note", default="")
@pass_env
def goal_update(env: Env, goal_id: str, status: str | None, note: str) -> None:
    number = row_id(goal_id, bad_key="goals.bad_goal_id", missing_key="goals.no_goal")
    parsed = parse_status(status) if status is not None else None
    updated = env.store.update_goal(number, status=parsed, text=note)
    echo(env.t("goals.goal_updated", id=updated.id, text=updated.text, status=status_name(env, updated.status)))
