"""The buddy rotation, pure: scenario cases and Hypothesis properties over 12 rounds.

Properties for 2…200 people at 1…8 sites: every round is a valid pairing (each person in
exactly one group, no one alone, pairs and at most one trio, never self); no repeat stays
where one swap of partners between two pairs would give two fresh pairs; trios spread
(nobody in a trio in every round of a year, at most two more trios than anyone else over
twelve rounds); across sites when there are other sites.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from naervaer.content.buddies import BuddyRound, Member, current, pairs_in, propose, swap
from naervaer.content.rules_team import add_months

START = date(2026, 1, 1)


def team(n: int, sites: int) -> list[Member]:
    return [Member(i + 1, f"site{i % sites}") for i in range(n)]


def rotate(members: list[Member], count: int) -> list[BuddyRound]:
    rounds: list[BuddyRound] = []
    for r in range(count):
        rounds.append(BuddyRound(r + 1, add_months(START, 3 * r), propose(members, rounds)))
    return rounds


def assert_valid(groups, members: list[Member]) -> None:
    ids = [p for g in groups for p in g]
    assert sorted(ids) == sorted(m.id for m in members)  # everyone once
    sizes = Counter(len(g) for g in groups)
    assert set(sizes) <= {2, 3}
    assert sizes[3] == len(members) % 2  # a trio only for an odd person out
    for g in groups:
        assert len(set(g)) == len(g)  # never self


def met_before(rounds: list[BuddyRound]) -> set[tuple[int, int]]:
    return {pair for r in rounds for g in r.groups for pair in pairs_in(g)}


def assert_no_repeat_one_swap_from_fresh(groups, earlier: list[BuddyRound]) -> None:
    used = met_before(earlier)

    def fresh(a: int, b: int) -> bool:
        return (min(a, b), max(a, b)) not in used

    pairs = [g for g in groups if len(g) == 2]
    for a, b in pairs:
        if fresh(a, b):
            continue
        for c, d in pairs:
            if {c, d} == {a, b}:
                continue
            assert not (fresh(a, c) and fresh(b, d)), ((a, b), (c, d))
            assert not (fresh(a, d) and fresh(b, c)), ((a, b), (c, d))


def check_twelve_rounds(n: int, sites: int) -> None:
    members = team(n, sites)
    rounds: list[BuddyRound] = []
    for r in range(12):
        groups = propose(members, rounds)
        assert_valid(groups, members)
        assert_no_repeat_one_swap_from_fresh(groups, rounds)
        rounds.append(BuddyRound(r + 1, add_months(START, 3 * r), groups))


@settings(max_examples=30, deadline=None)
@given(n=st.integers(2, 40), sites=st.integers(1, 8))
def test_twelve_rounds_are_valid_and_avoid_repeats(n: int, sites: int) -> None:
    check_twelve_rounds(n, sites)


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.integers(2, 200), sites=st.integers(1, 8))
def test_twelve_rounds_up_to_two_hundred_people(n: int, sites: int) -> None:
    check_twelve_rounds(n, sites)


@pytest.mark.parametrize(("n", "sites"), [
    (2, 1), (3, 1), (5, 2), (13, 3), (14, 8),
    pytest.param(200, 8, marks=pytest.mark.slow), pytest.param(199, 1, marks=pytest.mark.slow),
])
def test_twelve_rounds_at_the_edges(n: int, sites: int) -> None:
    check_twelve_rounds(n, sites)


@settings(max_examples=15, deadline=None)
@given(half=st.integers(2, 30), sites=st.integers(1, 8))
def test_trios_spread_fairly(half: int, sites: int) -> None:
    members = team(2 * half + 1, sites)  # odd: a trio every round
    rounds = rotate(members, 12)
    in_trio = Counter(p for r in rounds for g in r.groups if len(g) == 3 for p in g)
    counts = [in_trio[m.id] for m in members]
    assert max(counts) - min(counts) <= 2
    first_year = Counter(p for r in rounds[:4] for g in r.groups if len(g) == 3 for p in g)
    assert max(first_year.values()) < 4  # nobody in a trio every round of a year


@settings(max_examples=15, deadline=None)
@given(n=st.integers(4, 120), sites=st.integers(2, 8))
def test_everybody_meets_someone_from_another_site_within_a_year(n: int, sites: int) -> None:
    members = team(n, sites)  # sites of about equal size: a cross-site buddy is possible for all
    site = {m.id: m.site for m in members}
    rounds = rotate(members, 4)
    across = {p for pair in met_before(rounds) if site[pair[0]] != site[pair[1]] for p in pair}
    assert across == {m.id for m in members}


def test_unused_pairings_come_first_a_round_robin_for_small_teams() -> None:
    members = team(8, 1)
    rounds = rotate(members, 7)  # 7 rounds give every one of the 28 pairs exactly once
    assert len(met_before(rounds)) == 28


def test_the_same_history_gives_the_same_pairing() -> None:
    members = team(23, 4)
    rounds = rotate(members, 3)
    assert propose(members, rounds) == propose(list(reversed(members)), list(reversed(rounds)))


def test_across_sites_where_possible() -> None:
    members = [Member(1, "Nord"), Member(2, "Nord"), Member(3, "Syd"), Member(4, "Syd")]
    groups = propose(members, [])
    assert all(len({m.site for m in members if m.id in g}) == 2 for g in groups)


def test_last_rounds_buddy_is_avoided_when_a_fresh_one_exists() -> None:
    members = team(4, 2)
    first = propose(members, [])
    second = propose(members, [BuddyRound(1, START, first)])
    assert not set(map(tuple, map(sorted, first))) & set(map(tuple, map(sorted, second)))


@pytest.mark.parametrize("n", [0, 1])
def test_fewer_than_two_people_give_no_round(n: int) -> None:
    assert propose(team(n, 1), []) == ()


def test_three_people_are_one_trio() -> None:
    assert propose(team(3, 2), []) == ((1, 2, 3),)


def test_a_forgotten_partner_leaves_a_group_of_one_that_still_pairs() -> None:
    earlier = BuddyRound(1, START, ((1,), (3, 4)))  # 2 was forgotten: their row is gone
    groups = propose(team(4, 2)[:1] + team(4, 2)[2:], [earlier])
    assert_valid(groups, [m for m in team(4, 2) if m.id != 2])


def test_swap_exchanges_two_people_and_nothing_else() -> None:
    groups = ((1, 2), (3, 4), (5, 6, 7))
    assert swap(groups, 1, 6) == ((2, 6), (3, 4), (1, 5, 7))  # the groups keep their places
    assert swap(groups, 1, 2) == groups  # same pair: nothing to swap
    assert swap(groups, 1, 99) == groups


def test_current_is_the_newest_round() -> None:
    a, b = BuddyRound(1, START, ()), BuddyRound(2, date(2026, 4, 1), ())
    assert current([b, a]) is b and current([]) is None


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2026, 11, 30), 3, date(2027, 2, 28)),
    (date(2028, 5, 31), -3, date(2028, 2, 29)),
    (date(2026, 3, 15), 12, date(2027, 3, 15)),
])
def test_add_months_clips_to_the_month_end(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected
