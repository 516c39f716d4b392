"""Correcting and deleting a note from the Person screen: the highlighted note, `e` and `x`/`delete`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import dump
from textual.widgets import Input, OptionList, TextArea
from tui_support import TODAY, keys_for, make_app, press, screen_text, settle

from naervaer.content.facts import Note
from naervaer.storage.store import Store
from naervaer.tui.screens.confirm import ConfirmScreen
from naervaer.tui.screens.person import PersonScreen
from naervaer.tui.screens.quick_note import QuickNoteScreen
from naervaer.tui.widgets.choices import ChoiceRow

OPEN = "talked about the new ovens"
SECRET = "her divorce is final"


@pytest.fixture
def anna_db(db_path: Path) -> Path:
    """Anna's timeline, newest first: OPEN (phone, 21/11, a custom tag), then SECRET (private)."""
    with Store.open(db_path, clock=lambda: TODAY) as store:
        anna = store.add_person("Anna Berg", site="Kitchen North")
        store.add_person("Bo Hansen")
        store.add_note(anna.id, date(2026, 11, 20), "in_person", SECRET, ("private",))
        store.add_note(anna.id, date(2026, 11, 21), "phone", OPEN, ("rota",), ("send the rota", None))
    return db_path


def stored(db: Path, name: str) -> list:
    with Store.open(db, clock=lambda: TODAY) as store:
        return store.notes(person_id=store.find_person(name).id)


@pytest.fixture
def told() -> list[str]:
    """What the app notified, newest last (filled once the app runs)."""
    return []


async def open_anna(app, pilot, told: list[str], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    await settle(pilot)
    monkeypatch.setattr(app, "notify", lambda message, **kwargs: told.append(message))
    with Store.open(app.db_path) as store:
        app.open_person(store.find_person("anna").id)
    await settle(pilot)
    assert isinstance(app.screen, PersonScreen)


def highlighted(app) -> int | None:  # noqa: ANN001
    return app.screen.query_one("#person-timeline", OptionList).highlighted


async def test_edit_corrects_the_highlighted_note(anna_db: Path, told, monkeypatch) -> None:
    app = make_app(anna_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_anna(app, pilot, told, monkeypatch)
        assert highlighted(app) == 0
        in_footer = {b.description for _, b, enabled, _ in app.screen.active_bindings.values() if b.show and enabled}
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, QuickNoteScreen)
        assert "Edit the note" in screen_text(app)
        assert form.query_one(TextArea).text == OPEN
        assert form.query_one("#note-date", Input).value == "2026-11-21"
        assert form.query_one("#note-channel", ChoiceRow).selected == ("phone",)
        assert not form.query_one("#note-promise-row").display  # promises are kept apart
        await press(pilot, *keys_for(" and the rota"))  # the cursor starts at the end
        await press(pilot, "tab", "i", "tab", "s")  # channel: in person; tags: + success
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, PersonScreen)
        assert f"{OPEN} and the rota" in screen_text(app)
        assert "Sat 21 Nov (2 days ago) · in person · success, rota" in screen_text(app)
        assert told[-1] == "Saved the corrected note about Anna Berg from Sat 21 Nov."
    (note, secret) = stored(anna_db, "anna")
    assert (note.text, note.channel, note.tags, note.date) == (
        f"{OPEN} and the rota", "in_person", ("success", "rota"), date(2026, 11, 21))
    assert secret.text == SECRET
    # the person's own keys are on the help screen (see below): the footer has no room at 80 columns
    assert {"key.edit_note", "key.delete_note"} <= in_footer
    assert not {"key.edit_person", "key.archive"} & in_footer


