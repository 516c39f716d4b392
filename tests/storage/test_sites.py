"""Sites, team meetings and the survey in storage and on the command line: attendance counts as
seen in person everywhere the in-person clock is read; forget and export reach the new rows."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

from conftest import TODAY, refused_in_one_line

from naervaer.content.i18n import Translator
from naervaer.storage import sites as site_data
from naervaer.storage.backup import list_backups
from naervaer.storage.facts import load_team_facts
from naervaer.storage.store import Store
from naervaer.storage.usecases.sites import sites_view
from naervaer.storage.views import last_in_person, month_checklist, team_rows


def _team(run) -> None:
    for name, site in (("Anna Berg", "Køkken Nord"), ("Bo Hansen", "Køkken Nord"), ("Cille Dam", "Køkken Syd")):
        assert run("person", "add", name, "--site", site).exit_code == 0


def test_a_meeting_counts_as_seen_in_person_for_who_came(run, db_path: Path) -> None:
    _team(run)
    day = TODAY - timedelta(days=3)
    result = run("meeting", "add", "nord", "--date", day.isoformat(), "--with", "anna", "--with", "cille")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"Team meeting on {day} at Køkken Nord: 2 people came."
    with Store.open(db_path, clock=lambda: TODAY) as store:
        anna, bo, cille = (store.find_person(n) for n in ("anna", "bo", "cille"))
        assert last_in_person(store, anna.id) == day and last_in_person(store, bo.id) is None
        facts = {pf.person.name: pf for pf in load_team_facts(store, TODAY).people}
        assert facts["Cille Dam"].last_in_person == day and facts["Bo Hansen"].last_in_person is None
        assert facts["Anna Berg"].seen_months[0] is (day.month == TODAY.month)
        rows = {r.person.name: r for r in team_rows(store, TODAY)}
        assert rows["Anna Berg"].last_in_person == day
        # and not before the day it was held
        assert last_in_person(store, anna.id, until=day - timedelta(days=1)) is None
        checklist = month_checklist(store, day.year, day.month, TODAY)
        seen = {e.person.name: e.seen_on for _, entries in checklist.sites for e in entries}
        assert seen["Anna Berg"] == day and seen["Bo Hansen"] is None
    listed = json.loads(run("meeting", "list", "--format", "json").stdout)
    assert listed[0]["site"] == "Køkken Nord" and len(listed[0]["people"]) == 2


def test_a_meeting_refuses_a_future_day_an_unknown_site_or_person(run, db_path: Path) -> None:
    _team(run)
    refused_in_one_line(run("meeting", "add", "nord", "--date", "+2d"))
    refused_in_one_line(run("meeting", "add", "vest"))
    refused_in_one_line(run("meeting", "add", "nord", "--with", "zebulon"))
    with Store.open(db_path) as store:
        assert store.query("SELECT count(*) FROM meetings")[0][0] == 0


def test_helper_change_and_survey_commands(run, db_path: Path) -> None:
    _team(run)
    assert run("site", "helper", "nord", "bo").stdout.strip() == "Local helper at Køkken Nord: Bo Hansen."
    out = run("site", "helper", "syd", "Lone Kjær", "--outside").stdout
    assert "Lone Kjær (outside the team)" in out
    refused_in_one_line(run("site", "helper", "syd", "Zebulon"))
    assert run("site", "change", "syd", "--from", "-5d", "--to", "+30d").exit_code == 0
    assert "in change" in run("sites").stdout
    assert run("survey", "done", "--date", "-10d").exit_code == 0
    assert "next is due" in run("survey").stdout
    assert "•" in run("survey", "guide").stdout
    doc = json.loads(run("sites", "--format", "json").stdout)
    by_site = {s["site"]: s for s in doc["sites"]}
    assert by_site["Køkken Syd"]["in_change"] and by_site["Køkken Syd"]["helper"] == "Lone Kjær"
    assert by_site["Køkken Nord"]["helper"] == "Bo Hansen" and by_site["Køkken Nord"]["people"] == 2
    today = json.loads(run("today", "--format", "json", "--limit", "50").stdout)
    assert not [p for p in today["prompts"] if p["kind"] == "survey_due"]
    da = run("sites", lang="da").stdout
    assert "i forandring" in da and "Arbejdssteder" in da


def test_forget_removes_attendance_and_helper_here_and_in_backups(run, db_path: Path) -> None:
    _team(run)
    assert run("meeting", "add", "nord", "--with", "anna", "--with", "bo").exit_code == 0
    assert run("site", "helper", "nord", "anna").exit_code == 0
    exported = json.loads(run("export", "person", "Anna Berg").stdout)
    assert len(exported["team_meetings"]) == 1 and exported["helper_at_sites"][0]["name"] == "Køkken Nord"
    assert run("backup").exit_code == 0
    assert run("forget", "Anna Berg", "--yes").exit_code == 0
    paths = [db_path, *list_backups(db_path)]
    for path in paths:
        conn = sqlite3.connect(path)
        try:
            assert conn.execute("SELECT count(*) FROM meeting_people WHERE person_id = 1").fetchone()[0] == 0
            assert conn.execute("SELECT count(*) FROM sites WHERE helper_person_id IS NOT NULL").fetchone()[0] == 0
            if path == db_path:  # Bo's attendance stays (the day's first backup predates the meeting)
                assert conn.execute("SELECT count(*) FROM meeting_people").fetchone()[0] == 1
        finally:
            conn.close()


def test_sites_view_least_seen_first_with_a_sentence(store: Store) -> None:
    people = [store.add_person(n, site=s) for n, s in
              (("A1", "Alpha"), ("A2", "Alpha"), ("B1", "Beta"), ("B2", "Beta"), ("C1", "Gamma"))]
    for p in people[:4]:
        store.add_note(p.id, TODAY, "in_person", "hello")
    site_data.add_meeting(store, "Gamma", TODAY - timedelta(days=40), [people[4].id])
    view = sites_view(store, TODAY, Translator("en"))
    assert [r.name for r in view.rows][0] == "Gamma"
    assert view.rows[0].last_meeting == TODAY - timedelta(days=40)
    assert view.sentence.startswith("Gamma has had")
    assert date.min < view.date


def test_the_demo_has_meetings_at_three_sites_and_one_site_in_change(tmp_path: Path) -> None:
    from naervaer.storage.demo import write_demo

    dumps = []
    for name in ("a.db", "b.db"):
        with Store.open(tmp_path / name, clock=lambda: TODAY) as store:
            write_demo(store, TODAY, people=40, seed=1)
            dumps.append([store.query(f"SELECT * FROM {table} ORDER BY 1, 2")
                          for table in ("sites", "meetings", "meeting_people", "surveys")])
            assert len({r[0] for r in store.query("SELECT site_key FROM meetings")}) == 3
            level = site_data.team_level(store, TODAY)
            assert sum(1 for s in level.sites if s.change is not None) == 1
            assert {s.helper for s in level.sites if s.helper} and level.last_survey is not None
    assert dumps[0] == dumps[1]  # deterministic


def test_every_statement_behind_today_searches_an_index(store: Store) -> None:
    """Nothing here may grow slower with notes: every statement that builds Today's facts
    (the one-statement probes per person and the team-wide reads) searches an index and
    never scans the notes, their tags or the meetings."""
    anna = store.add_person("Anna Berg", site="Nord")
    store.add_note(anna.id, TODAY, "in_person", "Kaffe", tags=("success",))
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        load_team_facts(store, TODAY)
    finally:
        store.conn.set_trace_callback(None)
    plans = [row[3] for sql in statements if sql.lstrip().upper().startswith("SELECT")
             for row in store.query("EXPLAIN QUERY PLAN " + sql)]
    assert [d for d in plans if d.startswith("SEARCH")]
    assert not [d for d in plans if d.startswith(("SCAN notes", "SCAN n ", "SCAN note_tags", "SCAN t ",
                                                  "SCAN meeting_people"))], plans


def test_one_person_in_change_shortens_their_rhythm_and_goes_with_forget(run, db_path: Path) -> None:
    _team(run)
    assert run("site", "change", "--person", "anna", "--from", "-3d", "--to", "+10d").exit_code == 0
    refused_in_one_line(run("site", "change", "nord", "--person", "anna", "--from", "-3d"))
    refused_in_one_line(run("site", "change", "--from", "-3d"))
    with Store.open(db_path, clock=lambda: TODAY) as store:
        facts = {pf.person.name: pf for pf in load_team_facts(store, TODAY).people}
        change = facts["Anna Berg"].change
        assert change is not None and change.site == "Anna Berg" and change.end == TODAY + timedelta(days=10)
        assert facts["Bo Hansen"].change is None  # the same site, but only Anna is in change
    exported = json.loads(run("export", "person", "Anna Berg").stdout)
    assert exported["changes"][0]["change_to"] == (TODAY + timedelta(days=10)).isoformat()
    assert "no longer in change" in run("site", "change", "--person", "anna", "--end").stdout
    assert run("forget", "Anna Berg", "--yes").exit_code == 0
    with Store.open(db_path) as store:
        assert store.query("SELECT count(*) FROM person_changes")[0][0] == 0


def test_the_site_forms_save_finds_the_helper_as_commands_find_people(store: Store) -> None:
    """One name on the team (a first name will do) is that person; a name that finds no one
    is a contact outside the team; one that finds several is refused, and nothing changes."""
    import pytest

    from naervaer.content.text import MatchError
    from naervaer.storage.usecases.sites import edit_site

    mette = store.add_person("Mette Hansen", site="Nord")
    store.add_person("Anna Berg", site="Nord")
    store.add_person("Anna Holm", site="Syd")
    edit_site(store, "Nord", "mette", TODAY, None)
    assert site_data.site_setup(store, "Nord") == ("Mette Hansen", TODAY, None)
    assert store.query("SELECT helper_person_id FROM sites WHERE name = 'Nord'")[0][0] == mette.id
    edit_site(store, "Nord", "Lise fra fagforeningen", None, None)
    assert site_data.site_setup(store, "Nord") == ("Lise fra fagforeningen", None, None)
    before = store.query("SELECT * FROM sites")
    with pytest.raises(MatchError):
        edit_site(store, "Nord", "anna", TODAY, None)
    assert store.query("SELECT * FROM sites") == before
