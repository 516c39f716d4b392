"""Import people in the app: the welcome screen's Import and the palette, the preview, the import.

Driven with keys on an empty database and on a small team; checked on what the screen says
and on what was stored. Snapshots of the screen with a preview, at 80×24, in both languages.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import dump
from textual.widgets import DataTable, Input
from tui_support import TODAY, make_app, press, screen_text, settle

from naervaer.storage.store import Store
from naervaer.tui.screens.import_people import ImportScreen
from naervaer.tui.screens.welcome import WelcomeScreen

HR = (
    "\ufeffFornavn;Efternavn;Arbejdssted;Stilling;Fødselsdato;Løntrin\r\n"
    "Søren;Ålund;Køkken Nord;Kok;03-11-1979;4\r\n"
    "Anna;Berg;Køkken Syd;Portør;24.12.1980;\r\n"
    "Bo;[bold]Holm[/];Køkken Syd;=HYPERLINK(1);;\r\n"
)
BAD = HR.replace("24.12.1980", "31.02.1980")


def write(folder: Path, name: str, text: str) -> str:
    (folder / name).write_text(text, encoding="utf-8")
    return name


async def type_path(pilot, path: str) -> None:  # noqa: ANN001 - the Pilot
    field = pilot.app.screen.query_one("#import-path", Input)
    field.value = path
    await press(pilot, "enter")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The files are typed as relative paths, as a user in that folder would."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


async def test_welcome_import_previews_then_imports_and_opens_the_team(db_path: Path, here: Path) -> None:
    write(here, "hr.csv", HR)
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await press(pilot, "i")
        assert isinstance(app.screen, ImportScreen)
        await type_path(pilot, "hr.csv")
        shown = screen_text(app)
        assert "Søren Ålund" in shown and "[bold]Holm[/]" in shown and shown.count("new") >= 3
        assert "Preview: 3 new, 0 to update, 0 unchanged." in shown
        assert "Not read: Løntrin." in shown
        with Store.open(db_path) as store:
            assert store.people() == []  # a preview stores nothing
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, (ImportScreen, WelcomeScreen))
        assert any("Imported: 3 new" in n.message for n in app._notifications)
    with Store.open(db_path) as store:
        people = {p.name: p for p in store.people()}
    assert set(people) == {"Søren Ålund", "Anna Berg", "Bo [bold]Holm[/]"}
    assert people["Bo [bold]Holm[/]"].role == "=HYPERLINK(1)"


async def test_a_bad_row_is_shown_with_its_line_and_column_and_nothing_is_imported(db_path: Path, here: Path) -> None:
    write(here, "bad.csv", BAD)
    with Store.open(db_path, clock=lambda: TODAY) as store:
        store.add_person("Kim Holm")
    before = dump(db_path)
    app = make_app(db_path, lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_import_people()
        await settle(pilot)
        await type_path(pilot, "bad.csv")
        shown = screen_text(app)
        assert "Linje 3, kolonnen “Fødselsdato”: “31.02.1980”" in shown
        assert "fejl" in text_of_table(app)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ImportScreen)
        assert "Intet kan importeres" in screen_text(app)
    assert dump(db_path) == before


async def test_update_ticked_updates_the_one_who_differs(db_path: Path, here: Path) -> None:
    write(here, "hr.csv", HR)
    with Store.open(db_path, clock=lambda: TODAY) as store:
        store.add_person("Søren Ålund", site="Køkken Øst")
        store.add_person("Soren Berg")
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_import_people()
        await settle(pilot)
        await type_path(pilot, "hr.csv")
        assert "differs (tick Update)" in text_of_table(app)
        assert "tick Update to update them" in screen_text(app)
        await press(pilot, "tab", "space")  # the Update box
        assert "would update | Søren Ålund | site, role, birthday" in text_of_table(app)
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, ImportScreen)
    with Store.open(db_path) as store:
        assert store.find_person_exactly("Søren Ålund").site == "Køkken Nord"


async def test_a_missing_file_says_so_beside_the_field(db_path: Path, here: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_import_people()
        await settle(pilot)
        await type_path(pilot, "nowhere.csv")
        assert "Cannot read nowhere.csv" in screen_text(app)
        await press(pilot, "ctrl+s")
        assert "Press enter in the file field" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, WelcomeScreen)


async def test_the_palette_offers_import(db_path: Path) -> None:
    with Store.open(db_path, clock=lambda: TODAY) as store:
        store.add_person("Anna Berg")
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p", *"import")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        assert isinstance(app.screen, ImportScreen)


def text_of_table(app) -> str:  # noqa: ANN001 - the app under test
    table = app.screen.query_one(DataTable)
    return "\n".join(" | ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count))


@pytest.mark.parametrize("lang", ["en", "da"])
def test_snapshot_preview(snap_compare, db_path: Path, here: Path, lang: str) -> None:
    write(here, "hr.csv", BAD.replace("Anna", "Åse"))
    with Store.open(db_path, clock=lambda: TODAY) as store:
        store.add_person("Søren Ålund", site="Køkken Nord")

    async def run_before(pilot) -> None:  # noqa: ANN001 - the Pilot
        await settle(pilot)
        pilot.app.action_import_people()
        await settle(pilot)
        await type_path(pilot, "hr.csv")
        pilot.app.screen.query_one(Input).cursor_blink = False
        pilot.app.animation_level = "none"
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app(db_path, lang=lang), terminal_size=(80, 24), run_before=run_before)
