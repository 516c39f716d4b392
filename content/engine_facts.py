"""What the prompt engine and the site briefing know about the team: frozen dataclasses.

``storage.facts.load_team_facts`` builds them with a few indexed lookups per person, so
their size depends on the team, never on how many notes the database holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from typing import TYPE_CHECKING

from naervaer.content.facts import Away, Person, PersonalDate, Promise
from naervaer.content.text import name_key

if TYPE_CHECKING:  # field types only: `log` and `team` load the facts without these modules
    from naervaer.content.buddies import BuddyRound
    from naervaer.content.goals import Goal, TalkingPoint
    from naervaer.content.skills import Label

PROBLEM_TAGS = frozenset({"problem", "fire", "misunderstanding"})
PULSE_DAYS = 183  # "the trend over the last months": about half a year of pulses


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
class Pulse:
    """How the person seemed in one note (1 strained … 5 very good)."""

    note_id: int
    date: date
    value: int

    @property
    def key(self) -> tuple[date, int]:
        return (self.date, self.note_id)


@dataclass(frozen=True, slots=True)
class Change:
    """A period a site, or one person, goes through change (a merger, a new rota, a move); no
    end: until ended. ``site`` names what is in change: the site's name, or the person's."""

    site: str
    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def shortened(usual: int, factor: int) -> int:
    """A rhythm in days while a change period runs: ``factor`` percent of the usual, at least a day."""
    return max(1, usual * factor // 100)


@dataclass(frozen=True, slots=True)
class SiteFacts:
    """What belongs to a site itself: its local helper, change period and team meetings."""

    key: str  # content.text.name_key of the name
    name: str
    helper: str | None = None  # a team member's name or a contact outside the team
    helper_person_id: int | None = None
    change: Change | None = None
    meetings: tuple[date, ...] = ()  # team meetings held there, newest first (the last few)

    @property
    def last_meeting(self) -> date | None:
        return self.meetings[0] if self.meetings else None


@dataclass(frozen=True, slots=True)
class Meeting:
    """A team meeting: where and when, and who came (by id)."""

    id: int
    date: date
    site: str
    people: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class TeamLevel:
    """The facts the team-wide rules read (meetings, survey, sites). ``TeamFacts.team`` is None
    for a team described by its people alone: then only the per-person rules run."""

    sites: tuple[SiteFacts, ...] = ()
    last_survey: date | None = None

    def site(self, name: str | None) -> SiteFacts | None:
        from_key = {s.key: s for s in self.sites}
        return from_key.get(site_key(name)) if name else None

    @property
    def last_meeting(self) -> tuple[date, str] | None:
        held = [(s.last_meeting, s.name) for s in self.sites if s.last_meeting is not None]
        return max(held, default=None)


def site_key(name: str) -> str:
    """The key a site's own data is stored under: the folded name."""
    return name_key(name.strip())


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
    # the newest note of kind one-to-one (tip 2)
    last_one_to_one: date | None = None
    # pulses of the last ``PULSE_DAYS``, oldest first
    pulses: tuple[Pulse, ...] = ()
    # seen in person (a note or a team meeting) in this month and the two before, newest first
    seen_months: tuple[bool, ...] = ()
    # the change period of their site covering the loading day, if any
    change: Change | None = None
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
    # the competence map of the active people (skills and interests)
    labels: tuple[Label, ...] = ()
    # the newest buddy round, if any
    buddy_round: BuddyRound | None = None
    team: TeamLevel | None = None
