"""The whole practice in the app (issue 13): people, dates, leave, promises kept, month sign-off.

Each flow is driven with keys on a small team and checked on what the screen says and on
what was stored. Every form goes through a refused save: the reason shows beside the
field, in the user's language, what was typed stays, and nothing is stored.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import dump
from textual.widgets import DataTable, Input, OptionList, Static
from tui_support import TODAY, make_app, press, screen_text, settle

from naervaer.content.facts import Birthday
from naervaer.storage.store import Store
from naervaer.tui.screens.confirm import AskScreen, ConfirmScreen
from naervaer.tui.screens.dates_form import AwayFormScreen, DateFormScreen
from naervaer.tui.screens.person import PersonScreen
from naervaer.tui.screens.person_form import PersonFormScreen
from naervaer.tui.screens.person_items import PersonItemsScreen
from naervaer.tui.screens.quick_note import QuickNoteScreen
from naervaer.tui.screens.team import TeamScreen
from naervaer.tui.screens.visit import hanging

LONG_NAME = "Annemarie Christiansen-Vestergaard Kristoffersen"


@pytest.fixture
def team_db(db_path: Path) -> Path:
    with Store.open(db_path, clock=lambda: TODAY) as store:
        anna = store.add_person("Anna Berg", site="Nord", prefers="message")
        store.add_person("Bo Holm", site="Syd")
        store.add_person(LONG_NAME, site="Nord")
        store.add_note(anna.id, date(2026, 11, 2), "in_person", "Talte om vagtplanen")
        store.add_promise(anna.id, "Sende vagtplanen", TODAY)
    return db_path


def person_id(db: Path, name: str) -> int:
    with Store.open(db) as store:
        return store.find_person(name, include_archived=True).id


def error_line(app, field: str) -> str:  # noqa: ANN001 - the app under test
    line = app.screen.query_one(f"#form-{field}-error", Static)
    return str(line.visual) if line.display else ""


def told(app, monkeypatch: pytest.MonkeyPatch) -> list[str]:  # noqa: ANN001
    said: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **kwargs: said.append(message))
    return said


# -- item 1: people ------------------------------------------------------------------------


async def test_a_on_team_adds_a_person_with_every_field(team_db: Path) -> None:
    app = make_app(team_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "a")
        form = app.screen
        assert isinstance(form, PersonFormScreen)
        shown = screen_text(app)
        for label in ("Name", "Site", "Team", "Role", "Preferred channel", "Birthday", "Start date",
                      "In person at least every", "Some contact at least every"):
            assert label in str([str(w.visual) for w in form.query("Label")]), label
        values = {"name": "Cecilie Dahl", "site": "Øst", "team": "Køkken", "role": "Kok",
                  "birthday": "24/12", "started": "1/3/2020", "in_person_days": "21", "contact_days": "7"}
        for field, value in values.items():
            form.query_one(f"#form-{field}", Input).value = value
        form.query_one("#form-prefers").focus()
        await press(pilot, "v", "ctrl+s")
        assert isinstance(app.screen, TeamScreen)
        assert "Cecilie Dahl" in screen_text(app)
    assert shown
    with Store.open(team_db) as store:
        added = store.find_person("Cecilie")
    assert (added.site, added.team, added.role, added.prefers) == ("Øst", "Køkken", "Kok", "video")
    assert added.birthday == Birthday(24, 12, None) and added.started == date(2020, 3, 1)
    assert (added.in_person_days, added.contact_days) == (21, 7)


async def test_the_palette_offers_to_add_a_person_and_the_archived(team_db: Path) -> None:
    from naervaer.tui.commands import NaervaerCommands

    app = make_app(team_db, lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        provider = NaervaerCommands(app.screen)
        texts = [text for text, _, _ in provider._fixed()]
        assert "Tilføj medarbejder" in texts and "Vis arkiverede medarbejdere" in texts


@pytest.mark.parametrize(
    ("lang", "field", "typed", "expected"),
    [
        ("en", "name", "anna berg", "already an active person called Anna Berg"),
        ("da", "name", "anna berg", "Der er allerede"),
        ("en", "name", "   ", "A name cannot be empty"),
        ("en", "in_person_days", "abc", "whole number of days from 1 to 3650, not “abc”"),
        ("da", "contact_days", "0", "helt antal dage fra 1 til 3650"),
        ("en", "started", "32/13", "“32/13”"),
        ("da", "birthday", "31/2", "“31/2”"),
    ],
)
async def test_every_refused_person_save_says_why_beside_the_field(
    team_db: Path, lang: str, field: str, typed: str, expected: str
) -> None:
    before = dump(team_db)
    app = make_app(team_db, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "a")
        form = app.screen
        form.query_one("#form-name", Input).value = "Dorte Ny"
        form.query_one("#form-site", Input).value = "Vest"
        form.query_one(f"#form-{field}", Input).value = typed
        await press(pilot, "ctrl+s")
        assert app.screen is form  # still open
        assert expected in error_line(app, field)
        others = [f for f in ("name", "site", "birthday", "started", "in_person_days", "contact_days") if f != field]
        assert all(error_line(app, f) == "" for f in others)
        assert form.query_one(f"#form-{field}", Input).value == typed  # what was typed stays
        assert form.query_one("#form-site", Input).value == "Vest"
    assert dump(team_db) == before


async def test_a_refused_edit_says_why_and_keeps_the_rest(team_db: Path) -> None:
    before = dump(team_db)
    app = make_app(team_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_person(person_id(team_db, "Bo Holm"))
        await press(pilot, "E")
        app.screen.query_one("#form-name", Input).value = "Anna Berg"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, PersonFormScreen)
        assert "already an active person" in error_line(app, "name")
    assert dump(team_db) == before


async def test_archive_and_bring_back_from_the_app(team_db: Path) -> None:
    bo = person_id(team_db, "Bo Holm")
    app = make_app(team_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_person(bo)
        await press(pilot, "X")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        with Store.open(team_db) as store:
            assert store.person(bo).archived
        app.show_archived()
        await settle(pilot)
        team = app.screen
        assert isinstance(team, TeamScreen) and team.archived
        assert "Bo Holm" in screen_text(app) and "Anna Berg" not in text_of_table(team)
        await press(pilot, "enter")
        assert isinstance(app.screen, PersonScreen) and "Archived" in screen_text(app)
        await press(pilot, "X")
        assert "Bring Bo Holm back" in str(app.screen.query_one("#confirm-question", Static).visual)
        await press(pilot, "y")
        with Store.open(team_db) as store:
            assert not store.person(bo).archived


def text_of_table(team: TeamScreen) -> str:
    table = team.query_one(DataTable)
    return "\n".join(str(table.get_row_at(i)[0]) for i in range(table.row_count))


# -- item 1: personal dates and leave -----------------------------------------------------------


async def test_personal_dates_and_leave_are_added_corrected_and_deleted_on_the_person_screen(team_db: Path) -> None:
    bo = person_id(team_db, "Bo Holm")
    app = make_app(team_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_person(bo)
        await press(pilot, "D")
        assert isinstance(app.screen, PersonItemsScreen)
        await press(pilot, "a")
        assert isinstance(app.screen, DateFormScreen)
        app.screen.query_one("#form-day", Input).value = "3/12/2026"
        app.screen.query_one("#form-label", Input).value = "Bryllup"
        await press(pilot, "ctrl+s", "l")
        assert isinstance(app.screen, AwayFormScreen)
        app.screen.query_one("#form-start", Input).value = "1/12"
        app.screen.query_one("#form-end", Input).value = "15/3"
        app.screen.query_one("#form-label", Input).value = "Barsel"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, PersonItemsScreen)
        with Store.open(team_db) as store:
            (wedding,) = store.personal_dates(bo)
            (leave,) = store.away_periods(bo)
        assert (wedding.date, wedding.label) == (date(2026, 12, 3), "Bryllup")
        assert (leave.start, leave.end, leave.label) == (date(2026, 12, 1), date(2027, 3, 15), "Barsel")
        listing = app.screen.query_one(OptionList)
        listing.highlighted = listing.get_option_index(f"date-{wedding.id}")
        await press(pilot, "e")
        app.screen.query_one("#form-label", Input).value = "Sølvbryllup"
        await press(pilot, "ctrl+s")
        listing = app.screen.query_one(OptionList)
        listing.highlighted = listing.get_option_index(f"away-{leave.id}")
        await press(pilot, "x")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y", "escape")
        assert isinstance(app.screen, PersonScreen)
        shown = screen_text(app)
        assert "Sølvbryllup" in shown and "Barsel" not in shown
    with Store.open(team_db) as store:
        assert [d.label for d in store.personal_dates(bo)] == ["Sølvbryllup"]
        assert store.away_periods(bo) == []


@pytest.mark.parametrize("lang", ["en", "da"])
async def test_refused_date_and_leave_saves_say_why_beside_the_field(team_db: Path, lang: str) -> None:
    bo = person_id(team_db, "Bo Holm")
    with Store.open(team_db, clock=lambda: TODAY) as store:
        store.start_away(bo, date(2027, 1, 10), date(2027, 1, 20), "Ferie")
    before = dump(team_db)
    app = make_app(team_db, lang=lang)
    expected = {"en": ("cannot be empty", "“40/40”", "overlapping", "cannot end"),
                "da": ("kan ikke være tom", "“40/40”", "", "")}[lang]
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_person(bo)
        await press(pilot, "D", "a")
        app.screen.query_one("#form-day", Input).value = "40/40"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, DateFormScreen)
        assert expected[0] in error_line(app, "label") and expected[1] in error_line(app, "day")
        assert app.screen.query_one("#form-day", Input).value == "40/40"
        app.screen.dismiss(None)
        await press(pilot, "l")
        form = app.screen
        form.query_one("#form-start", Input).value = "2027-01-15"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, AwayFormScreen)
        assert error_line(app, "start") and expected[2] in error_line(app, "start")
        form.query_one("#form-start", Input).value = "2027-02-10"
        form.query_one("#form-end", Input).value = "2027-02-01"
        await press(pilot, "ctrl+s")
        assert error_line(app, "end") and expected[3] in error_line(app, "end")
        assert form.query_one("#form-end", Input).value == "2027-02-01"
    assert dump(team_db) == before


# -- item 2: promises kept -------------------------------------------------------------------


async def test_d_on_a_promise_prompt_asks_kept_or_hide(team_db: Path) -> None:
    app = make_app(team_db, lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        prompts = app.screen.prompts
        index = next(i for i, p in enumerate(prompts) if p.kind == "promise_due")
        app.screen.query_one(OptionList).highlighted = index
        await press(pilot, "d")
        assert isinstance(app.screen, AskScreen)
        assert "Holdt – eller bare skjul indtil videre?" in screen_text(app)
        await press(pilot, "h")  # holdt
        assert all(p.kind != "promise_due" for p in app.screen.prompts)
    with Store.open(team_db) as store:
        (promise,) = store.promises()
        assert promise.done == TODAY
        assert store.query("SELECT count(*) FROM prompt_state")[0][0] == 0


async def test_hide_for_now_leaves_the_promise_open(team_db: Path) -> None:
    app = make_app(team_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        index = next(i for i, p in enumerate(app.screen.prompts) if p.kind == "promise_due")
        app.screen.query_one(OptionList).highlighted = index
        await press(pilot, "d", "h")
        # the notice must not read as handled: the review saw "Marked as done." here
        notices = [n.message for n in app._notifications]
        assert notices[-1] == "Hidden for now; the promise is still open."
    with Store.open(team_db) as store:
        (promise,) = store.promises()
        assert promise.done is None
        assert store.query("SELECT state FROM prompt_state")[0][0] == "done"


async def test_a_promise_is_kept_from_the_person_screen_and_shows_on_the_timeline(team_db: Path) -> None:
    app = make_app(team_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_person(person_id(team_db, "Anna"))
        await settle(pilot)
        assert "Sende vagtplanen" in screen_text(app)  # listed among the open promises
        await press(pilot, "k")
        assert isinstance(app.screen, PersonItemsScreen)
        await press(pilot, "k", "escape")
        assert isinstance(app.screen, PersonScreen)
        timeline = text_of_options(app.screen.query_one("#person-timeline", OptionList))
        assert "Kept: Sende vagtplanen" in timeline
    with Store.open(team_db) as store:
        assert store.promises()[0].done == TODAY


def text_of_options(options: OptionList) -> str:
    return "\n".join(str(options.get_option_at_index(i).prompt) for i in range(options.option_count))


async def test_the_quick_note_keeps_a_promise_with_the_note(team_db: Path) -> None:
    app = make_app(team_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_quick_note(person_id(team_db, "Anna"))
        await settle(pilot)
        form = app.screen
        assert isinstance(form, QuickNoteScreen)
        assert form.query_one("#note-kept-row").display
        assert "Sende vagtplanen" in str(form.query_one("#note-kept").render())
        await press(pilot, *"Sendt")
        form.query_one("#note-kept").focus()
        await press(pilot, "1", "ctrl+s")
    with Store.open(team_db) as store:
        (promise,) = store.promises()
        note = store.notes(limit=1)[0]
    assert promise.done == TODAY and note.text == "Sendt"


# -- item 5: the channel follows the person -----------------------------------------------------


async def test_the_quick_note_defaults_to_the_preferred_channel_and_says_so(team_db: Path) -> None:
    app = make_app(team_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n", *"ann", "enter")
        hint = str(app.screen.query_one("#note-channel-hint", Static).visual)
        assert "message, the way Anna Berg prefers" in hint
        await press(pilot, *"Skrev", "ctrl+s")
        await press(pilot, "n", *"bo", "enter", *"Hej", "ctrl+s")
    with Store.open(team_db) as store:
        channels = {store.person(n.person_id).name: n.channel for n in store.notes(since=TODAY)}
    assert channels == {"Anna Berg": "message", "Bo Holm": "in_person"}


# -- item 6: month sign-off ---------------------------------------------------------------------


async def test_month_sign_off_asks_can_be_undone_and_refuses_an_unended_month(
    team_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(team_db)
    said = told(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "3", "o")
        assert not isinstance(app.screen, ConfirmScreen)
        assert any("has not ended yet" in s for s in said)
        await press(pilot, "left_square_bracket", "o")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        with Store.open(team_db) as store:
            assert store.query("SELECT month FROM month_signoff") == [("2026-10",)]
        await press(pilot, "u")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
    with Store.open(team_db) as store:
        assert store.query("SELECT month FROM month_signoff") == []


async def test_month_sign_off_names_the_month_in_words_in_danish(
    team_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The review saw "Godkend 2026-11?", "2026-11 er godkendt." and "Godkendt den tirs. 1. dec.."."""
    app = make_app(team_db, lang="da")
    said = told(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "3", "left_square_bracket", "o")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Godkend oktober 2026?" in screen_text(app)
        await press(pilot, "j")
        await settle(pilot)
        assert "oktober 2026 er godkendt." in said
        progress = str(app.screen.query_one("#month-progress", Static).render())
        assert ".." not in progress and "2026-" not in progress
        await press(pilot, "u")
        assert "oktober 2026" in screen_text(app)


