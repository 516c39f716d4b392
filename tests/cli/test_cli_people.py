"""``naervaer person``, ``date add`` and ``away``: every command and every error path."""

from __future__ import annotations

import json

import pytest
from conftest import dump, refused_in_one_line


@pytest.fixture
def team(run):
    assert run("person", "add", "Søren Ålund", "--site", "Køkken Nord", "--birthday", "29/2",
               "--started", "1/3/2020", "--prefers", "telefon").exit_code == 0
    assert run("person", "add", "Anna Berg", "--site", "Århus Syd", "--team", "Dag").exit_code == 0
    assert run("person", "add", "Annabel Holm", "--site", "Århus Syd").exit_code == 0
    return run


def people(run, *extra):
    return json.loads(run("person", "list", "--format", "json", *extra).stdout)


def test_add_and_list_json(team):
    listed = people(team)
    assert [p["name"] for p in listed] == ["Anna Berg", "Annabel Holm", "Søren Ålund"]
    soren = listed[2]
    assert soren["birthday"] == {"day": 29, "month": 2, "year": None}
    assert soren["started"] == "2020-03-01"
    assert soren["prefers"] == "phone"
    assert (soren["in_person_days"], soren["contact_days"]) == (30, 14)


def test_list_text_csv_and_site_filter(team):
    text = team("person", "list").stdout
    assert "Søren Ålund" in text and "Køkken Nord" in text
    csv_out = team("person", "list", "--format", "csv").stdout
    assert csv_out.splitlines()[0].startswith("id,name,site")
    assert [p["name"] for p in people(team, "--site", "arhus")] == ["Anna Berg", "Annabel Holm"]
    bad = team("person", "list", "--site", "Odense")
    assert bad.exit_code == 2 and "Odense" in bad.stderr


def test_csv_neutralises_formulas(run):
    run("person", "add", "=HYPERLINK(\"x\")")
    assert "'=HYPERLINK" in run("person", "list", "--format", "csv").stdout


@pytest.mark.parametrize("typed", ["soren", "SØREN", "ålund", "aalund", "Soeren", "søren å"])
def test_name_matching_with_danish_letters(team, typed):
    result = team("log", typed, "hej", "--channel", "phone")
    assert result.exit_code == 0, result.stderr
    assert "Søren Ålund" in result.stdout


def test_edit_rename_archive_unarchive(team):
    assert team("person", "edit", "soren", "--site", "Køkken Syd", "--in-person-days", "21").exit_code == 0
    # a rename or an archive resolves exactly: the folded full name, or the id
    assert team("person", "edit", "soren alund", "--rename", "Søren Å. Ålund").exit_code == 0
    assert team("person", "edit", "#1", "--archive").exit_code == 0
    assert "Søren" not in team("person", "list").stdout
    archived = [p for p in people(team, "--all") if p["archived"]]
    assert archived[0]["name"] == "Søren Å. Ålund" and archived[0]["site"] == "Køkken Syd"
    assert team("person", "edit", "Søren Å. Ålund", "--unarchive").exit_code == 0
    assert "Søren Å. Ålund" in team("person", "list").stdout


def test_clearing_a_field_with_empty_string(team):
    team("person", "edit", "anna b", "--team", "")
    assert [p["team"] for p in people(team) if p["name"] == "Anna Berg"] == [None]


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["person", "add", "Anna Berg"], "already"),
        (["person", "add", "   "], "empty"),
        (["person", "add", "X", "--birthday", "31/2"], "31/2"),
        (["person", "add", "X", "--birthday", "tomorrow-ish"], "tomorrow-ish"),
        (["person", "add", "X", "--prefers", "pigeon"], "pigeon"),
        (["person", "add", "X", "--started", "2026-13-01"], "2026-13-01"),
        (["person", "edit", "ann", "--site", "x"], "several"),
        (["person", "edit", "Nobody", "--site", "x"], "Nobody"),
        (["person", "edit", "anna b"], "Nothing to change"),
        (["person", "edit", "Anna Berg", "--rename", "Annabel Holm"], "already"),
        (["person", "edit", "anna b", "--rename", "Anna Beta"], "#2"),
        (["date", "add", "zz", "1/5", "x"], "zz"),
        (["date", "add", "anna b", "31/4", "x"], "31/4"),
        (["date", "add", "anna b", "1/5", "  "], "empty"),
        (["away", "anna b"], "--from"),
        (["away", "anna b", "--from", "1/12/2026", "--to", "1/11/2026"], "before"),
        (["away", "anna b", "--end"], "no away period"),
        (["away", "anna b", "--end", "--from", "1/12/2026"], "--end"),
    ],
)
def test_bad_input_is_one_clear_line_and_changes_nothing(team, db_path, args, fragment):
    before = dump(db_path)
    refused_in_one_line(team(*args), fragment)
    assert dump(db_path) == before


def test_person_add_usage_errors_exit_2(team):
    assert team("person", "add", "X", "--in-person-days", "0").exit_code == 2
    assert team("person", "add").exit_code == 2


def test_personal_dates(team, store):
    yearly = team("date", "add", "anna b", "12/6", "datterens fødselsdag", "--yearly")
    assert yearly.exit_code == 0
    assert yearly.stdout.strip() == "Remembered for Anna Berg: datterens fødselsdag, every year on 12 Jun."
    assert team("date", "add", "anna b", "29/2", "skudårsdag", "--yearly").exit_code == 0
    once = team("date", "add", "anna b", "+2w", "operation")
    assert once.exit_code == 0 and once.stdout.strip() == "Remembered for Anna Berg: operation on Mon 7 Dec."
    labels = {d.label: d for d in store.personal_dates()}
    assert labels["datterens fødselsdag"].yearly and labels["datterens fødselsdag"].date.month == 6
    assert (labels["skudårsdag"].date.month, labels["skudårsdag"].date.day) == (2, 29)
    assert labels["operation"].date.isoformat() == "2026-12-07" and not labels["operation"].yearly


def test_away_and_back(team, store):
    result = team("away", "anna b", "--from", "1/10/2026", "--label", "barselsorlov")
    assert result.exit_code == 0 and "barselsorlov" in result.stdout
    (period,) = store.away_periods()
    assert period.end is None
    assert team("away", "anna b", "--end", "i går").exit_code == 0
    (period,) = store.away_periods()
    assert period.end.isoformat() == "2026-11-22"


def test_danish_output(team):
    result = team("person", "add", "Mette Nørgaard", lang="da")
    assert "er tilføjet" in result.stdout
    bad = team("log", "zz", "x", lang="da")
    assert bad.stderr.startswith("Fejl:")
