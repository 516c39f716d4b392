"""``naervaer sites``, ``meeting``, ``site`` and ``survey``: the team across its sites.

The Sites view is ``storage.usecases.sites.sites_view`` (the Sites screen shows the same);
writes are ``storage.sites``. A site is typed as on the Team view: part of its name is enough.
"""

from __future__ import annotations

import click

from naervaer.content.datefmt import short_day
from naervaer.content.errors import InputError
from naervaer.content.rules_team import SiteRow, add_months
from naervaer.storage import sites as site_data
from naervaer.tui.cli.env import Env
from naervaer.tui.cli.helptext import HelpCommand, HelpGroup
from naervaer.tui.cli.output import echo, echo_json, table

pass_env = click.make_pass_decorator(Env)
FORMAT = click.Choice(["text", "json"])


def _day(text: str | None, env: Env):  # noqa: ANN202 (a date)
    from naervaer.content.when import parse_when

    return parse_when(text, env.today) if text else env.today


# -- sites ----------------------------------------------------------------------------


def share_cell(env: Env, row: SiteRow, mean: float, *, month: bool) -> str:
    """A share as a fraction, a symbol and a word where it lags (never colour alone)."""
    t = env.t
    share = row.share_month if month else row.share_three
    mark = _mark(env, share, mean)
    if month:
        return t("sites.view.share", seen=row.seen_this_month, people=row.people, mark=mark,
                 percent=round(share * 100))
    return t("sites.view.percent", mark=mark, percent=round(share * 100))


def _mark(env: Env, share: float, mean: float) -> str:
    if mean and share < mean * 0.85:
        return env.t("sites.view.mark_low")
    if mean and share > mean * 1.15:
        return env.t("sites.view.mark_high")
    return env.t("sites.view.mark_ok")


@click.command(cls=HelpCommand)
@click.option("--format", "fmt", type=FORMAT, default="text", show_default=True)
@pass_env
def sites(env: Env, fmt: str) -> None:
    from naervaer.storage.usecases.sites import sites_view

    view = sites_view(env.store, env.today, env.t)
    if fmt == "json":
        from naervaer.content.formats.documents import sites_doc

        echo_json(sites_doc(view))
        return
    t = env.t
    if not view.rows:
        echo(t("sites.view.none"))
        return
    echo(t("sites.view.title", date=short_day(env.today, t)))
    if view.sentence:
        echo(view.sentence)
    month_mean = sum(r.share_month for r in view.rows) / len(view.rows)
    header = [t(f"sites.view.col_{c}") for c in ("site", "people", "month", "three", "days", "promises",
                                                 "meeting", "visit")]
    body = []
    for r in view.rows:
        name = r.name + (f" ({t('sites.view.in_change')})" if r.change else "")
        visit = r.days_since_visit(env.today)
        body.append([
            name, str(r.people), share_cell(env, r, month_mean, month=True),
            share_cell(env, r, view.average_three, month=False),
            t("sites.view.days", days=r.average_days) if r.average_days is not None else t("sites.view.never"),
            str(r.open_promises) + (f" ({t('sites.view.overdue', count=r.overdue_promises)})"
                                    if r.overdue_promises else ""),
            r.last_meeting.isoformat() if r.last_meeting else t("sites.view.never"),
            t("sites.view.days", days=visit) if visit is not None else t("sites.view.never"),
        ])
    echo(table(header, body))
    notes = []
    for r in view.rows:
        parts = [t("sites.view.helper", helper=r.helper)] if r.helper else []
        if r.change is not None and r.change.change is not None:
            end = r.change.change.end
            parts.append(t("sites.view.in_change_until", date=end.isoformat()) if end else t("sites.view.in_change"))
        if parts:
            notes.append(f"{r.name}: " + " · ".join(parts))
    if notes:
        echo("")
        echo("\n".join(notes))


# -- meeting --------------------------------------------------------------------------


@click.group(cls=HelpGroup)
def meeting() -> None:
    pass


@meeting.command("add")
@click.argument("site")
@click.option("--date", "when")
@click.option("--with", "names", multiple=True)
@pass_env
def meeting_add(env: Env, site: str, when: str | None, names: tuple[str, ...]) -> None:
    store = env.store
    name = site_data.site_name(store, site)
    day = _day(when, env)
    people = [store.find_person(n).id for n in names]
    held = site_data.add_meeting(store, name, day, people)
    echo(env.t.plural("sites.meeting.added", len(held.people), date=held.date.isoformat(), site=held.site))


