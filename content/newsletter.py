"""The weekly success newsletter (tip 7): the week's successes, by site and person.

Pure: the period a ``--week``/``--since`` names, and the grouping of success notes. Who had
no success is never listed (no shaming): only people with a success appear. Private notes
are left out before they get here (``storage.usecases.newsletter``) and again here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from naervaer.content.errors import InputError
from naervaer.content.facts import Note, Person
from naervaer.content.text import collate

_WEEK = re.compile(r"^\s*(?:(\d{4})\s*-?\s*)?[wW]?\s*(\d{1,2})\s*$")


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date  # inclusive
    week: int | None = None  # the ISO week number, when the period is one


@dataclass(frozen=True, slots=True)
class PersonSuccesses:
    person_id: int
    name: str
    notes: tuple[Note, ...]


@dataclass(frozen=True, slots=True)
class SiteSuccesses:
    site: str | None
    people: tuple[PersonSuccesses, ...]


@dataclass(frozen=True, slots=True)
class Newsletter:
    period: Period
    sites: tuple[SiteSuccesses, ...]

    @property
    def count(self) -> int:
        return sum(len(p.notes) for s in self.sites for p in s.people)


def week_of(day: date) -> Period:
    """The ISO week (Monday to Sunday) that holds ``day``."""
    start = day - timedelta(days=day.weekday())
    return Period(start, start + timedelta(days=6), day.isocalendar().week)


def parse_week(text: str, today: date) -> Period:
    """ "2026-W48", "2026-48", "W48" or "48" (this year): that ISO week."""
    found = _WEEK.match(text)
    if found:
        year = int(found.group(1)) if found.group(1) else today.isocalendar().year
        try:
            return week_of(date.fromisocalendar(year, int(found.group(2)), 1))
        except (ValueError, OverflowError):  # no such week, or one running past 9999
            pass
    raise InputError("exchange.bad_week", value=text)


def since(start: date, today: date) -> Period:
    if start > today:
        raise InputError("exchange.since_future", date=start.isoformat())
    return Period(start, today)


def shifted(period: Period, weeks: int) -> Period:
    """The week ``weeks`` before or after (the Newsletter screen's [ and ])."""
    return week_of(period.start + timedelta(weeks=weeks))


def newsletter(period: Period, people: Iterable[Person], notes: Iterable[Note]) -> Newsletter:
    """Success notes in ``period`` grouped by site, then person, in name order; oldest note first."""
    by_id = {p.id: p for p in people}
    found: dict[int, list[Note]] = {}
    for n in notes:
        if "success" in n.tags and "private" not in n.tags and period.start <= n.date <= period.end \
                and n.person_id in by_id:
            found.setdefault(n.person_id, []).append(n)
    sites: dict[str | None, list[PersonSuccesses]] = {}
    for pid, items in found.items():
        person = by_id[pid]
        items.sort(key=lambda n: (n.date, n.id))
        sites.setdefault(person.site, []).append(PersonSuccesses(pid, person.name, tuple(items)))
    ordered = sorted(sites.items(), key=lambda kv: (kv[0] is None, collate(kv[0] or "")))
    return Newsletter(period, tuple(
        SiteSuccesses(site, tuple(sorted(group, key=lambda p: (collate(p.name), p.person_id))))
        for site, group in ordered
    ))
