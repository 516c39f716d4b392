"""Pilot tests of the Sites mode and the team meeting form at 80×24, in both languages: what
the user sees, and what a saved meeting stores (and how the screens reflect it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, SelectionList
from tui_support import TODAY, demo_database, keys_for, make_app, press, screen_text, settle

from naervaer.storage.store import Store
from naervaer.tui.screens.meeting_form import MeetingFormScreen
from naervaer.tui.screens.sites import SitesScreen
from naervaer.tui.screens.visit import VisitScreen

WORDS = {
    "en": ("Sites on", "has had", "low", "Local helper", "Record a team meeting", "Team meeting at",
           "Last team meetings:"),
    "da": ("Arbejdssteder", "har haft", "lav", "Lokal tovholder", "Notér et personalemøde", "Personalemøde på",
           "Sidste personalemøder:"),
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("sites")
    return {lang: demo_database(base / f"{lang}.db", lang) for lang in WORDS}


def copy_of(template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo.db"
    with Store.open(template) as source:
        source.conn.execute("VACUUM INTO ?", [str(copy)])
    return copy


@pytest.mark.parametrize("lang", list(WORDS))
async def test_sites_mode_shows_every_site_least_seen_first(template, tmp_path: Path, lang: str) -> None:
    app = make_app(copy_of(template[lang], tmp_path), lang=lang)
    title, compare, low, helper, *_ = WORDS[lang]
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "4")
        assert isinstance(app.screen, SitesScreen)
        shown = screen_text(app)
        assert title in shown and compare in shown and low in shown
        table = app.screen.query_one(DataTable)
        assert table.row_count == 8
        view = app.screen.view
        assert view is not None and [r.share_three for r in view.rows] == sorted(r.share_three for r in view.rows)
        assert view.sentence.startswith(view.rows[0].name)
        # the table fits 80 columns: no horizontal scrolling
        assert table.virtual_size.width <= 80
        # moving to the site with a helper on the team shows them below the table
        row = next(i for i, r in enumerate(view.rows) if r.helper)
        table.move_cursor(row=row)
        await settle(pilot)
        assert helper in screen_text(app) and view.rows[row].helper in screen_text(app)
        await press(pilot, "v")
        assert isinstance(app.screen, VisitScreen)


@pytest.mark.parametrize("lang", list(WORDS))
async def test_recording_a_meeting_stores_it_and_counts_them_as_seen(template, tmp_path: Path, lang: str) -> None:
    db = copy_of(template[lang], tmp_path)
    app = make_app(db, lang=lang)
    *_, form_title, saved, last = WORDS[lang]
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "4")
        site = app.screen.view.rows[0].name
        await press(pilot, "a")
        assert isinstance(app.screen, MeetingFormScreen)
        assert form_title in screen_text(app)
        people = app.screen.query_one(SelectionList)
        first_two = [people.get_option_at_index(i).value for i in range(2)]
        with Store.open(db) as store:
            assert all(store.person(pid).site == site for pid in first_two)  # that site's people first
        await press(pilot, "space", "down", "space")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, SitesScreen)
        assert any(saved in n.message for n in app._notifications)
        await press(pilot, "3")
        assert last in screen_text(app) and site in screen_text(app)
    with Store.open(db) as store:
        held = store.query("SELECT id, date, site FROM meetings ORDER BY id DESC LIMIT 1")[0]
        assert held[1:] == (TODAY.isoformat(), site)
        came = [r[0] for r in store.query("SELECT person_id FROM meeting_people WHERE meeting_id = ?", [held[0]])]
        assert sorted(came) == sorted(first_two)


async def test_the_form_refuses_a_future_day_beside_the_field(template, tmp_path: Path) -> None:
    db = copy_of(template["en"], tmp_path)
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "4", "a")
        field = app.screen.query_one("#meeting-date", Input)
        field.value = ""
        field.focus()
        await press(pilot, *keys_for("+3d"), "ctrl+s")
        assert isinstance(app.screen, MeetingFormScreen)
        error = app.screen.query_one("#meeting-date-error")
        assert error.display and str(error.visual)
        await press(pilot, "escape")
    with Store.open(db) as store:
        assert store.query("SELECT count(*) FROM meetings")[0][0] == 3  # the demo's own


async def test_palette_lists_recording_a_meeting(template, tmp_path: Path) -> None:
    app = make_app(copy_of(template["en"], tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p", *keys_for("record a team"))
        await pilot.pause(0.5)
        await press(pilot, "enter")
        assert isinstance(app.screen, MeetingFormScreen)


async def test_enter_on_the_meeting_prompt_opens_the_form_at_the_site_whose_turn_it_is(template, tmp_path: Path) -> None:
    from textual.widgets import OptionList, Select

    app = make_app(copy_of(template["en"], tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "m")
        screen = app.screen
        prompt = next(p for p in screen.prompts if p.kind == "meeting_due")
        screen.query_one(OptionList).highlighted = next(
            i for i, row in enumerate(screen.rows) if getattr(row, "id", None) == prompt.id)
        await press(pilot, "enter")
        assert isinstance(app.screen, MeetingFormScreen)
        assert app.screen.query_one(Select).value == prompt.site == "Care Home Lindely"


async def test_esc_asks_before_discarding_ticked_people(template, tmp_path: Path) -> None:
    from naervaer.tui.screens.confirm import ConfirmScreen

    db = copy_of(template["en"], tmp_path)
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "4", "a", "escape")
        assert isinstance(app.screen, SitesScreen)  # nothing typed: closes at once
        await press(pilot, "a", "space", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, MeetingFormScreen)  # kept, with the tick
        assert app.screen.query_one(SelectionList).selected
    with Store.open(db) as store:
        assert store.query("SELECT count(*) FROM meetings")[0][0] == 3


SITE_FORM = {  # the form's title word, the saved message, the detail line's change words
    "en": ("Site:", "is saved", "in change until", "Give the first day of the change", "comes before the start"),
    "da": ("Arbejdssted:", "er gemt", "i forandring til", "Angiv forandringens første dag", "ligger før starten"),
}


@pytest.mark.parametrize("lang", list(SITE_FORM))
async def test_a_sites_helper_and_change_period_are_set_in_the_app(template, tmp_path: Path, lang: str) -> None:
    """`e` on Sites: the local helper (a whole name on the team, else anyone's) and the change
    period, saved as one action; the rhythms shorten and the detail line says so."""
    from naervaer.storage.sites import site_setup
    from naervaer.tui.screens.site_form import SiteFormScreen

    db = copy_of(template[lang], tmp_path)
    title, saved, until, *_ = SITE_FORM[lang]
    app = make_app(db, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "4")
        row = app.screen.view.rows[0]
        with Store.open(db) as store:
            member = next(p for p in store.people() if p.site == row.name)
        await press(pilot, "e")
        assert isinstance(app.screen, SiteFormScreen) and title in screen_text(app)
        for field in ("helper", "start", "end"):
            app.screen.query_one(f"#form-{field}", Input).value = ""
        await press(pilot, *keys_for(member.name), "tab", *keys_for("1/11"), "tab", *keys_for("31/12"), "ctrl+s")
        assert isinstance(app.screen, SitesScreen)
        assert any(saved in n.message for n in app._notifications)
        assert until in screen_text(app) and member.name in screen_text(app)
    with Store.open(db) as store:
        assert site_setup(store, row.name) == (member.name, TODAY.replace(day=1, month=11), TODAY.replace(day=31, month=12))
        assert store.query("SELECT helper_person_id FROM sites WHERE name = ?", [row.name])[0][0] == member.id


@pytest.mark.parametrize("lang", list(SITE_FORM))
async def test_the_site_form_refuses_beside_the_field_and_stores_nothing(template, tmp_path: Path, lang: str) -> None:
    from conftest import dump

    from naervaer.tui.screens.site_form import SiteFormScreen

    db = copy_of(template[lang], tmp_path)
    *_, needs_from, before_start = SITE_FORM[lang]
    before = dump(db)
    app = make_app(db, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "4", "e")
        form = app.screen
        assert isinstance(form, SiteFormScreen)
        form.query_one("#form-start", Input).value = ""
        form.query_one("#form-end", Input).value = "31/12"
        await press(pilot, "ctrl+s")
        assert needs_from in str(form.query_one("#form-start-error").visual)
        form.query_one("#form-start", Input).value = "31/12/2026"
        form.query_one("#form-end", Input).value = "1/12/2026"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, SiteFormScreen)
        assert before_start in str(form.query_one("#form-end-error").visual)
    assert dump(db) == before


async def test_emptying_the_site_form_clears_the_helper_and_the_change(template, tmp_path: Path) -> None:
    from naervaer.storage.sites import set_change, set_helper, site_setup

    db = copy_of(template["en"], tmp_path)
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "4")
        site = app.screen.view.rows[0].name
        with Store.open(db, clock=lambda: TODAY) as store:
            set_helper(store, site, name="Lise from the union")
            set_change(store, site, TODAY, None)
        await press(pilot, "e")
        assert app.screen.query_one("#form-helper", Input).value == "Lise from the union"
        for field in ("helper", "start", "end"):
            app.screen.query_one(f"#form-{field}", Input).value = ""
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, SitesScreen)
    with Store.open(db) as store:
        assert site_setup(store, site) == (None, None, None)


@pytest.mark.parametrize("lang", list(SITE_FORM))
async def test_a_persons_own_change_period_is_set_in_the_app_and_shown(template, tmp_path: Path, lang: str) -> None:
    """`C` on a person: their own change period; the profile says they are in change, and the
    Team view holds them to the shorter rhythm Today does."""
    from naervaer.storage.sites import person_change_setup
    from naervaer.storage.views import team_rows
    from naervaer.tui.screens.person import PersonScreen
    from naervaer.tui.screens.person_change_form import PersonChangeFormScreen

    db = copy_of(template[lang], tmp_path)
    *_, needs_from, _ = SITE_FORM[lang]
    until = SITE_FORM[lang][2]
    with Store.open(db) as store:
        person = store.people()[0]
        assert person_change_setup(store, person.id) == (None, None)
    app = make_app(db, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_person(person.id)
        await press(pilot, "C")
        form = app.screen
        assert isinstance(form, PersonChangeFormScreen)
        await press(pilot, "tab", *keys_for("31/12/2026"), "ctrl+s")
        assert needs_from in str(form.query_one("#form-start-error").visual)
        form.query_one("#form-start", Input).value = "1/11/2026"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, PersonScreen)
        assert until in screen_text(app)
    with Store.open(db, clock=lambda: TODAY) as store:
        from datetime import date

        assert person_change_setup(store, person.id) == (date(2026, 11, 1), date(2026, 12, 31))
        (row,) = [r for r in team_rows(store, TODAY) if r.person.id == person.id]
        assert row.in_person_target == max(1, person.in_person_days // 2)
