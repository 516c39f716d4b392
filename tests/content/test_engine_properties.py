"""Property tests of the engine on generated team facts (hypothesis)."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings, strategies as st

from naervaer.content.coaching import Coaching
from naervaer.content.engine import build_prompts, tip_of_the_day
from naervaer.content.engine_facts import (
    Contact, Incident, PersonFacts, PromptState, Pulse, SuccessNote, TeamFacts,
)
from naervaer.content.facts import Away, Birthday, Person, PersonalDate, Promise
from naervaer.content.goals import GOAL_STATUSES, Goal, GoalUpdate, TalkingPoint
from naervaer.content.i18n import Translator
from naervaer.content.settings import EngineSettings
from naervaer.content.vocab import CHANNELS

TODAY = date(2026, 11, 23)
EN, DA = Translator("en"), Translator("da")
NAMES = ["Anna Berg", "Bo", "Åse Holm", "Søren", "anna", "Zara", "Bo"]
TAGS = ["fire", "problem", "misunderstanding", "success", "informal", "private"]
# kinds whose id must not change from one day to the next while the facts stay the same
STABLE = {"not_seen", "no_contact", "unrecognized", "only_problems", "new_person",
          "misunderstanding", "promise_due", "welcome_back", "one_to_one", "pulse_falling", "no_goal",
          "goal_review"}


def day_near(low: int = -400, high: int = 0) -> st.SearchStrategy[date]:
    return st.integers(low, high).map(lambda n: TODAY + timedelta(days=n))


# Note, promise and period ids unique across every generated team (the engine keys prompts
# by them). The strategies are built once: building them inside each draw cost hypothesis
# about 40 ms per person, fifty times what the engine takes.
_NEXT_ID = itertools.count(1)
IDS = st.builds(lambda: next(_NEXT_ID))
OWNER = 0  # the person id, set on each drawn row by ``person_facts``

BIRTHDAYS = st.none() | st.builds(
    Birthday, st.integers(1, 28) | st.just(29), st.integers(1, 12), st.none() | st.integers(1950, 2005))
CONTACTS = st.lists(st.builds(
    Contact, IDS, day_near(-120), st.sampled_from(CHANNELS),
    st.lists(st.sampled_from(TAGS), max_size=2, unique=True).map(tuple)), max_size=4)
AWAY_PLANS = st.lists(st.tuples(IDS, st.integers(-200, 20), st.none() | st.integers(0, 40)), max_size=2)
SUCCESSES = st.lists(st.builds(SuccessNote, IDS, day_near(-6), st.just("Good")), max_size=2)
INCIDENTS = st.lists(st.builds(Incident, IDS, day_near(-45)), max_size=2)
PROMISES = st.lists(st.builds(Promise, IDS, st.just(OWNER), st.just("Call back"),
                              st.none() | day_near(-30, 10)), max_size=2)
DATES = st.lists(st.builds(PersonalDate, IDS, st.just(OWNER), day_near(-800, 30), st.just("Wedding"),
                           st.booleans()), max_size=2)
PULSES = st.lists(st.builds(Pulse, IDS, day_near(-180), st.integers(1, 5)), max_size=5)
POINTS = st.lists(st.builds(TalkingPoint, IDS, st.just(OWNER), st.just("Ask about the rota"), day_near(-60)),
                  max_size=4)


@st.composite
def goal(draw: st.DrawFn) -> Goal:
    written = draw(day_near(-300))
    updates = sorted(draw(st.lists(st.integers(0, (TODAY - written).days), max_size=2)))
    statuses = st.sampled_from(GOAL_STATUSES)
    gid = draw(IDS)
    history = tuple(GoalUpdate(draw(IDS), gid, written + timedelta(days=n), draw(statuses), "ok") for n in updates)
    status = history[-1].status if history else draw(statuses)
    return Goal(gid, OWNER, "Runs the rota alone", None, status, written, history)


GOALS = st.lists(goal(), max_size=2)


@st.composite
def person_facts(draw: st.DrawFn, pid: int) -> PersonFacts:
    birthday = draw(BIRTHDAYS)
    if birthday and birthday.day == 29:
        birthday = Birthday(29, 2, None)
    person = Person(
        pid, draw(st.sampled_from(NAMES)), site=draw(st.sampled_from(["Nord", "Syd", None])),
        birthday=birthday, started=draw(st.none() | day_near(-3000, 10)),
        in_person_days=draw(st.integers(1, 60)), contact_days=draw(st.integers(1, 30)),
        archived=draw(st.booleans()), created=draw(st.none() | day_near(-800, 0)),
        one_to_one_days=draw(st.integers(0, 60)),
    )
    contacts = draw(CONTACTS)
    in_person = [c.date for c in contacts if c.channel == "in_person"]
    away = []
    for away_id, start_off, length in draw(AWAY_PLANS):
        start = TODAY + timedelta(days=start_off)
        away.append(Away(away_id, pid, start, None if length is None else start + timedelta(days=length)))

    def owned(rows: list) -> tuple:
        return tuple(replace(row, person_id=pid) for row in rows)

    return PersonFacts(
        person=person,
        last_in_person=max(in_person, default=None) or draw(st.none() | day_near(-400)),
        recent_contacts=tuple(contacts),
        last_success=draw(st.none() | day_near(-200)),
        recent_successes=tuple(draw(SUCCESSES)),
        fires=tuple(draw(INCIDENTS)),
        misunderstandings=tuple(draw(INCIDENTS)),
        open_promises=owned(draw(PROMISES)),
        personal_dates=owned(draw(DATES)),
        away=tuple(away),
        last_one_to_one=draw(st.none() | day_near(-200)),
        pulses=tuple(draw(PULSES)),
        open_points=owned(draw(POINTS)),
        goals=owned(draw(GOALS)),
    )


@st.composite
def teams(draw: st.DrawFn) -> TeamFacts:
    size = draw(st.integers(0, 5))
    return TeamFacts(tuple(draw(person_facts(pid)) for pid in range(1, size + 1)))


SETTINGS = st.builds(EngineSettings, digest_weekday=st.integers(0, 6),
                     only_problems_count=st.integers(2, 4), check_in_people=st.integers(0, 3))


@settings(max_examples=100, deadline=None)
@given(teams(), SETTINGS)
def test_deterministic_and_independent_of_input_order(team: TeamFacts, s: EngineSettings) -> None:
    first = build_prompts(TODAY, team, s, EN)
    assert first == build_prompts(TODAY, team, s, EN)
    reversed_team = TeamFacts(tuple(reversed(team.people)), team.states)
    assert build_prompts(TODAY, reversed_team, s, EN) == first
    assert len({p.id for p in first}) == len(first)


@settings(max_examples=100, deadline=None)
@given(teams(), SETTINGS)
def test_no_prompt_for_archived_people(team: TeamFacts, s: EngineSettings) -> None:
    archived = {pf.person.id for pf in team.people if pf.person.archived}
    assert not [p for p in build_prompts(TODAY, team, s, EN) if p.person_id in archived]


ALL_TIP_IDS = {
    lang: {x.id for x in Coaching(lang).tips()} | {x.id for x in Coaching(lang).principles()}
    for lang in ("en", "da")
}


@settings(max_examples=100, deadline=None)
@given(teams(), SETTINGS, day_near(-5, 5))
def test_every_prompt_rests_on_a_tip_in_both_languages(team: TeamFacts, s: EngineSettings, day: date) -> None:
    english = build_prompts(day, team, s, EN)
    danish = build_prompts(day, team, s, DA)
    assert [(p.id, p.priority) for p in english] == [(p.id, p.priority) for p in danish]
    for p in english:
        assert p.tip in ALL_TIP_IDS["en"] and p.tip in ALL_TIP_IDS["da"]
        assert p.title.strip() and p.reason.strip() and "{" not in p.title + p.reason


@settings(max_examples=100, deadline=None)
@given(teams(), SETTINGS, day_near(-5, 5))
def test_ids_stable_across_days_while_the_situation_is_unchanged(
    team: TeamFacts, s: EngineSettings, day: date
) -> None:
    def by_person_kind(prompts):
        found: dict[tuple, list[str]] = {}
        for p in prompts:
            if p.kind in STABLE:
                found.setdefault((p.kind, p.person_id), []).append(p.id)
        return found

    today = by_person_kind(build_prompts(day, team, s, EN))
    tomorrow = by_person_kind(build_prompts(day + timedelta(days=1), team, s, EN))
    for key in today.keys() & tomorrow.keys():
        if key[0] != "promise_due":
            assert today[key] == tomorrow[key], key
        else:
            assert set(today[key]) <= set(tomorrow[key]), key


@settings(max_examples=100, deadline=None)
@given(teams(), SETTINGS)
def test_done_prompts_are_hidden_and_snoozed_return_on_their_day(team: TeamFacts, s: EngineSettings) -> None:
    shown = build_prompts(TODAY, team, s, EN)[:-1]
    if not shown:
        return
    states = {p.id: PromptState("done") for p in shown[::2]}
    states |= {p.id: PromptState("snoozed", TODAY + timedelta(days=1)) for p in shown[1::2]}
    hidden = TeamFacts(team.people, states)
    assert build_prompts(TODAY, hidden, s, EN)[:-1] == []


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_tip_of_the_day_covers_all_ten_in_any_ten_days(start: date) -> None:
    seen = {tip_of_the_day(start + timedelta(days=i), EN).tip for i in range(10)}
    assert seen == {str(i) for i in range(1, 11)}
