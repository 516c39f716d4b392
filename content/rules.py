"""One function per prompt kind: the situation that triggers it, its id, priority and text.

Each rule reads one person's facts (or the team's, for the digest) and returns zero or more
``Prompt``s; ``engine.build_prompts`` combines them, resolves overlaps and ranks. Priority
bands keep kinds in a sensible order while letting urgency rise within a band:

  after_fire 900+  misunderstanding 850+  promise_due 700+  welcome_back 650
  milestone today 620, tomorrow 610
  not_seen / no_contact long out of rhythm (twice the rhythm or more) 590–599
  milestone in 2–7 days 583–588  new_person 500+  not_seen 400+  no_contact 380+
  only_problems 300  goal_review 260–290  unrecognized 250+  no_goal 230  success_digest 200
  tip_of_the_day 0

A prompt's ``group`` names the prompts it may be shown together with on Today (the same
kind, and for the rhythm kinds the same band); ``days`` is how long its clock has run.

Ids are built from the facts that define the situation (note, promise, period, the date a
clock started), so the same situation keeps its id day after day and a new fact makes a
new id (a done prompt then comes back only when something changed).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from naervaer.content import phrasing as say
from naervaer.content.engine_facts import PersonFacts
from naervaer.content.facts import known_since
from naervaer.content.i18n import Translator
from naervaer.content.occasions import occasions
from naervaer.content.settings import EngineSettings
from naervaer.content.text import one_line


@dataclass(frozen=True, slots=True)
class Prompt:
    id: str
    kind: str
    person_id: int | None
    person: str | None
    site: str | None
    tip: str
    priority: int
    title: str
    reason: str
    group: str = ""  # "" never grouped
    days: int | None = None


@dataclass(frozen=True, slots=True)
class Context:
    today: date
    settings: EngineSettings
    t: Translator


def make(ctx: Context, pf: PersonFacts | None, kind: str, pid: str, tip: str,
         priority: int, reason: str, title_key: str | None = None, group: str = "",
         clock_days: int | None = None, **params: object) -> Prompt:
    person = pf.person if pf else None
    key = title_key or f"prompts.{kind}.title"
    title = ctx.t(key, name=person.name if person else "", **params)
    return Prompt(
        id=pid, kind=kind, person_id=person.id if person else None,
        person=person.name if person else None, site=person.site if person else None,
        tip=tip, priority=priority, title=title, reason=reason, group=group, days=clock_days,
    )


def capped(value: int, cap: int = 99) -> int:
    return max(0, min(value, cap))


LONG_FACTOR = 2  # this many rhythms without a meeting (or contact) is "long out of rhythm"


def rhythm_rank(kind: str, days: int, target: int, base: int) -> tuple[int, str]:
    """(priority, group) of a rhythm prompt: long out of rhythm rises above the dates coming up
    later this week (a 145-day gap outranks an anniversary in five days)."""
    if days >= LONG_FACTOR * max(target, 1):
        return 590 + capped(days // max(target, 1) - LONG_FACTOR, 9), f"{kind}:long"
    return base + capped(days - target), kind


# -- clocks ---------------------------------------------------------------------------


def clock_start(pf: PersonFacts) -> date | None:
    """Where a person's clocks start when nothing happened yet: since they were known."""
    return known_since(pf.person, pf.first_note)


# -- rules that speak even while someone is away --------------------------------------


def after_fire(ctx: Context, pf: PersonFacts) -> Iterator[Prompt]:
    """The newest due step of each fire's ladder, unless a contact on or after its day closed it
    (a contact closing a later step closes the earlier ones too)."""
    last = pf.last_contact
    for fire in pf.fires:
        due_steps = [s for s in ctx.settings.fire_steps if fire.date + timedelta(days=s) <= ctx.today]
        if not due_steps:
            continue
        step = due_steps[-1]
        due = fire.date + timedelta(days=step)
        if last is not None and last.date >= due:
            continue
        overdue = (ctx.today - due).days
        named = f"prompts.after_fire.step_{step}"
        label = ctx.t(named if step in (1, 7, 30) else "prompts.after_fire.step_other", days=step)
        # a contact after the fire that came before this step's day: say so, never "no contact"
        since = last is not None and last.key > (fire.date, fire.note_id)
        spoke = say.last_contact(last.date, last.channel, ctx.today, ctx.t) if since and last else ""
        reason = ctx.t("prompts.after_fire.reason_since" if since else "prompts.after_fire.reason",
                       date=say.day(fire.date, ctx.t, ctx.today), ago=say.ago(fire.date, ctx.today, ctx.t),
                       step=label, due=say.ago(due, ctx.today, ctx.t), spoke=spoke)
        yield make(ctx, pf, "after_fire", f"after_fire:note{fire.note_id}:step{step}", "4",
                   900 + capped(overdue), reason)


