"""``naervaer team`` and ``naervaer seen``: the dashboard and the monthly checklist for scripts.

They print what the Team and Month screens show, from the same ``storage.views`` queries.
"""

from __future__ import annotations

import re
from typing import Any

import click

from naervaer.content.errors import InputError
from naervaer.content.humanize import channel_name, days_ago, occasion_text
from naervaer.content.views import MonthChecklist, TeamRow
from naervaer.storage import views
from naervaer.tui.cli.env import Env
from naervaer.tui.cli.helptext import HelpCommand
from naervaer.tui.cli.output import echo, echo_json, table

pass_env = click.make_pass_decorator(Env)
FORMAT = click.Choice(["text", "json"])


def _iso(day: Any) -> str | None:
    return day.isoformat() if day else None


def row_json(row: TeamRow) -> dict[str, Any]:
    occ = row.next_occasion
    return {
        "person": row.person.name,
        "person_id": row.person.id,
        "site": row.person.site,
        "team": row.person.team,
        "last_in_person": _iso(row.last_in_person),
        "days_unseen": row.days_unseen,
        "in_person_days": row.person.in_person_days,
        "past_target": row.past_target,
        "last_contact": _iso(row.last_contact),
        "last_contact_channel": row.last_contact_channel,
        "seen_this_month": _iso(row.seen_this_month),
        "next_occasion": (
            {"date": occ.day.isoformat(), "kind": occ.kind, "label": occ.label, "years": occ.years}
            if occ else None
        ),
        "open_promises": row.open_promises,
        "overdue_promises": row.overdue_promises,
        "away": row.away_now,
    }


@click.command(cls=HelpCommand)
@click.option("--site")
@click.option("--format", "fmt", type=FORMAT, default="text", show_default=True)
@pass_env
def team(env: Env, site: str | None, fmt: str) -> None:
    chosen = resolve_site(env, site) if site else None
    rows = views.team_rows(env.store, env.today, site=chosen)
    if fmt == "json":
        echo_json({"date": env.today.isoformat(), "people": [row_json(r) for r in rows]})
        return
    t = env.t
    if not rows:
        echo(t("cli.no_people"))
        return
    header = [t(f"views.col_{c}") for c in ("name", "site", "in_person", "contact", "month", "next", "promises")]
    body = []
    for r in rows:
        mark = t("views.mark_away") if r.away_now else (t("views.mark_overdue") if r.past_target else "")
        occ = r.next_occasion
        body.append([
            f"{r.person.name} {mark}".rstrip(),
            r.person.site or "",
            f"{_iso(r.last_in_person) or '—'} ({days_ago(r.last_in_person, env.today, t)})",
            f"{days_ago(r.last_contact, env.today, t)}, {channel_name(r.last_contact_channel, t)}"
            if r.last_contact else t("views.never"),
            t("views.yes") if r.seen_this_month else t("views.no"),
            f"{occ.day.strftime('%d/%m')} {occasion_text(t, occ.kind, occ.label, occ.years)}" if occ else "",
            (str(r.open_promises) + (f" ({t('views.overdue_n', n=r.overdue_promises)})" if r.overdue_promises else ""))
            if r.open_promises else "",
        ])
    echo(table(header, body))


def resolve_site(env: Env, query: str) -> str:
    from naervaer.content.text import find_one

    return find_one(query, env.store.sites(), key=str)


def parse_month(env: Env, text: str | None) -> tuple[int, int]:
    if text is None:
        return env.today.year, env.today.month
    found = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text)
    if not found or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 1900:
        raise InputError("views.bad_month", value=text)
    year, month = int(found.group(1)), int(found.group(2))
    if (year, month) > (env.today.year, env.today.month):
        raise InputError("views.future_month", month=f"{year:04d}-{month:02d}")
    return year, month


def checklist_json(check: MonthChecklist) -> dict[str, Any]:
    return {
        "month": check.key,
        "seen": check.seen,
        "total": check.total,
        "signed_off": _iso(check.signed_off),
        "sites": [
            {
                "site": site or None,
                "people": [
                    {
                        "person": e.person.name,
                        "person_id": e.person.id,
                        "seen_on": _iso(e.seen_on),
                        "carried_over": e.carried_over,
                        "away": e.away_all_month,
                    }
                    for e in entries
                ],
            }
            for site, entries in check.sites
        ],
    }


@click.command(cls=HelpCommand)
@click.option("--month")
@click.option("--sign-off", is_flag=True)
@click.option("--format", "fmt", type=FORMAT, default="text", show_default=True)
@pass_env
def seen(env: Env, month: str | None, sign_off: bool, fmt: str) -> None:
    year, mon = parse_month(env, month)
    if sign_off:
        views.sign_off_month(env.store, year, mon, env.today)
    check = views.month_checklist(env.store, year, mon, env.today)
    if fmt == "json":
        echo_json(checklist_json(check))
        return
    t = env.t
    echo(t("views.month_title", month=check.key, seen=check.seen, total=check.total))
    echo(t("views.signed_off", date=check.signed_off.isoformat()) if check.signed_off else t("views.not_signed_off"))
    for site, entries in check.sites:
        echo("")
        echo(site or t("views.no_site"))
        for e in entries:
            if e.away_all_month:
                state = t("views.away_month")
            elif e.seen_on:
                state = t("views.seen_on", date=e.seen_on.isoformat())
            else:
                state = t("views.not_seen")
            box = "✓" if e.seen_on else ("–" if e.away_all_month else "✗")
            carried = f"  ({t('views.carried_over')})" if e.carried_over and not e.seen_on else ""
            echo(f"  {box} {e.person.name}: {state}{carried}")
