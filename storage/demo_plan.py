"""The demo team as rows: a deterministic plan of people, notes, promises, dates and leave.

No SQL here: ``plan_demo`` returns tuples in column order, ready for ``executemany``.
Every situation the prompts look for is placed relative to ``today`` first; the random
fill around it is then kept from undoing any of them (no note after the fire, no
in-person visit for those not seen for months, no other run of problem-only contacts).
The same ``(today, people, seed, notes, lang)`` always gives the same rows.
"""

from __future__ import annotations

import json
import random
from bisect import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from typing import Any

from naervaer.content.errors import InputError
from naervaer.content.i18n import load_namespace
from naervaer.storage.demo_sites import SitePlan, plan_sites
from naervaer.storage.demo_talks import plan_talks
from naervaer.storage.demo_team import Member, Situation, Team, make_team

# adds one note: (member, day, channel, tag ids, text pool) -> the row, for linking promises
AddNote = Callable[[Member, date, str | None, tuple[str, ...], str], list[Any]]

DEFAULT_SPAN_DAYS = 730  # about two years of history for the default team
MAX_SPAN_YEARS = 10
FILL_PER_PERSON_YEAR = 150  # above this the history grows longer rather than denser
VISITS_PER_DAY = 2  # sites a leader reaches in a day, for the demo's "seen this month"

# how a touchpoint happened; None is a plain observation
_CHANNELS = ("in_person", "phone", "message", "video", None)
_CHANNEL_CUM = list(accumulate((40, 25, 20, 8, 7)))
# (tags, text pool) for contacts, with weights
_KINDS: tuple[tuple[tuple[str, ...], str], ...] = (
    ((), "plain"),
    (("informal",), "informal"),
    (("success",), "success"),
    (("private",), "private"),
    (("problem",), "problem"),
    (("misunderstanding",), "misunderstanding"),
    (("milestone",), "milestone"),
    (("fire",), "fire"),
    (("<custom>",), "plain"),
    (("private", "informal"), "private"),
)
_KIND_CUM = list(accumulate((46, 14, 10, 8, 7, 3, 3, 2, 3, 4)))


@dataclass
class DemoPlan:
    """Rows for each table, in the column order the writer inserts them."""

    people: list[tuple[Any, ...]]
    notes: list[tuple[Any, ...]]
    promises: list[tuple[Any, ...]] = field(default_factory=list)
    away: list[tuple[Any, ...]] = field(default_factory=list)
    personal_dates: list[tuple[Any, ...]] = field(default_factory=list)
    sites: int = 0
    site_plan: SitePlan = field(default_factory=SitePlan)


class _Texts:
    """Note text from the demo's templates in one language."""

    def __init__(self, content: dict[str, Any], rng: random.Random) -> None:
        self.pools: dict[str, list[str]] = content["notes"]
        self.details: list[str] = self.pools["details"]
        self.possessive = content["possessive"]
        self.rng = rng

    def owner(self, first: str) -> str:
        form = "after_s" if first[-1].lower() in "sxz" else "plain"
        return self.possessive[form].format(name=first)

    def make(self, pool: str, member: Member) -> str:
        rnd, details = self.rng.random, self.details
        templates = self.pools[pool]
        text = templates[int(rnd() * len(templates))].format(
            first=member.first, owner=member.owner, site=member.site
        )
        # the same draws in every language (texts differ in length), so both get one team
        roll, extra = rnd(), rnd()
        first, second = details[int(rnd() * len(details))], details[int(rnd() * len(details))]
        # short notes get a detail, longer ones often do: about 40 to 160 characters
        if len(text) < 50 or roll < 0.55:
            text += " " + first
            if len(text) < 110 and extra < 0.2:
                text += " " + second
        return text


