"""The Team dashboard rows and the monthly checklist, through the store and the CLI."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from conftest import TODAY, dump

from naervaer.content.i18n import Translator
from naervaer.content.rules import Context
from naervaer.content.rules_rhythm import not_seen
from naervaer.storage import views
from naervaer.storage.facts import engine_settings, load_team_facts
from naervaer.storage.usecases.today import today_prompts
from naervaer.storage.store import Store


@pytest.fixture
def team(store: Store):
    anna = store.add_person("Anna Berg", site="Århus Syd", in_person_days=30)
    soren = store.add_person("Søren Ålund", site="Køkken Nord", started=date(2020, 11, 25))
    mette = store.add_person("Mette Nørgaard", site="Køkken Nord")
    store.add_note(anna.id, date(2026, 11, 20), "in_person", "kaffe")
    store.add_note(anna.id, date(2026, 11, 22), "phone", "opfølgning")
    store.add_note(soren.id, date(2026, 9, 1), "in_person", "besøg")
    store.add_note(soren.id, date(2026, 10, 12), "in_person", "besøg igen")
    store.add_note(mette.id, date(2026, 11, 23), "message", "sms")
    store.add_promise(soren.id, "ny kniv", date(2026, 11, 1))
    store.start_away(mette.id, date(2026, 11, 1), None, "orlov")
    with store.write() as conn:  # they were added to Nærvær long ago
        conn.execute("UPDATE people SET created = '2025-01-01'")
    return {"anna": anna, "soren": soren, "mette": mette}


def test_team_rows(store, team):
    rows = views.team_rows(store, TODAY)
    assert [r.person.name for r in rows] == ["Mette Nørgaard", "Søren Ålund", "Anna Berg"]
    mette, soren, anna = rows
    assert mette.days_unseen is None and mette.away_now and not mette.past_target
    assert soren.last_in_person == date(2026, 10, 12) and soren.days_unseen == 42 and soren.past_target
    assert soren.seen_this_month is None
    assert (soren.open_promises, soren.overdue_promises) == (1, 1)
    assert soren.next_occasion.kind == "anniversary" and soren.next_occasion.years == 6
    assert anna.last_in_person == date(2026, 11, 20) and anna.seen_this_month == date(2026, 11, 20)
    assert (anna.last_contact, anna.last_contact_channel) == (date(2026, 11, 22), "phone")
    assert not anna.past_target


def test_month_checklist(store, team):
    check = views.month_checklist(store, 2026, 11, TODAY)
    assert [site for site, _ in check.sites] == ["Køkken Nord", "Århus Syd"]
    by_name = {e.person.name: e for e in check.entries}
    assert by_name["Anna Berg"].seen_on == date(2026, 11, 20)
    assert by_name["Søren Ålund"].seen_on is None and not by_name["Søren Ålund"].carried_over
    assert by_name["Mette Nørgaard"].away_all_month and by_name["Mette Nørgaard"].carried_over
    assert (check.seen, check.total) == (1, 2)
    october = views.month_checklist(store, 2026, 10, TODAY)
    assert {e.person.name: e.seen_on for e in october.entries}["Søren Ålund"] == date(2026, 10, 12)


def test_someone_added_this_month_is_not_carried_over(store, team):
    store.add_person("Ny Kollega", site="Køkken Nord")
    check = views.month_checklist(store, 2026, 11, TODAY)
    assert not {e.person.name: e for e in check.entries}["Ny Kollega"].carried_over


def test_carried_over_heads_the_site(store, team):
    views.month_checklist(store, 2026, 12, date(2026, 12, 2))
    december = views.month_checklist(store, 2026, 12, date(2026, 12, 2))
    nord = dict(december.sites)["Køkken Nord"]
    assert nord[0].carried_over


def test_heatmap(store, team):
    heat = views.heatmap(store, 2026, 11)
    assert len(heat[team["soren"].id]) == 12
    assert heat[team["soren"].id][-3:] == [1, 1, 0]
    assert heat[team["anna"].id][-1] == 1


def test_sign_off(store, team, run):
    views.sign_off_month(store, 2026, 10, TODAY)
    assert views.month_checklist(store, 2026, 10, TODAY).signed_off == TODAY


def test_cli_team_and_seen(team, run, db_path):
    out = json.loads(run("team", "--format", "json").stdout)
    assert [p["person"] for p in out["people"]] == ["Mette Nørgaard", "Søren Ålund", "Anna Berg"]
    assert out["people"][1]["past_target"] is True
    text = run("team").stdout
    assert "Søren Ålund (past target)" in text and "42 days ago" in text
    assert "Anna Berg" in run("team", "--site", "arhus").stdout
    assert "Søren" not in run("team", "--site", "arhus").stdout
    seen = run("seen").stdout
    assert "Seen in person in November 2026: 1 / 2" in seen and "✓ Anna Berg: seen Fri 20 Nov" in seen
    assert "away all month" in seen
    assert "Set fysisk i november 2026" in run("seen", lang="da").stdout
    signed = json.loads(run("seen", "--month", "2026-10", "--sign-off", "--format", "json").stdout)
    assert signed["signed_off"] == "2026-11-23" and signed["month"] == "2026-10"


@pytest.mark.parametrize("month", ["2026-13", "26-11", "november", "2027-01", "1800-01"])
def test_cli_seen_bad_month(team, run, db_path, month):
    before = dump(db_path)
    result = run("seen", "--month", month, "--sign-off")
    assert result.exit_code == 2 and month in result.stderr
    assert dump(db_path) == before


# -- known since: Today, Team and Month agree, from one rule ---------------------------------

CASES = {  # name -> (added days ago, [(days ago, channel)], away (from, to) days ago or None)
    "added-today-phone-60-days-ago": (0, [(60, "phone")], None),
    "added-today-no-notes": (0, [], None),
    "added-40-days-ago-no-notes": (40, [], None),
    "added-today-in-person-10-days-ago": (0, [(10, "in_person")], None),
    "added-today-in-person-45-days-ago": (0, [(45, "in_person")], None),
    "added-today-note-without-channel-50-days-ago": (0, [(50, None)], None),
    "added-today-phone-40-days-ago-away-20-days": (0, [(40, "phone")], (35, 15)),
}


def _add_case(store: Store, name: str, added_ago: int, notes, away) -> int:
    person = store.add_person(name)
    for ago, channel in notes:
        store.add_note(person.id, TODAY - timedelta(days=ago), channel, "catching up")
    if away:
        store.start_away(person.id, TODAY - timedelta(days=away[0]), TODAY - timedelta(days=away[1]))
    with store.write() as conn:
        conn.execute("UPDATE people SET created = ? WHERE id = ?",
                     [(TODAY - timedelta(days=added_ago)).isoformat(), person.id])
    return person.id


def test_notes_dated_before_the_person_was_added_prove_they_were_known(store: Store) -> None:
    """Added today, phoned 60 days ago, never met: Today prompts not_seen and Team agrees."""
    pid = _add_case(store, "Nina Holm", *CASES["added-today-phone-60-days-ago"])
    kinds = {p.kind for p in today_prompts(store, TODAY, Translator("en")) if p.person_id == pid}
    assert "not_seen" in kinds or "no_contact" in kinds  # no_contact stands in for not_seen
    (row,) = views.team_rows(store, TODAY)
    assert row.past_target and row.days_counting == 60


@pytest.mark.parametrize("case", list(CASES))
def test_today_and_team_agree_on_past_target(store: Store, case: str) -> None:
    pid = _add_case(store, "Case Person", *CASES[case])
    settings = engine_settings(store)
    (pf,) = load_team_facts(store, TODAY, settings).people
    ctx = Context(today=TODAY, settings=settings, t=Translator("en"))
    today_says = bool(list(not_seen(ctx, pf)))
    (row,) = views.team_rows(store, TODAY)
    assert row.person.id == pid
    assert row.past_target == today_says, case


def test_month_carries_over_someone_known_from_earlier_notes(store: Store) -> None:
    """Added on 23 November with a phone note from 1 October: known in October, so unseen
    in person in October means carried over into November."""
    pid = _add_case(store, "Nina Holm", 0, [(53, "phone")], None)
    (entry,) = views.month_checklist(store, 2026, 11, TODAY).entries
    assert entry.person.id == pid and entry.carried_over


@pytest.mark.parametrize("whose", ["person", "site", "none"])
def test_today_and_team_agree_on_past_target_in_a_change_period(store: Store, whose: str) -> None:
    """In a change period the in-person rhythm is shorter (``change_factor``, 50 %): seen 20
    days ago against a 30-day rhythm is past it then, and Team marks what Today prompts."""
    from naervaer.storage import sites

    person = store.add_person("Case Person", site="Nord")
    store.add_note(person.id, TODAY - timedelta(days=20), "in_person", "a visit")
    if whose == "person":
        sites.set_person_change(store, person.id, TODAY - timedelta(days=5), None)
    elif whose == "site":
        sites.set_change(store, "Nord", TODAY - timedelta(days=5), TODAY + timedelta(days=30))
    settings = engine_settings(store)
    (pf,) = load_team_facts(store, TODAY, settings).people
    ctx = Context(today=TODAY, settings=settings, t=Translator("en"))
    today_says = bool(list(not_seen(ctx, pf)))
    (row,) = views.team_rows(store, TODAY)
    assert today_says == (whose != "none")
    assert row.past_target == today_says
    assert row.in_person_target == (15 if whose != "none" else 30)
