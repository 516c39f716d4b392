"""The store: opening, identity and version checks, pragmas, permissions, and the model."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest
from conftest import TODAY
from sqlite_utils import Database

from naervaer.content.errors import InputError, StoreError
from naervaer.content.facts import Birthday
from naervaer.storage import connection
from naervaer.storage.schema import migrations
from naervaer.storage.store import Store, fts_query


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_schema_version_counts_the_migrations():
    assert len(migrations.pending(Database(memory=True))) == connection.SCHEMA_VERSION


def test_migrates_an_empty_file(tmp_path: Path):
    path = tmp_path / "empty.db"
    path.touch(mode=0o600)
    with Store.open(path) as s:
        assert s.query("PRAGMA user_version")[0][0] == connection.SCHEMA_VERSION
        assert s.query("PRAGMA application_id")[0][0] == connection.APPLICATION_ID
        names = {r[0] for r in s.query("SELECT name FROM sqlite_master")}
    assert {"people", "notes", "note_tags", "notes_fts", "promises", "away", "settings"} <= names


def test_a_version_1_file_is_upgraded_in_place_and_keeps_its_notes(tmp_path: Path):
    """As written before 002: no id floor. Opening it adds the floor and keeps every row."""
    import sqlite3

    path = tmp_path / "v1.db"
    with Store.open(path, clock=lambda: TODAY) as s:
        anna = s.add_person("Anna Berg")
        kept, _ = s.add_note(anna.id, TODAY, "phone", "before the upgrade")
        newest, _ = s.add_note(anna.id, TODAY, "phone", "to be deleted")
    conn = sqlite3.connect(path)
    conn.executescript(
        "DROP TRIGGER notes_id_floor; DROP TABLE id_floor;"
        "DELETE FROM _sqlite_migrations WHERE name = '002_note_ids_never_reused';"
        "PRAGMA user_version = 1;"
    )
    conn.close()
    with Store.open(path, clock=lambda: TODAY) as s:
        assert s.query("PRAGMA user_version")[0][0] == connection.SCHEMA_VERSION
        assert s.note(kept.id) == kept
        s.delete_note(newest.id)
        assert s.add_note(anna.id, TODAY, "video", "after")[0].id == newest.id + 1


def test_pragmas_on_every_connection(store: Store):
    q = lambda name: store.query(f"PRAGMA {name}")[0][0]  # noqa: E731
    assert q("journal_mode") == "wal"
    assert q("synchronous") == 2
    assert q("foreign_keys") == 1
    assert q("busy_timeout") >= 5000
    assert q("secure_delete") == 1


def test_private_permissions(tmp_path: Path):
    path = tmp_path / "new" / "deeper" / "n.db"
    with Store.open(path) as s:
        s.add_person("Anna")
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        for f in path.parent.iterdir():
            assert stat.S_IMODE(f.stat().st_mode) == 0o600, f


def test_refuses_a_foreign_sqlite_file_untouched(tmp_path: Path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    before = sha(path)
    with pytest.raises(StoreError) as err:
        Store.open(path)
    assert err.value.key == "store.not_ours"
    assert sha(path) == before
    assert not Path(str(path) + "-wal").exists()


@pytest.mark.parametrize("content", [b"hello, not a database" * 100, b"\x00" * 4096, b"SQLite format 3\x00garbage" * 50])
def test_refuses_a_garbage_file_untouched(tmp_path: Path, content: bytes):
    path = tmp_path / "garbage.db"
    path.write_bytes(content)
    with pytest.raises(StoreError) as err:
        Store.open(path)
    assert err.value.key in {"store.not_ours", "store.damaged"}
    assert path.read_bytes() == content


def test_refuses_a_newer_version_untouched(tmp_path: Path):
    path = tmp_path / "n.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {connection.SCHEMA_VERSION + 1}")
    conn.close()
    before = sha(path)
    with pytest.raises(StoreError) as err:
        Store.open(path)
    assert err.value.key == "store.newer"
    assert sha(path) == before


def test_missing_file_when_not_creating(tmp_path: Path):
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path / "nope.db", create=False)
    assert err.value.key == "store.missing"


def test_people_names_unique_among_active_case_insensitively(store: Store):
    anna = store.add_person("Anna Berg")
    with pytest.raises(InputError) as err:
        store.add_person("  anna   BERG ")
    assert err.value.key == "store.duplicate_name"
    store.update_person(anna.id, archived=True)
    second = store.add_person("Anna Berg")  # the archived one keeps her history
    assert second.id != anna.id
    with pytest.raises(InputError):
        store.update_person(anna.id, archived=False)


def test_person_fields_round_trip(store: Store):
    p = store.add_person(
        "Søren Ålund", site="Køkken Nord", team="Aften", role="Kok", prefers="phone",
        birthday=Birthday(29, 2, None), started=date(2020, 3, 1), in_person_days=21, contact_days=7,
    )
    assert store.person(p.id) == p
    assert p.birthday == Birthday(29, 2, None)
    assert (p.in_person_days, p.contact_days) == (21, 7)
    assert store.find_person("soren").id == p.id
    assert store.find_person("aalund").id == p.id


def test_bad_targets_are_refused(store: Store):
    with pytest.raises(InputError):
        store.add_person("X", in_person_days=0)


def test_note_with_promise_is_one_transaction(store: Store):
    p = store.add_person("Anna")
    note, made = store.add_note(p.id, TODAY, "in_person", "hej", ("fire",), ("send skema", date(2026, 12, 1)))
    assert made is not None and made.note_id == note.id
    assert store.notes() == [note]
    with pytest.raises(InputError):
        store.add_note(p.id, TODAY, "phone", "x", (), ("   ", None))
    assert len(store.notes()) == 1, "a refused promise must not leave its note behind"


def test_a_back_dated_note_may_promise_a_past_day_never_one_before_it(store: Store):
    """Catching up on last week's notes: the promise is stored and overdue at once; a due
    date before the note's own date is refused, and the note with it."""
    p = store.add_person("Anna")
    week_ago = date(2026, 11, 16)
    note, made = store.add_note(p.id, week_ago, "phone", "x", (), ("order the chair", date(2026, 11, 20)))
    assert made is not None and made.due == date(2026, 11, 20) and made.due < TODAY
    with pytest.raises(InputError) as err:
        store.add_note(p.id, week_ago, "phone", "y", (), ("too early", date(2026, 11, 15)))
    assert err.value.key == "store.due_before_note"
    assert store.notes() == [note]


