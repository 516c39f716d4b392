"""A person erased from another window (`naervaer forget`) while the app shows them or a form
holds their id: the Person screen closes and says why, a form keeps what was typed and says
the person is gone, and nothing is ever stored on whoever was added next (issue 11, items 4, 11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea
from tui_support import TODAY, keys_for, make_app, press, screen_text, settle

from naervaer.storage.erase import forget_person
from naervaer.storage.store import Store
from naervaer.tui.screens.person import PersonScreen
from naervaer.tui.screens.person_form import PersonFormScreen
from naervaer.tui.screens.quick_note import QuickNoteScreen

SECRET = "her divorce is final"


@pytest.fixture
def xenia_db(db_path: Path) -> Path:
    with Store.open(db_path, clock=lambda: TODAY) as store:
        store.add_person("Bo Hansen")
        # the newest id: SQLite would give it to the next person once she is erased
        xenia = store.add_person("Xenia Lund", site="Kitchen North")
        store.add_note(xenia.id, TODAY, "phone", SECRET)
        store.add_personal_date(xenia.id, TODAY, "Wedding anniversary", True)
    return db_path


def erase_elsewhere(db: Path, name: str = "Xenia Lund") -> None:
    """What `naervaer forget X --yes` then `naervaer person add Yrsa Holm` do from a terminal."""
    with Store.open(db, clock=lambda: TODAY) as other:
        forget_person(other, other.find_person(name).id)
        other.add_person("Yrsa Holm")


@pytest.fixture
def told() -> list[str]:
    return []


async def test_an_open_person_screen_closes_when_they_are_forgotten_elsewhere(
        xenia_db: Path, told: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(xenia_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(app, "notify", lambda message, **kwargs: told.append(message))
        app.open_person(2)
        await settle(pilot)
        assert SECRET in screen_text(app)
        erase_elsewhere(xenia_db)
        app.check_outside_writes()  # what the refresh interval runs
        await settle(pilot)
        assert not isinstance(app.screen, PersonScreen)
        text = screen_text(app)
        for trace in ("Xenia", SECRET, "Wedding anniversary"):
            assert trace not in text
        assert told[-1] == "Xenia Lund was erased from another window: this screen is closed and shows nothing of them."


async def test_a_person_screen_under_a_form_empties_and_closes_when_shown_again(
        xenia_db: Path, told: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(xenia_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(app, "notify", lambda message, **kwargs: told.append(message))
        app.open_person(2)
        await settle(pilot)
        await press(pilot, "a")
        assert isinstance(app.screen, QuickNoteScreen)
        erase_elsewhere(xenia_db)
        app.check_outside_writes()
        await settle(pilot)
        await press(pilot, "escape")
        assert not isinstance(app.screen, (PersonScreen, QuickNoteScreen))
        assert "Xenia" not in screen_text(app)
        assert any("was erased from another window" in m for m in told)


async def test_a_quick_note_for_a_forgotten_person_is_kept_not_stored_on_the_next(
        xenia_db: Path, told: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(xenia_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(app, "notify", lambda message, **kwargs: told.append(message))
        app.action_quick_note(2)
        await settle(pilot)
        form = app.screen
        assert isinstance(form, QuickNoteScreen)
        await press(pilot, *keys_for("meant for Xenia"))
        erase_elsewhere(xenia_db)
        await press(pilot, "ctrl+s")
        assert app.screen is form  # kept, with the text
        assert "Xenia Lund was erased from another window, so the note was not saved" in screen_text(app)
        assert form.query_one(TextArea).text == "meant for Xenia"
        assert not any("Saved" in m for m in told)
        # choose someone else and save: the note lands there, never on Yrsa by a reused id
        person = form.query_one("#note-person", Input)
        person.focus()
        person.value = "bo"
        await press(pilot, "enter", "ctrl+s")
        assert app.screen is not form
    with Store.open(xenia_db, clock=lambda: TODAY) as store:
        yrsa = store.find_person("Yrsa Holm")
        assert yrsa.id > 2
        assert store.notes(person_id=yrsa.id) == []
        assert [n.text for n in store.notes(person_id=1)] == ["meant for Xenia"]


async def test_the_person_form_for_a_forgotten_person_keeps_what_was_typed(
        xenia_db: Path, told: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(xenia_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(PersonFormScreen(2))
        await settle(pilot)
        form = app.screen
        site = form.query_one("#form-site", Input)
        site.value = "Kitchen South"
        erase_elsewhere(xenia_db)
        await press(pilot, "ctrl+s")
        assert app.screen is form
        assert "Xenia Lund was erased from another window, so nothing was saved" in screen_text(app)
    with Store.open(xenia_db, clock=lambda: TODAY) as store:
        assert [p.site for p in store.people()] == [None, None]
