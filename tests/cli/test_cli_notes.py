"""``naervaer log``, ``notes`` and ``promise``: capture, reading back, and every error path."""

from __future__ import annotations

import json

import pytest
from conftest import dump, refused_in_one_line


@pytest.fixture
def team(run):
    run("person", "add", "Søren Ålund", "--site", "Køkken Nord")
    run("person", "add", "Anna Berg", "--site", "Århus Syd")
    return run


def notes(run, *extra):
    return json.loads(run("notes", "--format", "json", *extra).stdout)


def test_log_echoes_what_it_stored(team):
    result = team("log", "soren", "Talte om weekenden", "-c", "tlf", "-t", "fire", "-t", "succes,privat")
    assert result.exit_code == 0
    assert result.stdout.strip() == "Logged: Søren Ålund · Mon 23 Nov (today) · phone · fire, success, private"
    (note,) = notes(team)
    assert note == {
        "id": 1, "person": "Søren Ålund", "person_id": 1, "date": "2026-11-23",
        "channel": "phone", "tags": ["fire", "success", "private"], "kind": None, "pulse": None,
        "text": "Talte om weekenden",
    }


def test_tags_read_in_the_users_language_and_own_tags_as_typed(team):
    logged = team("log", "soren", "Svær vagt", "-c", "tlf", "-t", "ild", "-t", "rota", lang="da")
    assert logged.stdout.strip().endswith("· telefon · i ilden, rota")
    listed = team("notes", lang="da").stdout
    assert "Søren Ålund · telefon · i ilden, rota" in listed and "fire" not in listed
    assert "Søren Ålund · phone · fire, rota" in team("notes", lang="en").stdout


def test_log_default_channel_is_in_person_and_none_is_an_observation(team):
    team("log", "anna", "mødtes")
    team("log", "anna", "hørte fra en kollega", "--channel", "none")
    assert [n["channel"] for n in notes(team)] == [None, "in_person"]  # newest first


def test_log_reads_piped_stdin_without_its_trailing_line_breaks(team):
    text = "  første linje\n\nanden linje med [bold] og æøå  "
    result = team("log", "anna", input=text + "\r\n\n")
    assert result.exit_code == 0
    assert notes(team)[0]["text"] == text


@pytest.mark.parametrize("args, piped", [([""], None), (["  \n "], None), ([], ""), ([], "\n\n")])
def test_log_refuses_blank_text(team, db_path, args, piped):
    before = dump(db_path)
    refused_in_one_line(team("log", "anna", *args, input=piped), "empty")
    assert dump(db_path) == before


def test_log_custom_tags(team):
    team("log", "anna", "x", "-t", "vagtplan", "-t", "#Kursus")
    assert notes(team)[0]["tags"] == ["vagtplan", "kursus"]


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("2026-11-20", "2026-11-20"), ("3/2", "2026-02-03"), ("3.2.2026", "2026-02-03"),
        ("03-02-2026", "2026-02-03"), ("today", "2026-11-23"), ("yesterday", "2026-11-22"),
        ("i dag", "2026-11-23"), ("i går", "2026-11-22"), ("i forgårs", "2026-11-21"),
        ("friday", "2026-11-20"), ("fredag", "2026-11-20"), ("-3d", "2026-11-20"),
        ("3 days ago", "2026-11-20"),
    ],
)
def test_log_date_forms(team, typed, expected):
    result = team("log", "anna", "x", "--date", typed)
    assert result.exit_code == 0, result.stderr
    assert notes(team)[0]["date"] == expected


@pytest.mark.parametrize(
    "typed, expected",
    [("tomorrow", "2026-11-24"), ("i morgen", "2026-11-24"), ("next tuesday", "2026-11-24"),
     ("næste tirsdag", "2026-11-24"), ("+1w", "2026-11-30"), ("in 3 days", "2026-11-26"),
     ("om 3 dage", "2026-11-26"), ("1/12", "2026-12-01")],
)
def test_promise_due_forms(team, typed, expected):
    result = team("log", "anna", "x", "--promise", "send vagtplanen", "--due", typed)
    assert result.exit_code == 0, result.stderr
    (promise,) = json.loads(team("promise", "list", "--format", "json").stdout)
    assert promise["due"] == expected and promise["note_id"] == 1


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["log", "nobody", "x"], "nobody"),
        (["log", "zzz", "x"], "zzz"),
        (["log", "anna", "x", "--date", "31/2"], "31/2"),
        (["log", "anna", "x", "--date", "2026-02-30"], "2026-02-30"),
        (["log", "anna", "x", "--date", "tomorrow"], "future"),
        (["log", "anna", "x", "--date", "1/1/2030"], "future"),
        (["log", "anna", "x", "--date", "someday"], "someday"),
        (["log", "anna", "x", "--channel", "pigeon"], "pigeon"),
        (["log", "anna", "x", "--tag", "two words"], "two words"),
        (["log", "anna", "x", "--due", "tomorrow"], "--promise"),
        (["log", "anna", "x", "--promise", "y", "--due", "2020-01-01"], "2020-01-01"),
        (["log", "anna", "\ud800"], "surrogate"),
        (["promise", "done", "99"], "99"),
        (["notes", "--person", "nobody"], "nobody"),
        (["notes", "--since", "31/2"], "31/2"),
    ],
)
def test_bad_input_is_one_clear_line_and_changes_nothing(team, db_path, args, fragment):
    team("log", "anna", "before", "--promise", "ring", "--due", "+1w")
    before = dump(db_path)
    refused_in_one_line(team(*args), fragment)
    assert dump(db_path) == before


