"""The full export and import (issue 14, item 6): export all → import all reproduces everything.

The round trip is checked with ``storage.transfer.logical_digest`` on the demo team and on a
database with hostile text in every field, through JSON text as the command line writes it.
"""

from __future__ import annotations

import copy
import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from naervaer.content.errors import InputError
from naervaer.content.facts import Birthday
from naervaer.storage.connection import SCHEMA_VERSION
from naervaer.storage.demo import write_demo
from naervaer.storage.store import Store
from naervaer.storage.tables import data_tables
from naervaer.storage.transfer import (
    FORMAT, export_all, import_all, logical_digest, store_digest,
)
from naervaer.tui.cli.output import to_json
from conftest import TODAY
from hostile import TEXTS


def _open(path: Path) -> Store:
    return Store.open(path, clock=lambda: TODAY)


def _through_json(document: dict) -> dict:
    """As the file says it: written as ``export all`` writes it, read by a plain parser."""
    from naervaer.tui.cli.transfer import document_text

    return json.loads(document_text(document))


@pytest.fixture
def demo_store(tmp_path: Path):
    with _open(tmp_path / "demo.db") as s:
        write_demo(s, TODAY)
        s.set_setting("today_limit", 9)
        s.sign_off("2026-10", TODAY)
        note = s.notes(limit=1)[0]
        s.delete_note(note.id)  # raises the notes' id floor: it must travel too
        yield s


def _fill_hostile(s: Store) -> None:
    """Every field a leader can type, filled with the hostile corpus (small ones; one big note)."""
    small = [h for h in TEXTS if not h.big and h.category != "surrogate"]  # refused at the door
    for i, h in enumerate(small):
        try:
            person = s.add_person(f"P{i} {h.text}", site=h.text or None, team=h.text or None, role=h.text or None,
                                  birthday=Birthday(29, 2) if i % 3 == 0 else Birthday(i % 28 + 1, i % 12 + 1, 1980),
                                  started=date(2020, 1, 1) + timedelta(days=i))
        except InputError:
            person = s.add_person(f"P{i}")
        tags = ["success"] if i % 2 else ["private", "fire"]
        text = h.text if h.text.strip() else f"x{h.text}"  # a blank note or label is refused
        s.add_note(person.id, TODAY - timedelta(days=i), "phone", text, tags,
                   promise=(text, TODAY + timedelta(days=i)))
        s.add_personal_date(person.id, date(2026, (i % 12) + 1, 5), text, i % 2 == 0)
        s.start_away(person.id, TODAY - timedelta(days=3), TODAY + timedelta(days=i), h.text)
    big = next(h for h in TEXTS if h.id == "one-megabyte")
    s.add_note(1, TODAY, None, big.text)
    s.set_setting("calendar_path", "~/x\u202e.ics")


def test_the_demo_team_round_trips_exactly(demo_store: Store, tmp_path: Path) -> None:
    document = _through_json(export_all(demo_store, TODAY))
    with _open(tmp_path / "new.db") as fresh:
        done = import_all(fresh, document)
        assert store_digest(fresh) == store_digest(demo_store) == document["digest"]
        assert done.people == 40
        # the search index is rebuilt: a word of a note is found again
        word = demo_store.notes(limit=1)[0].text.split()[0]
        assert [n.id for n in fresh.search_notes(word, limit=50)] == [n.id for n in demo_store.search_notes(word, limit=50)]
        # the id floor travelled: the deleted note's id is not given out again
        floor = fresh.query("SELECT value FROM id_floor WHERE name = 'notes'")[0][0]
        new, _ = fresh.add_note(1, TODAY, "phone", "after the move")
        assert new.id > floor


def test_hostile_text_in_every_field_round_trips_exactly(tmp_path: Path) -> None:
    with _open(tmp_path / "hostile.db") as s:
        _fill_hostile(s)
        document = _through_json(export_all(s, TODAY))
        with _open(tmp_path / "new.db") as fresh:
            import_all(fresh, document)
            assert store_digest(fresh) == store_digest(s)
            assert fresh.notes() == s.notes()


def test_every_table_of_the_schema_is_in_the_document(store: Store) -> None:
    """A table a later migration adds can never be silently left out of the move."""
    conn = store.conn
    every = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'")}
    virtual = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")]
    fts_shadow = {n for n in every if any(n.startswith(f"{v}_") for v in virtual)}  # the index's own
    left_out = every - fts_shadow - {"_sqlite_migrations", "sqlite_sequence", "sqlite_stat1"}
    document = export_all(store, TODAY)
    assert set(document["tables"]) == left_out
    for table, body in document["tables"].items():
        assert body["columns"] == [r[1] for r in conn.execute(f"PRAGMA table_info('{table}')")]


