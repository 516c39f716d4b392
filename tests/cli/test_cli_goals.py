"""``naervaer point`` and ``naervaer goal`` (issue 15, items 1 and 2): what is stored, what is printed,
and bad input refused in one line with nothing changed."""

from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import dump, refused_in_one_line
from naervaer.storage.store import Store


def test_points_add_list_done_and_become_a_promise(run, db_path) -> None:
    run("person", "add", "Anna Berg")
    run("person", "add", "Bo Holm")
    assert run("point", "add", "anna", "the course dates").exit_code == 0
    assert run("point", "add", "anna", "the new rota").exit_code == 0
    assert run("point", "add", "bo", "the dishwasher").exit_code == 0
    listed = run("point", "list", "anna")
    assert "#1  Anna Berg: the course dates  [added today]" in listed.output and "Bo" not in listed.output
    data = json.loads(run("point", "list", "--format", "json").stdout)
    assert [(p["id"], p["person"], p["covered"]) for p in data] == [(1, "Anna Berg", None), (2, "Anna Berg", None),
                                                                   (3, "Bo Holm", None)]
    assert "Raised talking point #1" in run("point", "done", "1").output
    made = run("point", "promise", "2", "--due", "+1w", lang="da")
    assert made.exit_code == 0 and "er nu løfte #1" in made.output
    with Store.open(db_path) as store:
        [promise] = store.promises()
        assert (promise.text, promise.person_id) == ("the new rota", 1)
        assert [p.id for p in store.points(open_only=True)] == [3]
        assert store.point(2).promise_id == promise.id
    assert "[became promise #1]" in run("point", "list", "--all").output


def test_goals_add_update_and_list_in_both_languages(run, db_path) -> None:
    run("person", "add", "Anna Berg")
    added = run("goal", "add", "anna", "Runs the rota alone", "--by", "31/3")
    assert added.exit_code == 0 and "by 2027-03-31" in added.output
    assert run("goal", "update", "1", "--status", "halter", "--note", "slow start", lang="da").exit_code == 0
    assert run("goal", "update", "1", "--note", "better").exit_code == 0  # the status stays
    shown = run("goal", "list", "anna", lang="da").output
    assert "Runs the rota alone  [halter · frist 2027-03-31]" in shown
    assert "2026-11-23  halter: slow start" in shown
    data = json.loads(run("goal", "list", "--format", "json").stdout)
    assert data[0]["status"] == "at_risk" and data[0]["by"] == "2027-03-31"
    assert [u["text"] for u in data[0]["updates"]] == ["slow start", "better"]
    with Store.open(db_path) as store:
        assert store.goal(1).status == "at_risk"


@pytest.mark.parametrize(("args", "fragment"), [
    (("goal", "update", "1", "--status", "maybe"), "not a goal status"),
    (("goal", "update", "9"), "no goal #9"),
    (("goal", "add", "anna", "   "), "needs a few words"),
    (("goal", "add", "nobody", "x"), ""),
    (("goal", "add", "anna", "x", "--by", "31/2"), ""),
    (("point", "done", "x"), "not a talking point"),
    (("point", "done", "7"), "no open talking point #7"),
    (("point", "add", "anna", ""), "few words"),
    (("point", "promise", "1", "--due", "-3d"), ""),
])
def test_bad_input_is_one_line_and_changes_nothing(run, db_path, args: tuple[str, ...], fragment: str) -> None:
    run("person", "add", "Anna Berg")
    run("goal", "add", "anna", "Runs the rota alone")
    run("point", "add", "anna", "the course dates")
    before = dump(db_path)
    refused_in_one_line(run(*args), fragment)
    assert dump(db_path) == before


def test_a_raised_point_cannot_be_raised_again(run) -> None:
    run("person", "add", "Anna Berg")
    run("point", "add", "anna", "the course dates")
    run("point", "done", "1")
    refused_in_one_line(run("point", "done", "1"), "already raised on 2026-11-23")


def test_goal_review_days_is_a_setting(run) -> None:
    assert run("settings", "goal_review_days", "60").exit_code == 0
    assert "60" in run("settings", "goal_review_days").output
    refused_in_one_line(run("settings", "goal_review_days", "3"))


def test_today_names_the_points_of_a_due_contact_and_asks_for_goals(run, monkeypatch) -> None:
    run("person", "add", "Anna Berg", "--started", "1/1/2024")
    run("point", "add", "anna", "the course dates")
    monkeypatch.setenv("NAERVAER_TODAY", "2026-12-20")
    data = json.loads(run("today", "--format", "json").stdout)
    kinds = {p["kind"]: p for p in data["prompts"]}
    assert "To raise next time: the course dates (27 days ago)." in kinds["no_contact"]["reason"]
    assert kinds["no_goal"]["tip"] == "1"
    assert date.fromisoformat(data["date"]) == date(2026, 12, 20)
