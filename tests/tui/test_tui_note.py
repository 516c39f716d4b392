"""The quick note, driven by keys: the keystroke budget, what is stored, and every screen after."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Static, TextArea
from tui_support import TODAY, keys_for, make_app, press, screen_text, settle

from naervaer.content.errors import StoreError
from naervaer.storage.store import Store
from naervaer.tui.screens.confirm import ConfirmScreen
from naervaer.tui.screens.quick_note import QuickNoteScreen

LONG_AGO = date(2026, 1, 5)


@pytest.fixture
def small_db(db_path: Path) -> Path:
    """Anna: last met in person in August, a call last week, so her not_seen prompt is up."""
    with Store.open(db_path, clock=lambda: LONG_AGO) as store:
        anna = store.add_person("Anna Berg", site="Kitchen North")
        bo = store.add_person("Bo Østergård", site="Kitchen North")
        store.add_person("Ida Holm", site="Porters")
    with Store.open(db_path, clock=lambda: TODAY) as store:
        store.add_note(anna.id, date(2026, 8, 3), "in_person", "walk round the kitchen")
        store.add_note(anna.id, date(2026, 11, 18), "phone", "rota question")
        store.add_note(bo.id, date(2026, 11, 20), "in_person", "coffee")
    return db_path


def stored(db: Path, name: str) -> list:
    with Store.open(db, clock=lambda: TODAY) as store:
        return store.notes(person_id=store.find_person(name).id)


async def test_quick_note_keystroke_budget_and_every_screen_after(small_db: Path) -> None:
    app = make_app(small_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        before = [p for p in app.screen.prompts if p.person == "Anna Berg"]
        assert "not_seen" in [p.kind for p in before]

        pressed: list[str] = []

        async def key(*keys: str) -> None:
            pressed.extend(keys)
            await pilot.press(*keys)

        text = "met in the kitchen"
        await key("n")
        await key("a", "n", "n")
        await key("enter")
        await key(*keys_for(text))
        await key("ctrl+s")
        await settle(pilot)
        assert len(pressed) == 1 + 3 + 1 + len(text) + 1

        notes = stored(small_db, "Anna Berg")
        assert (notes[0].text, notes[0].channel, notes[0].date) == (text, "in_person", TODAY)
        assert not isinstance(app.screen, QuickNoteScreen)
        assert all(p.kind != "not_seen" for p in app.screen.prompts if p.person == "Anna Berg")

        await press(pilot, "2")
        team = screen_text(app)
        anna_row = next(line for line in team.splitlines() if "Anna Berg" in line)
        assert "Anna Berg | today | today · in person" in anna_row and "✓ yes" in anna_row

        await press(pilot, "3")
        month = screen_text(app)
        assert "✓ Anna Berg" in month and "seen Mon 23 Nov" in month


async def test_channel_tags_date_and_promise_by_keys(small_db: Path) -> None:
    app = make_app(small_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n", "i", "d", "a", "enter", *keys_for("quick call"), "tab")
        await press(pilot, "t", "tab", "f", "p", "tab")
        await press(pilot, *keys_for("yesterday"), "tab", *keys_for("send the plan"), "tab", *keys_for("friday"))
        await press(pilot, "ctrl+s")
        note = stored(small_db, "Ida Holm")[0]
        assert (note.channel, note.tags, note.date) == ("phone", ("fire", "private"), date(2026, 11, 22))
        with Store.open(small_db) as store:
            promise = store.promises(person_id=note.person_id)[0]
        assert (promise.text, promise.due, promise.note_id) == ("send the plan", date(2026, 11, 27), note.id)


async def test_invalid_fields_say_what_is_wrong_and_store_nothing(small_db: Path) -> None:
    app = make_app(small_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n", "z", "z", "z", "enter")
        await press(pilot, "ctrl+s")
        form = app.screen
        assert isinstance(form, QuickNoteScreen)
        assert "zzz" in str(form.query_one("#note-person-help", Static).visual)
        assert "empty" in str(form.query_one("#note-text-error", Static).visual)
        form.query_one("#note-person", Input).value = "ida"
        form.query_one("#note-text", TextArea).text = "fine"
        form.query_one("#note-date", Input).value = "next friday"
        form.query_one("#note-due", Input).value = "friday"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, QuickNoteScreen)
        assert str(form.query_one("#note-date-error", Static).visual)
        assert "promise" in str(form.query_one("#note-promise-error", Static).visual)
    assert stored(small_db, "Ida Holm") == []


async def test_failed_save_keeps_the_form_and_its_text(small_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(small_db)

    def full(*args: object, **kwargs: object) -> None:
        raise StoreError("store.disk_full", path=str(small_db))

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(app.store, "add_note", full)
        await press(pilot, "n", "i", "d", "a", "enter", *keys_for("keep me"), "ctrl+s")
        form = app.screen
        assert isinstance(form, QuickNoteScreen)
        assert form.query_one("#note-text", TextArea).text == "keep me"
        assert "full" in str(form.query_one("#note-status", Static).visual).lower()
    assert stored(small_db, "Ida Holm") == []


async def test_escape_with_text_asks_before_discarding(small_db: Path) -> None:
    app = make_app(small_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n", "i", "d", "a", "enter", *keys_for("half a thought"), "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, QuickNoteScreen)
        assert app.screen.query_one("#note-text", TextArea).text == "half a thought"
        await press(pilot, "escape", "y")
        assert not isinstance(app.screen, (QuickNoteScreen, ConfirmScreen))
        await press(pilot, "n", "escape")
        assert not isinstance(app.screen, QuickNoteScreen)
    assert stored(small_db, "Ida Holm") == []


async def test_danish_letters_in_type_ahead(small_db: Path) -> None:
    app = make_app(small_db, lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n", "o", "s", "t", "enter", *keys_for("kaffe"), "ctrl+s")
    assert stored(small_db, "Bo Østergård")[0].text == "kaffe"
