"""``naervaer person …``, ``naervaer date add/list/delete`` and ``naervaer away``: the people and their dates."""

from __future__ import annotations

from typing import Any

import click

from naervaer.content import datefmt
from naervaer.content.errors import InputError, first_refusal
from naervaer.content.facts import Birthday, Person, PersonalDate
from naervaer.content.person_draft import person_draft
from naervaer.tui.cli.env import Env
from naervaer.tui.cli.helptext import HelpCommand, HelpGroup
from naervaer.tui.cli.output import echo, echo_data, echo_json, table, to_csv

pass_env = click.make_pass_decorator(Env)
FORMATS = click.Choice(["text", "json", "csv"])
CSV_COLUMNS = ["id", "name", "site", "team", "role", "prefers", "birthday", "started",
               "in_person_days", "contact_days", "one_to_one_days", "archived", "email", "phone"]


def person_options(func):
    """The options ``person add`` and ``person edit`` share."""
    for opt in reversed([
        click.option("--site"),
        click.option("--team"),
        click.option("--role"),
        click.option("--birthday"),
        click.option("--started"),
        click.option("--prefers"),
        click.option("--email"),
        click.option("--phone"),
        click.option("--in-person-days", type=click.IntRange(1, 3650)),
        click.option("--contact-days", type=click.IntRange(1, 3650)),
        click.option("--one-to-one-days", type=click.IntRange(0, 3650)),
    ]):
        func = opt(func)
    return func


# the order the options were always read in: the first that cannot be read is said
DRAFT_OPTIONS = ("site", "team", "role", "birthday", "started", "prefers", "in_person_days", "contact_days",
                 "one_to_one_days", "email", "phone")


def _fields(env: Env, opts: dict[str, Any]) -> dict[str, Any]:
    """The given options read by the person draft; an empty string clears a field."""
    typed = {key: str(opts[key]) for key in DRAFT_OPTIONS if opts.get(key) is not None}
    return first_refusal(*person_draft(typed, env.today))


def person_json(p: Person) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "site": p.site,
        "team": p.team,
        "role": p.role,
        "prefers": p.prefers,
        "birthday": (
            {"day": p.birthday.day, "month": p.birthday.month, "year": p.birthday.year}
            if p.birthday else None
        ),
        "started": p.started.isoformat() if p.started else None,
        "in_person_days": p.in_person_days,
        "contact_days": p.contact_days,
        "one_to_one_days": p.one_to_one_days,
        "archived": p.archived,
        "email": p.email,
        "phone": p.phone,
    }


def birthday_text(b: Birthday | None) -> str:
    if b is None:
        return ""
    return f"{b.day}/{b.month}" + (f"/{b.year}" if b.year else "")


@click.group(cls=HelpGroup)
def person() -> None:
    pass


@person.command("add")
@click.argument("name")
@person_options
@pass_env
def person_add(env: Env, name: str, **opts: Any) -> None:
    fields = _fields(env, opts)
    added = env.store.add_person(name, **fields)
    echo(env.t("cli.person_added", name=added.name, site=added.site or "—"))


@person.command("edit")
@click.argument("name")
@person_options
@click.option("--rename")
@click.option("--archive", "archive", flag_value=True, default=None)
@click.option("--unarchive", "archive", flag_value=False)
@pass_env
def person_edit(env: Env, name: str, rename: str | None, archive: bool | None, **opts: Any) -> None:
    fields = _fields(env, opts)
    # a rename or an (un)archive changes who someone is: given a prefix it could hit the next
    # person down the list, so those resolve exactly; a site or a target may use a prefix
    find = env.store.find_person_exactly if rename is not None or archive is not None else env.store.find_person
    found = find(name, include_archived=archive is False)
    if rename is not None:
        fields["name"] = rename
    if archive is not None:
        fields["archived"] = archive
    if not fields:
        raise InputError("cli.nothing_to_change")
    updated = env.store.update_person(found.id, **fields)
    echo(env.t("cli.person_updated", name=updated.name))


