"""What the competence map and the buddy rotation show: frozen dataclasses, built in storage.

``storage.usecases.crosssite`` fills them; the CLI, the screens and ``content.formats.crosssite``
(the JSON documents) read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from naervaer.content.facts import Person
from naervaer.content.skills import Label


@dataclass(frozen=True, slots=True)
class Found:
    """One person who has a label that matches the search."""

    person: Person
    kind: str
    label: str


@dataclass(frozen=True, slots=True)
class WhoView:
    query: str
    sites: tuple[tuple[str | None, tuple[Found, ...]], ...]  # site (None last), its people

    @property
    def people(self) -> int:
        return len({f.person.id for _, found in self.sites for f in found})


@dataclass(frozen=True, slots=True)
class ShownRound:
    """A round with its people resolved (groups of people, in the order stored)."""

    id: int | None
    started: date
    groups: tuple[tuple[Person, ...], ...]


@dataclass(frozen=True, slots=True)
class BuddyView:
    current: ShownRound | None
    history: tuple[ShownRound, ...]  # earlier rounds, newest first


@dataclass(frozen=True, slots=True)
class PersonExtras:
    labels: tuple[Label, ...]
    buddies: tuple[Person, ...]
    buddies_since: date | None