def test_future_note_refused(store: Store):
    p = store.add_person("Anna")
    with pytest.raises(InputError) as err:
        store.add_note(p.id, date(2026, 11, 24), None, "x")
    assert err.value.key == "store.future_note"


def test_tags_and_search_stay_in_step(store: Store):
    p = store.add_person("Anna")
    note, _ = store.add_note(p.id, TODAY, "phone", "bekymret for vagtplanen", ("problem",))
    assert store.query("SELECT tag FROM note_tags") == [("problem",)]
    assert [n.id for n in store.search_notes("vagtplan")] == [note.id]
    store.update_note(note.id, text="glad for ferien", tags=("success", "informal"))
    assert sorted(r[0] for r in store.query("SELECT tag FROM note_tags")) == ["informal", "success"]
    assert store.search_notes("vagtplanen") == []
    assert [n.id for n in store.search_notes("ferien")] == [note.id]
    store.delete_note(note.id)
    assert store.search_notes("ferien") == []
    assert store.query("SELECT count(*) FROM note_tags")[0][0] == 0


@pytest.mark.parametrize("typed", ['"', "*", "NEAR(", "AND", "a OR", '"unclosed', "-x", "col:val", "^start"])
def test_fts_syntax_is_neutralised(store: Store, typed: str):
    p = store.add_person("Anna")
    store.add_note(p.id, TODAY, None, f"literal {typed} text")
    store.search_notes(typed)  # never raises
    assert fts_query("") == ""


def test_away_periods(store: Store):
    p = store.add_person("Anna")
    store.start_away(p.id, date(2026, 9, 1), None, "orlov")
    with pytest.raises(InputError) as err:
        store.start_away(p.id, date(2026, 10, 1), date(2026, 10, 5))
    assert err.value.key == "store.away_overlap"
    closed = store.end_away(p.id, date(2026, 11, 30))
    assert closed.end == date(2026, 11, 30)
    with pytest.raises(InputError):
        store.start_away(p.id, date(2026, 12, 5), date(2026, 12, 1))


def test_promises(store: Store):
    p = store.add_person("Anna")
    made = store.add_promise(p.id, "ring tilbage", date(2026, 11, 20))
    assert [x.id for x in store.promises(open_only=True)] == [made.id]
    kept = store.complete_promise(made.id)
    assert kept.done == TODAY
    assert store.promises(open_only=True) == []
    with pytest.raises(InputError):
        store.complete_promise(made.id)
    with pytest.raises(InputError):
        store.complete_promise(999)


def test_settings_round_trip(store: Store):
    store.set_setting("lang", "da")
    store.set_setting("today_limit", 5)
    assert store.settings() == {"lang": "da", "today_limit": 5}
    assert store.get_setting("missing", 3) == 3


def test_deleting_a_person_cascades(store: Store):
    p = store.add_person("Anna")
    store.add_note(p.id, TODAY, "phone", "x", ("fire",), ("y", None))
    store.add_personal_date(p.id, date(2026, 5, 1), "bryllup", True)
    with store.write() as conn:
        conn.execute("DELETE FROM people WHERE id = ?", [p.id])
    for table in ("notes", "note_tags", "promises", "personal_dates"):
        assert store.query(f"SELECT count(*) FROM {table}")[0][0] == 0


def test_people_are_listed_in_danish_order(store: Store):
    for name in ("Åse Holm", "Anna Ålund", "Øjvind Berg", "Anna Hansen", "Ærø Bo", "Émile Zola"):
        store.add_person(name)
    assert [p.name for p in store.people()] == [
        "Anna Hansen", "Anna Ålund", "Émile Zola", "Ærø Bo", "Øjvind Berg", "Åse Holm"]
