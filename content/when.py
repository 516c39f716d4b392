"""Dates as leaders type them, in English or Danish.

Five entry points, one per question the app asks:

* ``parse_when``  – when did it happen? (a note; never in the future)
* ``parse_due``   – when is it due? (a promise; today or later, or from a back-dated note's day)
* ``parse_birthday`` – day, month and maybe year
* ``parse_any_date`` – start dates, away periods: either direction, no check
* ``parse_end_date`` – the end of an away period: on or after its start

Every form is matched by a strict regular expression and the date is built with
``date()``, which validates it. dateutil's parser is deliberately not used: it
silently fills missing fields ("3" becomes the 3rd of this month) and costs
~36 ms to import on the capture path; our regexes already extract every field.
``relativedelta`` does the month/year arithmetic.

Every date the app accepts lies in the years 1900–9998 (``in_range``), whichever command or
form it came from. Python's calendar ends on 9999-12-31 and the app reaches ahead of a date
(a yearly date's next occurrence, a month view, a 366-day check-in step): the year 9999 is
headroom, so no arithmetic on an accepted date can overflow (``today --date 30/12/9999`` did).

Errors are ``WhenError`` (an ``InputError``) with a key in the ``when`` namespace and
parameters; ``content.errors.message`` puts them into words.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any, Literal

from dateutil.relativedelta import relativedelta

from naervaer.content.errors import InputError

MIN_YEAR = 1900
MAX_YEAR = 9998  # see the module docstring: the year 9999 is headroom for arithmetic
Mode = Literal["past", "future", "any"]
_UNKNOWN = {"past": "when.unknown", "future": "when.unknown_due", "any": "when.unknown_any"}


class WhenError(InputError, ValueError):
    """A date the user typed that we cannot accept; ``key`` names the message.

    Also a ValueError, as every parser's refusal is (callers catch either).
    """

    def __init__(self, key: str, text: str, **params: Any) -> None:
        # What the user typed goes back on screen inside the message: show it
        # neutralised and on one line. Imported here: errors are the slow path.
        from .text import one_line

        super().__init__(key, text=one_line(text.strip(), 40), **params)
        self.text = text

    def __str__(self) -> str:
        # English for logs; the UI translates key + params itself.
        try:
            from .i18n import Translator

            return Translator("en")(self.key, **self.params)
        except Exception:  # a log line must never fail
            return f"{self.key} {self.params!r}"


# Users type å/æ/ø or their ASCII spellings ("i gaar", "loerdag"); fold both to ASCII.
_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})

_FIXED: dict[str, tuple[int, str]] = {}
for _names, _shift_by in [
    ("today|i dag|idag", (0, "days")),
    ("yesterday|i gaar|igaar", (-1, "days")),
    ("the day before yesterday|day before yesterday|i forgaars|iforgaars", (-2, "days")),
    ("tomorrow|i morgen|imorgen", (1, "days")),
    ("the day after tomorrow|day after tomorrow|i overmorgen|iovermorgen", (2, "days")),
    ("next week|naeste uge|i naeste uge", (1, "weeks")),
    ("last week|sidste uge|forrige uge", (-1, "weeks")),
    ("next month|naeste maaned", (1, "months")),
    ("last month|sidste maaned|forrige maaned", (-1, "months")),
]:
    _FIXED.update(dict.fromkeys(_names.split("|"), _shift_by))

_WEEKDAYS = {
    name: index
    for index, names in enumerate([
        "monday mon mandag man",
        "tuesday tue tues tirsdag tir tirs",
        "wednesday wed onsdag ons",
        "thursday thu thur thurs torsdag tor tors",
        "friday fri fredag fre",
        "saturday sat loerdag loer lordag lor",  # "lordag": typed without ø at all
        "sunday sun soendag soen sondag son",
    ])
    for name in names.split()
}
_MONTHS = {
    name: index + 1
    for index, names in enumerate([
        "january jan januar", "february feb februar", "march mar marts", "april apr",
        "may maj", "june jun juni", "july jul juli", "august aug",
        "september sep sept", "october oct oktober okt", "november nov", "december dec",
    ])
    for name in names.split()
}
_UNITS = {
    **dict.fromkeys("d day days dag dage".split(), "days"),
    **dict.fromkeys("w u week weeks uge uger".split(), "weeks"),
    **dict.fromkeys("m month months maaned maaneder md mdr".split(), "months"),
    **dict.fromkeys("y year years aar".split(), "years"),
}
_WORD_COUNT = {"a": 1, "an": 1, "one": 1, "en": 1, "et": 1, "two": 2, "to": 2, "three": 3, "tre": 3}
_NUM = r"(\d+|a|an|one|two|three|en|et|to|tre)"

_ISO = re.compile(r"(\d{4,})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"(\d{1,2})([./-])(\d{1,2})(?:\2(\d+))?")  # one separator throughout
_BDAY = re.compile(r"--(\d{1,2})-(\d{1,2})")  # ISO 8601 yearless "--12-24"
_TEXT_DMY = re.compile(r"(\d{1,2})(?:st|nd|rd|th|\.)? ?([a-z]+)\.?(?:,? (\d+))?")
_TEXT_MDY = re.compile(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th|\.)?(?:,? (\d+))?")
_OFFSET = re.compile(r"([+-]) ?(\d+) ?([a-z]+)")
_AGO = re.compile(rf"(?:for )?{_NUM} ([a-z]+) (?:ago|siden)")
_AHEAD = re.compile(rf"(?:in|om) {_NUM} ([a-z]+)")
_LAST = re.compile(r"(?:last|sidste|forrige) ([a-z]+)")
_NEXT = re.compile(r"(?:next|naeste|kommende) ([a-z]+)")
_BY = re.compile(r"(?:paa|til|by) ([a-z]+)")  # "på fredag", "til fredag": the coming one ("i fredags" is the last)
_ON = re.compile(r"on ([a-z]+)")  # English "on friday" goes either way: the mode decides
_MONTH_END = re.compile(r"(?:ultimo|end of) ([a-z]+)")  # "ultimo januar": its last day
FAR_BACK = relativedelta(months=10)  # a yearless note date further back is most likely a typo


def _norm(text: str) -> str:
    return " ".join(text.casefold().translate(_ASCII).split()).rstrip(".")


def _out_of_range(text: str) -> WhenError:
    return WhenError("when.out_of_range", text, min=MIN_YEAR, max=MAX_YEAR)


def _make(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise WhenError("when.impossible", text) from None


def _year(raw: str, text: str) -> int:
    if len(raw) == 2:  # "3-2-26": this century
        return 2000 + int(raw)
    year = int(raw) if len(raw) == 4 else -1
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _out_of_range(text)
    return year


def _absolute(t: str) -> tuple[str | None, int, int] | None:
    """(raw year or None, month, day) if ``t`` names a calendar date."""
    if m := _ISO.fullmatch(t):
        return m[1], int(m[2]), int(m[3])
    if m := _DMY.fullmatch(t):
        return m[4], int(m[3]), int(m[1])
    if (m := _TEXT_DMY.fullmatch(t)) and m[2] in _MONTHS:
        return m[3], _MONTHS[m[2]], int(m[1])
    if (m := _TEXT_MDY.fullmatch(t)) and m[1] in _MONTHS:
        return m[3], _MONTHS[m[1]], int(m[2])
    return None


def _yearless(month: int, day: int, today: date, mode: Mode, text: str) -> date:
    """A day and month without year: the most recent (past), next (future) or this year's."""
    _make(2000, month, day, text)  # 2000 is a leap year, so only truly impossible days fail
    if mode == "any":
        return _make(today.year, month, day, text)
    step = -1 if mode == "past" else 1
    for offset in range(9):  # 29 February comes round within 8 years
        try:
            found = date(today.year + step * offset, month, day)
        except ValueError:
            continue
        if (found <= today) if mode == "past" else (found >= today):
            return found
    raise _out_of_range(text)


