"""Dates as a Danish leader types them (issue 13, item 5): due forms, end dates, far-back notes."""

from __future__ import annotations

from datetime import date

import pytest

from naervaer.content.i18n import Translator
from naervaer.content.when import WhenError, parse_due, parse_when
from naervaer.content import when

TUESDAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("på fredag", date(2026, 12, 4)),
        ("paa fredag", date(2026, 12, 4)),
        ("til fredag", date(2026, 12, 4)),
        ("om en uge", date(2026, 12, 8)),
        ("næste uge", date(2026, 12, 8)),
        ("i næste uge", date(2026, 12, 8)),
        ("ultimo januar", date(2027, 1, 31)),
        ("ultimo december", date(2026, 12, 31)),
        ("ultimo feb", date(2027, 2, 28)),
    ],
)
def test_danish_due_forms(typed: str, expected: date) -> None:
    assert parse_due(typed, TUESDAY) == expected


def test_a_yearless_note_date_almost_a_year_back_is_refused_with_the_reading() -> None:
    with pytest.raises(WhenError) as caught:
        parse_when("2/12", TUESDAY)
    assert caught.value.key == "when.far_back"
    message = Translator("en")(caught.value.key, **caught.value.params)
    assert "2025-12-02" in message and "2/12/2025" in message
    assert "2025-12-02" in Translator("da")(caught.value.key, **caught.value.params)


def test_a_yearless_note_date_some_months_back_is_fine() -> None:
    assert parse_when("3/3", TUESDAY) == date(2026, 3, 3)
    assert parse_when("2/12/2025", TUESDAY) == date(2025, 12, 2)  # a year given is taken as typed


@pytest.mark.parametrize(
    ("start", "typed", "expected"),
    [
        (date(2026, 12, 1), "15/3", date(2027, 3, 15)),
        (date(2026, 12, 1), "24/12", date(2026, 12, 24)),
        (date(2026, 12, 1), "1/12", date(2026, 12, 1)),
        (date(2026, 12, 1), "15/3/2027", date(2027, 3, 15)),
    ],
)
def test_an_end_date_is_the_first_such_date_from_the_start(start: date, typed: str, expected: date) -> None:
    assert when.parse_end_date(typed, start, TUESDAY) == expected


@pytest.mark.parametrize(
    ("typed", "today"),
    [("19/3", date(2026, 3, 18)), ("3/1", date(2026, 1, 2)), ("29/2", date(2026, 3, 1)), ("29/2", date(2028, 2, 28))],
)
def test_every_yearless_reading_further_back_than_ten_months_is_refused(typed: str, today: date) -> None:
    with pytest.raises(WhenError) as caught:
        parse_when(typed, today)
    assert caught.value.key == "when.far_back"


@pytest.mark.parametrize("typed", ["på fredag", "til fredag", "by friday"])
def test_paa_a_weekday_always_means_the_coming_one(typed: str) -> None:
    """Danish "på fredag" is the coming Friday ("i fredags" is the last one): a personal date
    or an away period typed this way is read forward, and a note dated "på fredag" is in the
    future, not last Friday."""
    assert when.parse_any_date(typed, TUESDAY) == date(2026, 12, 4)
    with pytest.raises(WhenError) as caught:
        parse_when(typed, TUESDAY)
    assert caught.value.key == "when.future"


def test_on_a_weekday_in_english_keeps_its_direction() -> None:
    assert parse_when("on friday", TUESDAY) == date(2026, 11, 27)  # "I saw her on Friday"
    with pytest.raises(WhenError):
        when.parse_any_date("on friday", TUESDAY)  # either way: make the user say which
