"""The rules of tip 1 (written goals) and the talking points a due contact carries along.

Tip 1: agree result goals with each person, in writing, and look at them together. So
``no_goal`` asks for a written goal when a person has none on track or at risk, and
``goal_review`` asks to look at the goals together when ``goal_review_days`` passed
since they were last looked at (a goal written or updated). Both stay silent while the
person is away (the engine calls them with the rhythm rules). ``with_points`` adds the
person's open talking points to the reason of each prompt about them: a contact is due,
and this is what to raise.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from naervaer.content import phrasing as say
from naervaer.content.engine_facts import PersonFacts
from naervaer.content.goals import last_goal_review
from naervaer.content.rules import Context, Prompt, capped, make
from naervaer.content.text import one_line

TIP = "1"
POINTS_SHOWN = 3  # a prompt's reason names this many points; the rest are counted
POINT_CHARS = 50


def no_goal(ctx: Context, pf: PersonFacts) -> Iterator[Prompt]:
    """No goal on track or at risk. The id names the newest goal there was, so a goal written
    and later reached or dropped makes a new prompt."""
    if any(g.is_active for g in pf.goals):
        return
    newest = max((g.id for g in pf.goals), default=0)
    key = "prompts.no_goal.reason_closed" if pf.goals else "prompts.no_goal.reason"
    yield make(ctx, pf, "no_goal", f"no_goal:p{pf.person.id}:after{newest}", TIP, 230,
               ctx.t(key, name=pf.person.name), group="no_goal")


def goal_review(ctx: Context, pf: PersonFacts) -> Iterator[Prompt]:
    """Goals on track or at risk, last looked at ``goal_review_days`` or more ago."""
    active = [g for g in pf.goals if g.is_active]
    last = last_goal_review(active)
    if last is None:
        return
    days = (ctx.today - last).days
    target = ctx.settings.goal_review_days
    if days < target:
        return
    reason = ctx.t.plural("prompts.goal_review.reason", len(active), date=say.day(last, ctx.t, ctx.today),
                          days=days, target=target)
    yield make(ctx, pf, "goal_review", f"goal_review:p{pf.person.id}:since{last}", TIP,
               260 + capped(days - target, 30), reason, group="goal_review", clock_days=days)


def points_line(ctx: Context, pf: PersonFacts) -> str:
    """ "To raise next time (2): the course dates (3 days ago); the rota (today)." or ""."""
    points = [p for p in pf.open_points if p.created <= ctx.today]
    if not points:
        return ""
    shown = "; ".join(f"{one_line(p.text, POINT_CHARS)} ({say.ago(p.created, ctx.today, ctx.t)})"
                      for p in points[:POINTS_SHOWN])
    more = len(points) - POINTS_SHOWN
    if more > 0:
        shown += " " + ctx.t.plural("prompts.points_more", more)
    return ctx.t.plural("prompts.points", len(points), points=shown)


def with_points(ctx: Context, pf: PersonFacts, prompts: list[Prompt]) -> list[Prompt]:
    """Each prompt about ``pf``'s person, its reason followed by their open talking points."""
    line = points_line(ctx, pf)
    if not line:
        return prompts
    return [replace(p, reason=f"{p.reason} {line}") for p in prompts]
