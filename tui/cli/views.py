"""``naervaer team`` and ``naervaer seen``: the dashboard and the monthly checklist for scripts.

They print what the Team and Month screens show, from the same use cases
(``storage.usecases.team``, ``.month``); the JSON documents are ``content.formats.documents``.
"""

from __future__ import annotations

from datetime import date

import click

from naervaer.content.datefmt import month_year
from naervaer.content.humanize import channel_name, days_ago, occasion_text
from naervaer.content.i18n import Translator
from naervaer.content.views import TeamRow
from naervaer.storage.usecases.month import month_view, parse_month
from naervaer.storage.usecases.team import team_view
from naervaer.tui.cli.env import Env
from naervaer.tui.cli.helptext import HelpCommand
from naervaer.tui.cli.output import echo, echo_json, table

pass_env = click.make_pass_decorator(Env)
FORMAT = click.Choice(["text", "json"])


@click.command(cls=HelpCommand)
@click.option("--site")
@click.option("--format", "fmt", type=FORMAT, default="text", show_default=True)
@pass_env
def team(env: Env, site: str | None, fmt: str) -> None:
    rows = team_view(env.store, env.today, site=site)
    if fmt == "json":
        from naervaer.content.formats.documents import team_doc

        echo_json(team_doc(env.today, rows))
        return
    t = env.t
    if not rows:
        echo(t("cli.no_people"))
        return
    header = [t(f"views.col_{c}") for c in ("name", "site", "in_person", "contact", "one_to_one", "month", "next",
                                             "promises")]
    body = []
    for r in rows:
        mark = t("views.mark_away") if r.away_now else (t("views.mark_overdue") if r.past_target else "")
        occ = r.next_occasion
        body.append([
            f"{r.person.name} {mark}".rstrip(),
            r.person.site or "",
            f"{env.day(r.last_in_person)} ({days_ago(r.last_in_person, env.today, t)})"
            if r.last_in_person else days_ago(None, env.today, t),
            f"{days_ago(r.last_contact, env.today, t)}, {channel_name(r.last_contact_channel, t)}"
            if r.last_contact else t("views.never"),
            one_to_one_text(r, env.today, t),
            t("views.yes") if r.seen_this_month else t("views.no"),
            f"{env.day(occ.day)} {occasion_text(t, occ.kind, occ.label, occ.years)}" if occ else "",
            (str(r.open_promises) + (f" ({t('views.overdue_n', n=r.overdue_promises)})" if r.overdue_promises else ""))
            if r.open_promises else "",
        ])
    echo(table(header, body))


def one_to_one_text(r: TeamRow, today: date, t: Translator) -> str:
    """The last one-to-one's date and age, marked when past the rhythm (or the rhythm is off)."""
    if r.person.one_to_one_days <= 0:
        return t("views.one_to_one_off")
    shown = f"{r.last_one_to_one.isoformat()} ({days_ago(r.last_one_to_one, today, t)})" if r.last_one_to_one else "—"
    return f"{shown} {t('views.mark_overdue')}" if r.past_one_to_one else shown


@click.command(cls=HelpCommand)
@click.option("--month")
@click.option("--sign-off", is_flag=True)
@click.option("--format", "fmt", type=FORMAT, default="text", show_default=True)
@pass_env
def seen(env: Env, month: str | None, sign_off: bool, fmt: str) -> None:
    year, mon = parse_month(month, env.today)
    check = month_view(env.store, year, mon, env.today, sign_off=sign_off)
    if fmt == "json":
        from naervaer.content.formats.documents import checklist_doc

        echo_json(checklist_doc(check))
        return
    t = env.t
    echo(t("views.month_title", month=month_year(check.year, check.month, t), seen=check.seen, total=check.total))
    echo(t("views.signed_off", date=env.day(check.signed_off)) if check.signed_off else t("views.not_signed_off"))
    for site, entries in check.sites:
        echo("")
        echo(site or t("views.no_site"))
        for e in entries:
            if e.away_all_month:
                state = t("views.away_month")
            elif e.seen_on:
                state = t("views.seen_on", date=env.day(e.seen_on))
            else:
                state = t("views.not_seen")
            box = "✓" if e.seen_on else ("–" if e.away_all_month else "✗")
            carried = f"  ({t('views.carried_over')})" if e.carried_over and not e.seen_on else ""
            echo(f"  {box} {e.person.name}: {state}{carried}")
