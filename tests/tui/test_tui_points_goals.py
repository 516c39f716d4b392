"""Talking points and written goals in the app (issue 15, items 1 and 2), driven by keys:
what the user sees, and what is stored."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.widgets import Static
from tui_support import TODAY, keys_for, make_app, press, screen_text, settle

from naervaer.storage.store import Store
from naervaer.tui.app import create_app
from naervaer.tui.screens.goal_forms import GoalUpdateScreen, PointFormScreen
from naervaer.tui.screens.person import PersonScreen
from naervaer.tui.screens.quick_note import QuickNoteScreen
from naervaer.tui.widgets.display import MASK

MONDAY = TODAY  # 23 November 2026
THURSDAY = MONDAY + timedelta(days=3)


@pytest.fixture
def team_db(db_path: Path) -> Path:
    with Store.open(db_path, clock=lambda: date(2026, 1, 5)) as store:
        anna = store.add_person("Anna Berg", site="Kitchen North", prefers="phone")
        store.add_person("Bo Østergård", site="Kitchen North")
        store.add_goal(anna.id, "Runs the morning rota alone", date(2027, 3, 31))
    return db_path


async def test_a_point_added_on_monday_is_ticked_in_thursdays_quick_note(team_db: Path) -> None:
    # Monday: on Anna's Person screen, t adds a point; an empty one is refused beside the field
    app = make_app(team_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_person(1)
        await press(pilot, "t")
        assert isinstance(app.screen, PointFormScreen)
        await press(pilot, "ctrl+s")
        error = app.screen.query_one("#form-text-error", Static)
        assert error.display and "needs a few words" in str(error.visual)
        await press(pilot, *keys_for("the course dates"), "ctrl+s")
        assert isinstance(app.screen, PersonScreen)
        shown = screen_text(app)
        assert "To raise next time" in shown and "the course dates (today)" in shown
    # Thursday: the quick note for Anna offers it, with its age; ticking it is part of the save
    app = create_app(team_db, today=THURSDAY, lang="en", watch_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n", "a", "n", "n", "enter")
        assert isinstance(app.screen, QuickNoteScreen)
        raised = str(app.screen.query_one("#note-raised").render())
        assert "1 ☐ the course dates (3 days ago)" in raised
        await press(pilot, *keys_for("called about the rota"), "tab", "tab", "1")
        assert "1 ☑ the course dates" in str(app.screen.query_one("#note-raised").render())
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, QuickNoteScreen)
    with Store.open(team_db, clock=lambda: THURSDAY) as store:
        [note] = store.notes(person_id=1)
        [point] = store.points(person_id=1)
        assert note.text == "called about the rota" and note.channel == "phone"
        assert (point.covered, point.note_id) == (THURSDAY, note.id)
        assert store.points(open_only=True) == []


async def test_the_quick_note_adds_the_next_point_with_the_note(team_db: Path) -> None:
    app = make_app(team_db, lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n", "b", "o", "enter", *keys_for("kaffe"))
        app.screen.query_one("#note-next").focus()
        await press(pilot, *keys_for("spørg til ferien"), "ctrl+s")
    with Store.open(team_db, clock=lambda: TODAY) as store:
        [point] = store.points(person_id=2)
        [note] = store.notes(person_id=2)
        assert (point.text, point.covered, note.text) == ("spørg til ferien", None, "kaffe")


async def test_a_goal_update_shows_in_the_visit_briefing(team_db: Path) -> None:
    app = make_app(team_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_person(1)
        await settle(pilot)
        assert "• Runs the morning rota alone\n    on track · by 31 Mar 2027\n" in screen_text(app)
        await press(pilot, "g", "u")
        assert isinstance(app.screen, GoalUpdateScreen)
        await press(pilot, *keys_for("short of staff"), "shift+tab", "2", "ctrl+s")
        assert not isinstance(app.screen, GoalUpdateScreen)
        await press(pilot, "escape")
        shown = screen_text(app)
        assert "at risk · by 31 Mar 2027 · last update Mon 23 Nov: short of staff" in shown
        await press(pilot, "escape")
        app.open_visit("Kitchen North")
        await settle(pilot)
        shown = screen_text(app)
        assert "goal: Runs the morning rota alone · at risk · Mon 23 Nov: short of staff" in shown.replace("\n         ", " ")
    with Store.open(team_db, clock=lambda: TODAY) as store:
        goal = store.goal(1)
        assert goal.status == "at_risk" and [(u.status, u.text) for u in goal.updates] == [("at_risk", "short of staff")]


async def test_a_point_becomes_a_promise_from_the_person_screen(team_db: Path) -> None:
    with Store.open(team_db, clock=lambda: TODAY) as store:
        store.add_point(1, "order new aprons")
    app = make_app(team_db, lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_person(1)
        await press(pilot, "g")
        listing = app.screen.query_one("#items-list")
        listing.highlighted = listing.get_option_index("point-1")
        await press(pilot, "o")
        await press(pilot, "escape")
        shown = screen_text(app)
        assert "order new aprons (ingen frist)" in shown  # now among the open promises
    with Store.open(team_db, clock=lambda: TODAY) as store:
        [promise] = store.promises()
        assert promise.text == "order new aprons" and store.point(1).promise_id == promise.id


async def test_presentation_mode_masks_points_and_goals(team_db: Path) -> None:
    with Store.open(team_db, clock=lambda: TODAY) as store:
        store.add_point(1, "ask about the divorce")
        store.update_goal(1, status="at_risk", text="sick again")
    app = make_app(team_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "p")
        app.open_person(1)
        await settle(pilot)
        shown = screen_text(app)
        assert "divorce" not in shown and "morning rota" not in shown and "sick again" not in shown
        assert f"• {MASK} (today)" in shown and f"• {MASK}\n    at risk · by 31 Mar 2027 · last update Mon 23 Nov: {MASK}" in shown
        await press(pilot, "escape")
        app.open_visit("Kitchen North")
        await settle(pilot)
        shown = screen_text(app)
        assert "divorce" not in shown and "morning rota" not in shown and "sick again" not in shown
        assert "goal: ••••" in shown
