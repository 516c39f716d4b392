"""Dates in words, in the user's language: weekday and month names from the language layer.

Nineteen names a language are strings like any other, so they live in ``locales/*/dates.json``
rather than coming from Babel: the morning screen and ``naervaer today`` no longer pay Babel's
import and locale load (about 32 ms cold, measured), and the names never depend on the
system locale. A test checks them against Babel's CLDR data.
"""

from __future__ import annotations

from datetime import date

from naervaer.content.i18n import Translator


def _fill(pattern_key: str, d: date, t: Translator) -> str:
    return t(
        f"dates.{pattern_key}",
        weekday=t.raw("dates.weekdays")[d.weekday()],
        wd=t.raw("dates.weekdays_short")[d.weekday()],
        day=d.day,
        month=t.raw("dates.months")[d.month - 1],
        mon=t.raw("dates.months_short")[d.month - 1],
        year=d.year,
    )


def short_day(d: date, t: Translator, today: date | None = None) -> str:
    """"Wed 25 Nov" / "ons. 25. nov."; the year instead of the weekday when not this year."""
    return _fill("day" if today is None or d.year == today.year else "day_year", d, t)


def day_month(d: date, t: Translator) -> str:
    """"12 Jun" / "12. jun.": a yearly date, whose year does not matter."""
    return _fill("day_month", d, t)


def birthday(day: int, month: int, year: int | None, t: Translator) -> str:
    """"16 Nov" / "16. nov.", with the year when it is known ("16. nov. 1980")."""
    shown = day_month(date(2000, month, day), t)  # 2000: a leap year holds 29 February
    return f"{shown} {year}" if year else shown


def long_day(d: date, t: Translator) -> str:
    """"Monday 23 November 2026" / "mandag den 23. november 2026"."""
    return _fill("long_day", d, t)


def month_year(year: int, month: int, t: Translator) -> str:
    return _fill("month_year", date(year, month, 1), t)


def month_initial(month: int, t: Translator) -> str:
    return t.raw("dates.months")[month - 1][:1].upper()
