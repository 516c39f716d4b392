"""The site visit briefing: who works at a site and what is open with each of them. Pure.

Tips 5 and 10 (meet in person, at every site) and "follow up on everyone, so everyone is
seen": before a visit, the leader sees each active person at the site, the one not seen in
person for longest first, with open promises, the talking points to raise, their written
goals (tip 1) with the last update, dates coming up, recent hard moments, leave, and the
first line of the last note (never a private one: ``storage.facts`` skips those).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from naervaer.content.engine_facts import LastNote, PersonFacts, TeamFacts
from naervaer.content.facts import Away, Person, Promise
from naervaer.content.goals import Goal, TalkingPoint
from naervaer.content.i18n import Translator
from naervaer.content.rules import milestones
from naervaer.content.text import collate

AHEAD_DAYS = 30  # personal dates this far ahead
RECENT_DAYS = 30  # fires and misunderstandings this far back; leave that ended this recently


@dataclass(frozen=True, slots=True)
class Upcoming:
    date: date
    kind: str  # birthday | anniversary | personal
    what: str  # translated: "birthday (turns 50)", "5-year work anniversary", the label


@dataclass(frozen=True, slots=True)
class RecentIncident:
    kind: str  # fire | misunderstanding
    note_id: int
    date: date


@dataclass(frozen=True, slots=True)
class BriefingPerson:
    person: Person
    last_in_person: date | None
    days_since_in_person: int | None  # None: never met in person
    open_promises: tuple[Promise, ...]
    upcoming: tuple[Upcoming, ...]
    incidents: tuple[RecentIncident, ...]
    away: tuple[Away, ...]
    last_note: LastNote | None
    points: tuple[TalkingPoint, ...] = ()  # to raise this time, oldest first
    goals: tuple[Goal, ...] = ()  # on track or at risk, or looked at within RECENT_DAYS


@dataclass(frozen=True, slots=True)
class SiteBriefing:
    site: str
    date: date
    people: tuple[BriefingPerson, ...]


def _upcoming(pf: PersonFacts, today: date, t: Translator) -> tuple[Upcoming, ...]:
    found = []
    for when, part, what_key, params in milestones(pf, today, AHEAD_DAYS):
        kind = part if part in ("birthday", "anniversary") else "personal"
        found.append(Upcoming(when, kind, t(f"prompts.milestone.{what_key}", **params)))
    return tuple(sorted(found, key=lambda u: (u.date, u.kind, u.what)))


def _incidents(pf: PersonFacts, today: date) -> tuple[RecentIncident, ...]:
    found = [
        RecentIncident(kind, i.note_id, i.date)
        for kind, group in (("fire", pf.fires), ("misunderstanding", pf.misunderstandings))
        for i in group
        if 0 <= (today - i.date).days <= RECENT_DAYS
    ]
    return tuple(sorted(found, key=lambda i: (i.date, i.note_id), reverse=True))


def _away(pf: PersonFacts, today: date) -> tuple[Away, ...]:
    """Leave going on, coming up, or ended within ``RECENT_DAYS``."""
    return tuple(a for a in pf.away if a.end is None or (today - a.end).days <= RECENT_DAYS)


def brief_person(pf: PersonFacts, today: date, t: Translator) -> BriefingPerson:
    seen = pf.last_in_person
    return BriefingPerson(
        person=pf.person,
        last_in_person=seen,
        days_since_in_person=(today - seen).days if seen else None,
        open_promises=tuple(p for p in pf.open_promises if p.done is None),
        upcoming=_upcoming(pf, today, t),
        incidents=_incidents(pf, today),
        away=_away(pf, today),
        last_note=pf.last_note,
        points=pf.open_points,
        goals=tuple(g for g in pf.goals if g.is_active or (today - g.last_looked_at).days <= RECENT_DAYS),
    )


def _order(b: BriefingPerson) -> tuple:
    never = b.days_since_in_person is None
    return (not never, -(b.days_since_in_person or 0), collate(b.person.name), b.person.id)


def site_briefing(today: date, site: str, facts: TeamFacts, t: Translator) -> SiteBriefing:
    """Everyone active at ``site`` (an exact site name), longest unseen first."""
    people = [
        brief_person(pf, today, t)
        for pf in facts.people
        if pf.person.site == site and not pf.person.archived
    ]
    return SiteBriefing(site=site, date=today, people=tuple(sorted(people, key=_order)))
