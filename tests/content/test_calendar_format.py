"""The calendar format on facts alone: any yearly date lands once a year on the app's own day."""

from __future__ import annotations

import calendar as stdcal
from datetime import UTC, date, datetime

import icalendar
import recurring_ical_events
from hypothesis import given, settings
from hypothesis import strategies as st

from naervaer.content.facts import Birthday, Person, PersonalDate
from naervaer.content.formats.calendar import calendar_events, to_ics
from naervaer.content.i18n import Translator
from naervaer.content.occasions import on_year

TODAY = date(2026, 11, 23)
EN = Translator("en")


@st.composite
def month_days(draw: st.DrawFn) -> tuple[int, int]:
    month = draw(st.integers(1, 12))
    return month, draw(st.integers(1, stdcal.monthrange(2000, month)[1]))  # 2000: 29 Feb exists


@settings(max_examples=25, deadline=None)
@given(month_days(), st.one_of(st.none(), st.sampled_from([1948, 1979, 1992, 2000, 2004])),
       st.integers(1990, 2025))
def test_birthdays_anniversaries_and_yearly_dates_land_on_the_apps_day(
        md: tuple[int, int], birth_year: int | None, date_year: int) -> None:
    month, day = md
    if birth_year is not None and (month, day) == (2, 29) and not stdcal.isleap(birth_year):
        birth_year = 1992
    started = date(2012, month, day) if (month, day) != (2, 29) else date(2012, 2, 29)
    yearly = on_year(month, day, date_year)  # a stored date is a real day
    if (month, day) == (2, 29) and stdcal.isleap(date_year):
        yearly = date(date_year, 2, 29)
    person = Person(1, "Anna Berg", birthday=Birthday(day, month, birth_year), started=started)
    events = calendar_events([person], [PersonalDate(7, 1, yearly, "wedding day", True)], [], [],
                             private_notes=frozenset(), today=TODAY, last=date(2027, 11, 23), t=EN)
    cal = icalendar.Calendar.from_ical(to_ics(events, datetime(2026, 11, 23, tzinfo=UTC), EN))
    for year in range(2026, 2031):
        found = recurring_ical_events.of(cal).between(date(year, 1, 1), date(year + 1, 1, 1))
        days = {str(e["UID"]).split("@")[0]: e["DTSTART"].dt for e in found}
        assert len(found) == 3
        assert days["birthday-1"] == on_year(month, day, year)
        assert days["anniversary-1"] == on_year(month, day, year)
        assert days["date-7"] == on_year(yearly.month, yearly.day, year)


def test_summaries_are_neutralised_and_keep_their_text() -> None:
    person = Person(1, "Eve \x1b]52;c;x\x07\u202eevil", birthday=Birthday(1, 5))
    events = calendar_events([person], [], [], [], private_notes=frozenset(), today=TODAY, last=TODAY, t=EN)
    assert events[0].summary == "Eve ␛]52;c;x␇⟨U+202E⟩evil: birthday"


def test_archived_people_and_kept_promises_are_left_out() -> None:
    from naervaer.content.facts import Away, Promise

    gone = Person(2, "Ole Gone", birthday=Birthday(1, 5), archived=True)
    here = Person(1, "Anna Berg")
    events = calendar_events(
        [gone, here], [PersonalDate(1, 2, TODAY, "x", True)],
        [Promise(1, 1, "kept one", TODAY, done=TODAY), Promise(2, 1, "no due", None), Promise(3, 2, "gone", TODAY)],
        [Away(1, 1, date(2020, 1, 1), date(2020, 2, 1)), Away(2, 1, date(2026, 11, 1), None)],
        private_notes=frozenset(), today=TODAY, last=date(2027, 1, 1), t=EN)
    assert [(e.uid.split("@")[0], e.start, e.end) for e in events] == [
        ("away-2", date(2026, 11, 1), date(2027, 1, 2))]  # open-ended: to the window's end