def test_invalid_utf8_on_stdin_is_refused(team, db_path):
    before = dump(db_path)
    result = team.runner.invoke(
        __import__("naervaer.tui.cli", fromlist=["cli"]).cli,
        ["--db", str(db_path), "log", "anna"], input=b"\xff\xfe broken",
    )
    assert result.exit_code == 2 and "UTF-8" in result.stderr
    assert dump(db_path) == before


def test_too_long_text_is_refused(team, db_path):
    before = dump(db_path)
    result = team("log", "anna", input="x" * 1_000_001)
    assert result.exit_code == 2 and "1,000,000" in result.stderr
    assert dump(db_path) == before


def test_notes_filters_and_search(team):
    team("log", "anna", "snak om vagtplanen", "--date", "-10d")
    team("log", "soren", "ny kniv til køkkenet", "--date", "-2d")
    team("log", "anna", "ferie snart")
    assert [n["text"] for n in notes(team, "--person", "anna")] == ["ferie snart", "snak om vagtplanen"]
    assert [n["text"] for n in notes(team, "--since", "-3d")] == ["ferie snart", "ny kniv til køkkenet"]
    assert [n["text"] for n in notes(team, "--search", "vagtplan")] == ["snak om vagtplanen"]
    assert notes(team, "--search", '"NEAR( AND *') == []
    assert [n["text"] for n in notes(team, "--limit", "1")] == ["ferie snart"]
    text = team("notes").stdout
    assert "Anna Berg · in person" in text and "    ferie snart" in text


def test_notes_text_output_neutralises_escapes(team):
    team("log", "anna", "evil \x1b]52;c;SGVsbG8=\x07 and \x1b[31mred")
    out = team("notes").stdout
    assert "\x1b" not in out and "␛" in out
    as_json = team("notes", "--format", "json").stdout
    assert "\x1b" not in as_json
    assert json.loads(as_json)[0]["text"] == "evil \x1b]52;c;SGVsbG8=\x07 and \x1b[31mred"


def test_promises_list_and_done(team):
    team("log", "anna", "x", "--promise", "send skema", "--due", "+1w")
    team("log", "soren", "y", "--date", "-20d", "--promise", "ny kniv")
    with_due = json.loads(team("promise", "list", "--open", "--format", "json").stdout)
    assert [p["text"] for p in with_due] == ["send skema", "ny kniv"]
    listed = team("promise", "list").stdout
    assert "#1  Anna Berg: send skema" in listed
    assert team("promise", "done", "1").exit_code == 0
    assert [p["text"] for p in json.loads(team("promise", "list", "--open", "--format", "json").stdout)] == ["ny kniv"]
    assert "kept Mon 23 Nov" in team("promise", "list").stdout
    again = team("promise", "done", "1")
    assert again.exit_code == 2 and "already" in again.stderr


def test_empty_lists(run):
    assert "No notes" in run("notes").stdout
    assert "No promises" in run("promise", "list").stdout
    assert "No people" in run("person", "list").stdout


@pytest.mark.parametrize("lang", ["en", "da"])
def test_every_tag_label_the_app_shows_can_be_typed(lang):
    from pathlib import Path

    from naervaer.content.vocab import BUILTIN_TAGS, parse_tag

    vocab = json.loads((Path(__file__).resolve().parents[2] / "content" / "locales" / lang / "vocab.json").read_text("utf-8"))
    for tag in BUILTIN_TAGS:
        label = vocab[f"tag_{tag}"]
        assert parse_tag(label) == tag
        assert parse_tag(f"  #{label.upper()} ") == tag


def test_danish_tag_label_with_a_space_is_accepted(team):
    result = team("log", "anna", "Svær vagt", "-t", "i ilden", "-t", "i  ilden,succes", lang="da")
    assert result.exit_code == 0, result.stderr
    assert notes(team)[0]["tags"] == ["fire", "success"]


def test_danish_bad_tag_lists_the_danish_words_it_accepts(team):
    from naervaer.content.vocab import parse_tag

    result = team("log", "anna", "x", "-t", "to ord!", lang="da")
    refused_in_one_line(result, "to ord!")
    listed = result.stderr.split("indbyggede: ")[1].rstrip(").\n").split(", ")
    assert listed == ["i ilden", "succes", "privat", "milepæl", "misforståelse", "problem", "uformel"]
    assert [parse_tag(word) for word in listed] == ["fire", "success", "private", "milestone",
                                                    "misunderstanding", "problem", "informal"]
