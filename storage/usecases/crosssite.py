"""The competence map and the buddy rotation as both faces show them.

``who_view`` (``naervaer who``, the "Who can help?" screen): the people a label search finds,
grouped by site. ``buddy_view`` (``naervaer buddies``, the Buddies screen): the current
round, the history, and a proposal; ``accept`` stores a pairing as the new round.
``person_extras`` is what the Person screen shows: skills, interests and the current buddy.
"""

from __future__ import annotations

from datetime import date

from naervaer.content.buddies import BuddyRound, Group, current
from naervaer.content.crosssite_views import BuddyView, Found, PersonExtras, ShownRound, WhoView
from naervaer.content.facts import Person
from naervaer.content.text import collate
from naervaer.storage import crosssite
from naervaer.storage.store import Store


def who_view(store: Store, query: str) -> WhoView:
    found = crosssite.who(store, query)
    by_site: dict[str | None, list[Found]] = {}
    for f in sorted(found, key=lambda f: (collate(f.person.name), f.person.id, f.kind, collate(f.label))):
        by_site.setdefault(f.person.site, []).append(f)
    order = sorted(by_site, key=lambda s: (s is None, collate(s or "")))
    return WhoView(query, tuple((s, tuple(by_site[s])) for s in order))


def _shown(rnd: BuddyRound, people: dict[int, Person]) -> ShownRound:
    groups = tuple(tuple(people[p] for p in g if p in people) for g in rnd.groups)
    return ShownRound(rnd.id, rnd.started, tuple(g for g in groups if g))


def _people(store: Store) -> dict[int, Person]:
    return {p.id: p for p in store.people(include_archived=True)}


def buddy_view(store: Store) -> BuddyView:
    people = _people(store)
    rounds = crosssite.rounds(store)
    newest = current(rounds)
    earlier = sorted((r for r in rounds if r is not newest), key=lambda r: (r.started, r.id), reverse=True)
    return BuddyView(_shown(newest, people) if newest else None, tuple(_shown(r, people) for r in earlier))


def proposal(store: Store, today: date) -> ShownRound:
    """The next round as proposed from the history (not stored)."""
    return _shown(BuddyRound(0, today, crosssite.proposal(store)), _people(store))


def accept(store: Store, today: date, groups: tuple[Group, ...] | None = None) -> BuddyRound:
    """Store ``groups`` (default: the proposal) as the round starting ``today``."""
    return crosssite.save_round(store, today, groups if groups is not None else crosssite.proposal(store))


def person_extras(store: Store, person_id: int) -> PersonExtras:
    labels = tuple(crosssite.labels_of(store, person_id))
    rnd = crosssite.current_round(store)
    if rnd is None or rnd.group_of(person_id) is None:
        return PersonExtras(labels, (), None)
    people = _people(store)
    return PersonExtras(labels, tuple(people[p] for p in rnd.buddies_of(person_id) if p in people), rnd.started)
