"""Tests for naervaer.content.when: every form, both languages, every error key."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from naervaer.content.i18n import LOCALES_DIR, Translator
from naervaer.content.when import (
    WhenError,
    in_range,
    parse_any_date,
    parse_birthday,
    parse_due,
    parse_when,
)

TODAY = date(2026, 3, 18)  # a Wednesday
NEW_YEAR = date(2026, 1, 2)  # a Friday


def error_key(fn, *args, **kwargs) -> str:
    with pytest.raises(WhenError) as info:
        fn(*args, **kwargs)
    return info.value.key


# --- parse_when -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-02-03", date(2026, 2, 3)),
        ("2026-2-3", date(2026, 2, 3)),
        ("3/2", date(2026, 2, 3)),
        ("3/2/2026", date(2026, 2, 3)),
        ("3.2.2026", date(2026, 2, 3)),
        ("3.2", date(2026, 2, 3)),
        ("3.2.", date(2026, 2, 3)),
        ("03-02-2026", date(2026, 2, 3)),
        ("3-2-26", date(2026, 2, 3)),
        ("18/3", TODAY),
        ("31/12", date(2025, 12, 31)),
        ("3. feb", date(2026, 2, 3)),
        ("3. februar 2025", date(2025, 2, 3)),
        ("3 feb", date(2026, 2, 3)),
        ("feb 3, 2025", date(2025, 2, 3)),
        ("February 3rd", date(2026, 2, 3)),
        ("1. marts", date(2026, 3, 1)),
        ("today", TODAY),
        ("TODAY", TODAY),
        ("  today  ", TODAY),
        ("i dag", TODAY),
        ("idag", TODAY),
        ("I  DAG", TODAY),
        ("yesterday", TODAY - timedelta(1)),
        ("i går", TODAY - timedelta(1)),
        ("igår", TODAY - timedelta(1)),
        ("i gaar", TODAY - timedelta(1)),
        ("I GÅR", TODAY - timedelta(1)),
        ("i forgårs", TODAY - timedelta(2)),
        ("iforgårs", TODAY - timedelta(2)),
        ("i forgaars", TODAY - timedelta(2)),
        ("day before yesterday", TODAY - timedelta(2)),
        ("monday", date(2026, 3, 16)),
        ("mon", date(2026, 3, 16)),
        ("mandag", date(2026, 3, 16)),
        ("man", date(2026, 3, 16)),
        ("wednesday", TODAY),  # a bare weekday includes today
        ("onsdag", TODAY),
        ("thursday", date(2026, 3, 12)),
        ("lørdag", date(2026, 3, 14)),
        ("loerdag", date(2026, 3, 14)),
        ("søndag", date(2026, 3, 15)),
        ("soendag", date(2026, 3, 15)),
        ("last wednesday", date(2026, 3, 11)),
        ("sidste onsdag", date(2026, 3, 11)),
        ("last monday", date(2026, 3, 16)),
        ("forrige fredag", date(2026, 3, 13)),
        ("-3d", TODAY - timedelta(3)),
        ("- 3 d", TODAY - timedelta(3)),
        ("-2w", TODAY - timedelta(14)),
        ("-1m", date(2026, 2, 18)),
        ("-0d", TODAY),
        ("3 days ago", TODAY - timedelta(3)),
        ("1 week ago", TODAY - timedelta(7)),
        ("a week ago", TODAY - timedelta(7)),
        ("2 months ago", date(2026, 1, 18)),
        ("3 dage siden", TODAY - timedelta(3)),
        ("for 3 dage siden", TODAY - timedelta(3)),
        ("2 uger siden", TODAY - timedelta(14)),
        ("for en uge siden", TODAY - timedelta(7)),
        ("for 1 måned siden", date(2026, 2, 18)),
        ("last week", TODAY - timedelta(7)),
        ("sidste uge", TODAY - timedelta(7)),
        ("1900-01-01", date(1900, 1, 1)),
    ],
)
def test_parse_when_accepts(text: str, expected: date) -> None:
    assert parse_when(text, TODAY) == expected


@pytest.mark.parametrize(
    "text, key",
    [
        ("31/2", "when.impossible"),
        ("2026-02-30", "when.impossible"),
        ("29/2/2027", "when.impossible"),
        ("32/1", "when.impossible"),
        ("0/1", "when.impossible"),
        ("1/13", "when.impossible"),
        ("2025-13-01", "when.impossible"),
        ("31. april", "when.impossible"),
        ("2026-03-19", "when.future"),
        ("19/3/2026", "when.future"),
        ("tomorrow", "when.future"),
        ("i morgen", "when.future"),
        ("next monday", "when.future"),
        ("næste fredag", "when.future"),
        ("+1d", "when.future"),
        ("in 3 days", "when.future"),
        ("3/2/99", "when.future"),  # two-digit years are 20xx
        ("", "when.unknown"),
        ("   ", "when.unknown"),
        ("3", "when.unknown"),
        ("soon", "when.unknown"),
        ("3 feb 2026 12:00", "when.unknown"),
        ("3/2-2026", "when.unknown"),  # mixed separators
        ("-3x", "when.unknown"),
        ("last blursday", "when.unknown"),
        ("x" * 500, "when.unknown"),
        ("99999-01-01", "when.out_of_range"),
        ("0000-01-01", "when.out_of_range"),
        ("1899-12-31", "when.out_of_range"),
        ("3/2/202", "when.out_of_range"),
        ("-100000d", "when.out_of_range"),
        ("-99999999999999999999999d", "when.out_of_range"),
        ("-" + "9" * 40 + "d", "when.out_of_range"),
        ("-" + "9" * 5000 + "d", "when.unknown"),  # absurdly long: not a date at all
        ("-9999y", "when.out_of_range"),
        ("200 years ago", "when.out_of_range"),
    ],
    ids=lambda v: v[:20] if isinstance(v, str) else None,
)
def test_parse_when_refuses(text: str, key: str) -> None:  # noqa: D103
    assert error_key(parse_when, text, TODAY) == key


def test_when_year_boundary() -> None:
    assert parse_when("30/12", NEW_YEAR) == date(2025, 12, 30)
    assert parse_when("2/1", NEW_YEAR) == NEW_YEAR
    assert parse_when("3/1/2025", NEW_YEAR) == date(2025, 1, 3)  # yearless, it is refused as far back
    assert parse_when("-3d", NEW_YEAR) == date(2025, 12, 30)
    assert parse_when("i går", date(2026, 1, 1)) == date(2025, 12, 31)


def test_when_leap_day_without_year() -> None:
    assert parse_when("29/2", date(2028, 3, 1)) == date(2028, 2, 29)
    assert parse_when("29/2/2028", date(2028, 3, 1)) == date(2028, 2, 29)
    assert parse_when("29/2/2024", TODAY) == date(2024, 2, 29)


WEEK = [date(2026, 3, 16) + timedelta(i) for i in range(7)]  # Monday … Sunday
NAMES = [
    ("monday", "mon", "mandag", "man"),
    ("tuesday", "tue", "tirsdag", "tir"),
    ("wednesday", "wed", "onsdag", "ons"),
    ("thursday", "thu", "torsdag", "tor"),
    ("friday", "fri", "fredag", "fre"),
    ("saturday", "sat", "lørdag", "lør"),
    ("sunday", "sun", "søndag", "søn"),
]


@pytest.mark.parametrize("today", WEEK, ids=lambda d: d.strftime("%a"))
@pytest.mark.parametrize("index", range(7))
def test_weekdays_every_day_of_a_week(today: date, index: int) -> None:
    for name in NAMES[index]:
        recent = parse_when(name, today)
        assert recent.weekday() == index and 0 <= (today - recent).days <= 6
        last = parse_when(f"last {name}", today)
        assert last.weekday() == index and 1 <= (today - last).days <= 7
        assert parse_when(f"sidste {name}", today) == last
        due = parse_due(name, today)
        assert due.weekday() == index and 1 <= (due - today).days <= 7
        assert parse_due(f"next {name}", today) == due
        assert parse_due(f"næste {name}", today) == due
        assert parse_due(f"naeste {name}", today) == due
        assert parse_any_date(f"next {name}", today) == due
        assert parse_any_date(f"last {name}", today) == last


# --- parse_due ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-04-01", date(2026, 4, 1)),
        ("2026-03-18", TODAY),
        ("1/4", date(2026, 4, 1)),
        ("18/3", TODAY),
        ("17/3", date(2027, 3, 17)),  # next 17 March on or after today
        ("3/2", date(2027, 2, 3)),
        ("1.4.2026", date(2026, 4, 1)),
        ("today", TODAY),
        ("i dag", TODAY),
        ("tomorrow", TODAY + timedelta(1)),
        ("i morgen", TODAY + timedelta(1)),
        ("imorgen", TODAY + timedelta(1)),
        ("i overmorgen", TODAY + timedelta(2)),
        ("wednesday", TODAY + timedelta(7)),  # a bare weekday is strictly after today
        ("fredag", date(2026, 3, 20)),
        ("next tuesday", date(2026, 3, 24)),
        ("næste tirsdag", date(2026, 3, 24)),
        ("naeste tirsdag", date(2026, 3, 24)),
        ("+1w", TODAY + timedelta(7)),
        ("+3d", TODAY + timedelta(3)),
        ("+2m", date(2026, 5, 18)),
        ("+1y", date(2027, 3, 18)),
        ("+2u", TODAY + timedelta(14)),
        ("in 3 days", TODAY + timedelta(3)),
        ("in 2 weeks", TODAY + timedelta(14)),
        ("in a week", TODAY + timedelta(7)),
        ("om 3 dage", TODAY + timedelta(3)),
        ("om 2 uger", TODAY + timedelta(14)),
        ("om en uge", TODAY + timedelta(7)),
        ("om to måneder", date(2026, 5, 18)),
        ("next week", TODAY + timedelta(7)),
        ("næste uge", TODAY + timedelta(7)),
        ("next month", date(2026, 4, 18)),
        ("1. april", date(2026, 4, 1)),
    ],
)
def test_parse_due_accepts(text: str, expected: date) -> None:
    assert parse_due(text, TODAY) == expected


def test_due_month_end_clamps() -> None:
    assert parse_due("+1m", date(2026, 1, 31)) == date(2026, 2, 28)
    assert parse_due("+1m", date(2028, 1, 31)) == date(2028, 2, 29)


@pytest.mark.parametrize(
    "text, key",
    [
        ("2026-03-17", "when.past_due"),
        ("17/3/2026", "when.past_due"),
        ("yesterday", "when.past_due"),
        ("-1d", "when.past_due"),
        ("31/2", "when.impossible"),
        ("29/2/2027", "when.impossible"),
        ("whenever", "when.unknown_due"),
        ("+10000000d", "when.out_of_range"),
        ("+99999y", "when.out_of_range"),
        ("10000-01-01", "when.out_of_range"),
    ],
)
def test_parse_due_refuses(text: str, key: str) -> None:
    assert error_key(parse_due, text, TODAY) == key


def test_due_year_boundary_and_leap() -> None:
    assert parse_due("30/12", NEW_YEAR) == date(2026, 12, 30)
    assert parse_due("1/1", NEW_YEAR) == date(2027, 1, 1)
    assert parse_due("29/2", date(2026, 3, 1)) == date(2028, 2, 29)
    assert parse_due("29/2/2028", TODAY) == date(2028, 2, 29)


# --- parse_any_date -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2020-05-01", date(2020, 5, 1)),
        ("2030-05-01", date(2030, 5, 1)),
        ("3/2", date(2026, 2, 3)),
        ("1/12", date(2026, 12, 1)),  # this year's, whichever side of today
        ("3/2/2027", date(2027, 2, 3)),
        ("today", TODAY),
        ("tomorrow", TODAY + timedelta(1)),
        ("yesterday", TODAY - timedelta(1)),
        ("+2w", TODAY + timedelta(14)),
        ("-3d", TODAY - timedelta(3)),
        ("next friday", date(2026, 3, 20)),
        ("sidste fredag", date(2026, 3, 13)),
        ("om 3 dage", TODAY + timedelta(3)),
        ("3 dage siden", TODAY - timedelta(3)),
    ],
)
def test_parse_any_date_accepts(text: str, expected: date) -> None:
    assert parse_any_date(text, TODAY) == expected


@pytest.mark.parametrize(
    "text, key",
    [
        ("friday", "when.weekday_direction"),
        ("fredag", "when.weekday_direction"),
        ("29/2", "when.impossible"),  # 2026 has no 29 February
        ("30/2", "when.impossible"),
        ("sometime", "when.unknown_any"),
        ("99999-01-01", "when.out_of_range"),
    ],
)
def test_parse_any_date_refuses(text: str, key: str) -> None:
    assert error_key(parse_any_date, text, TODAY) == key


# --- parse_birthday -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("24/12", (24, 12, None)),
        ("24.12", (24, 12, None)),
        ("24.12.", (24, 12, None)),
        ("24-12", (24, 12, None)),
        ("24-12-1980", (24, 12, 1980)),
        ("24/12/1980", (24, 12, 1980)),
        ("1980-12-24", (24, 12, 1980)),
        ("--12-24", (24, 12, None)),
        ("29/2", (29, 2, None)),
        ("29/2/2000", (29, 2, 2000)),
        ("24. december", (24, 12, None)),
        ("december 24, 1980", (24, 12, 1980)),
        ("24-12-80", (24, 12, 1980)),
        ("1/1/05", (1, 1, 2005)),
    ],
)
def test_parse_birthday_accepts(text: str, expected: tuple[int, int, int | None]) -> None:
    assert parse_birthday(text, today=TODAY) == expected


@pytest.mark.parametrize(
    "text, key",
    [
        ("29/2/1900", "when.impossible"),  # 1900 was not a leap year
        ("29/2/2027", "when.impossible"),
        ("31/4", "when.impossible"),
        ("--02-30", "when.impossible"),
        ("1/13", "when.impossible"),
        ("soon", "when.unknown_birthday"),
        ("today", "when.unknown_birthday"),
        ("1850-01-01", "when.out_of_range"),
        ("1/1/2030", "when.future_yearly"),
    ],
)
def test_parse_birthday_refuses(text: str, key: str) -> None:
    assert error_key(parse_birthday, text) == key


# --- properties -----------------------------------------------------------------

DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@given(DATES, st.integers(min_value=0, max_value=20000))
def test_when_round_trips(d: date, days_later: int) -> None:
    today = min(d + timedelta(days_later), date(2100, 12, 31))
    assert parse_when(d.isoformat(), today) == d
    assert parse_when(f"{d.day}/{d.month}/{d.year}", today) == d
    assert parse_when(f"{d.day:02d}.{d.month:02d}.{d.year}", today) == d
    assert parse_any_date(d.isoformat(), today) == d


@given(DATES, st.integers(min_value=0, max_value=20000))
def test_due_round_trips(today: date, days_later: int) -> None:
    d = today + timedelta(days_later)
    assert parse_due(d.isoformat(), today) == d
    assert parse_due(f"{d.day}-{d.month}-{d.year}", today) == d


@given(st.dates(min_value=date(1902, 1, 1), max_value=date(2100, 12, 31)), st.integers(0, 400))
def test_relative_inverse(today: date, n: int) -> None:
    assert parse_when(f"-{n}d", today) == today - timedelta(n)
    assert parse_due(f"+{n}d", today) == today + timedelta(n)
    assert parse_when(f"for {n} dage siden", today) == today - timedelta(n)
    assert parse_due(f"om {n} dage", today) == today + timedelta(n)


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2100, 12, 31)))
def test_yearless_is_within_a_year(today: date) -> None:
    past = parse_when(f"{today.day}/{today.month}", today)
    assert past == today
    d = today - timedelta(100)
    if (d.month, d.day) == (2, 29):  # leap day: covered by its own tests
        return
    back = parse_when(f"{d.day}/{d.month}", today)
    assert back <= today and (today - back).days < 366 + 1
    ahead = parse_due(f"{d.day}/{d.month}", today)
    assert ahead >= today and (ahead - today).days <= 366


@given(st.text(max_size=60))
def test_never_crashes(s: str) -> None:
    for fn in (parse_when, parse_due, parse_any_date):
        try:
            fn(s, TODAY)
        except WhenError as e:
            assert e.key.startswith("when.")
    try:
        parse_birthday(s, today=TODAY)
    except WhenError:
        pass


# --- errors, messages, import cost --------------------------------------------------


def test_error_carries_key_params_and_text() -> None:
    with pytest.raises(WhenError) as info:
        parse_when("2026-03-20", TODAY)
    err = info.value
    assert isinstance(err, ValueError)
    assert err.key == "when.future"
    assert err.text == "2026-03-20"
    assert err.params == {"text": "2026-03-20", "date": "2026-03-20"}
    assert "future" in str(err)
    for lang in ("en", "da"):
        assert "2026-03-20" in Translator(lang)(err.key, **err.params)


def test_error_text_param_is_neutralised() -> None:
    with pytest.raises(WhenError) as info:
        parse_when("\x1b[2Jsoon\nlater", TODAY)
    assert info.value.text == "\x1b[2Jsoon\nlater"
    assert "\x1b" not in info.value.params["text"]
    assert "\x1b" not in str(info.value)


def test_locale_files_match() -> None:
    en = json.loads((LOCALES_DIR / "en" / "when.json").read_text(encoding="utf-8"))
    da = json.loads((LOCALES_DIR / "da" / "when.json").read_text(encoding="utf-8"))
    assert en.keys() == da.keys()
    for key in en:
        assert set(re.findall(r"{(\w+)}", en[key])) == set(re.findall(r"{(\w+)}", da[key])), key


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize(
    "fn, text",
    [
        (parse_when, "soon"), (parse_when, "31/2"), (parse_when, "tomorrow"),
        (parse_when, "99999-01-01"), (parse_due, "x"), (parse_due, "yesterday"),
        (parse_any_date, "x"), (parse_any_date, "friday"), (parse_birthday, "x"),
    ],
)
def test_every_error_translates(lang: str, fn, text: str) -> None:
    with pytest.raises(WhenError) as info:
        fn(text, TODAY) if fn is not parse_birthday else fn(text)
    message = Translator(lang)(info.value.key, **info.value.params)
    assert text in message


def test_import_does_not_load_dateutil_parser() -> None:
    code = (
        "import sys, naervaer.content.when as w; "
        "from datetime import date; w.parse_when('3/2', date(2026, 3, 1)); "
        "w.parse_due('+1m', date(2026, 3, 1)); "
        "print('dateutil.parser' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# -- a promise made in a back-dated note; the range every command accepts -------------------


def test_a_back_dated_notes_promise_may_be_due_in_the_past() -> None:
    made = TODAY - timedelta(days=5)
    assert parse_due("-1d", TODAY, made=made) == TODAY - timedelta(days=1)
    assert parse_due("-5d", TODAY, made=made) == made
    assert error_key(parse_due, "-6d", TODAY, made=made) == "when.due_before_note"
    assert error_key(parse_due, "-1d", TODAY, made=TODAY) == "when.past_due"


@pytest.mark.parametrize("text", ["30/12/9999", "31/12/9999", "9999-01-01", "+8000y"])
@pytest.mark.parametrize("parse", [parse_when, parse_due, parse_any_date])
def test_the_year_9999_is_headroom_not_a_date(parse, text: str) -> None:
    """Python's calendar ends on 9999-12-31 and the app computes ahead of a date."""
    assert error_key(parse, text, TODAY) == "when.out_of_range"


def test_the_last_accepted_day() -> None:
    assert parse_any_date("31/12/9998", TODAY) == date(9998, 12, 31)
    assert in_range(date(9998, 12, 31), "x") == date(9998, 12, 31)