def misunderstanding(ctx: Context, pf: PersonFacts) -> Iterator[Prompt]:
    """The newest misunderstanding with no contact after it (one follow-up answers all)."""
    last = pf.last_contact
    window = ctx.settings.misunderstanding_days
    open_ = [
        m for m in pf.misunderstandings
        if (ctx.today - m.date).days <= window and (last is None or last.key <= (m.date, m.note_id))
    ]
    if not open_:
        return
    m = max(open_, key=lambda m: (m.date, m.note_id))
    reason = ctx.t("prompts.misunderstanding.reason", date=say.day(m.date, ctx.t, ctx.today),
                   ago=say.ago(m.date, ctx.today, ctx.t))
    yield make(ctx, pf, "misunderstanding", f"misunderstanding:note{m.note_id}", "8",
                850 + capped((ctx.today - m.date).days, 49), reason)


def promise_due(ctx: Context, pf: PersonFacts) -> Iterator[Prompt]:
    for p in pf.open_promises:
        if p.due is None or p.due > ctx.today or p.done is not None:
            continue
        overdue = (ctx.today - p.due).days
        key = "prompts.promise_due.reason_today" if overdue == 0 else "prompts.promise_due.reason"
        reason = ctx.t(key, text=one_line(p.text, 80), due=say.day(p.due, ctx.t, ctx.today),
                       ago=say.ago(p.due, ctx.today, ctx.t))
        yield make(ctx, pf, "promise_due", f"promise_due:promise{p.id}:due{p.due}",
                    "keep_promises", 700 + capped(overdue), reason)


def milestones(pf: PersonFacts, today: date, within_days: int) -> Iterator[tuple[date, str, str, dict]]:
    """(day, id part, what-key, params) for each occasion from today to ``within_days`` ahead."""
    for o in occasions(pf.person, pf.personal_dates, today, within_days):
        if o.kind == "birthday":
            yield (o.day, "birthday", "birthday_age", {"age": o.years}) if o.years else (o.day, "birthday", "birthday", {})
        elif o.kind == "anniversary":
            yield o.day, "anniversary", "anniversary", {"years": o.years}
        else:
            yield o.day, f"date{o.source_id}", "personal", {"label": one_line(o.label, 60)}


def milestone(ctx: Context, pf: PersonFacts) -> Iterator[Prompt]:
    last = pf.last_contact
    spoke = say.last_contact(last.date if last else None, last.channel if last else None,
                             ctx.today, ctx.t)
    for when, part, what_key, params in milestones(pf, ctx.today, ctx.settings.milestone_days):
        ahead = (when - ctx.today).days
        what = ctx.t(f"prompts.milestone.{what_key}", **params)
        reason = ctx.t("prompts.milestone.reason", what=what, date=say.day(when, ctx.t, ctx.today),
                       when=say.ago(when, ctx.today, ctx.t), spoke=spoke)
        yield make(ctx, pf, "milestone", f"milestone:p{pf.person.id}:{part}:{when}", "3",
                    {0: 620, 1: 610}.get(ahead, 590 - ahead), reason, what=what,
                    when=say.ago(when, ctx.today, ctx.t))


def welcome_back(ctx: Context, pf: PersonFacts) -> Iterator[Prompt]:
    """The latest leave that ended in the window (or ends today or tomorrow), no contact since."""
    last = pf.last_contact
    window = ctx.settings.welcome_back_days
    ended = [
        a for a in pf.away
        if a.end is not None and -1 <= (ctx.today - a.end).days <= window
        and (last is None or last.date <= a.end)
    ]
    if not ended:
        return
    a = max(ended, key=lambda a: (a.end, a.id))
    label = one_line(a.label, 40) if a.label.strip() else ctx.t("prompts.welcome_back.no_label")
    back = a.end + timedelta(days=1)
    key = "prompts.welcome_back.reason_ahead" if back >= ctx.today else "prompts.welcome_back.reason"
    reason = ctx.t(key, label=label, date=say.day(back, ctx.t, ctx.today),
                   back=say.ago(back, ctx.today, ctx.t))
    yield make(ctx, pf, "welcome_back", f"welcome_back:away{a.id}:end{a.end}", "welcome_back",
                650, reason)