def plan_demo(today: date, *, people: int, seed: int, notes: int | None, lang: str) -> DemoPlan:
    content = load_namespace(lang, "demo")
    rng = random.Random(seed)
    texts = _Texts(content, rng)
    span = _span_days(people, notes)
    start = today - timedelta(days=span)
    team = make_team(rng, content, today, start, people)
    for m in team.members:
        m.owner = texts.owner(m.first)
    tags = _tag_json(content["custom_tag"])
    notes_out: list[list[Any]] = []

    def add(member: Member, day: date, channel: str | None, tag_ids: tuple[str, ...], pool: str) -> list[Any]:
        row = [(day - start).days, member.id, channel, json.dumps(list(tag_ids)), texts.make(pool, member)]
        notes_out.append(row)
        return row

    promise_notes = _place_situations(team, today, rng, add)
    fill = (notes - len(notes_out)) if notes is not None else _default_fill(team.members, rng)
    if fill < 0:
        raise InputError("demo.too_few_notes", minimum=len(notes_out), given=notes)
    notes_out.extend(_fill(rng, team.members, fill, texts, tags))
    notes_out.sort(key=lambda r: r[0])  # stable: ids follow the day, then the order written
    _break_problem_runs(notes_out, team.members, texts, tags)
    day_iso = [(start + timedelta(days=i)).isoformat() for i in range(span + 1)]
    talks = plan_talks(notes_out, team.members, span)
    rows = [(i, r[1], day_iso[r[0]], r[2], r[3], r[4], *talk)
            for i, (r, talk) in enumerate(zip(notes_out, talks, strict=True), start=1)]
    wanted = {id(p[1]) for p in promise_notes if p[1] is not None}
    note_ids = {id(r): i for i, r in enumerate(notes_out, start=1) if id(r) in wanted}
    promises = [
        (pid, person, note_ids.get(id(note)) if note is not None else None, text, due, done, created)
        for pid, (person, note, text, due, done, created) in enumerate(promise_notes, start=1)
    ]
    return DemoPlan(team.people_rows(start), rows, promises, team.away, team.personal_dates, team.sites,
                    plan_sites(team, today))


