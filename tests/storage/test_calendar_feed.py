"""The calendar feed (issue 14, item 4), read back by ``icalendar`` and expanded by an
independent reader (``recurring-ical-events``), on the demo team and on chosen facts."""

from __future__ import annotations

import calendar as stdcal
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events

from naervaer.content.facts import Birthday
from naervaer.content.i18n import Translator
from naervaer.content.occasions import on_year
from naervaer.storage.demo import write_demo
from naervaer.storage.store import Store
from naervaer.storage.usecases.calendar import calendar_feed, refresh_feed
from conftest import TODAY
from hostile import TEXTS

NOW = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)
YEARS = range(TODAY.year, TODAY.year + 5)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("cal") / "demo.db"
    with Store.open(path, clock=lambda: TODAY) as s:
        write_demo(s, TODAY)
        yield s


def _parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def _expanded(cal: icalendar.Calendar, first: date, last: date) -> list:
    return list(recurring_ical_events.of(cal).between(first, last + timedelta(days=1)))


def _day(event) -> date:
    start = event["DTSTART"].dt
    return start if not isinstance(start, datetime) else start.date()


def test_every_birthday_once_a_year_over_five_years_on_the_apps_day(demo: Store) -> None:
    data, count = calendar_feed(demo, TODAY, Translator("en"), now=NOW)
    cal = _parse(data)
    assert count == len(cal.walk("VEVENT"))
    people = [p for p in demo.people() if p.birthday]
    assert any((p.birthday.day, p.birthday.month) == (29, 2) for p in people)  # the demo has one
    for year in YEARS:
        found = _expanded(cal, date(year, 1, 1), date(year, 12, 31))
        for p in people:
            mine = [e for e in found if str(e["UID"]) == f"birthday-{p.id}@naervaer.invalid"]
            assert len(mine) == 1, (p.name, year)
            assert _day(mine[0]) == on_year(p.birthday.month, p.birthday.day, year)  # 29/2 → 28/2 in common years
            assert mine[0]["DTSTART"].params.get("VALUE") == "DATE"
            assert (mine[0]["DTEND"].dt - mine[0]["DTSTART"].dt) == timedelta(days=1)


def test_29_february_is_28_february_in_common_years_and_29_in_leap_years(store: Store) -> None:
    leap = store.add_person("Søren Ålund", birthday=Birthday(29, 2, 1992), started=date(2020, 2, 29))
    store.add_personal_date(leap.id, date(2024, 2, 29), "wedding day", True)
    cal = _parse(calendar_feed(store, TODAY, Translator("da"), now=NOW)[0])
    for year in range(2026, 2034):
        days = sorted(_day(e) for e in _expanded(cal, date(year, 2, 1), date(year, 3, 31)))
        want = date(year, 2, 29 if stdcal.isleap(year) else 28)
        assert days == [want, want, want], year
    text = cal.to_ical().decode()
    assert "RRULE:FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2" in text.replace("\r\n ", "")


def test_no_age_in_recurring_summaries_and_the_language_is_the_leaders(store: Store) -> None:
    store.add_person("Søren Ålund", birthday=Birthday(3, 12, 1979), started=date(2015, 6, 1))
    da = _parse(calendar_feed(store, TODAY, Translator("da"), now=NOW)[0])
    summaries = {str(e["SUMMARY"]) for e in da.walk("VEVENT")}
    assert summaries == {"Søren Ålund: fødselsdag", "Søren Ålund: jubilæum"}
    en = _parse(calendar_feed(store, TODAY, Translator("en"), now=NOW)[0])
    assert {str(e["SUMMARY"]) for e in en.walk("VEVENT")} == {"Søren Ålund: birthday", "Søren Ålund: work anniversary"}
    # the first jubilee is a year after the start, never the start day itself
    jubilee = next(e for e in en.walk("VEVENT") if "anniversary" in str(e["UID"]))
    assert jubilee["DTSTART"].dt == date(2016, 6, 1)


