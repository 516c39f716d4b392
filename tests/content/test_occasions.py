"""Birthdays, anniversaries and personal dates: the next occurrence, including 29 February."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from naervaer.content.facts import Birthday, Person, PersonalDate
from naervaer.content.occasions import next_yearly, occasions, on_year


def test_29_february_falls_on_28_february_in_other_years():
    assert on_year(2, 29, 2027) == date(2027, 2, 28)
    assert on_year(2, 29, 2028) == date(2028, 2, 29)
    assert next_yearly(2, 29, date(2027, 2, 20)) == date(2027, 2, 28)
    assert next_yearly(2, 29, date(2027, 3, 1)) == date(2028, 2, 29)


def test_birthday_window_edges():
    anna = Person(1, "Anna", birthday=Birthday(1, 12, 1980))
    today = date(2026, 11, 23)
    (b,) = occasions(anna, [], today, 8)
    assert (b.day, b.kind, b.years) == (date(2026, 12, 1), "birthday", 46)
    assert occasions(anna, [], today, 7) == []


def test_anniversary_needs_a_whole_year():
    started_today = Person(1, "A", started=date(2026, 11, 23))
    assert occasions(started_today, [], date(2026, 11, 23), 30) == []
    veteran = Person(2, "B", started=date(2016, 11, 25))
    (a,) = occasions(veteran, [], date(2026, 11, 23), 7)
    assert (a.kind, a.years) == ("anniversary", 10)


def test_personal_dates_yearly_and_one_off():
    p = Person(1, "A")
    dates = [
        PersonalDate(1, 1, date(2019, 11, 30), "bryllupsdag", yearly=True),
        PersonalDate(2, 1, date(2026, 11, 25), "operation"),
        PersonalDate(3, 1, date(2025, 11, 25), "gammel flytning"),
        PersonalDate(4, 2, date(2026, 11, 24), "en andens dato"),
    ]
    found = occasions(p, dates, date(2026, 11, 23), 7)
    assert [(o.label, o.day) for o in found] == [("operation", date(2026, 11, 25)), ("bryllupsdag", date(2026, 11, 30))]


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)),
       st.integers(1, 12), st.integers(1, 31))
def test_next_yearly_is_never_before_today_and_within_a_year(today, month, day):
    try:
        date(2000, month, day)
    except ValueError:
        return
    nxt = next_yearly(month, day, today)
    assert today <= nxt <= date(today.year + 1, today.month, min(today.day, 28)) or (nxt - today).days <= 366
