"""The demo's people: who they are, where they work, and which situation each one carries.

A person's place in the team decides their situation (person ``i`` works at site
``i % sites``, so the situations spread over the sites); everything else is drawn from
the seeded ``random.Random``. Each member also carries the window of days the everyday
notes may fall in, so the random fill cannot undo a situation.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum
from itertools import product
from typing import Any

from naervaer.content.facts import DEFAULT_ONE_TO_ONE_DAYS
from naervaer.storage.rows import name_key

MIN_PEOPLE = 24
MAX_PEOPLE = 1000
MAX_SITES = 8
FIXED_NAMES = ("Søren Ålund", "Mette Nørgaard")
_PREFERS = ("in_person", "phone", "message", "video", None)
_PREFERS_WEIGHTS = (40, 25, 20, 10, 5)


class Situation(Enum):
    FIRE = "fire"  # a hard situation 2–4 days ago, no contact since
    PROBLEMS = "problems"  # the last contacts were all about problems
    RETURNING = "returning"  # on leave, back within a week
    NEW_STARTER = "new_starter"  # started last month
    MISUNDERSTOOD = "misunderstood"  # a misunderstanding nobody followed up
    NOT_SEEN = "not_seen"  # contacted, but not seen in person for months


# positions in the team; 6, 7 and 8 are all NOT_SEEN
_SITUATIONS = (Situation.FIRE, Situation.PROBLEMS, Situation.RETURNING, Situation.NEW_STARTER,
               Situation.MISUNDERSTOOD, None, Situation.NOT_SEEN, Situation.NOT_SEEN, Situation.NOT_SEEN)
BIRTHDAY_SOON, LEAP_BIRTHDAY = 5, 9
SUCCESS_THIS_WEEK = (10, 11)
# (position, promise made N days ago, due in N days; None: no due date)
PROMISES = ((12, 20, -6), (13, 25, -12), (14, 5, 3), (15, 2, 6), (10, 3, None))
PAST_AWAY = (16, 17, 18)
YEARLY_SOON, OPERATION_SOON, MOVED_RECENTLY, ANNIVERSARY_SOON = 19, 20, 21, 22


@dataclass
class Member:
    id: int
    name: str
    first: str
    site: str
    situation: Situation | None
    history_start: date
    lo: date  # everyday notes fall in [lo, hi]
    hi: date
    started: date
    weight: float
    team: str
    role: str
    prefers: str | None
    birthday: tuple[int, int, int | None] | None
    targets: tuple[int, int] = (30, 14)
    one_to_one_days: int = DEFAULT_ONE_TO_ONE_DAYS
    blocked: list[tuple[int, int]] = field(default_factory=list)  # day offsets while away
    remote_after: date | None = None  # last time seen in person (NOT_SEEN)
    remote_from: int | None = None  # day offset from which in-person becomes phone
    owner: str = ""


@dataclass
class Team:
    content: dict[str, Any]
    members: list[Member]
    sites: int
    away: list[tuple[Any, ...]] = field(default_factory=list)
    personal_dates: list[tuple[Any, ...]] = field(default_factory=list)
    kept_promises: list[Member] = field(default_factory=list)

    @property
    def by_situation(self) -> dict[Situation, Member]:
        """The first member carrying each situation."""
        out: dict[Situation, Member] = {}
        for m in self.members:
            if m.situation is not None:
                out.setdefault(m.situation, m)
        return out

    @property
    def remote(self) -> list[Member]:
        return [m for m in self.members if m.situation is Situation.NOT_SEEN]

    @property
    def success_this_week(self) -> list[Member]:
        return [self.members[i] for i in SUCCESS_THIS_WEEK]

    @property
    def promise_plan(self) -> list[tuple[Member, int, int | None]]:
        return [(self.members[i], made, due) for i, made, due in PROMISES]

    @property
    def seen_this_month(self) -> list[Member]:
        """One everyday member at three of every four sites: the monthly checklist is mixed."""
        out = []
        for site in range(self.sites):
            if site % 4 == 3:
                continue
            found = next((m for m in self.members[len(_SITUATIONS):]
                          if (m.id - 1) % self.sites == site and m.situation is None), None)
            if found is not None:
                out.append(found)
        return out

    def people_rows(self, history_start: date) -> list[tuple[Any, ...]]:
        """One row per member in the columns ``rows.WRITTEN`` lists for people."""
        rows = []
        for m in self.members:
            bd, bm, by = m.birthday if m.birthday else (None, None, None)
            created = max(history_start, m.started).isoformat()
            rows.append((m.id, m.name, name_key(m.name), m.site, m.team, m.role, m.prefers, bd, bm, by,
                         m.started.isoformat(), m.targets[0], m.targets[1], 0, created,
                         None, None, m.one_to_one_days))
        return rows


def make_team(rng: random.Random, content: dict[str, Any], today: date, history_start: date,
              count: int) -> Team:
    sites = min(MAX_SITES, max(2, count // 5))
    names = _names(rng, content, count)
    members = []
    for index, name in enumerate(names):
        started = today - timedelta(days=rng.randint(300, 9000))
        situation = _SITUATIONS[index] if index < len(_SITUATIONS) else None
        roll = rng.random()
        members.append(Member(
            id=index + 1,
            name=name,
            first=name.split()[0],
            site=content["sites"][index % sites],
            situation=situation,
            history_start=history_start,
            lo=max(history_start, started),
            hi=today,
            started=started,
            weight=rng.uniform(0.5, 1.5),
            team=rng.choice(content["teams"]),
            role=rng.choice(content["roles"]),
            prefers=rng.choices(_PREFERS, _PREFERS_WEIGHTS)[0],
            birthday=_birthday(rng),
            targets=(60, 21) if roll < 0.15 else (14, 7) if roll < 0.25 else (30, 14),
        ))
    team = Team(content, members, sites)
    _shape_situations(team, rng, today)
    _dates_and_leave(team, rng, today)
    regulars = [m for m in members[len(_SITUATIONS):] if not m.blocked]
    team.kept_promises = rng.sample(regulars, min(6, len(regulars)))
    return team


def _names(rng: random.Random, content: dict[str, Any], count: int) -> list[str]:
    pool = [f"{a} {b}" for a, b in product(content["first_names"], content["last_names"])]
    pool = [n for n in pool if n not in FIXED_NAMES]
    return [*FIXED_NAMES, *rng.sample(pool, count - len(FIXED_NAMES))][:count]


def _birthday(rng: random.Random) -> tuple[int, int, int | None] | None:
    if rng.random() < 0.1:
        return None
    day = date(2001, 1, 1) + timedelta(days=rng.randrange(365))  # 2001: never 29 February
    year = rng.randint(1960, 2003) if rng.random() < 0.7 else None
    return (day.day, day.month, year)


def _same_day_in(day: date, year: int) -> date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a common year
        return date(year, 3, 1)


def _shape_situations(team: Team, rng: random.Random, today: date) -> None:
    for m in team.members[:len(_SITUATIONS)]:
        m.started = min(m.started, today - timedelta(days=400))
        m.lo = max(m.history_start, m.started)
        if m.situation is Situation.FIRE:
            m.hi = today - timedelta(days=rng.randint(2, 4) + 1)
        elif m.situation is Situation.PROBLEMS:
            m.hi = today - timedelta(days=25)
        elif m.situation is Situation.MISUNDERSTOOD:
            m.hi = today - timedelta(days=rng.randint(5, 9) + 1)
        elif m.situation is Situation.NEW_STARTER:
            last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
            m.started = m.lo = last_month + timedelta(days=rng.randint(0, 20))
        elif m.situation is Situation.RETURNING:
            leave = today - timedelta(days=rng.randint(60, 110))
            m.hi = leave - timedelta(days=1)
            back = today + timedelta(days=rng.randint(2, 6))
            team.away.append((m.id, leave.isoformat(), back.isoformat(), team.content["away"]["returning"]))
        elif m.situation is Situation.NOT_SEEN:
            m.remote_after = today - timedelta(days=rng.randint(95, 200))
            m.remote_from = (m.remote_after - m.history_start).days + 1
            m.prefers = rng.choice(("phone", "video"))
    soon = today + timedelta(days=3)
    team.members[BIRTHDAY_SOON].birthday = (soon.day, soon.month, 1988 if (soon.month, soon.day) == (2, 29) else 1979)
    team.members[LEAP_BIRTHDAY].birthday = (29, 2, 1992)


YOUNGEST_START = 18  # nobody in the demo started work younger than this


def _possible_ages(members: list[Member]) -> None:
    """Birth years that fit the start dates: a birth year is moved back, never the start date
    (the prompts the demo shows depend on when people started). No random draw, so the rest
    of the demo stays the same."""
    for m in members:
        if m.birthday is None or m.birthday[2] is None:
            continue
        day, month, year = m.birthday
        latest = m.started.year - YOUNGEST_START - 1  # turned 18 before the year they started
        if year > latest:
            m.birthday = (day, month, latest - m.id % 12 if (day, month) != (29, 2) else _leap_before(latest - m.id % 12))


def _leap_before(year: int) -> int:
    while not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        year -= 1
    return year


def _dates_and_leave(team: Team, rng: random.Random, today: date) -> None:
    labels = team.content["personal_dates"]
    members = team.members
    for index, label in zip(PAST_AWAY, team.content["away"]["past"]):
        m = members[index]
        first = max(m.lo, today - timedelta(days=500)) + timedelta(days=10)
        start = first + timedelta(days=rng.randint(0, max(0, (today - first).days - 120)))
        end = start + timedelta(days=rng.randint(14, 60))
        team.away.append((m.id, start.isoformat(), end.isoformat(), label))
        m.blocked.append(((start - m.history_start).days, (end - m.history_start).days))
    yearly_soon = today + timedelta(days=9)
    team.personal_dates += [
        (members[YEARLY_SOON].id, _same_day_in(yearly_soon, today.year - 11).isoformat(), labels["yearly"][0], 1),
        (members[OPERATION_SOON].id, (today + timedelta(days=12)).isoformat(), labels["once"][0], 0),
        (members[MOVED_RECENTLY].id, (today - timedelta(days=18)).isoformat(), labels["once"][1], 0),
    ]
    anniversary = members[ANNIVERSARY_SOON]
    anniversary.started = _same_day_in(today + timedelta(days=5), today.year - 7)
    anniversary.lo = max(anniversary.history_start, anniversary.started)
    _possible_ages(members)
    for m in members[len(_SITUATIONS):]:
        roll = rng.random()
        if roll < 0.25:
            day = date(2001, 1, 1) + timedelta(days=rng.randrange(365))
            when = day.replace(year=rng.randint(1995, 2020))
            team.personal_dates.append((m.id, when.isoformat(), rng.choice(labels["yearly"]), 1))
        elif roll < 0.35:
            when = today - timedelta(days=rng.randint(30, 600))
            team.personal_dates.append((m.id, when.isoformat(), rng.choice(labels["once"]), 0))