def test_a_past_month_counts_only_people_known_then(db_path: Path) -> None:
    from naervaer.storage.views import month_checklist

    with Store.open(db_path, clock=lambda: date(2026, 9, 15)) as store:
        store.add_person("Early Bird")
    with Store.open(db_path, clock=lambda: TODAY) as store:
        store.add_person("New Starter")
        september = month_checklist(store, 2026, 9, TODAY)
        november = month_checklist(store, 2026, 11, TODAY)
    assert september.total == 1 and november.total == 2


# -- item 7: Team, Person, visit ------------------------------------------------------------------


@pytest.mark.parametrize("width", [80, 200])
async def test_team_shows_the_columns_that_matter_and_cuts_long_names(team_db: Path, width: int) -> None:
    app = make_app(team_db, lang="da")
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        table = app.screen.query_one(DataTable)
        keys = [c.key.value for c in table.ordered_columns]
        assert keys[:3] == ["name", "in_person", "contact"]
        first_three = sum(c.get_render_width(table) for c in table.ordered_columns[:3])
        assert first_three <= width - 2
        names = text_of_table(app.screen)
        assert LONG_NAME not in names and "Annemarie" in names and "…" in names


async def test_after_filtering_the_cursor_is_on_the_first_match(team_db: Path) -> None:
    app = make_app(team_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=2)
        await press(pilot, "f", *"nord")
        assert table.cursor_row == 0 and table.row_count == 2


