"""The hostile corpus through the CLI: names, sites, tags, note text, search and dates.

For every input: no traceback (the runner re-raises), and either a clear refusal (exit 2,
one line, nothing changed) or the value stored as typed (after the field's documented
normalisation: names lose invisible characters and collapse whitespace, sites are trimmed,
tags are folded), read back
exactly through JSON, and printed neutralised. Unrelated rows never change.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import Result

from hostile import DATES, NAME_TWINS, SEARCHES, TABLES, TEXTS, UNSAFE, Hostile, NameTwin, only_added, rows
from naervaer.content.text import clean_name, neutralise
from naervaer.content.vocab import BUILTIN_TAGS
from naervaer.storage.store import Store
from conftest import TODAY

PRINTABLE = {"markup", "emoji", "combining", "sql", "fts", "zero-width"}
SMALL = [h for h in TEXTS if not h.big]
ids = lambda h: h.id  # noqa: E731

@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("template") / "naervaer.db"
    with Store.open(db, clock=lambda: TODAY) as s:
        base = s.add_person("Baseline Person", site="Hjemmeplejen Vest", role="SOSU-assistent")
        s.add_note(base.id, TODAY, "video", "Baseline note about the rota", ("success",), ("send the plan", None))
        s.add_personal_date(base.id, TODAY, "Wedding day", True)
        s.start_away(base.id, TODAY.replace(month=1), TODAY.replace(month=2), "leave")
        s.set_setting("lang", "en")
    return db


@pytest.fixture
def db(template: Path, db_path: Path) -> Path:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, db_path)
    return db_path


def clean(result: Result) -> None:
    for stream in (result.stdout, result.stderr):
        found = UNSAFE.search(stream)
        assert found is None, f"raw {found.group()!r} reached the terminal"
    assert "Traceback" not in result.output


def refused(result: Result) -> None:
    assert result.exit_code == 2, result.output[:500]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), lines[:3]
    clean(result)


def shown_literally(case: Hostile, output: str) -> None:
    if case.category in PRINTABLE:
        for line in case.text.split("\n"):
            assert line.strip() in output


@pytest.mark.parametrize("case", TEXTS, ids=ids)
def test_note_text(run, db: Path, case: Hostile) -> None:
    before = rows(db)
    result = run("log", "--", "baseline", case.text)
    if case.id in ("one-megabyte", "ten-thousand-lines", "long-word"):
        assert result.exit_code == 0, result.stderr  # big, but within the limit: stored
    if result.exit_code != 0:
        refused(result)
        assert rows(db) == before
        return
    clean(result)
    only_added(before, rows(db), {"notes", "note_tags"})
    listed = run("notes", "--person", "baseline", "--format", "json", "--limit", "1")
    assert json.loads(listed.stdout)[0]["text"] == case.text
    shown = run("notes", "--person", "baseline", "--limit", "1")
    assert shown.exit_code == 0
    clean(shown)
    shown_literally(case, shown.stdout)


@pytest.mark.parametrize("case", SMALL, ids=ids)
def test_person_name(run, db: Path, case: Hostile) -> None:
    before = rows(db)
    result = run("person", "add", "--", case.text)
    if result.exit_code != 0:
        refused(result)
        assert rows(db) == before
        return
    clean(result)
    only_added(before, rows(db), {"people"})
    people = json.loads(run("person", "list", "--format", "json").stdout)
    stored = clean_name(case.text)  # zero-width and bidi controls are not part of a name
    assert sorted(p["name"] for p in people) == sorted(["Baseline Person", stored])
    assert UNSAFE.search(stored) is None or case.category not in ("bidi", "zero-width")
    table = run("person", "list")
    clean(table)
    if case.category in PRINTABLE:
        assert stored in table.stdout


@pytest.mark.parametrize("case", SMALL, ids=ids)
def test_site(run, db: Path, case: Hostile) -> None:
    before = rows(db)
    result = run("person", "add", "New Person", f"--site={case.text}")
    if result.exit_code != 0:
        refused(result)
        assert rows(db) == before
        return
    clean(result)
    only_added(before, rows(db), {"people"})
    people = {p["name"]: p for p in json.loads(run("person", "list", "--format", "json").stdout)}
    assert people["New Person"]["site"] == (case.text.strip() or None)
    clean(run("person", "list"))


@pytest.mark.parametrize("case", SMALL, ids=ids)
def test_tag(run, db: Path, case: Hostile) -> None:
    before = rows(db)
    result = run("log", "baseline", "tagged", f"--tag={case.text}")
    if result.exit_code != 0:
        refused(result)
        assert rows(db) == before
        return
    clean(result)
    only_added(before, rows(db), {"notes", "note_tags"})
    tags = json.loads(run("notes", "--format", "json", "--limit", "1").stdout)[0]["tags"]
    for tag in tags:
        assert tag in BUILTIN_TAGS or re.fullmatch(r"[\w][\w\-]{0,31}", tag)
        assert tag in BUILTIN_TAGS or tag in case.text.casefold()


SEARCH_CASES = [*TEXTS, *SEARCHES]


@pytest.mark.parametrize("case", SEARCH_CASES, ids=ids)
def test_search(run, db: Path, case: Hostile) -> None:
    before = rows(db)
    result = run("notes", f"--search={case.text}")
    assert result.exit_code in (0, 2)
    if result.exit_code == 2:
        refused(result)
    clean(result)
    assert rows(db) == before
    as_json = run("notes", f"--search={case.text}", "--format", "json")
    if as_json.exit_code == 0:
        assert isinstance(json.loads(as_json.stdout), list)


def test_search_finds_hostile_text_literally(run, db: Path) -> None:
    text = 'NEAR( "quoted" AND star* [bold]'
    assert run("log", "baseline", text).exit_code == 0
    for query in ['NEAR(', '"quoted"', "AND", "star*", "[bold]"]:
        found = json.loads(run("notes", f"--search={query}", "--format", "json").stdout)
        assert [n["text"] for n in found] == [text], query


DATE_COMMANDS = {
    "note-date": (lambda d: ("log", "baseline", "dated", f"--date={d}"), {"notes", "note_tags"}),
    "birthday": (lambda d: ("person", "add", "Born Person", f"--birthday={d}"), {"people"}),
    "started": (lambda d: ("person", "add", "Started Person", f"--started={d}"), {"people"}),
    "away-from": (lambda d: ("away", "baseline", f"--from={d}"), {"away"}),
    "personal-date": (lambda d: ("date", "add", "--", "baseline", d, "label"), {"personal_dates"}),
}


@pytest.mark.parametrize("where", list(DATE_COMMANDS))
@pytest.mark.parametrize("case", DATES, ids=ids)
def test_dates(run, db: Path, case: Hostile, where: str) -> None:
    build, tables = DATE_COMMANDS[where]
    before = rows(db)
    result = run(*build(case.text))
    if result.exit_code != 0:
        refused(result)
        assert rows(db) == before
        return
    clean(result)
    after = rows(db)
    only_added(before, after, tables)
    for table in tables - {"note_tags"}:
        for row in after[table] - before[table]:
            for value in row:
                if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
                    assert "1900-01-01" <= value <= "9999-12-31"
    if where == "note-date":
        newest = json.loads(run("notes", "--format", "json", "--limit", "1").stdout)[0]
        assert newest["date"] <= TODAY.isoformat()


def test_the_corpus_is_big_enough() -> None:
    assert len(TEXTS) + len(SEARCHES) + len(DATES) >= 60
    categories = {h.category for h in (*TEXTS, *SEARCHES, *DATES)}
    assert {"markup", "ansi", "control", "nul", "surrogate", "size", "bidi", "zero-width",
            "emoji", "combining", "sql", "fts", "date"} <= categories
    assert any(len(h.text) >= 10_000_000 for h in TEXTS)
    assert any(h.text.count("\n") >= 9_999 for h in TEXTS)
    assert neutralise("\x1b") != "\x1b"


# -- correcting one note (naervaer note edit / delete) ------------------------------------


def only_note_changed(before: dict[str, set[tuple]], after: dict[str, set[tuple]]) -> None:
    """The baseline note's row (and its tags' and search rows) may change; nothing else."""
    for table in ("people", "personal_dates", "promises", "away", "settings", "prompt_state", "month_signoff"):
        assert before[table] == after[table], f"{table}: changed by a note edit"
    assert len(after["notes"]) == len(before["notes"])


@pytest.mark.parametrize("case", TEXTS, ids=ids)
def test_note_edit_text(run, db: Path, case: Hostile) -> None:
    before = rows(db)
    result = run("note", "edit", "1", f"--text={case.text}")
    if result.exit_code != 0:
        refused(result)
        assert rows(db) == before
        return
    clean(result)
    only_note_changed(before, rows(db))
    listed = run("notes", "--person", "baseline", "--format", "json", "--limit", "1")
    assert json.loads(listed.stdout)[0]["text"] == case.text
    assert json.loads(run("notes", "--search", "Baseline", "--format", "json").stdout) == []
    shown = run("notes", "--person", "baseline", "--limit", "1")
    clean(shown)
    shown_literally(case, shown.stdout)


@pytest.mark.parametrize("case", DATES, ids=ids)
def test_note_edit_date(run, db: Path, case: Hostile) -> None:
    before = rows(db)
    result = run("note", "edit", "1", f"--date={case.text}")
    if result.exit_code != 0:
        refused(result)
        assert rows(db) == before
        return
    clean(result)
    only_note_changed(before, rows(db))
    edited = json.loads(run("notes", "--format", "json", "--limit", "1").stdout)[0]
    assert "1900-01-01" <= edited["date"] <= TODAY.isoformat()


@pytest.mark.parametrize("command", ["edit", "delete"])
@pytest.mark.parametrize("case", SMALL, ids=ids)
def test_note_ids(run, db: Path, case: Hostile, command: str) -> None:
    """Whatever is typed as a note's id is refused in one line, and nothing changes."""
    before = rows(db)
    extra = ["--text", "x"] if command == "edit" else ["--yes"]
    refused(run("note", command, *extra, "--", case.text))
    assert rows(db) == before



