"""The competence map and buddy rounds in the store: labels, `who` as one indexed query,
rounds all-or-nothing, and forget/export covering both."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from naervaer.content.errors import InputError
from naervaer.storage import crosssite, erase
from naervaer.storage.export import export_person
from naervaer.storage.facts import load_team_facts
from naervaer.storage.store import Store
from naervaer.storage.usecases.crosssite import accept, buddy_view, person_extras, proposal, who_view
from conftest import TODAY, dump


def people(store: Store) -> tuple[int, int, int]:
    a = store.add_person("Anna Berg", site="Køkken Nord").id
    b = store.add_person("Bo Lund", site="Køkken Syd").id
    c = store.add_person("Cai Holm", site="Køkken Nord").id
    return a, b, c


def test_a_label_keeps_its_first_spelling_and_is_stored_once(store: Store) -> None:
    a, b, _ = people(store)
    assert crosssite.add_label(store, a, "skill", "Allergener").label == "Allergener"
    assert crosssite.add_label(store, b, "interest", "ALLERGENER").label == "Allergener"
    crosssite.add_label(store, a, "skill", "allergener")  # again: nothing new
    assert [(lab.kind, lab.label) for lab in crosssite.labels_of(store, a)] == [("skill", "Allergener")]
    assert crosssite.used_labels(store) == ["Allergener"]


def test_who_finds_by_folded_prefix_grouped_by_site(store: Store) -> None:
    a, b, c = people(store)
    crosssite.add_label(store, a, "skill", "allergener")
    crosssite.add_label(store, b, "interest", "Allergener")
    crosssite.add_label(store, c, "skill", "vagtplan")
    view = who_view(store, "ALLERG")
    assert [(site, [f.person.name for f in found]) for site, found in view.sites] == [
        ("Køkken Nord", ["Anna Berg"]), ("Køkken Syd", ["Bo Lund"])]
    assert view.people == 2
    assert who_view(store, "ALLERGENER X").sites == ()
    store.update_person(b, archived=True)
    assert [f.person.name for _, found in who_view(store, "allergener").sites for f in found] == ["Anna Berg"]


def test_who_is_one_indexed_range_scan(store: Store) -> None:
    """The benchmark asks `who` to cost the same at 500k notes as at 1k: it reads no note and
    walks the folded-label index."""
    people(store)
    captured: list[str] = []
    store.conn.set_trace_callback(captured.append)
    try:
        crosssite.who(store, "allerg")
    finally:
        store.conn.set_trace_callback(None)
    selects = [sql for sql in captured if sql.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 1 and "notes" not in selects[0]
    plan = " ".join(str(r[-1]) for r in store.query("EXPLAIN QUERY PLAN " + selects[0].split(" -- ")[0]))
    assert "skills_label_key" in plan and "SCAN s" not in plan


@pytest.mark.parametrize("typed", ["", "   ", "x" * 41])
def test_bad_labels_change_nothing(store: Store, db_path: Path, typed: str) -> None:
    a, _, _ = people(store)
    before = dump(db_path)
    with pytest.raises(InputError):
        crosssite.add_label(store, a, "skill", typed)
    assert dump(db_path) == before


def test_removing_a_label_that_is_not_there_is_refused(store: Store) -> None:
    a, _, _ = people(store)
    with pytest.raises(InputError) as err:
        crosssite.remove_label(store, a, "interest", "bagning")
    assert err.value.key == "skills.not_there_interest"


def test_a_label_for_a_missing_person_is_refused(store: Store) -> None:
    with pytest.raises(InputError):
        crosssite.add_label(store, 99, "skill", "bagning")


def test_rounds_are_stored_whole_and_read_back(store: Store) -> None:
    a, b, c = people(store)
    d = store.add_person("Dea Bak", site="Køkken Syd").id
    assert buddy_view(store).current is None
    proposed = proposal(store, TODAY)
    assert sorted(p.id for g in proposed.groups for p in g) == [a, b, c, d]
    assert all(len({p.site for p in g}) == 2 for g in proposed.groups)  # across sites
    first = accept(store, date(2026, 8, 1))
    second = accept(store, TODAY)
    view = buddy_view(store)
    assert view.current is not None and view.current.id == second.id
    assert [r.id for r in view.history] == [first.id]
    assert not {frozenset(g) for g in first.groups} & {frozenset(g) for g in second.groups}
    extras = person_extras(store, a)
    assert extras.buddies_since == TODAY and len(extras.buddies) == 1


def test_a_round_with_an_unknown_person_stores_nothing(store: Store, db_path: Path) -> None:
    a, b, _ = people(store)
    before = dump(db_path)
    with pytest.raises(InputError):
        crosssite.save_round(store, TODAY, ((a, b), (7, 8)))
    with pytest.raises(InputError):
        crosssite.save_round(store, TODAY, ((a, a),))
    assert dump(db_path) == before


def test_the_engine_sees_labels_and_the_current_round(store: Store) -> None:
    a, b, _ = people(store)
    crosssite.add_label(store, a, "skill", "allergener")
    crosssite.add_label(store, b, "interest", "allergener")
    crosssite.save_round(store, date(2026, 8, 1), ((a, b),))
    facts = load_team_facts(store, TODAY)
    assert {lab.person_id for lab in facts.labels} == {a, b}
    assert facts.buddy_round is not None and facts.buddy_round.groups == ((a, b),)


def test_export_person_holds_their_labels_and_rounds_but_not_their_buddy(store: Store) -> None:
    a, b, _ = people(store)
    crosssite.add_label(store, a, "skill", "Strikningzq")
    crosssite.add_label(store, b, "skill", "Boskillzq")
    crosssite.save_round(store, date(2026, 8, 1), ((a, b),))
    data = export_person(store, a, TODAY)
    assert [s["label"] for s in data["skills"]] == ["Strikningzq"]
    assert data["buddy_rounds"] == [{"round_id": 1, "started": "2026-08-01", "grp": 0, "person_id": a}]
    assert "Boskillzq" not in json.dumps(data) and "Bo Lund" not in json.dumps(data)


def test_forget_leaves_no_label_and_no_round_row_naming_them(store: Store, db_path: Path) -> None:
    a, b, c = people(store)
    crosssite.add_label(store, a, "skill", "Strikningzq")
    crosssite.add_label(store, a, "interest", "Tangozq")
    crosssite.add_label(store, b, "interest", "Strikningzq")  # Bo's copy keeps the spelling Anna gave
    crosssite.save_round(store, date(2026, 8, 1), ((a, c, b),))
    crosssite.save_round(store, TODAY, ((a, b),))
    # a done connect prompt is stored under Bo and names Anna in its id
    store.set_prompt_state(f"connect:p{a}:p{b}:2026-11-16", b, "done", None, TODAY)
    counts = erase.person_counts(store, a)
    assert counts["skills"] == 2 and counts["buddy_rounds"] == 2
    erase.forget_person(store, a)
    assert store.query("SELECT count(*) FROM skills WHERE person_id = ?", [a]) == [(0,)]
    assert store.query("SELECT count(*) FROM buddy_members WHERE person_id = ?", [a]) == [(0,)]
    assert store.query("SELECT prompt_id FROM prompt_state") == []
    assert not any("Tangozq" in line for line in dump(db_path))
    assert [lab.label for lab in crosssite.labels_of(store, b)] == ["Strikningzq"]  # Bo's own label stays
    view = buddy_view(store)
    assert view.current is not None and [[p.name for p in g] for g in view.current.groups] == [["Bo Lund"]]
    # the rotation still pairs the rest
    assert sorted(p for g in crosssite.proposal(store) for p in g) == [b, c]