async def test_a_note_added_on_the_person_screen_is_highlighted(team_db: Path) -> None:
    app = make_app(team_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_person(person_id(team_db, "Anna"))
        await settle(pilot)
        await press(pilot, "a", *"Ringede", "ctrl+s")
        await settle(pilot)
        note = app.screen.highlighted_note()
        assert note is not None and note.text == "Ringede" and note.date == TODAY


def test_the_visit_briefing_wraps_the_last_note_with_a_hanging_indent() -> None:
    head = "  last note 2026-11-02: "
    wrapped = hanging(head, "word " * 40, 60).splitlines()
    assert len(wrapped) == 3 and all(len(line) <= 60 for line in wrapped)
    assert all(line.startswith(" " * len(head)) for line in wrapped[1:])
    assert wrapped[-1].endswith("…")
    wide = hanging(head, "word " * 40, 200).splitlines()
    assert len(wide) == 2


# -- item 8: the demo is marked, the newcomer is told how to start ------------------------------------


async def test_the_header_says_when_the_demo_is_open(team_db: Path) -> None:
    app = make_app(team_db, lang="da", demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Demoteam: opdigtede medarbejdere" in app.screen.sub_title
        await press(pilot, "2")
        assert "Demoteam" in app.screen.sub_title
    plain = make_app(team_db)
    async with plain.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Demo" not in plain.screen.sub_title


async def test_the_welcome_screen_says_how_to_start_with_your_own_team(db_path: Path) -> None:
    app = make_app(db_path, lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Sådan starter du med dit eget team" in screen_text(app)


@pytest.mark.parametrize(("lang", "expected"), [("en", "almost a year ago"), ("da", "næsten et år siden")])
async def test_the_quick_note_refuses_a_yearless_date_a_year_back_beside_the_field(
    team_db: Path, lang: str, expected: str
) -> None:
    before = dump(team_db)
    app = make_app(team_db, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_quick_note(person_id(team_db, "Bo"))
        await settle(pilot)
        await press(pilot, *"Snak")
        app.screen.query_one("#note-date", Input).value = "24/11"  # typed on 23 November
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, QuickNoteScreen)
        line = app.screen.query_one("#note-date-error", Static)
        assert line.display and expected in str(line.visual) and "2025-11-24" in str(line.visual)
        assert app.screen.query_one("#note-date", Input).value == "24/11"
    assert dump(team_db) == before


async def test_the_month_cuts_long_names_with_an_ellipsis(team_db: Path) -> None:
    app = make_app(team_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        shown = screen_text(app)
        assert LONG_NAME not in shown and "Annemarie Christianse…" in shown
