"""``storage.facts`` and ``storage.prompt_state`` on a real store: the facts the engine gets,
and that every lookup is an index search (no note table scan), so cost follows the team."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from naervaer.content.errors import InputError
from naervaer.content.i18n import Translator
from naervaer.storage.facts import load_team_facts
from naervaer.storage.usecases.today import today_prompts
from naervaer.storage.prompt_state import mark_done, snooze, states
from naervaer.storage.store import Store

TODAY = date(2026, 11, 23)
EN = Translator("en")


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def test_person_facts_from_notes(store: Store) -> None:
    anna = store.add_person("Anna Berg", site="Nord")
    store.add_note(anna.id, ago(40), "in_person", "Visited the kitchen")
    store.add_note(anna.id, ago(20), "phone", "Rough shift\nsecond line", ["fire"])
    store.add_note(anna.id, ago(10), "message", "Sorry, I misread", ["misunderstanding"])
    store.add_note(anna.id, ago(5), None, "Seems tired", [])
    store.add_note(anna.id, ago(3), "video", "Family news", ["private"])
    store.add_note(anna.id, ago(2), "phone", "Last week's success", ["success"])
    store.add_note(anna.id, ago(0), "phone", "Great idea for the menu", ["success"])
    store.add_promise(anna.id, "Send the rota", ago(0))
    store.start_away(anna.id, ago(60), ago(50), "holiday")
    pf = load_team_facts(store, TODAY).people[0]
    assert pf.last_in_person == ago(40)
    assert [c.date for c in pf.recent_contacts] == [ago(0), ago(2), ago(3)]
    assert pf.last_contact is not None and pf.last_contact.channel == "phone"
    assert [i.date for i in pf.fires] == [ago(20)]
    assert [i.date for i in pf.misunderstandings] == [ago(10)]
    assert pf.last_success == ago(0)
    # only this week's (Monday on) feed the digest
    assert [s.first_line for s in pf.recent_successes] == ["Great idea for the menu"]
    assert [p.text for p in pf.open_promises] == ["Send the rota"]
    assert [a.label for a in pf.away] == ["holiday"]
    assert pf.last_note is not None and pf.last_note.first_line == "Great idea for the menu"


def test_last_note_skips_private_ones_even_many_in_a_row(store: Store) -> None:
    bo = store.add_person("Bo")
    store.add_note(bo.id, ago(30), "phone", "  \nThe public one\nmore")
    for i in range(20):
        store.add_note(bo.id, ago(20 - i // 2), "phone", f"secret {i}", ["private"])
    store.add_note(bo.id, ago(25), None, "An observation")
    pf = load_team_facts(store, TODAY).people[0]
    assert pf.last_note is not None and pf.last_note.first_line == "An observation"


def test_archived_people_are_not_loaded(store: Store) -> None:
    gone = store.add_person("Gone")
    store.update_person(gone.id, archived=True)
    store.add_person("Here")
    assert [pf.person.name for pf in load_team_facts(store, TODAY).people] == ["Here"]


def test_every_lookup_is_an_index_search(store: Store) -> None:
    anna = store.add_person("Anna")
    store.add_note(anna.id, ago(2), "phone", "x", ["fire", "success"])
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    load_team_facts(store, TODAY)
    store.conn.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert any("FROM notes" in s for s in selects)
    for sql in selects:
        plan = " | ".join(row[3] for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql))
        for table in ("notes", "note_tags", "promises", "personal_dates", "away"):
            assert f"SCAN {table}" not in plan, (sql, plan)


def test_today_prompts_limit_and_tip(store: Store) -> None:
    for name in ("Anna", "Bo", "Cy"):
        person = store.add_person(name)
        store.add_promise(person.id, "Call back", TODAY)
        store.add_goal(person.id, "Runs the rota alone")  # tip 1 is met: no no_goal prompt
    prompts = today_prompts(store, TODAY, EN, limit=2)
    assert [p.kind for p in prompts] == ["promise_due", "promise_due", "tip_of_the_day"]
    assert len(today_prompts(store, TODAY, EN)) == 4


def test_done_and_snooze_persist(store: Store) -> None:
    anna = store.add_person("Anna")
    store.add_promise(anna.id, "Call back", TODAY)
    store.add_goal(anna.id, "Runs the rota alone")  # tip 1 is met: no no_goal prompt
    prompt = today_prompts(store, TODAY, EN)[0]
    mark_done(store, prompt, TODAY)
    assert states(store)[prompt.id].state == "done"
    assert [p.kind for p in today_prompts(store, TODAY, EN)] == ["tip_of_the_day"]
    snooze(store, prompt.id, TODAY + timedelta(days=2), TODAY)
    assert [p.kind for p in today_prompts(store, TODAY + timedelta(days=1), EN)] == ["tip_of_the_day"]
    assert today_prompts(store, TODAY + timedelta(days=2), EN)[0].id == prompt.id


def test_snooze_into_the_past_is_refused_and_stores_nothing(store: Store) -> None:
    with pytest.raises(InputError):
        snooze(store, "not_seen:p1:sincenever", TODAY, TODAY)
    assert states(store) == {}


def test_facts_as_they_stood_on_an_earlier_day(store: Store) -> None:
    anna = store.add_person("Anna")
    store.add_note(anna.id, ago(5), "phone", "Hard day", ["fire"])
    store.add_note(anna.id, ago(0), "in_person", "Visit", ["success"])
    earlier = load_team_facts(store, ago(3)).people[0]
    assert earlier.last_contact is not None and earlier.last_contact.date == ago(5)
    assert earlier.last_in_person is None and earlier.last_success is None
    assert earlier.last_note is not None and earlier.last_note.first_line == "Hard day"
    assert [p.id for p in today_prompts(store, ago(3), EN)][:1] == ["after_fire:note1:step1"]


def test_one_to_ones_and_pulses_in_the_facts(store: Store) -> None:
    anna = store.add_person("Anna Berg")
    store.add_note(anna.id, ago(300), "phone", "Long ago", pulse=5)  # outside the pulse window
    store.add_note(anna.id, ago(40), "phone", "Monthly talk", kind="one_to_one", pulse=4)
    store.add_note(anna.id, ago(10), "in_person", "Corridor", pulse=2)
    store.add_note(anna.id, ago(3), "video", "Not a one-to-one")
    (pf,) = load_team_facts(store, TODAY).people
    assert pf.last_one_to_one == ago(40)
    assert [(p.date, p.value) for p in pf.pulses] == [(ago(40), 4), (ago(10), 2)]
    (back,) = load_team_facts(store, ago(20)).people  # looking back: later notes left out
    assert back.last_one_to_one == ago(40) and [p.value for p in back.pulses] == [4]
    kinds = {p.kind for p in today_prompts(store, TODAY, EN, limit=100)}
    assert "one_to_one" in kinds
