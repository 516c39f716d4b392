"""The facts the prompt engine and the screens read: plain frozen dataclasses.

``storage`` builds them from rows; nothing here knows about SQL or the UI.
Dates are ``datetime.date``; a channel is one of ``vocab.CHANNELS`` or ``None``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

DEFAULT_IN_PERSON_DAYS = 30
DEFAULT_CONTACT_DAYS = 14
DEFAULT_ONE_TO_ONE_DAYS = 30  # tip 2; 0 turns the one-to-one rhythm off
ONE_TO_ONE = "one_to_one"  # the one note kind: a one-to-one, by any channel
PULSES = (1, 2, 3, 4, 5)  # how the person seemed, from strained to very good


@dataclass(frozen=True, slots=True)
class Birthday:
    day: int
    month: int
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    name: str
    site: str | None = None
    team: str | None = None
    role: str | None = None
    prefers: str | None = None
    birthday: Birthday | None = None
    started: date | None = None
    in_person_days: int = DEFAULT_IN_PERSON_DAYS
    contact_days: int = DEFAULT_CONTACT_DAYS
    archived: bool = False
    created: date | None = None  # when the leader added them (not a work fact)
    email: str | None = None
    phone: str | None = None
    one_to_one_days: int = DEFAULT_ONE_TO_ONE_DAYS


def known_since(person: Person, first_note: date | None) -> date | None:
    """From when the leader knew ``person``: the one rule Today, Team and Month share.

    The later of their start date and the day they were added, unless a note dated earlier
    (``first_note``, their oldest) proves they were known then: catching up on old notes
    must not make someone look newly met.
    """
    known = [d for d in (person.started, person.created) if d is not None]
    since = max(known) if known else None
    if first_note is not None and (since is None or first_note < since):
        return first_note
    return since


@dataclass(frozen=True, slots=True)
class Note:
    id: int
    person_id: int
    date: date
    channel: str | None
    text: str
    tags: tuple[str, ...] = ()
    kind: str | None = None  # ONE_TO_ONE or None
    pulse: int | None = None  # one of PULSES, or not noted

    @property
    def is_contact(self) -> bool:
        return self.channel is not None


@dataclass(frozen=True, slots=True)
class PersonalDate:
    id: int
    person_id: int
    date: date
    label: str
    yearly: bool = False


@dataclass(frozen=True, slots=True)
class Promise:
    id: int
    person_id: int
    text: str
    due: date | None
    done: date | None = None
    note_id: int | None = None
    created: date | None = None


@dataclass(frozen=True, slots=True)
class Away:
    id: int
    person_id: int
    start: date
    end: date | None
    label: str = ""

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class PersonSummary:
    """One person with the aggregates every daily view needs, each from an indexed lookup."""

    person: Person
    last_in_person: date | None = None
    last_contact: date | None = None
    last_contact_channel: str | None = None
    open_promises: int = 0


# The contact clocks, shared by the engine and the Team view (which must not load the rules).


def away_days(periods: Iterable[Away], since: date, today: date) -> int:
    """Days in (since, today] that the person was away: they do not count on any clock."""
    total = 0
    first = since + timedelta(days=1)
    for a in periods:
        start = max(a.start, first)
        end = min(a.end or today, today)
        if end >= start:
            total += (end - start).days + 1
    return total


def running_days(away: Iterable[Away], since: date, today: date) -> int:
    """Days on a contact clock from ``since`` to ``today``: days away do not count."""
    return (today - since).days - away_days(away, since, today)