# -- names through every command that takes one (issue 11, items 3 and 5) -----------------

# (arguments, given the name; whether it resolves exactly; tables it may change)
NAME_COMMANDS = {
    "log": (lambda n: ("log", "--", n, "a note"), False, {"notes", "note_tags"}),
    "notes": (lambda n: ("notes", f"--person={n}"), False, set()),
    "date-add": (lambda n: ("date", "add", "--", n, "3/4", "label"), False, {"personal_dates"}),
    "away": (lambda n: ("away", "--from=2026-10-01", "--", n), False, {"away"}),
    "person-edit-site": (lambda n: ("person", "edit", "--site=Nord", "--", n), False, {"people"}),
    "person-rename": (lambda n: ("person", "edit", "--rename=Renamed Person", "--", n), True, {"people"}),
    "person-archive": (lambda n: ("person", "edit", "--archive", "--", n), True, {"people"}),
    "note-edit-person": (lambda n: ("note", "edit", "1", f"--person={n}"), True, {"notes", "note_tags"}),
    "export-person": (lambda n: ("export", "person", "--", n), True, set()),
    "forget": (lambda n: ("forget", "--yes", "--", n), True, set(TABLES)),
}


def unchanged_except(before: dict[str, set[tuple]], after: dict[str, set[tuple]], tables: set[str]) -> None:
    for table in TABLES:
        if table not in tables:
            assert before[table] == after[table], f"{table}: changed"


