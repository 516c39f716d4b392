"""Recurring and one-off personal occasions: birthdays, work anniversaries, personal dates.

Pure date logic shared by the prompt engine, the Team dashboard and the site briefing.
A 29 February birthday falls on 28 February in other years.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from naervaer.content.facts import Person, PersonalDate


@dataclass(frozen=True, slots=True)
class Occasion:
    day: date
    kind: str  # "birthday" | "anniversary" | "personal"
    person_id: int
    label: str = ""  # the personal date's own label
    years: int | None = None  # age turned or years served, when known
    source_id: int | None = None  # the personal date's id


def on_year(month: int, day: int, year: int) -> date:
    """``month/day`` in ``year``; 29 February becomes 28 February outside leap years."""
    if month == 2 and day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, month, day)


def next_yearly(month: int, day: int, today: date) -> date:
    """The next ``month/day`` on or after ``today``."""
    this_year = on_year(month, day, today.year)
    return this_year if this_year >= today else on_year(month, day, today.year + 1)


def occasions(
    person: Person, dates: Iterable[PersonalDate], today: date, within_days: int
) -> list[Occasion]:
    """Every occasion of ``person`` from today to ``today + within_days``, soonest first."""
    last = today + timedelta(days=within_days)
    found: list[Occasion] = []
    if person.birthday:
        b = person.birthday
        day = next_yearly(b.month, b.day, today)
        if day <= last:
            found.append(Occasion(day, "birthday", person.id, years=day.year - b.year if b.year else None))
    if person.started:
        s = person.started
        day = next_yearly(s.month, s.day, today)
        if day <= last and day.year > s.year:
            found.append(Occasion(day, "anniversary", person.id, years=day.year - s.year))
    for pd in dates:
        if pd.person_id != person.id:
            continue
        day = next_yearly(pd.date.month, pd.date.day, today) if pd.yearly else pd.date
        if today <= day <= last:
            found.append(Occasion(day, "personal", person.id, label=pd.label, source_id=pd.id))
    found.sort(key=lambda o: (o.day, o.kind, o.label, o.source_id or 0))
    return found
