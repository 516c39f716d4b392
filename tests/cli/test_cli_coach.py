"""``naervaer today``, ``visit``, ``done``, ``snooze``, ``tips`` and ``settings`` end to end."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import Cli


def setup_team(run: Cli) -> None:
    assert run("person", "add", "Anna Berg", "--site", "Køkken Nord", "--birthday", "25/11/1976").exit_code == 0
    assert run("person", "add", "Bo Holm", "--site", "Køkken Syd").exit_code == 0
    assert run("log", "anna", "Hard shift, a resident fell", "-c", "phone", "-t", "fire", "-d", "2026-11-10").exit_code == 0
    assert run("log", "bo", "Quick chat", "-c", "in-person", "--promise", "Check the rota", "--due", "today").exit_code == 0
    # written goals (tip 1), so that no_goal stays out of what these tests rank
    assert run("goal", "add", "anna", "Leads the Friday huddle").exit_code == 0
    assert run("goal", "add", "bo", "Runs the rota alone").exit_code == 0


def snapshot(db: Path) -> tuple:
    with sqlite3.connect(db) as conn:
        return tuple(conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                     for table in ("settings", "prompt_state", "people", "notes"))


def ids(run: Cli, *args: str) -> list[str]:
    result = run("today", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return [p["id"] for p in json.loads(result.stdout)["prompts"]]


def test_today_on_an_empty_database_shows_only_the_tip(run: Cli) -> None:
    result = run("today")
    assert result.exit_code == 0
    assert "Nothing pressing today" in result.stdout
    assert "Tip of the day" in result.stdout


def test_today_ranks_and_explains(run: Cli) -> None:
    setup_team(run)
    result = run("today")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Today, Monday 23 November 2026: 3 of 3 prompts"
    assert "Check in with Anna Berg after a hard day" in lines[2]
    assert "the one-week check-in was due 6 days ago" in lines[3]
    assert "Keep your promise to Bo Holm" in result.stdout
    assert "Anna Berg: birthday (turns 50), in 2 days" in result.stdout
    assert "after_fire:note1:step7" in result.stdout


def test_today_json_shape(run: Cli) -> None:
    setup_team(run)
    data = json.loads(run("today", "--format", "json").stdout)
    assert set(data) == {"date", "prompts"} and data["date"] == "2026-11-23"
    assert all(set(p) == {"id", "kind", "person", "tip", "priority", "title", "reason"} for p in data["prompts"])
    assert [p["kind"] for p in data["prompts"]] == ["after_fire", "promise_due", "milestone", "tip_of_the_day"]
    assert data["prompts"][0]["person"] == "Anna Berg"


def test_today_limit_date_markdown_and_danish(run: Cli) -> None:
    setup_team(run)
    assert len(ids(run, "--limit", "1")) == 2  # one to act on, then the tip
    assert ids(run, "--date", "2026-11-11")[0] == "after_fire:note1:step1"
    md = run("today", "--format", "md").stdout
    assert md.startswith("# Today, Monday 23 November 2026") and "**Keep your promise to Bo Holm**" in md
    da = run("today", lang="da").stdout
    assert da.startswith("I dag, mandag den 23. november 2026") and "Hold dit løfte til Bo Holm" in da


def test_today_bad_input(run: Cli) -> None:
    assert run("today", "--limit", "0").exit_code == 2
    result = run("today", "--date", "not a date")
    assert result.exit_code == 2 and result.stderr.startswith("Error:")


def test_today_limit_setting(run: Cli) -> None:
    setup_team(run)
    assert run("settings", "today_limit", "2").exit_code == 0
    assert len(ids(run)) == 3


def test_done_hides_a_prompt(run: Cli) -> None:
    setup_team(run)
    result = run("done", "promise_due:promise1:due2026-11-23")
    assert result.exit_code == 0 and "Done: Keep your promise to Bo Holm" in result.stdout
    assert "promise_due:promise1:due2026-11-23" not in ids(run)


@pytest.mark.parametrize("prompt_id", ["nope", "tip_of_the_day:2026-11-23:tip4", ""])
def test_done_and_snooze_unknown_ids_change_nothing(run: Cli, db_path: Path, prompt_id: str) -> None:
    setup_team(run)
    before = snapshot(db_path)
    for command in ("done", "snooze"):
        result = run(command, prompt_id)
        assert result.exit_code == 2 and result.stderr.startswith("Error:"), result.output
    assert snapshot(db_path) == before


def test_snooze_until_tomorrow_by_default(run: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_team(run)
    target = "milestone:p1:birthday:2026-11-25"
    result = run("snooze", target)
    assert result.exit_code == 0 and "Snoozed until Tue 24 Nov" in result.stdout
    assert target not in ids(run)
    monkeypatch.setenv("NAERVAER_TODAY", "2026-11-24")
    assert target in ids(run)


def test_snooze_with_until_and_bad_until(run: Cli, db_path: Path) -> None:
    setup_team(run)
    assert run("snooze", "milestone:p1:birthday:2026-11-25", "--until", "2026-11-25").exit_code == 0
    before = snapshot(db_path)
    assert run("snooze", "after_fire:note1:step7", "--until", "today").exit_code == 2
    assert run("snooze", "after_fire:note1:step7", "--until", "2026-11-01").exit_code == 2
    assert snapshot(db_path) == before


def test_visit_text_json_md(run: Cli) -> None:
    setup_team(run)
    assert run("log", "anna", "Private matter", "-c", "phone", "-t", "private").exit_code == 0
    text = run("visit", "nord")
    assert text.exit_code == 0
    assert text.stdout.startswith("Visit to Køkken Nord, Monday 23 November 2026: 1 person")
    assert "Anna Berg: never seen in person" in text.stdout
    assert "in the fire Tue 10 Nov" in text.stdout
    assert "Hard shift, a resident fell" in text.stdout and "Private matter" not in text.stdout
    data = json.loads(run("visit", "syd", "--format", "json").stdout)
    assert data["site"] == "Køkken Syd"
    assert data["people"][0]["open_promises"][0]["text"] == "Check the rota"
    assert data["people"][0]["days_since_in_person"] == 0
    assert run("visit", "Køkken Syd", "--format", "md").stdout.startswith("# Visit to Køkken Syd")
    assert run("visit", "nord", lang="da").stdout.startswith("Besøg på Køkken Nord")


def test_visit_unknown_or_ambiguous_site(run: Cli) -> None:
    assert run("visit", "nord").exit_code == 2  # no sites at all
    setup_team(run)
    assert run("visit", "øst").exit_code == 2
    result = run("visit", "køkken")
    assert result.exit_code == 2 and "Køkken Nord" in result.stderr


def test_tips(run: Cli) -> None:
    text = run("tips")
    assert text.exit_code == 0 and " 1. Write the goals down" in text.stdout and "10. " in text.stdout
    data = json.loads(run("tips", "--format", "json").stdout)
    assert [t["id"] for t in data["tips"]] == [str(i) for i in range(1, 11)]
    assert "keep_promises" in {p["id"] for p in data["principles"]}
    assert "De ti råd" in run("tips", lang="da").stdout


def test_settings_list_get_set(run: Cli) -> None:
    listing = run("settings")
    assert listing.exit_code == 0
    assert "today_limit" in listing.stdout and "retention_months" in listing.stdout
    assert run("settings", "fire_steps").stdout.strip() == "1,7,30"
    saved = run("settings", "fire_steps", "1,3,14")
    assert saved.exit_code == 0 and "fire_steps = 1,3,14" in saved.stdout
    assert run("settings", "fire_steps").stdout.strip() == "1,3,14"
    assert run("settings", "lang", "da").exit_code == 0
    assert run("settings", "digest_weekday").stdout.strip() == "4"


def test_settings_reset_one_or_all(run: Cli) -> None:
    assert run("settings", "today_limit", "3").exit_code == 0
    assert run("settings", "fire_steps", "1,3,14").exit_code == 0
    assert run("settings", "lang", "da").exit_code == 0
    one = run("settings", "today_limit", "--reset")
    assert one.exit_code == 0 and "today_limit = 7" in one.stdout
    assert run("settings", "today_limit").stdout.strip() == "7"
    assert run("settings", "fire_steps").stdout.strip() == "1,3,14"  # the others stay
    every = run("settings", "--reset", lang="en")
    assert every.exit_code == 0 and "(2 had been changed)" in every.stdout
    assert run("settings", "fire_steps").stdout.strip() == "1,7,30"
    assert run("settings", "lang").stdout.strip() == "—"
    assert "alle indstillinger" in run("settings", "--reset", lang="da").stdout.lower()


@pytest.mark.parametrize("args", [("colour",), ("colour", "red"), ("today_limit", "0"), ("lang", "de"),
                                  ("fire_steps", "30,7"), ("colour", "--reset"), ("today_limit", "3", "--reset")])
def test_settings_bad_input_changes_nothing(run: Cli, db_path: Path, args: tuple[str, ...]) -> None:
    run("settings")
    before = snapshot(db_path)
    result = run("settings", *args)
    assert result.exit_code == 2 and result.stderr.startswith("Error:")
    assert snapshot(db_path) == before


def test_the_stored_language_is_used_by_every_command_without_lang(run: Cli):
    """``settings`` takes its words before it opens the store: they must follow the stored ``lang`` too."""
    setup_team(run)
    assert run("settings", "lang", "da").exit_code == 0
    from click.testing import CliRunner

    from naervaer.tui.cli import cli

    def bare(*args: str):
        return CliRunner().invoke(cli, ["--db", str(run.db), *args], catch_exceptions=False)

    assert bare("today").stdout.startswith("I dag")
    assert bare("settings").stdout.startswith("Indstilling")
    assert bare("--lang", "en", "settings").stdout.startswith("Setting ")
    refused = bare("log", "anna", "x", "--channel", "pigeon")  # refused before the store is opened
    assert refused.exit_code == 2 and refused.stderr.startswith("Fejl: Ukendt kanal")
    assert bare("settings", "--reset", "today_limit").stdout.startswith("Nulstillet: today_limit")
    assert bare("settings", "--reset").stdout.startswith("Alle indstillinger")  # lang too, from now on
