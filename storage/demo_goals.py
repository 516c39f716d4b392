"""The demo team's written goals, their updates and talking points: deterministic rows.

Every fifth person has no written goal (Today groups them under tip 1), every tenth has
goals not looked at for more than 90 days, the others' goals were written or updated in
the last 80 days, and a third have one or two talking points up to three weeks old. The same ``(today, people, seed, lang)`` always gives the same rows, in the
columns ``rows.WRITTEN`` lists.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from naervaer.content.i18n import load_namespace


@dataclass
class GoalRows:
    goals: list[tuple[Any, ...]] = field(default_factory=list)
    updates: list[tuple[Any, ...]] = field(default_factory=list)
    points: list[tuple[Any, ...]] = field(default_factory=list)


def plan_goals(people: list[tuple[Any, ...]], today: date, *, seed: int, lang: str) -> GoalRows:
    """Goals, updates and points for the planned ``people`` rows (id first, started at [10])."""
    texts = load_namespace(lang, "demo")["goals_points"]
    rng = random.Random(f"goals-and-points:{seed}:{today.isoformat()}")
    out = GoalRows()
    for index, row in enumerate(people):
        person_id, started = row[0], date.fromisoformat(row[10])
        if started > today:
            continue
        known = (today - started).days
        if index % 5 != 0 and known >= 14:
            stale = index % 10 == 1  # goals last looked at long ago: a review is due
            for _ in range(1 if stale or rng.random() < 0.6 else 2):
                _goal(out, rng, texts, person_id, today, min(known, 240 if stale else 80), stale)
        if index % 3 == 1:
            for _ in range(rng.choice((1, 1, 2))):
                created = today - timedelta(days=min(rng.randint(0, 21), known))
                out.points.append((len(out.points) + 1, person_id, rng.choice(texts["points"]),
                                   created.isoformat(), None, None, None))
    return out


def _goal(out: GoalRows, rng: random.Random, texts: dict[str, Any], person_id: int, today: date,
          span: int, stale: bool) -> None:
    goal_id = len(out.goals) + 1
    written = today - timedelta(days=rng.randint(100, max(span, 101)) if stale else rng.randint(14, max(span, 15)))
    looked = written
    status = "on_track"
    for _ in range(0 if stale else rng.choice((0, 1, 1, 2))):
        looked = looked + timedelta(days=rng.randint(7, max((today - looked).days, 8)))
        if looked > today:
            break
        status = rng.choice(("on_track", "on_track", "at_risk", "at_risk", "done"))
        out.updates.append((len(out.updates) + 1, goal_id, person_id, looked.isoformat(), status,
                            rng.choice(texts["updates"][status])))
        if status == "done":
            break
    due = today + timedelta(days=rng.randint(30, 200)) if rng.random() < 0.5 else None
    out.goals.append((goal_id, person_id, rng.choice(texts["goals"]), due.isoformat() if due else None,
                      status, written.isoformat()))
