"""Correcting and erasing one note: each field, what goes with it, and bad input changing nothing."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import TODAY, dump

from naervaer.content.errors import InputError
from naervaer.content.vocab import VocabError
from naervaer.storage.prompt_state import mark_done
from naervaer.storage.store import Store

SECRET = "Skilsmissezq papers signed"


@pytest.fixture
def two(store: Store) -> tuple[Store, int, int, int]:
    """Anna with one tagged note that made a promise, and Bo; returns (store, anna, bo, note)."""
    anna = store.add_person("Anna Berg")
    bo = store.add_person("Bo Hansen")
    note, _ = store.add_note(anna.id, TODAY - timedelta(days=3), "phone", SECRET, ("fire",), ("ring igen", None))
    store.add_note(bo.id, TODAY, None, "Bo fixed the dishwasher")
    return store, anna.id, bo.id, note.id


def scan(folder: Path, needle: bytes) -> list[str]:
    """The files under ``folder`` whose raw bytes still hold ``needle``."""
    return [p.name for p in sorted(folder.iterdir()) if p.is_file() and needle in p.read_bytes()]


@pytest.mark.parametrize(
    "field, value",
    [("date", TODAY - timedelta(days=10)), ("channel", "in_person"), ("channel", None),
     ("text", "Talte om vagtplanen"), ("tags", ("success", "informal")), ("tags", ())],
)
def test_each_field_changes_alone(two, field, value):
    store, anna, _, note_id = two
    before = store.note(note_id)
    changed = store.update_note(note_id, **{field: value})
    assert getattr(changed, field) == value
    assert store.note(note_id) == changed
    for other in ("person_id", "date", "channel", "text", "tags"):
        if other != field:
            assert getattr(changed, other) == getattr(before, other)
    tags = store.query("SELECT tag, date FROM note_tags WHERE note_id = ? ORDER BY tag", [note_id])
    assert tags == sorted((tag, changed.date.isoformat()) for tag in changed.tags)


def test_moving_a_note_to_another_person_takes_its_promise_and_tags(two):
    store, anna, bo, note_id = two
    store.update_note(note_id, person_id=bo)
    assert [n.id for n in store.notes(person_id=anna)] == []
    assert note_id in [n.id for n in store.notes(person_id=bo)]
    assert [p.text for p in store.promises(person_id=bo)] == ["ring igen"]
    assert store.promises(person_id=anna) == []
    assert store.query("SELECT person_id FROM note_tags WHERE note_id = ?", [note_id]) == [(bo,)]


def test_changing_the_text_leaves_no_old_word_in_search_or_files(two, db_path: Path):
    store, _, _, note_id = two
    store.update_note(note_id, text="Talte om vagtplanen")
    assert store.search_notes("skilsmissezq") == []
    assert [n.id for n in store.search_notes("vagtplanen")] == [note_id]
    assert scan(db_path.parent, b"kilsmissezq") == []


def test_an_unchanged_edit_writes_nothing(two, db_path: Path):
    store, _, _, note_id = two
    before = dump(db_path)
    same = store.note(note_id)
    assert store.update_note(note_id, text=same.text, tags=["fire"]) == same
    assert dump(db_path) == before


def test_tags_are_normalised_like_the_command_line(two):
    store, _, _, note_id = two
    assert store.update_note(note_id, tags=["Succes", "#Kursus", "succes"]).tags == ("success", "kursus")


def test_delete_erases_the_note_its_tags_words_and_prompt_states(two, db_path: Path):
    store, anna, _, note_id = two
    mark_done(store, f"after_fire:note{note_id}:step1", TODAY)
    mark_done(store, f"after_fire:note{note_id}0:step1", TODAY)  # another note's: kept
    gone = store.delete_note(note_id)
    assert (gone.id, gone.person_id, gone.text) == (note_id, anna, SECRET)
    with pytest.raises(InputError):
        store.note(note_id)
    assert store.query("SELECT count(*) FROM note_tags WHERE note_id = ?", [note_id]) == [(0,)]
    assert store.search_notes("skilsmissezq") == []
    assert store.query("SELECT prompt_id FROM prompt_state") == [(f"after_fire:note{note_id}0:step1",)]
    # the promise it made is a commitment of its own: kept, no longer pointing at the note
    assert [(p.text, p.note_id) for p in store.promises(person_id=anna)] == [("ring igen", None)]
    assert [n.text for n in store.notes()] == ["Bo fixed the dishwasher"]
    assert scan(db_path.parent, b"kilsmissezq") == []


def test_delete_while_another_window_reads_leaves_the_wal_for_the_next_open(two, db_path: Path):
    store, _, _, note_id = two
    with Store.open(db_path, clock=lambda: TODAY) as reader:
        reader.conn.execute("BEGIN")
        reader.conn.execute("SELECT count(*) FROM notes").fetchone()
        store.conn.execute("PRAGMA busy_timeout = 0")
        store.delete_note(note_id)
        assert (db_path.parent / f"{db_path.name}.erase-pending").exists()
        reader.conn.execute("COMMIT")
    with Store.open(db_path, clock=lambda: TODAY):
        pass
    assert not (db_path.parent / f"{db_path.name}.erase-pending").exists()
    assert scan(db_path.parent, b"kilsmissezq") == []


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda s, n, p: s.update_note(999, text="x"), "store.no_note"),
        (lambda s, n, p: s.delete_note(999), "store.no_note"),
        (lambda s, n, p: s.update_note(n, date=TODAY + timedelta(days=1)), "store.future_note"),
        (lambda s, n, p: s.update_note(n, person_id=999), "store.no_person_id"),
        (lambda s, n, p: s.update_note(n, channel="pigeon"), "vocab.bad_channel"),
        (lambda s, n, p: s.update_note(n, tags=("two words",)), "vocab.bad_tag"),
        (lambda s, n, p: s.update_note(n, text="\ud800"), "store.bad_characters"),
        (lambda s, n, p: s.update_note(n, text="x" * 1_000_001), "store.text_too_long"),
        (lambda s, n, p: s.update_note(n, text="fine", date=TODAY + timedelta(days=1)), "store.future_note"),
    ],
)
def test_bad_ids_and_values_change_nothing(two, db_path: Path, call, error):
    store, anna, _, note_id = two
    before = dump(db_path)
    with pytest.raises((InputError, VocabError)) as err:
        call(store, note_id, anna)
    assert err.value.key == error
    assert dump(db_path) == before


def test_unknown_fields_are_a_programming_error(two, db_path: Path):
    store, _, _, note_id = two
    before = dump(db_path)
    with pytest.raises(TypeError):
        store.update_note(note_id, id=5)
    assert dump(db_path) == before


def test_search_since_counts_only_matching_notes_towards_the_limit(store: Store):
    """Written newest-last but dated long ago: the date filter must not run after the limit."""
    anna = store.add_person("Anna")
    recent, _ = store.add_note(anna.id, TODAY, None, "rota today")
    for days in (40, 50):
        store.add_note(anna.id, TODAY - timedelta(days=days), None, f"rota {days} days ago")
    since = TODAY - timedelta(days=7)
    assert [n.id for n in store.search_notes("rota", since=since, limit=1)] == [recent.id]
    assert len(store.search_notes("rota", since=date(2000, 1, 1), limit=2)) == 2


def test_expected_note_matching_the_stored_row_lets_update_and_delete_through(two):
    store, _, _, note_id = two
    shown = store.note(note_id)
    changed = store.update_note(note_id, expected=shown, channel="video")
    assert store.note(note_id).channel == "video"
    assert store.delete_note(note_id, expected=changed) == changed
    assert note_id not in [n.id for n in store.notes()]


def test_a_deleted_notes_id_is_never_given_again(two, db_path: Path):
    """SQLite would give the newest note's id to the next note once it is deleted, so an old
    `note edit 812` could reach someone else's note; ids stay unique across deletions."""
    store, anna, bo, _ = two
    shown, _ = store.add_note(anna, TODAY, "phone", "Anna's newest")
    store.delete_note(shown.id)
    after, _ = store.add_note(bo, TODAY, "video", "Bo's own note")
    assert after.id == shown.id + 1
    store.delete_note(after.id)
    with Store.open(db_path, clock=lambda: TODAY) as other:  # also for another window
        assert other.add_note(bo, TODAY, "video", "again")[0].id == shown.id + 2