def test_a_new_table_is_exported_without_anyone_listing_it(store: Store, tmp_path: Path) -> None:
    store.conn.execute("CREATE TABLE later_notes (id INTEGER PRIMARY KEY, person_id INTEGER "
                       "REFERENCES people(id) ON DELETE CASCADE, text TEXT, raw BLOB)")
    anna = store.add_person("Anna Berg")
    store.conn.execute("INSERT INTO later_notes VALUES (1, ?, 'rota', x'00ff')", [anna.id])
    document = _through_json(export_all(store, TODAY))
    assert document["tables"]["later_notes"]["rows"] == [[1, anna.id, "rota", {"blob": "00ff"}]]
    with _open(tmp_path / "new.db") as fresh:
        fresh.conn.execute("CREATE TABLE later_notes (id INTEGER PRIMARY KEY, person_id INTEGER "
                           "REFERENCES people(id) ON DELETE CASCADE, text TEXT, raw BLOB)")
        import_all(fresh, document)
        assert store_digest(fresh) == store_digest(store)


def test_the_digest_is_about_content_not_pages(demo_store: Store, tmp_path: Path) -> None:
    before = store_digest(demo_store)
    demo_store.conn.execute("VACUUM")
    assert store_digest(demo_store) == before
    demo_store.set_setting("today_limit", 10)
    assert store_digest(demo_store) != before


def test_a_database_with_data_is_refused_unless_forced(demo_store: Store, tmp_path: Path) -> None:
    document = _through_json(export_all(demo_store, TODAY))
    with _open(tmp_path / "other.db") as other:
        other.add_person("Zoe Zimmer")
        other.delete_note(other.add_note(1, TODAY, "phone", "gone")[0].id)
        before = logical_digest(other.conn)
        with pytest.raises(InputError) as refused:
            import_all(other, document)
        assert refused.value.key == "exchange.all_not_empty"
        assert logical_digest(other.conn) == before
        import_all(other, document, force=True)
        assert other.people(include_archived=True)[0].name != "Zoe Zimmer" or len(other.people()) == 40
        assert {p.name for p in other.people(include_archived=True)} == {
            p.name for p in demo_store.people(include_archived=True)}
        ours = {k: v for k, v in export_all(other, TODAY)["tables"].items() if k != "id_floor"}
        theirs = {k: v for k, v in document["tables"].items() if k != "id_floor"}
        assert ours == theirs


def _refused(store: Store, document: object, key: str) -> None:
    before = logical_digest(store.conn)
    with pytest.raises(InputError) as refused:
        import_all(store, document)
    assert refused.value.key == key
    assert logical_digest(store.conn) == before


def test_foreign_versions_and_damaged_documents_change_nothing(demo_store: Store, store: Store) -> None:
    good = _through_json(export_all(demo_store, TODAY))

    def changed(**what: object) -> dict:
        doc = copy.deepcopy(good)
        doc.update(what)
        return doc

    _refused(store, [1, 2], "exchange.all_not_ours")
    _refused(store, changed(format="naervaer-person-export"), "exchange.all_not_ours")
    _refused(store, changed(version=2), "exchange.all_version")
    _refused(store, changed(schema=SCHEMA_VERSION + 1), "exchange.all_newer")
    _refused(store, changed(schema=SCHEMA_VERSION - 1), "exchange.all_broken")  # today's columns, an older schema
    _refused(store, changed(schema=0), "exchange.all_broken")
    _refused(store, changed(schema="3"), "exchange.all_broken")
    missing = copy.deepcopy(good)
    del missing["tables"]["away"]
    _refused(store, missing, "exchange.all_broken")
    tampered = copy.deepcopy(good)
    tampered["tables"]["notes"]["rows"][0][-1] = "changed by hand"
    _refused(store, tampered, "exchange.all_digest")
    booleans = copy.deepcopy(good)
    booleans["tables"]["people"]["rows"][0][-1] = True
    _refused(store, booleans, "exchange.all_broken")
    # a private tag dropped from note_tags (where the newsletter looks for it), digest recomputed
    from naervaer.storage.transfer import _digest

    unprivate = copy.deepcopy(good)
    rows = unprivate["tables"]["note_tags"]["rows"]
    rows.remove(next(r for r in rows if r[3] == "private"))
    unprivate["digest"] = _digest(unprivate["schema"], unprivate["tables"], {})
    _refused(store, unprivate, "exchange.all_not_reproduced")
    # a document that agrees with its digest but cannot be stored as it says
    orphan = copy.deepcopy(good)
    orphan["tables"]["note_tags"]["rows"].append([999_999, 1, "2026-01-01", "success"])
    orphan["digest"] = _digest(orphan["schema"], orphan["tables"], {})
    before = logical_digest(store.conn)
    with pytest.raises(InputError):
        import_all(store, orphan)
    assert logical_digest(store.conn) == before


def test_format_name_is_stable(store: Store) -> None:
    document = export_all(store, TODAY)
    assert (document["format"], document["version"], document["schema"]) == (FORMAT, 1, SCHEMA_VERSION)
    assert set(document["tables"]) == set(data_tables(store.conn))