async def test_edit_moves_a_note_to_the_right_person(anna_db: Path, told, monkeypatch) -> None:
    app = make_app(anna_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_anna(app, pilot, told, monkeypatch)
        await press(pilot, "e")
        person = app.screen.query_one("#note-person", Input)
        person.focus()
        person.value = "bo"
        await press(pilot, "enter", "ctrl+s")
        assert isinstance(app.screen, PersonScreen)
        assert OPEN not in screen_text(app)
        assert told[-1] == "Saved the corrected note about Bo Hansen from Sat 21 Nov."
    assert [n.text for n in stored(anna_db, "bo")] == [OPEN]
    with Store.open(anna_db) as store:
        assert [p.text for p in store.promises(person_id=store.find_person("bo").id)] == ["send the rota"]


async def test_a_masked_note_is_revealed_before_it_can_be_edited(anna_db: Path, told, monkeypatch) -> None:
    app = make_app(anna_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_anna(app, pilot, told, monkeypatch)
        await press(pilot, "down", "e")
        assert isinstance(app.screen, PersonScreen)
        assert SECRET not in screen_text(app)
        assert "press r to reveal it first" in told[-1]
        await press(pilot, "p", "r", "e")  # presentation mode masks it even when revealed
        assert isinstance(app.screen, PersonScreen) and SECRET not in screen_text(app)
        await press(pilot, "p", "e")
        assert isinstance(app.screen, QuickNoteScreen)
        assert app.screen.query_one(TextArea).text == SECRET
        await press(pilot, "escape")  # nothing changed: closes without asking
        assert isinstance(app.screen, PersonScreen)
    assert [n.text for n in stored(anna_db, "anna")] == [OPEN, SECRET]


async def test_esc_after_a_change_asks_and_keeps_the_note(anna_db: Path, told, monkeypatch) -> None:
    app = make_app(anna_db)
    before = dump(anna_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_anna(app, pilot, told, monkeypatch)
        await press(pilot, "e", *keys_for(" typo"), "escape")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Discard your changes? The note stays as it was." in screen_text(app)
        await press(pilot, "y")
        assert isinstance(app.screen, PersonScreen)
    assert dump(anna_db) == before


async def test_a_bad_value_keeps_the_form_and_changes_nothing(anna_db: Path, told, monkeypatch) -> None:
    app = make_app(anna_db)
    before = dump(anna_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_anna(app, pilot, told, monkeypatch)
        await press(pilot, "e")
        app.screen.query_one("#note-date", Input).value = "tomorrow"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, QuickNoteScreen)
        assert "future" in screen_text(app)
    assert dump(anna_db) == before


async def test_delete_asks_then_erases_the_highlighted_note(anna_db: Path, told, monkeypatch) -> None:
    app = make_app(anna_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_anna(app, pilot, told, monkeypatch)
        await press(pilot, "down", "x")
        assert isinstance(app.screen, ConfirmScreen)
        question = screen_text(app)
        assert "Delete the note about Anna Berg from Fri 20 Nov (in person) for good?" in question
        assert SECRET not in question
        await press(pilot, "escape")  # no: nothing happens
        assert len(stored(anna_db, "anna")) == 2
        await press(pilot, "delete", "y")
        assert isinstance(app.screen, PersonScreen)
        assert told[-1] == "Deleted the note about Anna Berg from Fri 20 Nov (in person)."
        assert "Fri 20 Nov" not in screen_text(app)
        assert highlighted(app) == 0  # the highlight stays on a note
        await press(pilot, "x", "y")
        assert "No notes yet" in screen_text(app)
        assert highlighted(app) is None
        await press(pilot, "x", "e")  # nothing left to act on: the keys rest
        assert isinstance(app.screen, PersonScreen)
    assert stored(anna_db, "anna") == []
    with Store.open(anna_db) as store:
        assert store.search_notes("divorce") == [] and store.search_notes("ovens") == []
    assert not [p.name for p in anna_db.parent.iterdir() if p.is_file() and b"divorce" in p.read_bytes()]


async def test_help_lists_the_note_and_person_keys(anna_db: Path, told, monkeypatch) -> None:
    app = make_app(anna_db, lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_anna(app, pilot, told, monkeypatch)
        await press(pilot, "question_mark")
        shown = screen_text(app)
        for key, label in (("e", "Ret note"), ("x", "Slet note"), ("del", "Slet note"),
                           ("E", "Ret medarbejder"), ("X", "Arkivér")):
            assert f"{key:>8}  {label}" in shown, key


async def test_a_long_timeline_fills_in_after_the_first_frame_and_keeps_a_far_highlight(
    db_path: Path, told, monkeypatch
) -> None:
    from naervaer.tui.screens.person import FIRST_PAINT, TIMELINE_LIMIT

    with Store.open(db_path, clock=lambda: TODAY) as store:
        anna = store.add_person("Anna Berg")
        for i in range(TIMELINE_LIMIT + 5):
            store.add_note(anna.id, date(2026, 1, 1) + (TODAY - date(2026, 1, 1)) * i // (TIMELINE_LIMIT + 5),
                           "phone", f"note number {i}", ())
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_anna(app, pilot, told, monkeypatch)
        timeline = app.screen.query_one("#person-timeline", OptionList)
        assert timeline.option_count == TIMELINE_LIMIT  # the rest joined after the first frame
        far = FIRST_PAINT + 10
        timeline.highlighted = far
        note = app.screen.notes[far]
        app.data_changed()  # a write elsewhere: the screen reloads
        await settle(pilot)
        assert app.screen.notes[highlighted(app)].id == note.id
        assert timeline.option_count == TIMELINE_LIMIT


def move_the_newest_to_bo(db: Path) -> tuple[int, Note]:
    """Behind the app's back (another window, the CLI): Anna's newest note is moved to Bo and
    rewritten. Returns (its id, the note as now stored)."""
    with Store.open(db, clock=lambda: TODAY) as other:
        newest = other.notes(person_id=other.find_person("anna").id)[0]
        bos = other.update_note(newest.id, person_id=other.find_person("bo").id, text="Bo's own note")
    return newest.id, bos


async def test_saving_an_edit_of_a_note_changed_elsewhere_is_refused(anna_db: Path, told, monkeypatch) -> None:
    app = make_app(anna_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_anna(app, pilot, told, monkeypatch)
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, QuickNoteScreen)
        await press(pilot, *keys_for(" and the rota"))
        note_id, bos = move_the_newest_to_bo(anna_db)
        before = dump(anna_db)
        await press(pilot, "ctrl+s")
        assert app.screen is form  # the form stays, with what was typed
        assert f"Note #{note_id} was changed or deleted elsewhere since you opened it; nothing was saved." \
            in screen_text(app)
        assert form.query_one(TextArea).text == f"{OPEN} and the rota"
    assert dump(anna_db) == before
    assert stored(anna_db, "bo") == [bos]


async def test_deleting_a_note_changed_elsewhere_is_refused(anna_db: Path, told, monkeypatch) -> None:
    app = make_app(anna_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_anna(app, pilot, told, monkeypatch)
        await press(pilot, "x")
        assert isinstance(app.screen, ConfirmScreen)
        note_id, bos = move_the_newest_to_bo(anna_db)
        before = dump(anna_db)
        await press(pilot, "y")
        assert isinstance(app.screen, PersonScreen)
        assert told[-1] == f"Note #{note_id} was changed or deleted elsewhere since you opened it; nothing was saved."
        assert OPEN not in screen_text(app)  # the timeline now shows what is stored
    assert dump(anna_db) == before
    assert stored(anna_db, "bo") == [bos]
