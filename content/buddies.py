"""The buddy rotation: a new buddy every three months, across sites where possible. Pure.

``propose`` pairs the active people for a new round from the rounds before it:

* nobody is paired with themselves, and each person is in exactly one group;
* an odd person out joins a pair as a trio: the one who has been in a trio least often
  (ties go round by the number of rounds), joined to a pair neither of whom has been in a
  trio every round so far if there is one, then to the pair whose members have been in
  trios least often, then to one they have not been buddies with, then the best fit;
* a pair costs ``REPEAT`` for each earlier round the two shared (more if it was the last
  one), ``SAME_SITE`` when they work at the same site, and a little more for each of them
  who has never had a buddy from another site. A greedy pairing (the person with the
  fewest fresh cross-site partners first) is improved by swapping partners between two
  pairs while that lowers the cost, so no repeat stays where one swap of partners would
  give two fresh pairs.

``swap`` exchanges two people between groups (the leader's edit before accepting).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations

REPEAT = 1000  # per earlier round the two were buddies
LAST_ROUND = 500  # extra when that was the round just before
SAME_SITE = 10
NEVER_ACROSS = 4  # per member who has never had a buddy from another site

Group = tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Member:
    """A person as the rotation sees them."""

    id: int
    site: str | None


@dataclass(frozen=True, slots=True)
class BuddyRound:
    """One accepted round: its groups of person ids (pairs, and at most one trio)."""

    id: int
    started: date
    groups: tuple[Group, ...]

    def group_of(self, person_id: int) -> Group | None:
        return next((g for g in self.groups if person_id in g), None)

    def buddies_of(self, person_id: int) -> tuple[int, ...]:
        group = self.group_of(person_id)
        return tuple(p for p in group if p != person_id) if group else ()


def pairs_in(group: Group) -> list[tuple[int, int]]:
    return [(min(a, b), max(a, b)) for a, b in combinations(group, 2)]


class _History:
    def __init__(self, members: Sequence[Member], rounds: Sequence[BuddyRound]) -> None:
        self.site = {m.id: m.site for m in members}
        self.met: Counter[tuple[int, int]] = Counter()
        self.last: set[tuple[int, int]] = set()
        self.trios: Counter[int] = Counter()
        self.across: set[int] = set()
        self._costs: dict[tuple[int, int], int] = {}
        ordered = sorted(rounds, key=lambda r: (r.started, r.id))
        for index, rnd in enumerate(ordered):
            for group in rnd.groups:
                for pair in pairs_in(group):
                    self.met[pair] += 1
                    if index == len(ordered) - 1:
                        self.last.add(pair)
                    if self.different_sites(*pair):
                        self.across.update(pair)
                if len(group) > 2:
                    self.trios.update(group)

    def different_sites(self, a: int, b: int) -> bool:
        sa, sb = self.site.get(a), self.site.get(b)
        return not (sa is not None and sa == sb)

    def cost(self, a: int, b: int) -> int:
        pair = (min(a, b), max(a, b))
        known = self._costs.get(pair)
        if known is not None:
            return known
        self._costs[pair] = cost = self._cost(a, b, pair)
        return cost

    def _cost(self, a: int, b: int, pair: tuple[int, int]) -> int:
        cost = REPEAT * self.met[pair] + (LAST_ROUND if pair in self.last else 0)
        if not self.different_sites(a, b):
            cost += SAME_SITE + NEVER_ACROSS * ((a not in self.across) + (b not in self.across))
        return cost

    def fresh(self, a: int, b: int) -> bool:
        return self.met[(min(a, b), max(a, b))] == 0


def propose(members: Sequence[Member], rounds: Sequence[BuddyRound]) -> tuple[Group, ...]:
    """The groups of a new round; fewer than two people give no groups."""
    people = sorted({m.id: m for m in members}.values(), key=lambda m: m.id)
    if len(people) < 2:
        return ()
    history = _History(people, rounds)
    # ties go round: who comes first shifts with every round, so no one is always picked first
    turn = len(rounds)
    order = {m.id: i for i, m in enumerate(people[turn % len(people):] + people[:turn % len(people)])}
    ids = sorted(order, key=order.__getitem__)
    odd = None
    if len(ids) % 2:
        odd = min(ids, key=lambda p: (history.trios[p], order[p]))
        ids = [p for p in ids if p != odd]
    pairs = _improve(_greedy(ids, history, order), history)
    groups = [tuple(sorted(p)) for p in pairs]
    if odd is not None:
        if groups:
            # nobody in a trio every round, then trios spread, then no repeat if one can
            # be had, then the fit
            best = min(range(len(groups)), key=lambda i: (
                any(rounds and history.trios[p] >= len(rounds) for p in groups[i]),
                sum(history.trios[p] for p in groups[i]),
                sum(not history.fresh(odd, p) for p in groups[i]),
                sum(history.cost(odd, p) for p in groups[i]), min(order[p] for p in groups[i])))
            groups[best] = tuple(sorted((*groups[best], odd)))
        else:
            groups.append((odd,))
    return tuple(sorted(groups))


def _greedy(ids: list[int], history: _History, order: dict[int, int]) -> list[tuple[int, int]]:
    options = {a: sum(1 for b in ids if b != a and history.fresh(a, b) and history.different_sites(a, b))
               for a in ids}
    left = set(ids)
    pairs: list[tuple[int, int]] = []
    for a in sorted(ids, key=lambda p: (options[p], order[p])):
        if a not in left:
            continue
        left.discard(a)
        b = min(left, key=lambda q: (history.cost(a, q), options[q], order[q]))
        left.discard(b)
        pairs.append((a, b))
    return pairs


def _improve(pairs: list[tuple[int, int]], history: _History) -> list[tuple[int, int]]:
    """Swap partners between two pairs while that lowers the total cost (a local optimum)."""
    pairs = list(pairs)
    cost = history.cost
    improved = True
    while improved:
        improved = False
        for i in range(len(pairs)):
            for j in range(i + 1, len(pairs)):
                (a, b), (c, d) = pairs[i], pairs[j]
                now = cost(a, b) + cost(c, d)
                first, second = cost(a, c) + cost(b, d), cost(a, d) + cost(b, c)
                if min(first, second) < now:
                    pairs[i], pairs[j] = ((a, c), (b, d)) if first <= second else ((a, d), (b, c))
                    improved = True
    return pairs


def swap(groups: Sequence[Group], a: int, b: int) -> tuple[Group, ...]:
    """``groups`` with ``a`` and ``b`` exchanged (same group, or either missing: unchanged).

    The groups keep their places, so the pair the leader was looking at stays where it was.
    """
    where = {p: i for i, g in enumerate(groups) for p in g}
    if a not in where or b not in where or where[a] == where[b]:
        return tuple(groups)
    swapped = {a: b, b: a}
    return tuple(tuple(sorted(swapped.get(p, p) for p in g)) for g in groups)


def current(rounds: Sequence[BuddyRound]) -> BuddyRound | None:
    """The newest round (by start date, then id)."""
    return max(rounds, key=lambda r: (r.started, r.id), default=None)
