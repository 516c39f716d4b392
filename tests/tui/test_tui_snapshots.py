"""Snapshots of every screen at 80×24 on the fixed day and demo team, in both languages.

A change in what the user sees shows up as a reviewed SVG diff. Cursor blinking and
animations are off and notifications cleared, so each picture is deterministic.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, TextArea
from tui_support import demo_database, keys_for, make_app, press, settle

from naervaer.storage.store import Store

LANGS = ("en", "da")


def still(app) -> None:  # noqa: ANN001 - the app under test
    app.animation_level = "none"
    for field in app.screen.query(Input):
        field.cursor_blink = False
    for area in app.screen.query(TextArea):
        area.cursor_blink = False
    app.clear_notifications()


def steps(*keys: str, wait: float = 0.0) -> Callable[[Pilot], Awaitable[None]]:
    async def run(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, *keys)
        if wait:
            await pilot.pause(wait)
        await settle(pilot)
        still(pilot.app)
        await pilot.pause()

    return run


SCREENS = {
    "today": steps(),
    "team": steps("2"),
    "month": steps("3"),
    "sites": steps("4"),
    "meeting_form": steps("4", "a"),
    "site_form": steps("4", "e"),
    "person_change_form": steps("2", "enter", "C"),
    "search": steps("slash", *keys_for("rota"), "enter", wait=0.4),
    "person": steps("2", "enter"),
    "visit": steps("2", "v"),
    "help": steps("question_mark"),
    "quick_note": steps("n", "a", "n", "n", "enter", *keys_for("hello")),
    "tip": steps("t"),
    "person_form": steps("2", "a"),
    "person_form_refused": steps("2", "a", "ctrl+s"),
    "person_items": steps("2", "enter", "D"),
    "away_form_refused": steps("2", "enter", "D", "l", *keys_for("40/40"), "ctrl+s"),
    "who": steps("2", "w", *keys_for("aller")),
    "buddies": steps("ctrl+p", *keys_for("budd"), "enter"),
    "buddies_proposed": steps("ctrl+p", *keys_for("budd"), "enter", "r", "x", "down", "down", "down", "x"),
    "skills_form": steps("2", "enter", "S"),
    "coaching": steps("c"),
    "coaching_short_talk": steps("c", "down", "down", "down", "down", "down"),
    # issue 15: Jonas Dahl (third on Team) has two talking points and two written goals
    "person_points": steps("2", "down", "down", "enter"),
    "person_goals": steps("2", "down", "down", "enter", "g"),
    "goal_update": steps("2", "down", "down", "enter", "g", "u", *keys_for("short of staff")),
    "point_form_refused": steps("2", "enter", "t", "ctrl+s"),
    "quick_note_points": steps("n", *keys_for("jonas d"), "enter", *keys_for("hello"), "tab", "tab", "1"),
    "visit_goals": steps("2", "down", "down", "v"),
}


async def newsletter(pilot: Pilot) -> None:
    await settle(pilot)
    pilot.app.open_newsletter()
    await steps()(pilot)


SCREENS["newsletter"] = newsletter


async def promise_question(pilot: Pilot) -> None:
    """``d`` on Today's first promise prompt: kept, or just hide for now?"""
    await settle(pilot)
    screen = pilot.app.screen
    screen.query_one(OptionList).highlighted = next(
        i for i, p in enumerate(screen.prompts) if p.kind == "promise_due")
    await steps("d")(pilot)


SCREENS["promise_question"] = promise_question


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("demo")
    return {lang: demo_database(base / f"demo-{lang}.db", lang) for lang in LANGS}


def fresh_copy(template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo.db"
    with Store.open(template) as source:
        source.conn.execute("VACUUM INTO ?", [str(copy)])
    return copy


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, demo_template: dict[str, Path], tmp_path: Path, screen: str, lang: str) -> None:
    app = make_app(fresh_copy(demo_template[lang], tmp_path), lang=lang)
    assert snap_compare(app, terminal_size=(80, 24), run_before=SCREENS[screen])


@pytest.mark.parametrize("lang", LANGS)
def test_welcome(snap_compare, tmp_path: Path, lang: str) -> None:
    app = make_app(tmp_path / "empty.db", lang=lang)
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps())