@meeting.command("list")
@click.option("--format", "fmt", type=FORMAT, default="text", show_default=True)
@pass_env
def meeting_list(env: Env, fmt: str) -> None:
    found = site_data.meetings(env.store)
    names = env.store.names()
    if fmt == "json":
        from naervaer.content.formats.documents import meetings_doc

        echo_json(meetings_doc(found, names))
        return
    t = env.t
    if not found:
        echo(t("sites.meeting.none"))
        return
    header = [t("sites.meeting.col_date"), t("sites.meeting.col_site"), t("sites.meeting.col_came")]
    echo(table(header, [[m.date.isoformat(), m.site, ", ".join(names.get(p, "?") for p in m.people)]
                        for m in found]))


# -- site -----------------------------------------------------------------------------


@click.group(cls=HelpGroup)
def site() -> None:
    pass


@site.command("helper")
@click.argument("site_typed", metavar="SITE")
@click.argument("name", required=False)
@click.option("--outside", is_flag=True)
@click.option("--clear", is_flag=True)
@pass_env
def site_helper(env: Env, site_typed: str, name: str | None, outside: bool, clear: bool) -> None:
    store = env.store
    where = site_data.site_name(store, site_typed)
    if clear or not name:
        if not clear:
            raise InputError("sites.helper.empty")
        site_data.set_helper(store, where)
        echo(env.t("sites.helper.cleared", site=where))
        return
    if outside:
        site_data.set_helper(store, where, name=name)
        echo(env.t("sites.helper.set_outside", site=where, helper=name.strip()))
        return
    person = store.find_person(name)
    site_data.set_helper(store, where, person_id=person.id)
    echo(env.t("sites.helper.set", site=where, helper=person.name))


@site.command("change")
@click.argument("site_typed", metavar="SITE", required=False)
@click.option("--person", "person_typed")
@click.option("--from", "start")
@click.option("--to", "end")
@click.option("--end", "end_now", is_flag=False, flag_value="today", default=None)
@pass_env
def site_change(env: Env, site_typed: str | None, person_typed: str | None, start: str | None,
                end: str | None, end_now: str | None) -> None:
    from naervaer.content.when import parse_any_date, parse_end_date

    store = env.store
    if (site_typed is None) == (person_typed is None):
        raise InputError("sites.change.site_or_person")
    person = store.find_person(person_typed) if person_typed is not None else None
    where = person.name if person is not None else site_data.site_name(store, site_typed or "")
    t = env.t
    if end_now is not None:
        if start or end:
            raise InputError("sites.change.end_alone")
        day = parse_any_date(end_now, env.today)
        ended = (site_data.end_person_change(store, person.id, day) if person is not None
                 else site_data.end_change(store, where, day))
        echo(t("sites.change.ended", site=where, date=day.isoformat()) if ended else t("sites.change.none", site=where))
        return
    if start is None:
        raise InputError("sites.change.needs_from")
    first = parse_any_date(start, env.today)
    last = parse_end_date(end, first, env.today) if end else None
    if person is not None:
        site_data.set_person_change(store, person.id, first, last)
    else:
        site_data.set_change(store, where, first, last)
    if last is None:
        echo(t("sites.change.set_open", site=where, start=first.isoformat()))
    else:
        echo(t("sites.change.set", site=where, start=first.isoformat(), end=last.isoformat()))


# -- survey ---------------------------------------------------------------------------


@click.group(cls=HelpGroup, invoke_without_command=True)
@click.pass_context
def survey(ctx: click.Context) -> None:
    if ctx.invoked_subcommand is None:
        env = ctx.find_object(Env)
        _say_last(env)


def _say_last(env: Env) -> None:
    from naervaer.storage.facts import engine_settings

    last = site_data.last_survey(env.store)
    if last is None:
        echo(env.t("sites.survey.never"))
        return
    months = engine_settings(env.store).survey_months
    echo(env.t("sites.survey.last", date=last.isoformat(), next=add_months(last, months).isoformat()))


@survey.command("done")
@click.option("--date", "when")
@pass_env
def survey_done(env: Env, when: str | None) -> None:
    from naervaer.storage.facts import engine_settings

    day = _day(when, env)
    site_data.record_survey(env.store, day)
    months = engine_settings(env.store).survey_months
    echo(env.t("sites.survey.done", date=day.isoformat(), next=add_months(day, months).isoformat()))


@survey.command("guide")
@pass_env
def survey_guide(env: Env) -> None:
    from naervaer.content.coaching import Coaching

    guide = Coaching(env.t).principle("wellbeing_survey")
    echo(guide.title)
    echo("")
    echo(guide.explanation)
