"""``naervaer note edit`` / ``note delete``, the ids ``notes`` shows, and ``notes --search --since``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import dump, refused_in_one_line
from test_pty import naervaer, pty_env, run_in_pty

from naervaer.storage.store import Store

SECRET = "Privatzq remark about her divorce"


@pytest.fixture
def team(run):
    run("person", "add", "Anna Berg", "--site", "Århus Syd")
    run("person", "add", "Bo Hansen")
    run("log", "anna", SECRET, "--channel", "phone", "--tag", "fire", "--date", "-3d")
    run("log", "bo", "Bo fixed the dishwasher")
    return run


def notes(run, *extra):
    return json.loads(run("notes", "--format", "json", *extra).stdout)


def note_1(run) -> dict:
    return next(n for n in notes(run) if n["id"] == 1)


def test_notes_shows_each_notes_id(team):
    out = team("notes").stdout.splitlines()
    assert out[0] == "#2  Mon 23 Nov  Bo Hansen · in person"
    assert out[2] == "#1  Fri 20 Nov  Anna Berg · phone · fire"
    assert [n["id"] for n in notes(team)] == [2, 1]


@pytest.mark.parametrize(
    "args, field, expected",
    [
        (["--text", "Talked about the rota"], "text", "Talked about the rota"),
        (["--person", "bo hansen"], "person", "Bo Hansen"),
        (["--channel", "video"], "channel", "video"),
        (["--channel", "none"], "channel", None),
        (["--date", "i går"], "date", "2026-11-22"),
        (["--tag", "success", "-t", "privat"], "tags", ["success", "private"]),
        (["--no-tags"], "tags", []),
    ],
)
def test_edit_changes_only_the_given_field(team, args, field, expected):
    before = note_1(team)
    result = team("note", "edit", "1", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Changed note #1: ")
    after = note_1(team)
    assert after[field] == expected
    unchanged = {k: v for k, v in before.items() if k not in (field, "person_id")}
    assert {k: after[k] for k in unchanged} == unchanged


def test_edit_prints_what_changed_but_never_the_text(team):
    result = team("note", "edit", "1", "--person", "#2", "--text", "Anden privat tekst")
    assert result.stdout.strip() == "Changed note #1: Bo Hansen · Fri 20 Nov · phone · fire"
    assert "privat tekst" not in result.output


def test_edit_text_dash_reads_stdin_like_log(team):
    text = "første linje\nanden linje med [bold]"
    assert team("note", "edit", "1", "--text", "-", input=text + "\n").exit_code == 0
    assert note_1(team)["text"] == text
    assert notes(team, "--search", "privatzq") == []


@pytest.mark.parametrize("args, piped", [(["--text", ""], None), (["--text", "   "], None),
                                         (["--text", "-"], ""), (["--text", "-"], "\n \n")])
def test_edit_refuses_blank_text_and_keeps_the_old(team, db_path, args, piped):
    before = dump(db_path)
    refused_in_one_line(team("note", "edit", "1", *args, input=piped), "empty")
    assert dump(db_path) == before
    assert note_1(team)["text"] == SECRET


def test_delete_says_who_when_and_how_never_the_text(team, db_path: Path):
    result = team("note", "delete", "1", "--yes")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Deleted note #1 about Anna Berg (Fri 20 Nov, phone)."
    assert "Privatzq" not in result.output
    assert [n["id"] for n in notes(team)] == [2]
    assert notes(team, "--search", "privatzq") == []
    assert team("notes", "--person", "anna").stdout.strip() == "No notes found."
    found = [p.name for p in db_path.parent.iterdir() if p.is_file() and b"rivatzq" in p.read_bytes()]
    assert found == []


def test_delete_without_a_terminal_needs_yes(team, db_path: Path):
    before = dump(db_path)
    result = team("note", "delete", "1")
    assert result.exit_code == 2
    assert "--yes" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert dump(db_path) == before


def test_delete_asks_at_a_terminal(team, db_path: Path, tmp_path: Path):
    env = pty_env(tmp_path)
    command = [naervaer(), "--db", str(db_path), "--lang", "en", "note", "delete", "1"]
    declined = run_in_pty(command, env, answers={b"[y/N]": b"n\r"})
    assert b"Delete note #1 about Anna Berg (Fri 20 Nov, phone) for good?" in declined
    assert b"Cancelled" in declined
    with Store.open(db_path, create=False) as store:
        assert len(store.notes()) == 2
    accepted = run_in_pty(command, env, answers={b"[y/N]": b"y\r"})
    assert b"Deleted note #1 about Anna Berg" in accepted
    with Store.open(db_path, create=False) as store:
        assert [n.id for n in store.notes()] == [2]


def test_danish(team):
    result = team("note", "delete", "1", "--yes", lang="da")
    assert result.stdout.splitlines()[0] == "Note #1 om Anna Berg (fre. 20. nov., telefon) er slettet."
    missing = team("note", "edit", "1", "--text", "x", lang="da")
    assert missing.stderr.strip() == "Fejl: Der er ingen note #1."


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["note", "edit", "99", "--text", "x"], "no note #99"),
        (["note", "edit", "abc", "--text", "x"], "'abc'"),
        (["note", "edit", "1.5", "--text", "x"], "'1.5'"),
        (["note", "edit", "\u0661", "--text", "x"], "not a note id"),  # an Arabic-Indic 1
        (["note", "edit", "+1", "--text", "x"], "'+1'"),
        (["note", "edit", "1", "--date", "31/2"], "31/2"),
        (["note", "edit", "1", "--date", "someday"], "someday"),
        (["note", "edit", "1", "--date", "tomorrow"], "future"),
        (["note", "edit", "1", "--person", "nobody"], "nobody"),
        (["note", "edit", "1", "--channel", "pigeon"], "pigeon"),
        (["note", "edit", "1", "--tag", "two words"], "two words"),
        (["note", "edit", "1", "--tag", "fire", "--no-tags"], "--no-tags"),
        (["note", "edit", "1"], "nothing to change"),
        (["note", "edit", "1", "--text", "\ud800"], "surrogate"),
        (["note", "edit", "1", "--text", "ok", "--person", "nobody"], "nobody"),
        (["note", "delete", "99", "--yes"], "no note #99"),
        (["note", "delete", "x1", "--yes"], "'x1'"),
    ],
)
def test_bad_input_is_one_clear_line_and_changes_nothing(team, db_path: Path, args, fragment):
    before = dump(db_path)
    refused_in_one_line(team(*args), fragment)
    assert dump(db_path) == before


def test_search_since_fills_the_limit_with_matching_notes(team):
    """The date filter used to run after the limit: newer-written but older-dated notes crowded it out."""
    team("log", "anna", "rota today")
    for days in ("-40d", "-50d"):
        team("log", "anna", f"rota {days}", "--date", days)
    found = notes(team, "--search", "rota", "--since", "-7d", "--limit", "1")
    assert [n["text"] for n in found] == ["rota today"]
    assert len(notes(team, "--search", "rota", "--since", "-60d", "--limit", "2")) == 2


def test_danish_confirmation_speaks_danish(team, db_path: Path, tmp_path: Path):
    env = pty_env(tmp_path)
    command = [naervaer(), "--db", str(db_path), "--lang", "da", "note", "delete", "1"]
    declined = run_in_pty(command, env, answers={b"[j/N]": "måske\r".encode(), b"Svar j": b"nej\r"})
    assert b"[y/N]" not in declined and b"Error" not in declined
    assert "Svar j (ja) eller n (nej).".encode() in declined and b"Annulleret" in declined
    ctrl_d = run_in_pty(command, env, answers={b"[j/N]": b"\x04"})
    assert b"Annulleret" in ctrl_d and b"Aborted" not in ctrl_d
    with Store.open(db_path, create=False) as store:
        assert len(store.notes()) == 2
    accepted = run_in_pty(command, env, answers={b"[j/N]": b"ja\r"})
    assert "Note #1 om Anna Berg".encode() in accepted
    with Store.open(db_path, create=False) as store:
        assert [n.id for n in store.notes()] == [2]


@pytest.mark.parametrize("stop", [KeyboardInterrupt, EOFError])
def test_ctrl_c_or_d_at_the_question_cancels_in_the_users_language(monkeypatch, capsys, stop, db_path: Path):
    import click

    from naervaer.tui.cli.env import Env
    from naervaer.tui.cli.safety import confirm_or_refuse

    class Terminal:
        def isatty(self) -> bool:
            return True

    def interrupted(*_):
        raise stop

    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("builtins.input", interrupted)
    with pytest.raises(click.exceptions.Exit) as stopped:
        confirm_or_refuse(Env(db_path, lang_option="da"), False, "Slette?", "cli.note_delete_needs_yes")
    assert stopped.value.exit_code == 1
    assert capsys.readouterr().err == "Slette? [j/N]: \nAnnulleret; intet blev slettet.\n"