@pytest.mark.parametrize("command", list(NAME_COMMANDS))
@pytest.mark.parametrize("case", SMALL, ids=ids)
def test_hostile_text_as_the_name_in_every_command(run, db: Path, case: Hostile, command: str) -> None:
    """Commands that erase or re-identify refuse anything but a name or id; none crashes."""
    build, exact, tables = NAME_COMMANDS[command]
    before = rows(db)
    result = run(*build(case.text))
    if exact or result.exit_code != 0:
        refused(result)
        assert rows(db) == before
        return
    clean(result)  # an everyday command may reach Baseline Person by a fragment: only there
    unchanged_except(before, rows(db), tables)


@pytest.fixture
def twin_db(db_path: Path):
    def make(stored: str) -> int:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        with Store.open(db_path, clock=lambda: TODAY) as s:
            base = s.add_person("Baseline Person")
            s.add_note(base.id, TODAY, "video", "Baseline note")
            return s.add_person(stored).id
    return make


def person_rows(run) -> dict[int, dict]:
    return {p["id"]: p for p in json.loads(run("person", "list", "--all", "--format", "json").stdout)}


@pytest.mark.parametrize("twin", NAME_TWINS, ids=lambda t: t.id)
def test_a_twin_name_is_refused_as_a_new_name(run, twin_db, db_path: Path, twin: NameTwin) -> None:
    stored_id = twin_db(twin.stored)
    before = rows(db_path)
    if not twin.same:
        added = run("person", "add", "--", twin.typed)
        assert added.exit_code == 0, added.output
        clean(added)
        return
    for args in (("person", "add", "--", twin.typed), ("person", "edit", f"--rename={twin.typed}", "--", "#1")):
        result = run(*args)
        refused(result)
        assert f"#{stored_id}" in result.stderr
        assert rows(db_path) == before


@pytest.mark.parametrize("command", list(NAME_COMMANDS))
@pytest.mark.parametrize("twin", NAME_TWINS, ids=lambda t: t.id)
def test_a_twin_name_reaches_the_stored_person_in_every_command(
        run, twin_db, db_path: Path, twin: NameTwin, command: str) -> None:
    stored_id = twin_db(twin.stored)
    build, _, tables = NAME_COMMANDS[command]
    before = rows(db_path)
    result = run(*build(twin.typed))
    if not twin.same:
        refused(result)
        assert rows(db_path) == before
        return
    assert result.exit_code == 0, result.output
    clean(result)
    unchanged_except(before, rows(db_path), tables)
    people = person_rows(run)
    conn = sqlite3.connect(db_path)
    try:
        touched = {
            "log": lambda: conn.execute("SELECT person_id FROM notes ORDER BY id DESC").fetchone()[0],
            "date-add": lambda: conn.execute("SELECT person_id FROM personal_dates").fetchone()[0],
            "away": lambda: conn.execute("SELECT person_id FROM away").fetchone()[0],
            "note-edit-person": lambda: conn.execute("SELECT person_id FROM notes WHERE id = 1").fetchone()[0],
        }
        if command in touched:
            assert touched[command]() == stored_id
    finally:
        conn.close()
    if command == "person-edit-site":
        assert people[stored_id]["site"] == "Nord"
    elif command == "person-rename":
        assert people[stored_id]["name"] == "Renamed Person"
    elif command == "person-archive":
        assert people[stored_id]["archived"] is True
    elif command == "export-person":
        assert json.loads(result.stdout)["person"]["id"] == stored_id
    elif command == "forget":
        assert list(people) == [1]
    assert people[1]["name"] == "Baseline Person"