@pytest.mark.parametrize("action", ["update", "delete"])
def test_a_note_moved_to_someone_else_since_it_was_shown_is_refused(two, db_path: Path, action):
    store, anna, bo, _ = two
    shown, _ = store.add_note(anna, TODAY, "phone", "Anna's newest")
    moved = store.update_note(shown.id, person_id=bo, text="now Bo's note")  # another window
    before = dump(db_path)
    with pytest.raises(InputError) as err:
        if action == "update":
            store.update_note(shown.id, expected=shown, person_id=anna, text="Anna's newest, corrected")
        else:
            store.delete_note(shown.id, expected=shown)
    assert err.value.key == "store.note_changed"
    assert err.value.params == {"id": shown.id}
    assert dump(db_path) == before
    assert store.note(shown.id) == moved


@pytest.mark.parametrize("action", ["update", "delete"])
def test_an_expected_note_deleted_since_is_refused_as_changed(two, db_path: Path, action):
    store, _, _, note_id = two
    shown = store.note(note_id)
    store.delete_note(note_id)
    before = dump(db_path)
    with pytest.raises(InputError) as err:
        if action == "update":
            store.update_note(note_id, expected=shown, channel="video")
        else:
            store.delete_note(note_id, expected=shown)
    assert err.value.key == "store.note_changed"
    assert dump(db_path) == before


