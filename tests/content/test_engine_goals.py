"""Scenario tests for tip 1's prompt kinds (``no_goal``, ``goal_review``) and the talking points
a due prompt carries: the facts that trigger each do, the nearest that should not, don't."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from test_engine import DA, EN, TODAY, calm, days, of, run

from naervaer.content.engine_facts import Contact, PromptState
from naervaer.content.facts import Away
from naervaer.content.goals import Goal, GoalUpdate, TalkingPoint, parse_status
from naervaer.content.settings import EngineSettings


def goal(gid: int = 1, status: str = "on_track", written_ago: int = 10, *updates_ago: int) -> Goal:
    updates = tuple(GoalUpdate(10 * gid + i, gid, TODAY - days(ago), status, "ok") for i, ago in enumerate(updates_ago))
    return Goal(gid, 1, "Run the new rota alone", None, status, TODAY - days(written_ago), updates)


# -- no_goal --------------------------------------------------------------------------


def test_no_written_goal_prompts_tip_1() -> None:
    [p] = run(calm(goals=()))
    assert p.kind == "no_goal" and p.tip == "1"
    assert p.id == "no_goal:p1:after0"
    assert "Tip 1" in p.reason and "in writing" in p.reason and p.title == "Agree a written goal with Anna Berg"


def test_no_goal_in_danish_names_tip_1() -> None:
    [p] = run(calm(goals=()), t=DA)
    assert p.title == "Aftal et skriftligt mål med Anna Berg" and "Råd 1" in p.reason


@pytest.mark.parametrize("status", ["on_track", "at_risk"])
def test_one_active_goal_is_enough(status: str) -> None:
    assert run(calm(goals=(goal(status=status),))) == []


def test_goals_all_reached_or_dropped_ask_for_the_next_one_with_a_new_id() -> None:
    [p] = run(calm(goals=(goal(1, "done"), goal(2, "dropped"))))
    assert p.kind == "no_goal" and p.id == "no_goal:p1:after2"
    assert "reached or dropped" in p.reason


@pytest.mark.parametrize("changes", [
    {"archived": True},
    {"away": (Away(1, 1, TODAY - days(3), None, "leave"),)},
    {"started": TODAY + days(10)},
])
def test_no_goal_is_silent_for_archived_away_or_not_yet_started(changes: dict) -> None:
    assert of("no_goal", run(calm(goals=(), **changes))) == []


def test_no_goals_group_on_today() -> None:
    from naervaer.content.engine import Group, today_list
    from naervaer.content.engine_facts import TeamFacts

    people = tuple(calm(pid, f"P{pid}", goals=()) for pid in range(1, 5))
    listed = today_list(TODAY, TeamFacts(people), EngineSettings(), EN)
    [entry] = listed.entries
    assert isinstance(entry, Group) and entry.title == "4 people with no written goal"


def test_a_done_no_goal_prompt_stays_hidden_until_a_goal_was_written_and_closed() -> None:
    states = {"no_goal:p1:after0": PromptState("done")}
    assert run(calm(goals=()), states=states) == []
    assert of("no_goal", run(calm(goals=(goal(3, "done"),)), states=states))


# -- goal_review ----------------------------------------------------------------------


def test_goals_not_looked_at_for_90_days_prompt_a_review() -> None:
    [p] = run(calm(goals=(goal(written_ago=90),)))
    assert p.kind == "goal_review" and p.tip == "1" and p.days == 90
    assert p.id == f"goal_review:p1:since{TODAY - days(90)}"
    assert "Tip 1" in p.reason and "1 goal," in p.reason


def test_89_days_is_not_yet_due() -> None:
    assert run(calm(goals=(goal(written_ago=89),))) == []


def test_an_update_counts_as_looking_at_the_goals() -> None:
    assert run(calm(goals=(goal(1, "on_track", 200, 150, 30),))) == []
    [p] = run(calm(goals=(goal(1, "on_track", 200, 150, 95),)))
    assert p.days == 95


def test_a_new_goal_written_together_counts_as_looking_at_them() -> None:
    assert run(calm(goals=(goal(1, "at_risk", 200), goal(2, "on_track", 5)))) == []


def test_closed_goals_are_not_reviewed() -> None:
    prompts = run(calm(goals=(goal(1, "done", 300),)))
    assert [p.kind for p in prompts] == ["no_goal"]


def test_the_review_rhythm_is_a_setting() -> None:
    assert run(calm(goals=(goal(written_ago=40),)), settings=EngineSettings(goal_review_days=30))
    assert not run(calm(goals=(goal(written_ago=40),)), settings=EngineSettings(goal_review_days=45))


def test_goal_review_is_silent_while_away() -> None:
    away = (Away(1, 1, TODAY - days(3), TODAY + days(3), "course"),)
    assert run(calm(goals=(goal(written_ago=200),), away=away)) == []


def test_goal_review_plural_in_danish() -> None:
    [p] = run(calm(goals=(goal(1, written_ago=100), goal(2, "at_risk", 120))), t=DA)
    assert p.reason.startswith("2 mål, sidst gennemgået") and "Råd 1" in p.reason


# -- talking points on Today ----------------------------------------------------------


def point(pid: int, text: str, ago: int) -> TalkingPoint:
    return TalkingPoint(pid, 1, text, TODAY - days(ago))


def test_a_due_contact_carries_the_open_points_with_their_age() -> None:
    quiet = calm(recent_contacts=(Contact(7, TODAY - days(20), "phone"),), last_in_person=TODAY - days(20),
                 open_points=(point(1, "the course dates", 3), point(2, "the rota", 0)))
    [p] = run(quiet)
    assert p.kind == "no_contact"
    assert p.reason.endswith("To raise next time (2): the course dates (3 days ago); the rota (today).")
    [da] = run(quiet, t=DA)
    assert da.reason.endswith("Til næste gang (2): the course dates (for 3 dage siden); the rota (i dag).")


def test_points_change_no_prompt_id_and_make_no_prompt_of_their_own() -> None:
    assert run(calm(open_points=(point(1, "the course dates", 3),))) == []
    plain = calm(goals=())
    with_points = replace(plain, open_points=(point(1, "x", 1),))
    assert [p.id for p in run(plain)] == [p.id for p in run(with_points)]


def test_more_than_three_points_are_counted() -> None:
    points = tuple(point(i, f"p{i}", i) for i in range(1, 6))
    [p] = run(calm(goals=(), open_points=points))
    assert "To raise next time (5): p1 (yesterday); p2 (2 days ago); p3 (3 days ago) and 2 more." in p.reason


# -- the status words -----------------------------------------------------------------


@pytest.mark.parametrize(("typed", "status"), [
    ("on track", "on_track"), ("på rette vej", "on_track"), ("AT-RISK", "at_risk"), ("halter", "at_risk"),
    ("done", "done"), ("nået", "done"), ("dropped", "dropped"), ("udgået", "dropped"),
])
def test_status_words_in_both_languages(typed: str, status: str) -> None:
    assert parse_status(typed) == status


def test_an_unknown_status_is_refused() -> None:
    from naervaer.content.errors import InputError

    with pytest.raises(InputError) as caught:
        parse_status("maybe")
    assert caught.value.key == "goals.bad_status"
