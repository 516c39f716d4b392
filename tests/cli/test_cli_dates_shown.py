"""Every text output shows dates in the one date style of the screens (issue 13, what was left).

A Danish leader saw ISO dates in ``team``, ``person list``, ``notes``, the ``log`` echo and
``promise list``; and "frist —" for a promise with no due date. JSON keeps ISO.
"""

from __future__ import annotations

import json
import re

import pytest

ISO = re.compile(r"\d{4}-\d\d(-\d\d)?")  # a day or a month ("2026-11")
DAY_MONTH = re.compile(r"\b(?:[1-9]|[12]\d|3[01])/(?:[1-9]|1[0-2])\b")  # "24/12", typed; not "30/14" (rhythm)


@pytest.fixture
def practice(run):
    """Anna with a birthday, a start date, notes, promises (one with no due date), a personal
    date and leave; November signed off."""
    run("person", "add", "Anna Berg", "--site", "Nord", "--birthday", "24/12/1980", "--started", "1/3/2020")
    run("log", "anna", "Talte om vagtplanen", "--date", "-3d", "--channel", "in-person",
        "--promise", "sende vagtplanen", "--due", "+2d")
    run("log", "anna", "Ringede", "--channel", "phone", "--promise", "spørge HR")
    run("date", "add", "anna", "3/12", "Bryllup")
    run("date", "add", "anna", "5/6", "Datterens fødselsdag", "--yearly")
    run("away", "anna", "--from", "-2d", "--to", "15/3", "--label", "barsel")
    run("seen", "--month", "2026-10", "--sign-off")
    return run


COMMANDS = [
    ("team",), ("person", "list"), ("notes",), ("promise", "list"), ("date", "list", "anna"),
    ("seen", "--month", "2026-10"), ("seen",),
]


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_text_output_shows_no_iso_date(practice, lang: str, command: tuple[str, ...]) -> None:
    result = practice(*command, lang=lang)
    assert result.exit_code == 0, result.output
    assert not ISO.search(result.stdout), result.stdout
    assert not DAY_MONTH.search(result.stdout), result.stdout


@pytest.mark.parametrize(("lang", "shown"), [
    ("da", ["fre. 20. nov.", "ons. 25. nov.", "24. dec. 1980", "1. mar. 2020"]),
    ("en", ["Fri 20 Nov", "Wed 25 Nov", "24 Dec 1980", "1 Mar 2020"]),
])
def test_the_dates_read_as_on_the_screens(practice, lang: str, shown: list[str]) -> None:
    notes, promises, people = (practice(*c, lang=lang).stdout for c in (("notes",), ("promise", "list"), ("person", "list")))
    assert shown[0] in notes  # the note three days back
    assert shown[1] in promises  # due in two days
    assert shown[2] in people and shown[3] in people  # birthday with its year; start date


@pytest.mark.parametrize(("lang", "none", "logged"), [
    ("da", "[ingen frist]", "Løfte #3 noteret, ingen frist."),
    ("en", "[no due date]", "Promise #3 noted, no due date."),
])
def test_a_promise_with_no_due_date_says_so(practice, lang: str, none: str, logged: str) -> None:
    assert none in practice("promise", "list", lang=lang).stdout
    echo = practice("log", "anna", "Igen", "--promise", "noget tredje", lang=lang).stdout.splitlines()
    assert echo[1] == logged
    assert not ISO.search(echo[0])


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_echoes_after_a_change_show_no_iso_date(practice, lang: str) -> None:
    outputs = [
        practice("log", "anna", "Kort snak", "--channel", "phone", lang=lang),
        practice("note", "edit", "1", "--date", "-4d", lang=lang),
        practice("date", "add", "anna", "9/12", "Flytter", lang=lang),
        practice("away", "anna", "--end", lang=lang),
        practice("note", "delete", "2", "--yes", lang=lang),
    ]
    for result in outputs:
        assert result.exit_code == 0, result.output
        assert not ISO.search(result.stdout), result.stdout


def test_json_keeps_iso(practice) -> None:
    promises = json.loads(practice("promise", "list", "--format", "json", lang="da").stdout)
    assert {p["due"] for p in promises} == {"2026-11-25", None}
    assert json.loads(practice("notes", "--format", "json", lang="da").stdout)[-1]["date"] == "2026-11-20"


@pytest.mark.parametrize(("lang", "said"), [("da", "åben den 23. nov. 2026"), ("en", "open on 23 Nov 2026")])
def test_a_refusal_about_a_stored_date_shows_it_in_the_date_style(run, lang: str, said: str) -> None:
    """The store's own refusals carry the date; the language layer shows it (typed readings,
    such as a far-back date's "2025-12-02", stay ISO: they say what can be typed)."""
    run("person", "add", "Anna Berg")
    result = run("away", "anna", "--end", lang=lang)
    assert result.exit_code == 2
    assert said in result.stderr and not ISO.search(result.stderr)
    run("away", "anna", "--from", "-2d", lang=lang)
    backwards = run("away", "anna", "--from", "1/11", "--to", "1/10", lang=lang)
    assert backwards.exit_code == 2 and not ISO.search(backwards.stderr), backwards.stderr