def _month_end(month: int, today: date, mode: Mode) -> date:
    """The last day of ``month``: the next one (future), the latest one (past), or this year's."""
    def end(year: int) -> date:
        return date(year, month, 1) + relativedelta(months=1, days=-1)

    found = end(today.year)
    if mode == "future" and found < today:
        return end(today.year + 1)
    if mode == "past" and found > today:
        return end(today.year - 1)
    return found


def _count(raw: str, text: str) -> int:
    if raw in _WORD_COUNT:
        return _WORD_COUNT[raw]
    if len(raw) > 6:  # also keeps int() away from its 4300-digit limit
        raise _out_of_range(text)
    return int(raw)


def _shift(today: date, amount: int, unit: str, text: str) -> date:
    try:
        return today + relativedelta(**{unit: amount})
    except (OverflowError, ValueError):
        raise _out_of_range(text) from None


def _weekday(index: int, today: date, how: str) -> date:
    """``recent``: last such day, today included; ``last``/``next``: strictly before/after."""
    back = (today.weekday() - index) % 7
    if how == "recent":
        return today - timedelta(days=back)
    if how == "last":
        return today - timedelta(days=back or 7)
    return today + timedelta(days=(index - today.weekday()) % 7 or 7)


def _parse(text: str, today: date, mode: Mode) -> date:
    t = _norm(text)
    if not t or len(t) > 64:
        raise WhenError(_UNKNOWN[mode], text)
    if (found := _absolute(t)) is not None:
        raw_year, month, day = found
        if raw_year is None:
            return _yearless(month, day, today, mode, text)
        return _make(_year(raw_year, text), month, day, text)
    if t in _FIXED:
        return _shift(today, *_FIXED[t], text)
    if t in _WEEKDAYS:
        if mode == "any":  # away periods go both ways: make the user say which
            raise WhenError("when.weekday_direction", text)
        return _weekday(_WEEKDAYS[t], today, "recent" if mode == "past" else "next")
    if (m := _LAST.fullmatch(t)) and m[1] in _WEEKDAYS:
        return _weekday(_WEEKDAYS[m[1]], today, "last")
    if (m := _NEXT.fullmatch(t)) and m[1] in _WEEKDAYS:
        return _weekday(_WEEKDAYS[m[1]], today, "next")
    if (m := _BY.fullmatch(t)) and m[1] in _WEEKDAYS:
        return _weekday(_WEEKDAYS[m[1]], today, "next")
    if (m := _ON.fullmatch(t)) and m[1] in _WEEKDAYS and mode != "any":
        return _weekday(_WEEKDAYS[m[1]], today, "recent" if mode == "past" else "next")
    if (m := _MONTH_END.fullmatch(t)) and m[1] in _MONTHS:
        return _month_end(_MONTHS[m[1]], today, mode)
    if (m := _OFFSET.fullmatch(t)) and m[3] in _UNITS:
        sign = -1 if m[1] == "-" else 1
        return _shift(today, sign * _count(m[2], text), _UNITS[m[3]], text)
    if (m := _AGO.fullmatch(t)) and m[2] in _UNITS:
        return _shift(today, -_count(m[1], text), _UNITS[m[2]], text)
    if (m := _AHEAD.fullmatch(t)) and m[2] in _UNITS:
        return _shift(today, _count(m[1], text), _UNITS[m[2]], text)
    raise WhenError(_UNKNOWN[mode], text)


