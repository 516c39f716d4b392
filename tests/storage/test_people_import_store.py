"""Importing people through the Store: one transaction, all or nothing, and forget erases it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY

from naervaer.content.errors import InputError, StoreError
from naervaer.content.formats.people_file import read_people
from naervaer.storage.store import Store
from naervaer.storage.usecases.people_import import import_people, preview

FILE = (
    "navn;arbejdssted;fødselsdag;mærkedag\n"
    "Søren Ålund;Køkken Nord;3/11/1979;12/6/2005\n"
    "Anna Berg;Køkken Syd;24/12;\n"
    "Bo Holm;;;1/5\n"
)


def run(store: Store, text: str = FILE, update: bool = False):  # noqa: ANN201 - an ImportPlan
    return import_people(store, read_people(text.encode(), ".csv"), TODAY, update=update, anniversary_label="Mærkedag")


def test_add_people_is_one_unit_a_taken_name_undoes_all(store: Store) -> None:
    store.add_person("Cai")
    with pytest.raises(InputError, match="duplicate_name"):
        store.add_people([("Anna", {"site": "Nord"}), ("Bo", {}), ("cai", {})])
    assert [p.name for p in store.people()] == ["Cai"]
    assert not store.conn.in_transaction


def test_a_failure_on_the_last_write_undoes_every_row(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def failing(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - the store's own signature
        calls.append(args)
        if len(calls) == 2:
            raise StoreError("store.disk_full")
        return original(*args, **kwargs)

    original = store.add_personal_date
    monkeypatch.setattr(store, "add_personal_date", failing)
    with pytest.raises(StoreError):
        run(store)
    assert store.people() == [] and store.personal_dates() == []
    assert not store.conn.in_transaction


def test_a_plan_with_a_problem_writes_nothing(store: Store) -> None:
    plan = run(store, FILE + "Kim;;31/2;\n")
    assert [p.line for p in plan.problems] == [5]
    assert store.people() == []


def test_preview_writes_nothing_and_import_writes_what_it_showed(store: Store) -> None:
    found = read_people(FILE.encode(), ".csv")
    shown = preview(store, found, TODAY, update=False, anniversary_label="Mærkedag")
    assert store.people() == []
    done = import_people(store, found, TODAY, update=False, anniversary_label="Mærkedag")
    assert [(s.line, s.status) for s in done.steps] == [(s.line, s.status) for s in shown.steps]
    assert {p.name for p in store.people()} == {"Søren Ålund", "Anna Berg", "Bo Holm"}
    assert sorted((d.date.isoformat(), d.label, d.yearly) for d in store.personal_dates()) == [
        ("2005-06-12", "Mærkedag", True), (f"{TODAY.year}-05-01", "Mærkedag", True)]
    assert [s.status for s in run(store).steps] == ["unchanged"] * 3


def test_forget_erases_what_an_import_stored(store: Store, db_path: Path) -> None:
    from naervaer.storage.erase import forget_person

    run(store)
    soren = store.find_person_exactly("Søren Ålund")
    forget_person(store, soren.id)
    assert all(d.person_id != soren.id for d in store.personal_dates())
    assert "Søren Ålund" not in {p.name for p in store.people(include_archived=True)}