def test_cli_round_trip_and_one_line_refusals(run, db_path: Path, tmp_path: Path) -> None:
    from conftest import Cli, refused_in_one_line

    assert run("person", "add", "Anna Berg", "--site", "Køkken Nord").exit_code == 0
    assert run("log", "anna", "A good day", "--tag", "success").exit_code == 0
    out = tmp_path / "all.json"
    done = run("export", "all", "-o", str(out))
    assert done.exit_code == 0, done.stderr
    assert (out.stat().st_mode & 0o777) == 0o600
    again = run("export", "all", "-o", str(out))
    refused_in_one_line(again, "already exists")
    fresh = Cli(tmp_path / "fresh.db")
    result = fresh("import", "all", str(out))
    assert result.exit_code == 0, result.stderr
    with _open(db_path) as a, _open(tmp_path / "fresh.db") as b:
        assert store_digest(a) == store_digest(b)
    refused_in_one_line(fresh("import", "all", str(out)), "--force")
    forced = fresh("import", "all", str(out), "--force")
    assert forced.exit_code == 0 and "kept as" in forced.stdout
    junk = tmp_path / "junk.json"
    junk.write_bytes(b"\xff\xfe not json")
    refused_in_one_line(Cli(tmp_path / "third.db")("import", "all", str(junk)), "not a JSON file")
    refused_in_one_line(Cli(tmp_path / "third.db")("import", "all", str(tmp_path / "nope.json")), "cannot read")
    danish = Cli(tmp_path / "third.db")("import", "all", str(db_path), lang="da")
    refused_in_one_line(danish, "intet er importeret")


def test_a_document_from_an_older_schema_goes_through_the_real_migrations(store: Store, tmp_path: Path) -> None:
    """Schema 2 had no key_clash column and the old name keys: migration 003 must run on the rows."""
    from sqlite_utils import Database

    from naervaer.content.text import name_key
    from naervaer.storage.schema import migrations
    from naervaer.storage.transfer import _digest, _read

    conn = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    db = Database(conn)
    steps = [m.name for m in migrations.pending(db)]
    migrations.apply(db, stop_before=steps[2])
    conn.execute("INSERT INTO people (id, name, name_key, created) VALUES (1, 'Søren Ålund', 'old key', '2026-01-01')")
    conn.execute("INSERT INTO notes (id, person_id, date, text, tags) VALUES (5, 1, '2026-11-01', 'rota talk', "
                 "'[\"success\"]')")
    tables, sequences = _read(conn)
    conn.close()
    assert "key_clash" not in tables["people"]["columns"]
    old = {"format": FORMAT, "version": 1, "schema": 2, "exported": "2026-11-01", "tables": tables,
           "digest": _digest(2, tables, sequences)}
    import_all(store, _through_json(old))
    assert store.query("SELECT name, name_key, key_clash FROM people") == [("Søren Ålund", name_key("Søren Ålund"), 0)]
    assert [n.id for n in store.search_notes("rota")] == [5]
    assert store.query("SELECT tag FROM note_tags") == [("success",)]
    assert not list((tmp_path / "data").glob("*tmp*"))  # the scratch folder is gone


def test_the_file_is_the_document_one_row_per_line(demo_store: Store) -> None:
    from naervaer.tui.cli.transfer import document_text

    document = export_all(demo_store, TODAY)
    text = document_text(document)
    assert json.loads(text) == json.loads(to_json(document))
    notes = len(document["tables"]["notes"]["rows"])
    # a row per line, plus a few lines of frame per table (its name, columns, brackets)
    frame = 20 + 8 * len(document["tables"])
    assert len(text.splitlines()) < sum(len(b["rows"]) for b in document["tables"].values()) + frame
    assert notes > 1000


def test_autoincrement_counters_travel_too(store: Store, tmp_path: Path) -> None:
    """A later table with AUTOINCREMENT: its counter is part of the move (ids never reused)."""
    ddl = "CREATE TABLE later_table (id INTEGER PRIMARY KEY AUTOINCREMENT, held TEXT NOT NULL)"
    store.conn.execute(ddl)
    store.conn.executemany("INSERT INTO later_table (held) VALUES (?)", [["2026-11-01"], ["2026-11-08"]])
    store.conn.execute("DELETE FROM later_table WHERE id = 2")
    document = _through_json(export_all(store, TODAY))
    assert document["sequences"] == {"later_table": 2}
    with _open(tmp_path / "new.db") as fresh:
        fresh.conn.execute(ddl)
        import_all(fresh, document)
        assert store_digest(fresh) == store_digest(store)
        fresh.conn.execute("INSERT INTO later_table (held) VALUES ('2026-11-15')")
        assert fresh.query("SELECT max(id) FROM later_table") == [(3,)]
