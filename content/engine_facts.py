"""What the prompt engine and the site briefing know about the team: frozen dataclasses.

``storage.facts.load_team_facts`` builds them with a few indexed lookups per person, so
their size depends on the team, never on how many notes the database holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from naervaer.content.facts import Away, Person, PersonalDate, Promise
from naervaer.content.goals import Goal, TalkingPoint

PROBLEM_TAGS = frozenset({"problem", "fire", "misunderstanding"})


@dataclass(frozen=True, slots=True)
class Contact:
    """A note made through a channel (a touchpoint), as much as the rules need of it."""

    note_id: int
    date: date
    channel: str
    tags: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[date, int]:
        """Order of contacts: by date, then by when they were written (id)."""
        return (self.date, self.note_id)


@dataclass(frozen=True, slots=True)
class Incident:
    """A ``fire`` or ``misunderstanding`` note."""

    note_id: int
    date: date


@dataclass(frozen=True, slots=True)
class SuccessNote:
    note_id: int
    date: date
    first_line: str


@dataclass(frozen=True, slots=True)
class LastNote:
    note_id: int
    date: date
    first_line: str


@dataclass(frozen=True, slots=True)
class PersonFacts:
    person: Person
    last_in_person: date | None = None
    # newest first; at least ``only_problems_count`` of them when that many exist
    recent_contacts: tuple[Contact, ...] = ()
    last_success: date | None = None
    # successes since the Monday of the loading day's week (for the digest)
    recent_successes: tuple[SuccessNote, ...] = ()
    fires: tuple[Incident, ...] = ()
    misunderstandings: tuple[Incident, ...] = ()
    open_promises: tuple[Promise, ...] = ()
    personal_dates: tuple[PersonalDate, ...] = ()
    away: tuple[Away, ...] = ()
    # the newest note not tagged private
    last_note: LastNote | None = None
    # the oldest note's date (any channel): see ``content.facts.known_since``
    first_note: date | None = None
    # talking points not yet raised, oldest first; every written goal with its updates
    open_points: tuple[TalkingPoint, ...] = ()
    goals: tuple[Goal, ...] = ()

    @property
    def last_contact(self) -> Contact | None:
        return max(self.recent_contacts, key=lambda c: c.key, default=None)


@dataclass(frozen=True, slots=True)
class PromptState:
    state: str  # "done" | "snoozed"
    until: date | None = None


@dataclass(frozen=True, slots=True)
class TeamFacts:
    people: tuple[PersonFacts, ...] = ()
    # prompt id -> done/snoozed
    states: Mapping[str, PromptState] = field(default_factory=dict)
