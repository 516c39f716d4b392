"""The hostile corpus through the CLI: names, sites, tags, note text, search and dates.

For every input: no traceback (the runner re-raises), and either a clear refusal (exit 2,
one line, nothing changed) or the value stored as typed (after the field's documented
normalisation: names lose invisible characters and collapse whitespace, sites are trimmed,
tags are folded), read back
exactly through JSON, and printed neutralised. Unrelated rows never change.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import Result

from hostile import (
    DATES, NAME_TWINS, NARROW_ENCODINGS, NUMBERS, SEARCHES, TABLES, TEXTS, UNSAFE, Hostile, NameTwin,
    only_added, rows,
)
from naervaer.content.text import clean_name, neutralise
from naervaer.content.vocab import BUILTIN_TAGS
from naervaer.storage.store import Store
from conftest import TODAY

PRINTABLE = {"markup", "emoji", "combining", "sql", "fts", "zero-width"}
SMALL = [h for h in TEXTS if not h.big]


def sweep(cases: list[Hostile] | tuple[Hostile, ...]) -> list[object]:
    """Every case; the first of each category in the everyday loop, the rest marked ``slow``.

    The whole sweep is some 2,000 command runs (more than half the suite's tests): ``-m "not slow"``
    keeps one case per category, ``.ci/run`` runs them all.
    """
    seen: set[str] = set()
    params = []
    for case in cases:
        marks = () if case.category not in seen else (pytest.mark.slow,)
        seen.add(case.category)
        params.append(pytest.param(case, id=case.id, marks=marks))
    return params


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
    db_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    shutil.copyfile(template, db_path)
    db_path.chmod(0o600)  # as Nærvær made it: otherwise the first command says it tightened it
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


@pytest.mark.parametrize("case", sweep(TEXTS))
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


@pytest.mark.parametrize("case", sweep(SMALL))
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
    clean(run("person", "list", "--format", "csv"))  # `| cat` is a terminal too


@pytest.mark.parametrize("case", sweep(SMALL))
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
    clean(run("sites"))
    clean(run("sites", "--format", "json"))


@pytest.mark.parametrize("case", sweep(TEXTS))
def test_outside_helper_name(run, db: Path, case: Hostile) -> None:
    before = rows(db)
    result = run("site", "helper", "vest", case.text, "--outside")
    if result.exit_code != 0:
        refused(result)
        assert rows(db) == before
        return
    clean(result)
    helper = json.loads(run("sites", "--format", "json").stdout)["sites"][0]["helper"]
    assert helper == clean_name(case.text)
    shown = run("sites")
    clean(shown)


@pytest.mark.parametrize("case", sweep(SMALL))
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


@pytest.mark.parametrize("case", sweep(SMALL))
def test_skill_label(run, db: Path, case: Hostile) -> None:
    """A label is stored cleaned (as a name is) or refused in one line; `who` shows it neutralised."""
    before = rows(db)
    result = run("skills", "baseline", "add", "--", case.text)
    if result.exit_code != 0:
        refused(result)
        assert rows(db) == before
        return
    clean(result)
    only_added(before, rows(db), {"skills"})
    stored = json.loads(run("skills", "baseline", "--format", "json").stdout)["skills"]
    assert stored == [clean_name(case.text)]
    found = run("who", "--", case.text)
    assert found.exit_code == 0
    clean(found)
    assert "Baseline Person" in found.stdout
    clean(run("skills", "baseline"))


SEARCH_CASES = [*TEXTS, *SEARCHES]


@pytest.mark.parametrize("case", sweep(SEARCH_CASES))
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
    "yearly-date": (lambda d: ("date", "add", "--yearly", "--", "baseline", d, "label"), {"personal_dates"}),
    "away-to": (lambda d: ("away", "baseline", "--from=1/1/2026", f"--to={d}"), {"away"}),
    "due": (lambda d: ("log", "baseline", "promised", "--promise=call back", f"--due={d}"),
            {"notes", "note_tags", "promises"}),
    "today-date": (lambda d: ("today", f"--date={d}"), set()),
    "visit-date": (lambda d: ("visit", "Hjemmeplejen Vest", f"--date={d}"), set()),
    "notes-since": (lambda d: ("notes", f"--since={d}"), set()),
    "snooze-until": (lambda d: ("snooze", "tip_of_the_day", f"--until={d}"), {"prompt_state"}),
    "prune-older-than": (lambda d: ("prune", "--dry-run", f"--older-than={d}"), set()),
}


@pytest.mark.parametrize("where", list(DATE_COMMANDS))
@pytest.mark.parametrize("case", sweep(DATES))
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


@pytest.mark.parametrize("case", sweep(TEXTS))
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


@pytest.mark.parametrize("case", sweep(DATES))
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
@pytest.mark.parametrize("case", sweep(SMALL))
def test_note_ids(run, db: Path, case: Hostile, command: str) -> None:
    """Whatever is typed as a note's id is refused in one line, and nothing changes."""
    before = rows(db)
    extra = ["--text", "x"] if command == "edit" else ["--yes"]
    refused(run("note", command, *extra, "--", case.text))
    assert rows(db) == before


# -- huge ids and limits -----------------------------------------------------------------

NUMBER_COMMANDS = {
    "notes-limit": lambda n: ("notes", f"--limit={n}"),
    "search-limit": lambda n: ("notes", "--search=rota", f"--limit={n}"),
    "today-limit": lambda n: ("today", f"--limit={n}"),
    "note-delete": lambda n: ("note", "delete", "--yes", "--", n),
    "note-edit": lambda n: ("note", "edit", "--text=x", "--", n),
    "promise-done": lambda n: ("promise", "done", "--", n),
    "setting": lambda n: ("settings", "today_limit", "--", n),
}


@pytest.mark.parametrize("where", list(NUMBER_COMMANDS))
@pytest.mark.parametrize("case", sweep(NUMBERS))
def test_numbers(run, db: Path, case: Hostile, where: str) -> None:
    """An id or limit of any size or shape: a result, or one line and exit 2; never a crash."""
    before = rows(db)
    result = run(*NUMBER_COMMANDS[where](case.text))
    if result.exit_code != 0:
        refused(result)
        assert rows(db) == before
        return
    clean(result)
    if where.endswith("limit"):
        assert rows(db) == before


def test_pinned_clock_beyond_the_calendar_is_one_line(run, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = rows(db)
    for day in ("9999-12-30", "9999-12-31", "1899-12-31"):
        monkeypatch.setenv("NAERVAER_TODAY", day)
        for args in (("today",), ("team",), ("seen",), ("log", "baseline", "x")):
            refused(run(*args))
    assert rows(db) == before


def test_the_last_accepted_day_works_through_every_view(run, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """9998-12-31 is the last day accepted: every view computes from it without overflow."""
    assert run("date", "add", "baseline", "31/12", "New year", "--yearly").exit_code == 0
    monkeypatch.setenv("NAERVAER_TODAY", "9998-12-31")
    for args in (("log", "baseline", "x", "--promise=p", "--due=+0d"), ("today",), ("today", "--format=json"),
                 ("team",), ("seen",), ("visit", "Hjemmeplejen Vest"), ("promise", "list"), ("notes",)):
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)
        clean(result)


# -- a back-dated note's promise -----------------------------------------------------------


def test_a_back_dated_note_may_promise_a_day_already_past(run, db: Path) -> None:
    result = run("log", "baseline", "catching up", "--date=-5d", "--promise=order the chair", "--due=-1d")
    assert result.exit_code == 0, result.output
    assert "already overdue" in result.stdout
    (made,) = [p for p in json.loads(run("promise", "list", "--format=json").stdout) if p["text"] == "order the chair"]
    assert made["due"] == "2026-11-22"
    assert "overdue since Sun 22 Nov" in run("promise", "list").stdout


@pytest.mark.parametrize("args, fragment", [
    (("--date=-5d", "--due=-6d"), "before the note's date"),
    (("--due=-1d",), "has already passed"),
])
def test_a_promise_is_never_due_before_its_note(run, db: Path, args: tuple[str, ...], fragment: str) -> None:
    before = rows(db)
    result = run("log", "baseline", "x", "--promise=p", *args)
    refused(result)
    assert fragment in result.stderr
    assert rows(db) == before


# -- narrow terminal encodings: ISO-8859-1, ASCII --------------------------------------------

# every command, reading and writing; names and text the narrow encodings cannot show
EVERY_COMMAND = [
    ("person", "add", "Ŝtefan ✓ Øster 👍", "--site=Køkken “Nord” —"),
    ("person", "list"), ("person", "list", "--format=csv"), ("person", "list", "--format=json"),
    ("person", "edit", "stefan", "--role=SOSU-hjælper ✓"),
    ("log", "stefan", "Talte om “vagtplanen” — godt ✓ 👍", "--promise=Send planen ✓", "--due=+3d"),
    ("log", "stefan", "Brand i køkkenet 🔥", "--tag=fire", "--channel=phone"),
    ("notes",), ("notes", "--format=json"), ("notes", "--search=vagtplanen"),
    ("note", "edit", "2", "--text=Rettet — ✓"),
    ("promise", "list"), ("promise", "list", "--format=json"),
    ("date", "add", "stefan", "24/12", "Datterens fødselsdag ✓", "--yearly"),
    ("away", "baseline", "--from=1/12", "--to=+2w", "--label=Orlov — ✓"),
    ("today",), ("today", "--format=json"), ("today", "--format=md"),
    ("visit", "Køkken “Nord” —"), ("visit", "Køkken “Nord” —", "--format=json"), ("visit", "Køkken “Nord” —", "--format=md"),
    ("team",), ("team", "--format=json"), ("seen",), ("seen", "--format=json"),
    ("tips",), ("tips", "--format=json"), ("settings",),
    ("snooze", "tip_of_the_day"), ("done", "no-such-prompt ✓"),
    ("export", "person", "Ŝtefan ✓ Øster 👍"),  # exact: export takes a whole name or an id
    ("backup",), ("prune", "--dry-run"),
    ("promise", "done", "2"), ("note", "delete", "--yes", "3"),
    ("person", "nobody ✓"), ("notes", "--person=nobody ✓"), ("log", "nobody ✓", "x"),
    ("forget", "--yes", "Ŝtefan ✓ Øster 👍"),
]


def run_every_command(db: Path, lang: str, charset: str) -> list[Result]:
    from click.testing import CliRunner

    from naervaer.tui.cli import cli

    runner = CliRunner(charset=charset)
    return [runner.invoke(cli, ["--db", str(db), "--lang", lang, *args], catch_exceptions=False)
            for args in EVERY_COMMAND]


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("charset", NARROW_ENCODINGS)
def test_every_command_under_a_narrow_encoding(db: Path, tmp_path: Path, lang: str, charset: str) -> None:
    """The same commands under UTF-8 and under ``charset``: the same exit codes and the same
    stored rows; no crash; JSON decodes to exactly what UTF-8 gave."""
    wide_db = tmp_path / "wide.db"
    shutil.copyfile(db, wide_db)
    wide = run_every_command(wide_db, lang, "utf-8")
    narrow = run_every_command(db, lang, charset)
    for args, w, n in zip(EVERY_COMMAND, wide, narrow):
        assert n.exit_code == w.exit_code, (args, n.output)
        assert "Traceback" not in n.output
        if "--format=json" in args or args[0] == "export":
            # click itself writes UTF-8 to a stream configured as ASCII (it calls that misconfigured)
            written = n.stdout_bytes.decode("utf-8" if charset == "ascii" else charset)
            assert json.loads(written) == json.loads(w.stdout), args
    assert [r.exit_code for r in wide].count(0) >= len(EVERY_COMMAND) - 6
    assert rows(db) == rows(wide_db)


# -- failing after a write ---------------------------------------------------------------------


def test_a_failure_after_the_write_never_says_nothing_changed(run, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Exit 1-3 promise "nothing changed": a command that fails after storing exits 4."""
    def broken(*args, **kwargs):
        raise RuntimeError("the echo broke")

    monkeypatch.setattr("naervaer.tui.cli.notes.describe_note", broken)
    before = rows(db)
    result = run("log", "baseline", "stored before the echo broke")
    assert result.exit_code == 4, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "stored" in lines[0] and "the echo broke" in lines[0]
    assert len(rows(db)["notes"]) == len(before["notes"]) + 1


def test_a_failure_before_any_write_keeps_its_traceback(run, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("naervaer.tui.cli.notes.note_json", broken)
    with pytest.raises(RuntimeError):
        run("notes", "--format=json")


@pytest.mark.parametrize("when", ["31/12/9999", "31/12/2030"])
def test_a_yearly_date_is_refused_in_its_own_words(run, db: Path, when: str) -> None:
    """Not the message meant for notes ("A note is about something that has happened")."""
    before = rows(db)
    result = run("date", "add", "baseline", when, "label", "--yearly")
    refused(result)
    assert "note" not in result.stderr.casefold()
    assert rows(db) == before


# -- closed stdin ------------------------------------------------------------------------------


def _closed_stdin() -> None:
    os.close(0)


@pytest.mark.parametrize("args", [["log", "baseline"], ["forget", "baseline"], [],
                                  ["note", "edit", "1", "--text", "-"], ["note", "delete", "1"]],
                         ids=lambda a: " ".join(a) or "bare")
def test_closed_stdin_is_one_line(db: Path, args: list[str]) -> None:
    """`naervaer log anna <&-`: stdin closed, not empty: one line, exit 2, nothing changed."""
    before = rows(db)
    done = subprocess.run([str(Path(sys.executable).with_name("naervaer")), "--db", str(db), "--lang", "en", *args],
                          preexec_fn=_closed_stdin, capture_output=False, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=60)
    stderr = done.stderr.decode()
    assert done.returncode == 2, stderr
    assert len(stderr.strip().splitlines()) == 1 and stderr.startswith("Error: "), stderr
    assert rows(db) == before


def test_an_iso_8859_1_terminal_gets_its_echo(db: Path) -> None:
    """The real program under an ISO-8859-1 locale (as Python sees it): stored once, exit 0."""
    env = {**os.environ, "PYTHONIOENCODING": "iso-8859-1"}
    done = subprocess.run([str(Path(sys.executable).with_name("naervaer")), "--db", str(db), "--lang", "da",
                           "log", "baseline", "Godt møde — “vagtplan” ✓"], env=env, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    echo = done.stdout.decode("iso-8859-1")
    assert "Baseline Person" in echo and "\\u2014" not in echo.split("·")[0]
    texts = [r[5] for r in rows(db)["notes"]]  # id, person_id, date, channel, tags, text, kind, pulse
    assert texts.count("Godt møde — “vagtplan” ✓") == 1



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
@pytest.mark.parametrize("case", sweep(SMALL))
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
