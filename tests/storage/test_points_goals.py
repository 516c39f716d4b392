"""Talking points and goals in the store: one transaction per action, all or nothing, ids never
reused, and the facts the engine reads (issue 15, items 1 and 2)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from conftest import TODAY
from naervaer.content.errors import InputError
from naervaer.content.settings import EngineSettings
from naervaer.storage.facts import load_team_facts
from naervaer.storage.store import Store


@pytest.fixture
def two(store: Store) -> tuple[int, int]:
    return store.add_person("Anna Berg").id, store.add_person("Bo Holm").id


def test_a_note_raises_points_and_adds_the_next_in_one_transaction(store: Store, two) -> None:
    anna, _ = two
    first = store.add_point(anna, "the course dates")
    note, _ = store.add_note(anna, TODAY, "phone", "called", raised=[first.id], next_time="the rota")
    raised = store.point(first.id)
    assert (raised.covered, raised.note_id) == (TODAY, note.id)
    assert [p.text for p in store.points(open_only=True)] == ["the rota"]


@pytest.mark.parametrize("bad", ["someone else's", "already raised", "unknown"])
def test_a_note_that_cannot_raise_a_point_stores_nothing(store: Store, two, bad: str) -> None:
    anna, bo = two
    mine = store.add_point(anna, "the course dates")
    other = store.add_point(bo, "the dishwasher")
    if bad == "already raised":
        store.cover_point(mine.id)
    wanted = {"someone else's": other.id, "already raised": mine.id, "unknown": 999}[bad]
    before = (store.notes(), store.points(), store.promises())
    with pytest.raises(InputError):
        store.add_note(anna, TODAY, "phone", "called", promise=("send dates", None), raised=[wanted],
                       next_time="the rota")
    assert (store.notes(), store.points(), store.promises()) == before


def test_a_point_becomes_a_promise_in_one_action(store: Store, two) -> None:
    anna, _ = two
    point = store.add_point(anna, "order aprons")
    raised, promise = store.point_to_promise(point.id, TODAY + timedelta(days=7))
    assert (promise.text, promise.person_id, promise.due) == ("order aprons", anna, TODAY + timedelta(days=7))
    assert (raised.covered, raised.promise_id) == (TODAY, promise.id) == (store.point(point.id).covered, promise.id)
    with pytest.raises(InputError):
        store.point_to_promise(point.id)
    assert len(store.promises()) == 1


def test_point_and_goal_ids_are_never_given_again(store: Store, two) -> None:
    anna, _ = two
    point = store.add_point(anna, "x")
    goal = store.add_goal(anna, "y")
    store.delete_point(point.id)
    store.delete_goal(goal.id)
    assert store.add_point(anna, "x2").id == point.id + 1
    assert store.add_goal(anna, "y2").id == goal.id + 1


def test_goal_updates_keep_a_history_and_set_the_status(store: Store, two) -> None:
    anna, _ = two
    goal = store.add_goal(anna, "Runs the rota alone", date(2027, 3, 31))
    assert goal.status == "on_track"
    store.update_goal(goal.id, status="at_risk", text="slow start")
    updated = store.update_goal(goal.id, text="better")
    assert updated.status == "at_risk"
    assert [(u.status, u.text) for u in updated.updates] == [("at_risk", "slow start"), ("at_risk", "better")]
    with pytest.raises(InputError):
        store.update_goal(goal.id, status="maybe")
    with pytest.raises(InputError):
        store.update_goal(goal.id, day=TODAY + timedelta(days=1))
    with pytest.raises(InputError):
        store.add_goal(anna, "   ")
    assert len(store.goal(goal.id).updates) == 2


def test_the_engine_facts_hold_open_points_and_goals_as_they_stood(store: Store, two) -> None:
    anna, _ = two
    store.add_point(anna, "open one")
    raised = store.add_point(anna, "raised one")
    store.cover_point(raised.id)
    store.add_goal(anna, "Runs the rota alone")
    [pf, _] = load_team_facts(store, TODAY, EngineSettings()).people
    assert [p.text for p in pf.open_points] == ["open one"]
    assert [g.text for g in pf.goals] == ["Runs the rota alone"]
    [earlier, _] = load_team_facts(store, TODAY - timedelta(days=1), EngineSettings()).people
    assert earlier.open_points == () and earlier.goals == ()  # written today: not there yesterday
