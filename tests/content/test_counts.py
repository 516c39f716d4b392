"""Counted nouns go through one/other in both languages: never "1 notes" or "1 noter"."""

from __future__ import annotations

import pytest

from naervaer.content import phrasing as say
from naervaer.content.i18n import Translator

NAMES = ("notes", "people", "sites", "dates", "promises", "away", "prompt_states")


@pytest.mark.parametrize(("lang", "one", "two"), [
    ("en", "1 note, 1 person, 1 site, 1 personal date, 1 promise, 1 away period",
     "2 notes, 2 people, 2 sites, 2 personal dates, 2 promises, 2 away periods"),
    ("da", "1 note, 1 medarbejder, 1 arbejdssted, 1 personlig dato, 1 løfte, 1 fraværsperiode",
     "2 noter, 2 medarbejdere, 2 arbejdssteder, 2 personlige datoer, 2 løfter, 2 fraværsperioder"),
])
def test_counted_nouns(lang: str, one: str, two: str) -> None:
    t = Translator(lang)
    for n, expected in ((1, one), (2, two)):
        got = say.counts(t, **{name: n for name in NAMES})
        assert ", ".join(got[name] for name in NAMES[:-1]) == expected


@pytest.mark.parametrize("lang", ["en", "da"])
def test_forget_messages_count_in_the_singular(lang: str) -> None:
    t = Translator(lang)
    text = t("safety.forgotten", name="Anna", **say.counts(t, notes=1, dates=1, promises=1, away=1, prompt_states=1,
                                                          points=1, goals=1, goal_updates=1))
    assert "1 notes" not in text and "1 noter" not in text and "1 personlige" not in text
