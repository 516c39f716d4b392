"""Which person a command touches: exact resolution, ids never reused, names that fold equal.

Issue 11, items 3-5: a repeated ``forget`` must not erase the next person by prefix; an id
typed from history (or held by an open form) never names someone else; two spellings of one
name are refused at the door, and people already stored with colliding names stay reachable
by their exact name and by id.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from conftest import TODAY
from hostile import rows
from naervaer.storage import connection
from naervaer.storage.schema import migrations
from naervaer.storage.store import Store


def people(run) -> dict[str, int]:
    listed = json.loads(run("person", "list", "--all", "--format", "json").stdout)
    return {p["name"]: p["id"] for p in listed}


def one_line_refusal(result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    for needle in needles:
        assert needle in lines[0], lines[0]


# -- item 3: destructive and identity-changing commands resolve exactly ------------------


def test_a_repeated_forget_does_not_erase_the_next_person_by_prefix(run, db_path: Path) -> None:
    assert run("person", "add", "Anna Berg").exit_code == 0
    assert run("person", "add", "Anna Bergstrøm").exit_code == 0
    assert run("log", "Anna Bergstrøm", "her note").exit_code == 0
    assert run("forget", "Anna Berg", "--yes").exit_code == 0
    before = rows(db_path)
    again = run("forget", "Anna Berg", "--yes")
    one_line_refusal(again, "Anna Bergstrøm (#2)")
    assert rows(db_path) == before
    assert "Anna Bergstrøm" in people(run)


@pytest.mark.parametrize("command", [
    ("forget", "{q}", "--yes"),
    ("export", "person", "{q}"),
    ("person", "edit", "{q}", "--rename", "Someone Else"),
    ("person", "edit", "{q}", "--archive"),
    ("note", "edit", "1", "--person", "{q}"),
])
@pytest.mark.parametrize("query", ["Anna", "anna ber", "Bergstrøm", "#99", "#2x"])
def test_identity_changing_commands_refuse_anything_but_a_full_name_or_id(
        run, db_path: Path, command: tuple[str, ...], query: str) -> None:
    assert run("person", "add", "Anna Bergstrøm").exit_code == 0
    assert run("person", "add", "Bo Nielsen").exit_code == 0
    assert run("log", "Bo", "a note").exit_code == 0
    before = rows(db_path)
    result = run(*[part.format(q=query) for part in command])
    one_line_refusal(result)
    assert rows(db_path) == before


def test_the_refusal_lists_close_candidates_with_their_ids(run) -> None:
    for name in ("Anna Berg", "Anna Bergstrøm", "Annabel Holm", "Bo Nielsen"):
        assert run("person", "add", name).exit_code == 0
    result = run("forget", "anna", "--yes")
    one_line_refusal(result, "Anna Berg (#1)", "Anna Bergstrøm (#2)", "Annabel Holm (#3)", "#12")
    assert "Bo Nielsen" not in result.stderr


@pytest.mark.parametrize("query", ["anna bergstrom", "ANNA  BERGSTRØM", "Anna Bergstrøm", "#1", " #1 "])
def test_a_full_name_folded_or_an_id_is_exact(run, query: str) -> None:
    assert run("person", "add", "Anna Bergstrøm").exit_code == 0
    assert run("person", "add", "Anna Berg").exit_code == 0
    exported = run("export", "person", query)
    assert exported.exit_code == 0, exported.output
    assert json.loads(exported.stdout)["person"]["name"] == "Anna Bergstrøm"


def test_ids_work_through_edit_archive_unarchive_and_note_edit(run) -> None:
    assert run("person", "add", "Anna Berg").exit_code == 0
    assert run("person", "add", "Bo Nielsen").exit_code == 0
    assert run("log", "Anna Berg", "moved later").exit_code == 0
    assert run("person", "edit", "#1", "--rename", "Anna Berg Holm").exit_code == 0
    assert run("person", "edit", "#1", "--archive").exit_code == 0
    assert run("person", "edit", "#1", "--unarchive").exit_code == 0
    assert run("person", "edit", "anna berg holm", "--archive").exit_code == 0
    assert run("person", "edit", "Anna Berg Holm", "--unarchive").exit_code == 0
    assert run("note", "edit", "1", "--person", "#2").exit_code == 0
    assert json.loads(run("notes", "--format", "json").stdout)[0]["person"] == "Bo Nielsen"


def test_person_list_shows_the_ids(run) -> None:
    assert run("person", "add", "Anna Berg").exit_code == 0
    assert run("person", "add", "Bo Nielsen").exit_code == 0
    listed = run("person", "list").stdout
    assert "#1" in listed and "#2" in listed
    assert [p["id"] for p in json.loads(run("person", "list", "--format", "json").stdout)] == [1, 2]


def test_prefix_matching_stays_for_everyday_commands(run) -> None:
    assert run("person", "add", "Anna Bergstrøm").exit_code == 0
    assert run("log", "anna", "prefix is fine here").exit_code == 0
    assert run("notes", "--person", "berg").exit_code == 0
    assert run("log", "#1", "and by id").exit_code == 0


# -- item 4: ids are never reused ------------------------------------------------------------


def test_a_forgotten_persons_ids_are_never_given_to_the_next(store: Store) -> None:
    x = store.add_person("Xenia Lund")
    _, promise = store.add_note(x.id, TODAY, "phone", "note", (), ("call back", None))
    day = store.add_personal_date(x.id, TODAY, "Wedding", False)
    away = store.start_away(x.id, TODAY, None, "leave")
    from naervaer.storage.erase import forget_person

    forget_person(store, x.id)
    y = store.add_person("Yrsa Holm")
    _, promise_y = store.add_note(y.id, TODAY, "phone", "note", (), ("order the chair", None))
    assert y.id > x.id
    assert promise_y.id > promise.id
    assert store.add_personal_date(y.id, TODAY, "Birthday party", False).id > day.id
    assert store.start_away(y.id, TODAY, None, "leave").id > away.id


def test_promise_done_typed_from_history_does_not_reach_someone_else(run) -> None:
    assert run("person", "add", "Xenia Lund").exit_code == 0
    assert run("log", "Xenia Lund", "talk", "--promise", "send the rota").exit_code == 0
    assert run("forget", "Xenia Lund", "--yes").exit_code == 0
    assert run("person", "add", "Yrsa Holm").exit_code == 0
    assert run("log", "Yrsa", "talk", "--promise", "order the chair").exit_code == 0
    result = run("promise", "done", "1")
    assert result.exit_code == 2, result.output
    assert json.loads(run("promise", "list", "--format", "json").stdout)[0]["done"] is None


def test_a_note_for_a_forgotten_person_is_refused_not_stored_on_another(store: Store) -> None:
    from naervaer.content.errors import InputError
    from naervaer.storage.erase import forget_person

    x = store.add_person("Xenia Lund")
    forget_person(store, x.id)
    store.add_person("Yrsa Holm")
    with pytest.raises(InputError) as info:
        store.add_note(x.id, TODAY, "phone", "meant for Xenia")
    assert info.value.key == "store.no_person_id"
    assert store.notes() == []


# -- item 5: names that fold equal -------------------------------------------------------------


@pytest.mark.parametrize("second", [
    "Søren Aalund", "Soren Alund", "SØREN ÅLUND", "Søren A\u030alund", "Sø\u200bren Ålund",
    "\u202eSøren Ålund", "Søren\u00a0Ålund", "\ufeffSøren Ålund\u2060",
])
def test_a_name_that_folds_to_an_active_persons_is_refused(run, db_path: Path, second: str) -> None:
    assert run("person", "add", "Søren Ålund").exit_code == 0
    before = rows(db_path)
    one_line_refusal(run("person", "add", "--", second), "Søren Ålund (#1)")
    assert rows(db_path) == before
    assert run("person", "add", "Bo Nielsen").exit_code == 0
    one_line_refusal(run("person", "edit", "Bo Nielsen", "--rename", second), "Søren Ålund")


def test_unarchiving_into_a_folded_clash_is_refused(run) -> None:
    assert run("person", "add", "Søren Ålund").exit_code == 0
    assert run("person", "edit", "#1", "--archive").exit_code == 0
    assert run("person", "add", "Soren Alund").exit_code == 0  # the other is archived: allowed
    one_line_refusal(run("person", "edit", "#1", "--unarchive"), "Soren Alund (#2)")


@pytest.mark.parametrize("typed, stored", [
    ("An\u200bna Berg", "Anna Berg"),
    ("\u202eAnna Berg\u202c", "Anna Berg"),
    ("Anna\u200d Berg\u2066", "Anna Berg"),
    ("\ufeffAnna\u00adBerg", "AnnaBerg"),
])
def test_invisible_characters_are_stripped_from_names(run, typed: str, stored: str) -> None:
    assert run("person", "add", "--", typed).exit_code == 0
    assert list(people(run)) == [stored]


@pytest.mark.parametrize("typed", ["\u200b", "\u202e\u202c", "\u200e\u200f", " \u2060 "])
def test_a_name_of_only_invisible_characters_is_refused(run, db_path: Path, typed: str) -> None:
    Store.open(db_path).close()
    before = rows(db_path)
    one_line_refusal(run("person", "add", "--", typed))
    assert rows(db_path) == before


def test_a_name_that_looks_like_an_id_is_refused(run) -> None:
    one_line_refusal(run("person", "add", "#12"), "#12")


def version_2_file(path: Path, names: list[str]) -> None:
    """A file as written before 003: the old name key (case and spacing only), so these collide."""
    db = Database(sqlite3.connect(path, isolation_level=None))
    before = Migrations("naervaer")
    before._migrations = migrations._migrations[:2]
    before.apply(db)
    db.execute(f"PRAGMA application_id = {connection.APPLICATION_ID}")
    db.execute("PRAGMA user_version = 2")
    for name in names:
        db.execute("INSERT INTO people (name, name_key, created) VALUES (?, ?, ?)",
                   [name, " ".join(name.casefold().split()), TODAY.isoformat()])
    db.conn.close()
    # private as Nærvær makes them, so the first command has no modes to report
    path.chmod(0o600)
    path.parent.chmod(0o700)


CLASHING = ["Søren Ålund", "Søren Aalund", "Soren Alund", "Anna Berg", "An\u200bna Berg"]


@pytest.mark.parametrize("index", range(len(CLASHING)))
def test_people_stored_with_clashing_names_stay_reachable_by_exact_name_and_id(
        run, db_path: Path, index: int) -> None:
    db_path.parent.mkdir(parents=True)
    version_2_file(db_path, CLASHING)
    name = CLASHING[index]
    exported = run("export", "person", "--", name)
    assert exported.exit_code == 0, exported.output
    assert json.loads(exported.stdout)["person"]["name"] == name
    assert run("log", "--", name, "exact name, prefix command").exit_code == 0
    by_id = run("export", "person", f"#{index + 1}")
    assert json.loads(by_id.stdout)["person"]["name"] == name
    assert run("forget", "--yes", "--", name).exit_code == 0
    assert sorted(people(run)) == sorted(set(CLASHING) - {name})


def test_a_folded_name_shared_by_stored_people_is_ambiguous_and_lists_ids(run, db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    version_2_file(db_path, CLASHING)
    result = run("forget", "soren ålund", "--yes")
    one_line_refusal(result, "Søren Ålund (#1)", "Søren Aalund (#2)", "Soren Alund (#3)")


def test_the_upgrade_keeps_clashing_people_and_refuses_a_new_clash(run, db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    version_2_file(db_path, CLASHING)
    with Store.open(db_path, clock=lambda: TODAY) as s:
        assert s.query("PRAGMA user_version")[0][0] == connection.SCHEMA_VERSION
        assert sorted(p.name for p in s.people()) == sorted(CLASHING)
    one_line_refusal(run("person", "add", "Søren Ålund"), "Søren Ålund")
    # renaming one of the clashing people to a distinct name frees it of the clash
    assert run("person", "edit", "#2", "--rename", "Søren Aalund Holm").exit_code == 0
    assert run("person", "edit", "#2", "--archive").exit_code == 0
    assert run("person", "edit", "#2", "--unarchive").exit_code == 0