def test_an_edited_note_is_refused_against_its_old_copy(two, db_path: Path):
    store, _, _, note_id = two
    shown = store.note(note_id)
    store.update_note(note_id, text="changed in another window")
    before = dump(db_path)
    with pytest.raises(InputError) as err:
        store.update_note(note_id, expected=shown, channel="video")
    assert err.value.key == "store.note_changed"
    assert dump(db_path) == before


def test_a_one_to_one_and_its_pulse_are_stored_read_and_corrected(two) -> None:
    store, anna, _bo, _note = two
    note, _ = store.add_note(anna, TODAY, "phone", "Our monthly talk", kind="one_to_one", pulse=3)
    assert store.note(note.id) == note and (note.kind, note.pulse) == ("one_to_one", 3)
    fixed = store.update_note(note.id, expected=note, kind=None, pulse=None)
    assert (store.note(note.id).kind, store.note(note.id).pulse) == (None, None) == (fixed.kind, fixed.pulse)


@pytest.mark.parametrize("changes", [{"pulse": 0}, {"pulse": 6}, {"pulse": True}, {"kind": "status"}])
def test_a_bad_kind_or_pulse_is_refused_and_nothing_changes(two, db_path: Path, changes: dict) -> None:
    store, anna, _bo, note_id = two
    before = dump(db_path)
    with pytest.raises(InputError):
        store.add_note(anna, TODAY, "phone", "x", **changes)
    with pytest.raises(InputError):
        store.update_note(note_id, **changes)
    assert dump(db_path) == before


def test_one_to_one_rhythm_zero_is_off_and_negative_refused(store: Store) -> None:
    anna = store.add_person("Anna Berg", one_to_one_days=0)
    assert anna.one_to_one_days == 0 and store.add_person("Bo").one_to_one_days == 30
    with pytest.raises(InputError):
        store.update_person(anna.id, one_to_one_days=-1)
