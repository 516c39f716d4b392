"""The rows of the Team dashboard and the monthly "seen everyone" checklist.

Built by ``storage.views`` and shown by both the TUI screens and ``naervaer team`` /
``naervaer seen``, so the two never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from naervaer.content.facts import Person
from naervaer.content.occasions import Occasion


@dataclass(frozen=True, slots=True)
class TeamRow:
    person: Person
    last_in_person: date | None
    last_contact: date | None
    last_contact_channel: str | None
    seen_this_month: date | None  # the latest in-person date this calendar month
    next_occasion: Occasion | None  # within the next 30 days
    open_promises: int
    overdue_promises: int
    away_now: bool
    days_unseen: int | None  # since the last in-person contact (None: never)
    # the in-person rhythm Today holds them to: shorter while they or their site are in change
    in_person_target: int
    # the in-person clock as Today's ``not_seen`` counts it: from the last in-person contact,
    # else from when they were known (``content.facts.known_since``), days away left out;
    # None when nothing tells since when
    days_counting: int | None = None
    last_one_to_one: date | None = None
    # the one-to-one clock as Today's ``one_to_one`` counts it (from when they were known
    # when none was held yet), days away left out
    one_to_one_counting: int | None = None

    @property
    def past_one_to_one(self) -> bool:
        """Past the one-to-one rhythm exactly when Today says so (off at 0; away excused)."""
        if self.away_now or self.person.one_to_one_days <= 0:
            return False
        return self.one_to_one_counting is None or self.one_to_one_counting > self.person.one_to_one_days

    @property
    def past_target(self) -> bool:
        """Past the in-person target exactly when Today says "not seen" (away people are excused)."""
        if self.away_now:
            return False
        return self.days_counting is None or self.days_counting > self.in_person_target


@dataclass(frozen=True, slots=True)
class MonthEntry:
    person: Person
    seen_on: date | None  # latest in-person date within the month
    carried_over: bool  # not seen in person the month before
    away_all_month: bool  # excused: away for every day of the month (so far)


@dataclass(frozen=True, slots=True)
class MonthChecklist:
    year: int
    month: int
    sites: tuple[tuple[str, tuple[MonthEntry, ...]], ...]  # site ("" when none), entries
    signed_off: date | None

    @property
    def entries(self) -> tuple[MonthEntry, ...]:
        return tuple(e for _, group in self.sites for e in group)

    @property
    def counted(self) -> tuple[MonthEntry, ...]:
        return tuple(e for e in self.entries if not e.away_all_month)

    @property
    def seen(self) -> int:
        return sum(1 for e in self.counted if e.seen_on)

    @property
    def total(self) -> int:
        return len(self.counted)

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"