def test_one_off_dates_open_promises_and_away_periods(store: Store) -> None:
    anna = store.add_person("Anna Berg")
    store.add_personal_date(anna.id, TODAY + timedelta(days=10), "operation", False)
    store.add_personal_date(anna.id, TODAY - timedelta(days=10), "moved house", False)  # past: left out
    store.add_personal_date(anna.id, TODAY + timedelta(days=800), "far away", False)  # past the window
    store.add_note(anna.id, TODAY, "phone", "talked", promise=("send the course dates", TODAY + timedelta(days=4)))
    kept = store.add_promise(anna.id, "already kept", TODAY + timedelta(days=2))
    store.complete_promise(kept.id, TODAY)
    store.start_away(anna.id, TODAY + timedelta(days=1), TODAY + timedelta(days=14), "parental leave")
    cal = _parse(calendar_feed(store, TODAY, Translator("en"), now=NOW)[0])
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"Anna Berg: operation", "Promise to Anna Berg: send the course dates (#1)",
                           "Anna Berg: away"}
    away = events["Anna Berg: away"]
    assert (away["DTSTART"].dt, away["DTEND"].dt) == (TODAY + timedelta(days=1), TODAY + timedelta(days=15))
    assert "RRULE" not in away and "RRULE" not in events["Anna Berg: operation"]
    assert events["Promise to Anna Berg: send the course dates (#1)"]["DTSTART"].dt == TODAY + timedelta(days=4)
    assert not cal.walk("VTODO")  # Google and iOS drop VTODO
    assert "parental leave" not in cal.to_ical().decode()  # an away period's label can be health


def test_nothing_private_and_no_note_text_goes_into_the_file(store: Store) -> None:
    anna = store.add_person("Anna Berg", birthday=Birthday(1, 5))
    store.add_note(anna.id, TODAY, "phone", "SECRET note text about her divorce", ["private", "fire"],
                   promise=("SECRET promise about the divorce", TODAY + timedelta(days=3)))
    store.add_note(anna.id, TODAY, "phone", "an ordinary note ORDINARYTEXT", ["success"])
    data = calendar_feed(store, TODAY, Translator("en"), now=NOW)[0].decode()
    assert "SECRET" not in data and "ORDINARYTEXT" not in data
    assert "private" not in data.lower() and "fire" not in data.lower()
    assert "Promise to Anna Berg (#1)" in data


def test_uids_are_stable_across_exports_and_archived_people_are_left_out(demo: Store) -> None:
    one = _parse(calendar_feed(demo, TODAY, Translator("en"), now=NOW)[0])
    two = _parse(calendar_feed(demo, TODAY + timedelta(days=1), Translator("da"),
                               now=NOW + timedelta(days=1))[0])
    uids = lambda cal: sorted(str(e["UID"]) for e in cal.walk("VEVENT") if "RRULE" in e)  # noqa: E731
    assert uids(one) == uids(two)
    assert len(set(uids(one))) == len(uids(one))
    assert all(e["DTSTAMP"] for e in one.walk("VEVENT"))


def test_hostile_names_and_labels_are_neutralised_and_the_file_still_parses(store: Store) -> None:
    for i, h in enumerate(t for t in TEXTS if not t.big and t.category in {"ansi", "control", "bidi", "nul"}):
        p = store.add_person(f"P{i} x{h.text}", birthday=Birthday(1 + i % 28, 1 + i % 12))
        store.add_personal_date(p.id, TODAY + timedelta(days=i + 1), f"y{h.text}", False)
    data = calendar_feed(store, TODAY, Translator("en"), now=NOW)[0]
    cal = _parse(data)
    assert len(cal.walk("VEVENT")) == 2 * len(store.people())
    text = data.decode()
    assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text and "\x00" not in text
    assert all(line.endswith("\r") or not line for line in text.split("\n"))  # CRLF lines only


