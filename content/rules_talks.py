"""The conversation rules: one-to-ones (tip 2), short talks without an agenda, and the pulse.

* ``one_to_one``: no one-to-one for longer than the person's one-to-one rhythm (0: off). Its
  own clock, apart from "any contact" (``no_contact``) and "in person" (``not_seen``); a phone
  call marked as a one-to-one counts.
* ``pulse_falling``: how the person seemed has fallen over the last months and is now okay
  or below; rooted in the expectation "look after those who struggle" (source 004).
* ``check_in``: the short talk (source 003: 7–9 minutes, one to three people, one question:
  "how are you?"). Once a day, team-wide, for people with no other prompt today: first those
  whose last contacts were all about problems, then those longest without contact. Never
  the same person two days running: on a given day only people whose id has the day's
  parity are eligible, so yesterday's and today's picks are disjoint whatever the facts.

The engine calls ``one_to_one`` and ``pulse_falling`` only while the person is not away;
their clocks skip the days away (``facts.running_days``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from statistics import fmean

from naervaer.content import phrasing as say
from naervaer.content.engine_facts import PROBLEM_TAGS, PersonFacts, Pulse
from naervaer.content.facts import running_days
from naervaer.content.rules import Context, Prompt, clock_start, make, rhythm_rank
from naervaer.content.text import collate

# a falling pulse: at least this many in the window, the newest two lower than the ones
# before by at least FALL on average, the newest no better than the one before, and at
# most LOW (okay): a slip from "very good" to "good" is no hard time
PULSE_MIN = 3
FALL = 1.0
LOW = 3
# the short talk looks at this many newest contacts for "all about problems"
CHECK_IN_LOOKBACK = 2
# and leaves alone anyone heard from more recently than this (days)
CHECK_IN_QUIET_DAYS = 5


def one_to_one(ctx: Context, pf: PersonFacts) -> Iterator[Prompt]:
    p = pf.person
    target = p.one_to_one_days
    if target <= 0:
        return
    last = pf.last_one_to_one
    since = last if last is not None else clock_start(pf)
    days = running_days(pf.away, since, ctx.today) if since is not None else None
    if days is not None and days <= target:
        return
    t = ctx.t
    if last is not None:
        reason = t("prompts.one_to_one.reason", date=say.day(last, t, ctx.today), days=days, target=target)
    elif since is not None:
        reason = t("prompts.one_to_one.reason_never", date=say.day(since, t, ctx.today), days=days,
                   target=target)
    else:
        reason = t("prompts.one_to_one.reason_unknown", target=target)
    priority, group = rhythm_rank("one_to_one", days, target, 390) if days is not None else (390, "")
    yield make(ctx, pf, "one_to_one", f"one_to_one:p{p.id}:since{last or 'never'}", "2",
               priority, reason, group=group, clock_days=days)


def is_falling(pulses: Iterable[Pulse]) -> bool:
    values = [p.value for p in sorted(pulses, key=lambda p: p.key)]
    if len(values) < PULSE_MIN:
        return False
    recent, earlier = values[-2:], values[:-2]
    return fmean(earlier) - fmean(recent) >= FALL and recent[-1] <= recent[0] and recent[-1] <= LOW


def pulse_falling(ctx: Context, pf: PersonFacts) -> Iterator[Prompt]:
    if not is_falling(pf.pulses):
        return
    t = ctx.t
    ordered = sorted(pf.pulses, key=lambda p: p.key)
    newest = ordered[-1]
    words = " → ".join(t(f"vocab.pulse_{p.value}") for p in ordered[-3:])
    reason = t("prompts.pulse_falling.reason", name=pf.person.name, trend=words,
               date=say.day(newest.date, t, ctx.today))
    yield make(ctx, pf, "pulse_falling", f"pulse_falling:p{pf.person.id}:note{newest.note_id}",
               "care_hard_times", 640, reason)


def check_ins(ctx: Context, people: Iterable[PersonFacts], prompted: set[int]) -> Iterator[Prompt]:
    """Today's short talks: up to ``check_in_people`` people (see the module docstring)."""
    wanted = ctx.settings.check_in_people
    if wanted <= 0:
        return
    today = ctx.today
    parity = today.toordinal() % 2
    pool = []
    for pf in people:
        p = pf.person
        if p.archived or p.id in prompted or p.id % 2 != parity:
            continue
        if any(a.covers(today) for a in pf.away) or (p.started is not None and p.started > today):
            continue
        last = pf.last_contact
        if last is None:  # never heard from: the rhythm prompts speak for them
            continue
        quiet = running_days(pf.away, last.date, today)
        latest = sorted(pf.recent_contacts, key=lambda c: c.key, reverse=True)[:CHECK_IN_LOOKBACK]
        work = len(latest) == CHECK_IN_LOOKBACK and all(
            PROBLEM_TAGS & set(c.tags) and "informal" not in c.tags for c in latest)
        if not work and quiet < CHECK_IN_QUIET_DAYS:
            continue
        pool.append((not work, -quiet, collate(p.name), p.id, pf, work, last))
    pool.sort(key=lambda entry: entry[:4])
    t = ctx.t
    for _, _, _, _, pf, work, last in pool[:wanted]:
        spoke = say.last_contact(last.date, last.channel, today, t)
        key = "prompts.check_in.reason_problems" if work else "prompts.check_in.reason_quiet"
        reason = t(key, count=CHECK_IN_LOOKBACK, spoke=spoke)
        yield make(ctx, pf, "check_in", f"check_in:p{pf.person.id}:{today}", "call_without_reason",
                   310, reason, group="check_in")
