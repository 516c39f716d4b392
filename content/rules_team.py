"""Prompts about the team across its sites, not about one person's rhythm. Pure.

* ``connect`` (tip 9): now and then (once per ``connect_days`` period), put two people at
  different sites in touch, where one's skill is the other's interest or both share an
  interest. The pick goes round the candidate pairs period by period, so a pair comes back
  only after the others had their turn and never twice within ``connect_window_days``: with
  fewer pairs than periods in the window, the periods left over stay quiet. A pair marked
  done or snoozed within the window is skipped as well (the prompt id names the pair and
  the period it was shown in).
* ``buddy_rotation`` (the buddy extra): ``buddy_months`` after the current buddy round
  started, time for a new one. No round yet: no prompt (the leader starts the scheme).

Priorities: buddy_rotation 180, connect 150 (below the success digest, above the tip).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, timedelta

from naervaer.content import phrasing as say
from naervaer.content.engine_facts import TeamFacts
from naervaer.content.rules import Context, Prompt
from naervaer.content.skills import Connection, connections

CONNECT_PRIORITY = 150
BUDDY_PRIORITY = 180


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, the day clipped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def connect_id(conn: Connection, period_start: date) -> str:
    a, b = conn.pair
    return f"connect:p{a}:p{b}:{period_start.isoformat()}"


def _recent_pairs(ctx: Context, facts: TeamFacts, period_start: date) -> set[tuple[int, int]]:
    """Pairs whose connect prompt was marked done or snoozed in an earlier period of the window."""
    since = ctx.today - timedelta(days=ctx.settings.connect_window_days)
    found: set[tuple[int, int]] = set()
    for prompt_id in facts.states:
        parts = prompt_id.split(":")
        if len(parts) != 4 or parts[0] != "connect":
            continue
        try:
            shown = date.fromisoformat(parts[3])
            pair = (int(parts[1].removeprefix("p")), int(parts[2].removeprefix("p")))
        except ValueError:
            continue
        if since <= shown < period_start:
            found.add(pair)
    return found


def connect(ctx: Context, facts: TeamFacts) -> Iterator[Prompt]:
    people = {pf.person.id: pf.person for pf in facts.people if not pf.person.archived}
    candidates = connections(facts.labels, {pid: p.site for pid, p in people.items()})
    if not candidates:
        return
    length = ctx.settings.connect_days
    period = ctx.today.toordinal() // length
    period_start = date.fromordinal(max(1, period * length))
    window = max(1, ctx.settings.connect_window_days // length)
    count = len(candidates)
    if count >= window:
        start = period % count
    elif period % window < count:
        start = period % window
    else:
        return
    skip = _recent_pairs(ctx, facts, period_start)
    pick = next((candidates[(start + i) % count] for i in range(count)
                 if candidates[(start + i) % count].pair not in skip), None)
    if pick is None:
        return
    helper, asker = people[pick.helper], people[pick.asker]
    key = "shared" if pick.shared else "skill"
    reason = ctx.t(f"skills.connect.reason_{key}", helper=helper.name, asker=asker.name,
                   helper_site=helper.site or "", asker_site=asker.site or "", label=pick.label)
    yield Prompt(
        id=connect_id(pick, period_start), kind="connect", person_id=asker.id, person=asker.name,
        site=asker.site, tip="9", priority=CONNECT_PRIORITY,
        title=ctx.t(f"skills.connect.title_{key}", helper=helper.name, asker=asker.name, label=pick.label),
        reason=reason,
    )


def buddy_rotation(ctx: Context, facts: TeamFacts) -> Iterator[Prompt]:
    current = facts.buddy_round
    active = sum(1 for pf in facts.people if not pf.person.archived)
    if current is None or active < 2:
        return
    months = ctx.settings.buddy_months
    due = add_months(current.started, months)
    if ctx.today < due:
        return
    yield Prompt(
        id=f"buddy_rotation:round{current.id}", kind="buddy_rotation", person_id=None, person=None,
        site=None, tip="9", priority=BUDDY_PRIORITY,
        title=ctx.t("buddies.prompt.title"),
        reason=ctx.t("buddies.prompt.reason", date=say.day(current.started, ctx.t, ctx.today),
                     ago=say.ago(current.started, ctx.today, ctx.t),
                     months=ctx.t.plural("buddies.months", months)),
        days=(ctx.today - due).days,
    )