def _span_days(people: int, notes: int | None) -> int:
    if notes is None:
        return DEFAULT_SPAN_DAYS
    years = -(-notes // (people * FILL_PER_PERSON_YEAR))
    years = min(MAX_SPAN_YEARS, max(2, years))
    return years * 365 + years // 4


def _tag_json(custom: str) -> dict[tuple[str, ...], str]:
    out = {}
    for tag_ids, _pool in _KINDS:
        real = tuple(custom if t == "<custom>" else t for t in tag_ids)
        out[tag_ids] = json.dumps(list(real))
    return out


def _place_situations(team: Team, today: date, rng: random.Random, add: AddNote) -> list[tuple[Any, ...]]:
    """The notes and promises each prompt needs, dated relative to today."""
    by = team.by_situation
    days = lambda n: today - timedelta(days=n)  # noqa: E731 - a local shorthand
    fire = by[Situation.FIRE]
    add(fire, fire.hi + timedelta(days=1), "phone", ("fire",), "fire")
    problems = by[Situation.PROBLEMS]
    for ago, channel in ((2, "phone"), (9, "in_person"), (16, "message"), (24, "phone")):
        add(problems, days(ago), channel, ("problem",), "problem")
    starter = by[Situation.NEW_STARTER]
    add(starter, starter.lo, "in_person", (), "welcome")
    add(starter, days(rng.randint(3, 8)), "in_person", ("milestone",), "milestone")
    misunderstood = by[Situation.MISUNDERSTOOD]
    add(misunderstood, misunderstood.hi + timedelta(days=1), "message", ("misunderstanding",), "misunderstanding")
    for remote in team.remote:
        add(remote, remote.remote_after, "in_person", ("informal",), "informal")
        add(remote, days(rng.randint(1, 12)), rng.choice(("phone", "video")), (), "plain")
    week_start = today - timedelta(days=today.weekday())
    for member in team.success_this_week:
        add(member, week_start + timedelta(days=rng.randint(0, today.weekday())), "in_person", ("success",), "success")
    month_start = today.replace(day=1)
    for visit, member in enumerate(team.seen_this_month):
        day = month_start + timedelta(days=rng.randint(0, today.day - 1))
        # a leader reaches a couple of sites a day: early in a month the rest were last month
        if visit >= VISITS_PER_DAY * today.day:
            day = month_start - timedelta(days=visit)
        add(member, day, "in_person", (), "plain")

    promise_texts: list[str] = team.content["promises"]
    promises: list[tuple[Any, ...]] = []
    for member, made_ago, due_in in team.promise_plan:
        note = add(member, days(made_ago), "in_person", (), "plain")
        due = (today + timedelta(days=due_in)).isoformat() if due_in is not None else None
        promises.append((member.id, note, rng.choice(promise_texts), due, None, days(made_ago).isoformat()))
    for member in team.kept_promises:
        made = member.lo + timedelta(days=rng.randint(0, max(0, (member.hi - member.lo).days - 40)))
        due = made + timedelta(days=rng.randint(7, 21))
        done = min(today, due + timedelta(days=rng.randint(-5, 4)))
        promises.append((member.id, None, rng.choice(promise_texts), due.isoformat(), done.isoformat(), made.isoformat()))
    return promises


def _default_fill(members: list[Member], rng: random.Random) -> int:
    """Two to five touchpoints a month per person, over the time each was on the team."""
    return sum(round(rng.uniform(2, 5) * (m.hi - m.lo).days / 30.4) for m in members)


def _fill(rng: random.Random, members: list[Member], count: int, texts: _Texts,
          tags: dict[tuple[str, ...], str]) -> list[list[Any]]:
    """``count`` everyday notes, spread by each person's weight and time on the team."""
    if count <= 0:
        return []
    start_offsets = {m.id: (m.lo - m.history_start).days for m in members}
    spans = {m.id: (m.hi - m.lo).days + 1 for m in members}
    cum = list(accumulate(m.weight * spans[m.id] for m in members))
    rnd = rng.random
    out: list[list[Any]] = []
    for m in rng.choices(members, cum_weights=cum, k=count):
        lo, width = start_offsets[m.id], spans[m.id]
        off = lo + int(rnd() * width)
        while m.blocked and any(a <= off <= b for a, b in m.blocked):
            off = lo + int(rnd() * width)
        channel = _CHANNELS[bisect(_CHANNEL_CUM, rnd() * _CHANNEL_CUM[-1])]
        if channel == "in_person" and m.remote_from is not None and off >= m.remote_from:
            channel = "phone"
        if channel is None:
            out.append([off, m.id, None, "[]", texts.make("observation", m)])
            continue
        tag_ids, pool = _KINDS[bisect(_KIND_CUM, rnd() * _KIND_CUM[-1])]
        if pool == "informal" and channel != "in_person":  # a hello in the corridor is in person
            pool = "informal_remote"
        out.append([off, m.id, channel, tags[tag_ids], texts.make(pool, m)])
    return out


def _break_problem_runs(notes: list[list[Any]], members: list[Member], texts: _Texts,
                       tags: dict[tuple[str, ...], str]) -> None:
    """Only the one planned person may have three latest contacts all about problems."""
    problem = tags[("problem",)]
    plain = tags[()]
    by_id = {m.id: m for m in members}
    seen: dict[int, list[int]] = {m.id: [] for m in members if m.situation is not Situation.PROBLEMS}
    pending = len(seen)
    for index in range(len(notes) - 1, -1, -1):
        if not pending:
            break
        row = notes[index]
        latest = seen.get(row[1])
        if latest is None or len(latest) >= 3 or row[2] is None:
            continue
        latest.append(index)
        if len(latest) == 3:
            pending -= 1
            if all(notes[i][3] == problem for i in latest):
                first = notes[latest[0]]
                first[3] = plain
                first[4] = texts.make("plain", by_id[first[1]])
