"""What a leader found trying the app in tmux, in Danish, at 80x24 (issue 13, what was left).

Each test drives the app with keys and asserts on what the leader sees (and, where
something is stored, on what was stored), in both languages where words are involved.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Button, Static, TextArea
from tui_support import TODAY, keys_for, make_app, press, settle

from naervaer.storage.store import Store
from naervaer.tui.screens.confirm import ConfirmScreen
from naervaer.tui.screens.quick_note import QuickNoteScreen
from naervaer.tui.widgets.choices import ChoiceRow


@pytest.fixture
def team_db(db_path: Path) -> Path:
    with Store.open(db_path, clock=lambda: TODAY) as store:
        anna = store.add_person("Anna Berg", site="Nord", prefers="message")
        store.add_person("Bo Holm", site="Syd")
        store.add_note(anna.id, date(2026, 11, 2), "in_person", "Talte om vagtplanen")
    return db_path


# -- 1: letters typed after tab on a row of choices ------------------------------------------


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_letters_typed_on_the_channel_row_go_into_the_note_and_change_nothing(team_db: Path, lang: str) -> None:
    app = make_app(team_db, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n", *keys_for("anna"), "enter", *keys_for("Talte om "), "tab")
        form = app.screen
        assert isinstance(form, QuickNoteScreen)
        channel = form.query_one("#note-channel", ChoiceRow)
        assert channel.has_focus
        # the row says which keys do what while it has focus
        keys_line = {"da": "Bogstavet foran vælger kanalen", "en": "The letter in front chooses the channel"}[lang]
        assert keys_line in str(channel.render())
        # "mit og ferien": m, i and t are channel letters; the space shows it was writing
        await press(pilot, *keys_for("mit og ferien"))
        assert channel.selected == ("message",)  # Anna's preferred channel, as before the tab
        text = form.query_one("#note-text", TextArea)
        assert text.has_focus and text.text == "Talte om mit og ferien"
        hint = str(form.query_one("#note-channel-hint", Static).visual)
        assert {"da": "som Anna Berg foretrækker", "en": "Anna Berg prefers"}[lang] in hint
        await press(pilot, "ctrl+s")
    with Store.open(team_db, clock=lambda: TODAY) as store:
        note = store.notes(person_id=store.find_person("Anna Berg").id)[0]
    assert (note.text, note.channel, note.tags) == ("Talte om mit og ferien", "message", ())


async def test_a_stray_letter_on_the_tags_row_takes_back_the_ticks_it_made(team_db: Path) -> None:
    app = make_app(team_db, lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n", *keys_for("anna"), "enter", *keys_for("Kort "), "tab", "tab")
        tags = app.screen.query_one("#note-tags", ChoiceRow)
        assert tags.has_focus
        await press(pilot, *keys_for("snak"))  # s success, n: not a tag letter
        assert tags.selected == ()
        assert app.screen.query_one("#note-text", TextArea).text == "Kort snak"


async def test_chosen_letters_still_choose(team_db: Path) -> None:
    app = make_app(team_db, lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n", *keys_for("anna"), "enter", *keys_for("Mødtes"), "tab", "i", "tab", "s", "f")
        form = app.screen
        assert form.query_one("#note-channel", ChoiceRow).selected == ("in_person",)
        assert form.query_one("#note-tags", ChoiceRow).selected == ("success", "fire")
        assert "Bogstavet foran sætter eller fjerner" in str(form.query_one("#note-tags", ChoiceRow).render())
        assert "Bogstavet foran" not in str(form.query_one("#note-channel", ChoiceRow).render())  # not focused


# -- 3: yes/no questions show their keys, and buttons say what they do --------------------------


def buttons(app) -> list[str]:  # noqa: ANN001 - the app under test
    return [str(b.label) for b in app.screen.query(Button)]


@pytest.mark.parametrize(("lang", "yes", "shown"), [
    ("da", "j", ["j  Arkivér", "n  Annullér"]),
    ("en", "y", ["y  Archive", "n  Cancel"]),
])
async def test_confirmations_show_their_keys(team_db: Path, lang: str, yes: str, shown: list[str]) -> None:
    app = make_app(team_db, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        with Store.open(team_db) as store:
            bo = store.find_person("Bo Holm").id
        app.open_person(bo)
        await press(pilot, "X")
        assert isinstance(app.screen, ConfirmScreen)
        assert buttons(app) == shown
        await press(pilot, yes)
        with Store.open(team_db) as store:
            assert store.person(bo).archived
        app.open_person(bo)
        await press(pilot, "X")
        # bringing someone back: the other button does not say "Behold"/"Keep" (keep what?)
        labels = buttons(app)
        assert labels[0] == {"da": "j  Genaktivér", "en": "y  Bring back"}[lang]
        assert labels[1] == {"da": "n  Annullér", "en": "n  Cancel"}[lang]
        await press(pilot, "n")
        with Store.open(team_db) as store:
            assert store.person(bo).archived


@pytest.mark.parametrize(("lang", "shown"), [("da", ["j  Kassér", "n  Skriv videre"]),
                                             ("en", ["y  Discard", "n  Keep writing"])])
async def test_the_discard_question_shows_its_keys(team_db: Path, lang: str, shown: list[str]) -> None:
    app = make_app(team_db, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n", *keys_for("anna"), "enter", "x", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        assert buttons(app) == shown