def test_the_calendar_path_setting_is_refreshed_with_the_daily_backup(run, db_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "feed" / "naervaer.ics"
    target.parent.mkdir()
    assert run("person", "add", "Anna Berg", "--birthday", "1/5/1980").exit_code == 0
    assert run("settings", "calendar_path", str(target)).exit_code == 0
    for backup in (db_path.parent / "naervaer-backups").glob("*daily*"):
        backup.unlink()  # today's backup was taken: the next command takes it again
    result = run("remind")
    assert result.exit_code == 0, result.stderr
    assert "Anna Berg: birthday" in target.read_text()
    assert (target.stat().st_mode & 0o777) == 0o600


def test_refresh_without_a_path_writes_nothing(store: Store) -> None:
    assert refresh_feed(store, TODAY, Translator("en")) is None


def test_cli_writes_the_file_and_says_how_many_events(run, tmp_path: Path) -> None:
    assert run("person", "add", "Anna Berg", "--birthday", "1/5/1980").exit_code == 0
    out = tmp_path / "cal.ics"
    result = run("export", "calendar", "-o", str(out), "--months", "3", lang="da")
    assert result.exit_code == 0, result.stderr
    assert "1 begivenhed" in result.stderr
    assert _parse(out.read_bytes()).walk("VEVENT")
    again = run("export", "calendar", "-o", str(out))  # a feed is replaced, not refused
    assert again.exit_code == 0
    printed = run("export", "calendar")
    assert printed.stdout.startswith("BEGIN:VCALENDAR")
    assert run("export", "calendar", "--months", "0").exit_code == 2


def test_forget_writes_the_subscribed_calendar_again_without_the_person(run, tmp_path: Path) -> None:
    target = tmp_path / "naervaer.ics"
    assert run("person", "add", "Anna Berg", "--birthday", "1/5/1980").exit_code == 0
    assert run("person", "add", "Søren Ålund", "--birthday", "2/6/1980").exit_code == 0
    assert run("settings", "calendar_path", str(target)).exit_code == 0
    assert run("export", "calendar", "-o", str(target)).exit_code == 0
    assert "Anna Berg" in target.read_text()
    result = run("forget", "Anna Berg", "--yes")
    assert result.exit_code == 0, result.stderr
    assert "written again without them" in result.stdout
    assert "Anna Berg" not in target.read_text() and "Søren Ålund" in target.read_text()


@pytest.mark.parametrize("typed", ["", "   ", "a\x00b", "x" * 5000])
def test_a_calendar_path_that_is_no_path_is_refused(typed: str) -> None:
    from naervaer.content.errors import InputError
    from naervaer.content.settings import parse_value

    with pytest.raises(InputError):
        parse_value("calendar_path", typed)
    assert parse_value("calendar_path", " ~/naervaer.ics ") == "~/naervaer.ics"


def test_the_calendar_months_setting_sets_how_far_the_apps_and_the_commands_export_reach(
        run, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's export always reached 12 months; now it, the daily re-export and `export
    calendar` without --months follow the setting (--months still overrides it)."""
    from naervaer.storage import paths
    from naervaer.storage.usecases.calendar import export_feed_file

    run("person", "add", "Anna Berg")
    with Store.open(db_path, clock=lambda: TODAY) as store:
        anna = store.find_person("anna")
        store.add_personal_date(anna.id, TODAY + timedelta(days=60), "operation", False)
        store.add_personal_date(anna.id, TODAY + timedelta(days=200), "course", False)
    assert run("settings", "calendar_months", "3").exit_code == 0
    monkeypatch.setattr(paths, "documents_dir", lambda: tmp_path)
    with Store.open(db_path, clock=lambda: TODAY) as store:
        path, count = export_feed_file(store, TODAY, Translator("en"))
    assert count == 1 and "operation" in path.read_text() and "course" not in path.read_text()
    assert "course" not in run("export", "calendar").stdout
    assert "course" in run("export", "calendar", "--months", "12").stdout