def _checked(text: str, today: date, mode: Mode) -> date:
    return in_range(_parse(text, today, mode), text)


def in_range(day: date, text: str) -> date:
    """``day`` if the app accepts it (years ``MIN_YEAR``–``MAX_YEAR``), else ``when.out_of_range``.

    Also for a date that did not come through the parsers, such as a pinned clock.
    """
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise _out_of_range(text)
    return day


def parse_when(text: str, today: date) -> date:
    """When something happened: today or earlier, else ``when.future``.

    A day and month without a year ("3/2") means the most recent such day on or
    before today; a bare weekday ("monday", "mandag") the most recent one, today
    included; "last monday"/"sidste mandag" strictly before today.
    """
    result = _checked(text, today, "past")
    if result > today:
        raise WhenError("when.future", text, date=result.isoformat())
    found = _absolute(_norm(text))
    if found is not None and found[0] is None and result < today - FAR_BACK:
        # "2/12" typed on 1 December: last year's 2 December, or a slip for yesterday?
        raise WhenError("when.far_back", text, date=result.isoformat(),
                        full=f"{result.day}/{result.month}/{result.year}")
    return result


def parse_due(text: str, today: date, *, made: date | None = None) -> date:
    """When a promise is due: on or after the day it was ``made`` (default today).

    A promise in a back-dated note may be due on a day already past (catching up on last
    week's notes is normal): it is accepted and is overdue at once. Before ``made`` is
    ``when.due_before_note``, or ``when.past_due`` for a promise made today.
    "3/2" means the next 3 February on or after today; a bare weekday and
    "next tuesday"/"næste tirsdag" the next such day strictly after today.
    """
    made = today if made is None else made
    result = _checked(text, today, "future")
    if result < made and made >= today:
        raise WhenError("when.past_due", text, date=result.isoformat())
    if result < made:
        raise WhenError("when.due_before_note", text, date=result.isoformat(), note_date=made.isoformat())
    return result


def parse_any_date(text: str, today: date) -> date:
    """Any date, either direction (start dates, away periods). "3/2" is this year's;
    a bare weekday is refused with ``when.weekday_direction`` (say next or last)."""
    return _checked(text, today, "any")


def parse_end_date(text: str, start: date, today: date) -> date:
    """The end of a period that begins on ``start``: a day and month without a year is the
    first such day on or after ``start`` ("--from 1/12 --to 15/3" ends next March); anything
    else reads as ``parse_any_date`` does."""
    found = _absolute(_norm(text))
    if found is not None and found[0] is None:
        return _yearless(found[1], found[2], start, "future", text)
    return parse_any_date(text, today)


def parse_birthday(text: str, *, today: date | None = None) -> tuple[int, int, int | None]:
    """(day, month, year or None). "29/2" is fine without a year; with one it must be a
    leap year. A two-digit year is the latest one not after ``today`` ("80" → 1980)."""
    t = _norm(text)
    m = _BDAY.fullmatch(t)
    found = (None, int(m[1]), int(m[2])) if m else _absolute(t)
    if found is None:
        raise WhenError("when.unknown_birthday", text)
    raw_year, month, day = found
    _make(2000, month, day, text)
    if raw_year is None:
        return day, month, None
    today = today or date.today()
    year = _year(raw_year, text)
    if len(raw_year) == 2 and year > today.year:  # nobody we lead is born in the future
        year -= 100
    born = _make(year, month, day, text)
    if born > today:
        raise WhenError("when.future_yearly", text, date=born.isoformat())
    return day, month, year
