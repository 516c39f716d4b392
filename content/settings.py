"""The leader's settings: every threshold of the prompt engine, with defaults and validation.

Stored as JSON values under string keys (``settings`` table); ``EngineSettings.from_stored``
reads that dict, ignoring unknown keys and falling back to the default for a value that no
longer validates, so a hand-edited database never stops ``naervaer today``.
``parse_value`` turns what a user typed into a value, or raises ``InputError`` naming what
is accepted. Pure: no storage or UI imports.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from naervaer.content.errors import InputError
from naervaer.content.i18n import LANGUAGES
from naervaer.content.text import plain_number

_WEEKDAYS = {
    "monday": 0, "mandag": 0, "mon": 0, "man": 0,
    "tuesday": 1, "tirsdag": 1, "tue": 1, "tir": 1,
    "wednesday": 2, "onsdag": 2, "wed": 2, "ons": 2,
    "thursday": 3, "torsdag": 3, "thu": 3, "tor": 3,
    "friday": 4, "fredag": 4, "fri": 4, "fre": 4,
    "saturday": 5, "lørdag": 5, "loerdag": 5, "sat": 5, "lør": 5,
    "sunday": 6, "søndag": 6, "soendag": 6, "sun": 6, "søn": 6,
}


@dataclass(frozen=True, slots=True)
class EngineSettings:
    lang: str | None = None
    today_limit: int = 7
    fire_steps: tuple[int, ...] = (1, 7, 30)
    milestone_days: int = 7
    misunderstanding_days: int = 30
    only_problems_count: int = 3
    new_person_days: int = 90
    new_person_contact_days: int = 7
    unrecognized_days: int = 60
    digest_weekday: int = 4
    digest_lookback_days: int = 14
    welcome_back_days: int = 7
    retention_months: int = 24
    calendar_path: str | None = None  # the .ics the daily backup step re-exports to
    calendar_months: int = 12  # how far ahead the calendar's one-off events reach
    buddy_months: int = 3
    connect_days: int = 14
    connect_window_days: int = 180
    check_in_people: int = 2  # short talks suggested a day (0: none)
    meeting_days: int = 30
    helper_days: int = 5
    survey_months: int = 6
    fairness_margin: int = 30  # percent below the average site's share seen in person
    change_factor: int = 50  # percent of the usual rhythm while a site is in change
    goal_review_days: int = 90
    lock_minutes: int = 15  # an encrypted database's app locks after this many idle minutes; 0: never

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any]) -> EngineSettings:
        values: dict[str, Any] = {}
        for key, spec in SPECS.items():
            if key in stored:
                try:
                    values[key] = spec.check(stored[key])
                except (InputError, TypeError, ValueError):
                    continue
        return cls(**values)


@dataclass(frozen=True, slots=True)
class Spec:
    """One setting: how to read typed text, how to check a stored value, what is accepted."""

    key: str
    accepted: str
    parse: Callable[[str], Any]
    check: Callable[[Any], Any]


def _bad(key: str, value: Any, accepted: str) -> InputError:
    return InputError("coach.bad_setting", key=key, value=str(value), accepted=accepted)


def _int_spec(key: str, low: int, high: int) -> Spec:
    accepted = f"{low}–{high}"

    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise _bad(key, value, accepted)
        return value

    def parse(text: str) -> int:
        number = plain_number(text.strip())
        if number is None:
            raise _bad(key, text, accepted)
        return check(number)

    return Spec(key, accepted, parse, check)


def _steps_spec(key: str) -> Spec:
    accepted = "1,7,30 (1–366 days, increasing)"

    def check(value: Any) -> tuple[int, ...]:
        if not isinstance(value, (list, tuple)) or not 1 <= len(value) <= 6:
            raise _bad(key, value, accepted)
        steps = tuple(value)
        if any(isinstance(s, bool) or not isinstance(s, int) or not 1 <= s <= 366 for s in steps):
            raise _bad(key, value, accepted)
        if list(steps) != sorted(set(steps)):
            raise _bad(key, value, accepted)
        return steps

    def parse(text: str) -> tuple[int, ...]:
        numbers = [plain_number(p) for p in text.replace(" ", "").split(",") if p]
        if None in numbers:
            raise _bad(key, text, accepted)
        return check(numbers)

    return Spec(key, accepted, parse, check)


def _weekday_spec(key: str) -> Spec:
    accepted = "0–6 (0 = Monday) or a weekday name"

    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6:
            raise _bad(key, value, accepted)
        return value

    def parse(text: str) -> int:
        word = text.strip().casefold()
        if word in _WEEKDAYS:
            return _WEEKDAYS[word]
        number = plain_number(word)
        if number is None:
            raise _bad(key, text, accepted)
        return check(number)

    return Spec(key, accepted, parse, check)


def _lang_spec(key: str) -> Spec:
    accepted = "|".join(LANGUAGES)

    def check(value: Any) -> str:
        if value not in LANGUAGES:
            raise _bad(key, value, accepted)
        return value

    return Spec(key, accepted, lambda text: check(text.strip().lower()), check)


def _path_spec(key: str) -> Spec:
    accepted = "a file path, such as ~/naervaer.ics"

    def check(value: Any) -> str:
        if not isinstance(value, str) or not value.strip() or "\x00" in value or len(value) > 4096:
            raise _bad(key, value, accepted)
        return value.strip()

    return Spec(key, accepted, check, check)


SPECS: dict[str, Spec] = {
    spec.key: spec
    for spec in (
        _lang_spec("lang"),
        _int_spec("today_limit", 1, 100),
        _steps_spec("fire_steps"),
        _int_spec("milestone_days", 0, 60),
        _int_spec("misunderstanding_days", 1, 365),
        _int_spec("only_problems_count", 2, 10),
        _int_spec("new_person_days", 1, 730),
        _int_spec("new_person_contact_days", 1, 60),
        _int_spec("unrecognized_days", 7, 730),
        _weekday_spec("digest_weekday"),
        _int_spec("digest_lookback_days", 7, 365),
        _int_spec("welcome_back_days", 1, 60),
        _int_spec("retention_months", 1, 600),
        _path_spec("calendar_path"),
        _int_spec("calendar_months", 1, 120),
        _int_spec("buddy_months", 1, 24),
        _int_spec("connect_days", 1, 365),
        _int_spec("connect_window_days", 1, 1095),
        _int_spec("check_in_people", 0, 3),
        _int_spec("meeting_days", 7, 365),
        _int_spec("helper_days", 0, 30),
        _int_spec("survey_months", 1, 24),
        _int_spec("fairness_margin", 5, 90),
        _int_spec("change_factor", 10, 100),
        _int_spec("goal_review_days", 7, 730),
        _int_spec("lock_minutes", 0, 1440),
    )
}
DEFAULTS = EngineSettings()


def parse_value(key: str, text: str) -> Any:
    """The value ``text`` gives setting ``key``; ``InputError`` if either is not accepted."""
    spec = SPECS.get(key.strip().lower())
    if spec is None:
        raise InputError("coach.unknown_setting", key=key, keys=", ".join(SPECS))
    return spec.parse(text)


def to_stored(value: Any) -> Any:
    """A parsed value as JSON stores it (tuples become lists)."""
    return list(value) if isinstance(value, tuple) else value


def format_value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, (tuple, list)):
        return ",".join(str(v) for v in value)
    return str(value)
