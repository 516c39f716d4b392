"""How Today ranks and groups (``engine.today_list``): scenarios a leader would judge, and
properties on generated teams (deterministic, every prompt reachable exactly once)."""

from __future__ import annotations

from datetime import date, timedelta

from engine_support import FRIDAY, every_kind_team
from hypothesis import given, settings, strategies as st
from test_engine_properties import SETTINGS, TODAY, teams

from naervaer.content.engine import GROUP_FROM, Group, TodayList, build_prompts, today_list
from naervaer.content.engine_facts import Contact, PersonFacts, TeamFacts
from naervaer.content.facts import Person
from naervaer.content.goals import Goal
from naervaer.content.i18n import Translator
from naervaer.content.settings import EngineSettings

EN, DA = Translator("en"), Translator("da")


def person(pid: int, name: str, *, seen_ago: int = 1, contact_ago: int = 1, **fields: object) -> PersonFacts:
    """Met in person ``seen_ago`` days ago, last contact (by phone) ``contact_ago`` days ago;
    a written goal on track, looked at ten days ago."""
    fields.setdefault("created", date(2024, 1, 1))
    return PersonFacts(
        person=Person(pid, name, site="Nord", **fields),  # type: ignore[arg-type]
        last_in_person=TODAY - timedelta(days=seen_ago),
        recent_contacts=(Contact(100 + pid, TODAY - timedelta(days=contact_ago), "phone"),),
        last_success=TODAY - timedelta(days=1),
        last_one_to_one=TODAY - timedelta(days=1),
        goals=(Goal(100 + pid, pid, "Run the new rota alone", None, "on_track", TODAY - timedelta(days=10)),),
    )


def listed(*people: PersonFacts, limit: int | None = None, t: Translator = EN) -> TodayList:
    return today_list(TODAY, TeamFacts(tuple(people)), EngineSettings(), t, limit)


def flat(entries) -> list[str]:
    return [p.id for e in entries for p in (e.prompts if isinstance(e, Group) else (e,))]


def test_a_long_gap_in_person_outranks_an_anniversary_in_five_days() -> None:
    gap = person(1, "Bo Holm", seen_ago=145)
    anniversary = person(2, "Anna Berg", started=date(2019, 11, 28))  # 7 years on 28 Nov
    entries = listed(anniversary, gap).entries
    assert [e.kind for e in entries] == ["not_seen", "milestone"]
    assert entries[0].person == "Bo Holm"


def test_a_short_gap_stays_below_the_dates_coming_up_and_a_birthday_tomorrow_stays_above_a_gap() -> None:
    short = person(1, "Bo Holm", seen_ago=35)  # rhythm 30: five days late
    anniversary = person(2, "Anna Berg", started=date(2019, 11, 28))
    assert [e.kind for e in listed(short, anniversary).entries] == ["milestone", "not_seen"]
    from naervaer.content.facts import Birthday
    tomorrow = person(3, "Cy", birthday=Birthday(24, 11))
    assert [e.kind for e in listed(person(1, "Bo", seen_ago=145), tomorrow).entries] == ["milestone", "not_seen"]


def test_longer_gaps_rank_higher_within_the_long_band() -> None:
    entries = listed(person(1, "Anna", seen_ago=70), person(2, "Bo", seen_ago=150)).entries
    assert [e.person for e in entries] == ["Bo", "Anna"]


def test_many_of_one_kind_become_one_group_that_keeps_every_member() -> None:
    gaps = [person(i, f"Person {i}", seen_ago=60 + 10 * i) for i in range(1, 6)]
    entries = listed(*gaps).entries
    assert len(entries) == 1
    group = entries[0]
    assert isinstance(group, Group)
    assert group.title == "5 people you have not seen in person for 70–110 days"
    assert [p.person for p in group.prompts] == [f"Person {i}" for i in range(5, 0, -1)]  # ranked inside
    danish = listed(*gaps, t=DA).entries[0]
    assert danish.title == "5 medarbejdere, du ikke har set fysisk i 70–110 dage"


def test_a_group_title_says_the_range_its_members_span_not_only_the_smallest() -> None:
    same = listed(*[person(i, f"P{i}", seen_ago=90) for i in range(1, 4)]).entries[0]
    assert same.title == "3 people you have not seen in person for 90 days"
    spread = listed(*[person(i, f"P{i}", seen_ago=d) for i, d in enumerate((111, 128, 145), 1)], t=DA).entries[0]
    assert spread.title == "3 medarbejdere, du ikke har set fysisk i 111–145 dage"


def test_a_not_seen_reason_says_how_long_ago_as_every_other_reason_does() -> None:
    (prompt,) = listed(person(1, "Bo Holm", seen_ago=145), t=DA).entries
    assert "(for 145 dage siden)" in prompt.reason and ": 145 dage" not in prompt.reason


def test_fewer_than_the_threshold_stay_single_and_long_and_short_gaps_group_apart() -> None:
    two = listed(person(1, "A", seen_ago=70), person(2, "B", seen_ago=80)).entries
    assert not any(isinstance(e, Group) for e in two) and len(two) == 2
    mixed = [person(i, f"L{i}", seen_ago=70 + i) for i in range(3)]
    mixed += [person(10 + i, f"S{i}", seen_ago=35 + i) for i in range(3)]
    entries = listed(*mixed, limit=100).entries
    assert [e.key for e in entries] == ["not_seen:long", "not_seen"]  # type: ignore[union-attr]


def test_the_top_is_today_limit_entries_and_more_counts_the_rest() -> None:
    team = every_kind_team()
    found = today_list(FRIDAY, team, EngineSettings(today_limit=3), EN)
    assert len(found.top) == 3 and found.more == len(found.entries) - 3
    assert found.tip.kind == "tip_of_the_day"
    assert today_list(FRIDAY, team, EngineSettings(), EN, limit=100).more == 0


@settings(max_examples=100, deadline=None)
@given(teams(), SETTINGS, st.integers(1, 10))
def test_today_list_is_deterministic_and_keeps_every_prompt_once(team: TeamFacts, s: EngineSettings,
                                                                 limit: int) -> None:
    first = today_list(TODAY, team, s, EN, limit)
    assert first == today_list(TODAY, TeamFacts(tuple(reversed(team.people)), team.states), s, EN, limit)
    ranked = [p.id for p in build_prompts(TODAY, team, s, EN)[:-1]]
    assert sorted(flat(first.entries)) == sorted(ranked) and len(set(ranked)) == len(ranked)
    assert len(first.top) == min(limit, len(first.entries))
    ids = [e.id for e in first.entries]
    assert len(set(ids)) == len(ids)
    for e in first.entries:
        if isinstance(e, Group):
            assert len(e.prompts) >= GROUP_FROM and len({p.group for p in e.prompts}) == 1
            # a group stands where its highest-ranked member would
            assert ranked.index(e.prompts[0].id) < min(ranked.index(p.id) for p in e.prompts[1:])


@settings(max_examples=50, deadline=None)
@given(teams(), SETTINGS)
def test_group_ids_do_not_depend_on_the_language(team: TeamFacts, s: EngineSettings) -> None:
    english, danish = today_list(TODAY, team, s, EN), today_list(TODAY, team, s, DA)
    assert [e.id for e in english.entries] == [e.id for e in danish.entries]
