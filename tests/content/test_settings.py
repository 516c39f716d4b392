"""Settings: defaults, parsing typed values, and tolerant reading of stored ones."""

from __future__ import annotations

from dataclasses import fields

import pytest

from naervaer.content.errors import InputError
from naervaer.content.settings import (
    DEFAULTS, SPECS, EngineSettings, format_value, parse_value, to_stored,
)


def test_every_setting_has_a_spec_and_a_description() -> None:
    import json
    from pathlib import Path

    assert set(SPECS) == {f.name for f in fields(EngineSettings)}
    locales = Path(__file__).resolve().parents[2] / "content" / "locales"
    for lang in ("en", "da"):
        about = json.loads((locales / lang / "coach.json").read_text(encoding="utf-8"))["about"]
        assert set(about) == set(SPECS)


def test_defaults() -> None:
    assert DEFAULTS.today_limit == 7
    assert DEFAULTS.fire_steps == (1, 7, 30)
    assert DEFAULTS.digest_weekday == 4
    assert DEFAULTS.retention_months == 24
    assert DEFAULTS.lang is None


@pytest.mark.parametrize(("key", "text", "value"), [
    ("today_limit", " 10 ", 10),
    ("fire_steps", "1, 3,14", (1, 3, 14)),
    ("digest_weekday", "fredag", 4),
    ("digest_weekday", "Monday", 0),
    ("digest_weekday", "6", 6),
    ("lang", "DA", "da"),
    ("retention_months", "36", 36),
])
def test_parse_accepted_values(key: str, text: str, value: object) -> None:
    assert parse_value(key, text) == value


@pytest.mark.parametrize(("key", "text"), [
    ("today_limit", "0"), ("today_limit", "seven"), ("fire_steps", "7,1"), ("fire_steps", "1,1"),
    ("fire_steps", ""), ("fire_steps", "0,7"), ("digest_weekday", "7"), ("digest_weekday", "someday"),
    ("lang", "de"), ("only_problems_count", "1"), ("retention_months", "-1"),
    # plain digits only: int() reads "1_0" as 10 and "٣" as 3, and refuses "²" with a ValueError
    ("today_limit", "1_0"), ("today_limit", "٣"), ("today_limit", "²"), ("fire_steps", "1,²"), ("digest_weekday", "٣"),
])
def test_bad_values_say_what_is_accepted(key: str, text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_value(key, text)
    assert caught.value.key == "coach.bad_setting"
    assert caught.value.params["accepted"] == SPECS[key].accepted


def test_unknown_key_lists_the_keys() -> None:
    with pytest.raises(InputError) as caught:
        parse_value("colour", "red")
    assert caught.value.key == "coach.unknown_setting"
    assert "today_limit" in caught.value.params["keys"]


def test_from_stored_keeps_good_values_and_drops_bad_ones() -> None:
    got = EngineSettings.from_stored({
        "today_limit": 5, "fire_steps": [2, 9], "milestone_days": "many", "digest_weekday": True,
        "lang": "da", "someone_elses_key": 1,
    })
    assert got == EngineSettings(today_limit=5, fire_steps=(2, 9), lang="da")
    assert to_stored(got.fire_steps) == [2, 9]


def test_format_value() -> None:
    assert format_value((1, 7, 30)) == "1,7,30"
    assert format_value(None) == "—"
    assert format_value(7) == "7"
