"""The unit of work: store operations inside one ``Store.write`` are one all-or-nothing action."""

from __future__ import annotations

import pytest
from conftest import TODAY

from naervaer.content.errors import InputError
from naervaer.storage.store import Store


def test_three_people_and_a_note_in_one_write_are_all_or_nothing(store: Store) -> None:
    with pytest.raises(InputError, match="no_person_id"), store.write():
        anna = store.add_person("Anna")
        store.add_person("Bo")
        store.add_person("Cai")
        store.add_note(anna.id, TODAY, "phone", "first talk")
        store.add_note(anna.id + 99, TODAY, "phone", "about nobody")  # the last one fails
    assert store.people() == []
    assert store.notes() == []
    assert not store.conn.in_transaction


def test_the_outer_write_commits_what_joined_it(store: Store, db_path) -> None:
    with store.write():
        anna = store.add_person("Anna")
        note, promise = store.add_note(anna.id, TODAY, "phone", "first talk", promise=("send notes", None))
        assert store.conn.in_transaction  # the inner operations did not commit on their own
    with Store.open(db_path) as other:
        assert [p.name for p in other.people()] == ["Anna"]
        assert other.notes() == [note]
        assert other.promises() == [promise]


def test_a_failed_inner_write_undoes_only_itself(store: Store) -> None:
    with store.write():
        store.add_person("Anna")
        with pytest.raises(InputError, match="duplicate_name"):
            store.add_person("anna")
        store.add_person("Bo")
    assert [p.name for p in store.people()] == ["Anna", "Bo"]


def test_a_broken_constraint_inside_a_nested_write_is_bad_input(store: Store) -> None:
    with pytest.raises(InputError, match="invalid"), store.write():
        store.add_person("Anna")
        with store.write() as conn:
            conn.execute("INSERT INTO notes (person_id, date, text, tags) VALUES (999, '2026-01-01', 'x', '[]')")
    assert store.people() == []


def test_deleting_a_note_inside_a_write_empties_the_wal_only_after_the_commit(store: Store) -> None:
    anna = store.add_person("Anna")
    note, _ = store.add_note(anna.id, TODAY, "phone", "secret words")
    emptied: list[bool] = []
    real = store.empty_wal
    store.empty_wal = lambda: emptied.append(store.conn.in_transaction) or real()  # type: ignore[method-assign]
    with store.write():
        store.delete_note(note.id)
        store.add_note(anna.id, TODAY, "phone", "other words")
        assert emptied == []
    assert emptied == [False]
    assert store.search_notes("secret") == []


def test_an_export_inside_a_write_reads_what_the_write_did_so_far(store: Store) -> None:
    from naervaer.storage.export import export_person

    with store.write():
        anna = store.add_person("Anna")
        store.add_note(anna.id, TODAY, "phone", "first talk")
        exported = export_person(store, anna.id, TODAY)
    assert [n["text"] for n in exported["notes"]] == ["first talk"]
    assert not store.conn.in_transaction