@person.command("list")
@click.option("--site")
@click.option("--all", "include_archived", is_flag=True)
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
@pass_env
def person_list(env: Env, site: str | None, include_archived: bool, fmt: str) -> None:
    people = env.store.people(include_archived=include_archived)
    if site is not None:
        from naervaer.content.text import find_all

        sites = set(find_all(site, sorted({p.site for p in people if p.site}), key=str))
        if not sites:
            raise InputError("cli.no_site", site=site)
        people = [p for p in people if p.site in sites]
    if fmt == "json":
        echo_json([person_json(p) for p in people])
        return
    t = env.t
    header = [t(f"cli.col_{c}") for c in ("id", "name", "site", "team", "role", "prefers", "birthday", "started", "targets")]
    body = [
        [
            f"#{p.id}",  # what forget, export person and person edit take instead of the name
            p.name + (" " + t("cli.archived_mark") if p.archived else ""),
            p.site or "", p.team or "", p.role or "",
            t(f"vocab.channel_{p.prefers}") if p.prefers else "",
            datefmt.birthday(p.birthday.day, p.birthday.month, p.birthday.year, t) if p.birthday else "",
            env.day(p.started) if p.started else "",
            f"{p.in_person_days}/{p.contact_days}/{p.one_to_one_days}",
        ]
        for p in people
    ]
    if fmt == "csv":
        records = [person_json(p) | {"birthday": birthday_text(p.birthday)} for p in people]
        echo_data(to_csv(CSV_COLUMNS, [list(r.values()) for r in records]))
        return
    echo(table(header, body) if people else t("cli.no_people"))


@click.group("date", cls=HelpGroup)
def date_group() -> None:
    pass


@date_group.command("add")
@click.argument("name")
@click.argument("when")
@click.argument("label")
@click.option("--yearly", is_flag=True)
@pass_env
def date_add(env: Env, name: str, when: str, label: str, yearly: bool) -> None:
    from datetime import date

    from naervaer.content.when import parse_any_date, parse_birthday

    found = env.store.find_person(name)
    if yearly:
        day, month, year = parse_birthday(when)
        # a yearly date needs no year; a 29 February one is kept in a leap year
        when_date = date(year or (2000 if (day, month) == (29, 2) else env.today.year), month, day)
    else:
        when_date = parse_any_date(when, env.today)
    added = env.store.add_personal_date(found.id, when_date, label, yearly)
    key = "cli.date_added_yearly" if yearly else "cli.date_added"
    echo(env.t(key, name=found.name, date=personal_day(env, added), label=added.label))


@date_group.command("list")
@click.argument("name")
@pass_env
def date_list(env: Env, name: str) -> None:
    found = env.store.find_person(name, include_archived=True)
    dates = env.store.personal_dates(found.id)
    t = env.t
    if not dates:
        echo(t("cli.no_dates", name=found.name))
        return
    header = [t("cli.col_id"), t("cli.col_date"), t("cli.col_label"), t("cli.col_yearly")]
    body = [[str(d.id), personal_day(env, d),
             d.label, t("cli.yearly_yes") if d.yearly else ""] for d in dates]
    echo(table(header, body))


@date_group.command("delete")
@click.argument("date_id", metavar="ID", type=int)
@pass_env
def date_delete(env: Env, date_id: int) -> None:
    gone = env.store.delete_personal_date(date_id)
    name = env.store.person(gone.person_id).name
    echo(env.t("cli.date_deleted", name=name, label=gone.label, date=personal_day(env, gone)))


def personal_day(env: Env, d: PersonalDate) -> str:
    """A yearly date without its year ("12. jun."), a one-off with it where it is not this year."""
    return datefmt.day_month(d.date, env.t) if d.yearly else env.day(d.date)


@click.command(cls=HelpCommand)
@click.argument("name")
@click.option("--from", "start")
@click.option("--to", "end")
@click.option("--label", default="")
@click.option("--end", "end_now", is_flag=False, flag_value="today", default=None)
@pass_env
def away(env: Env, name: str, start: str | None, end: str | None, label: str, end_now: str | None) -> None:
    from naervaer.content.when import parse_any_date, parse_end_date

    found = env.store.find_person(name)
    if end_now is not None:
        if start or end:
            raise InputError("cli.away_end_alone")
        closed = env.store.end_away(found.id, parse_any_date(end_now, env.today))
        echo(env.t("cli.away_ended", name=found.name, date=env.day(closed.end)))
        return
    if start is None:
        raise InputError("cli.away_needs_from")
    first = parse_any_date(start, env.today)
    added = env.store.start_away(found.id, first, parse_end_date(end, first, env.today) if end else None, label)
    echo(env.t("cli.away_added", name=found.name, start=env.day(added.start),
               end=env.day(added.end) if added.end else "…", label=added.label or "—"))
