"""Pilot tests of each screen on the demo team: what it shows, and what its keys store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import dump
from textual.widgets import DataTable, Input
from tui_support import TODAY, demo_database, keys_for, make_app, press, screen_text, settle

from naervaer.storage.store import Store
from naervaer.tui.screens.help import HelpScreen
from naervaer.tui.screens.person import PersonScreen
from naervaer.tui.screens.visit import VisitScreen
from naervaer.tui.screens.welcome import WelcomeScreen


@pytest.fixture
def demo_db(db_path: Path) -> Path:
    return demo_database(db_path)


async def test_today_shows_date_progress_tip_and_prompts(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "Monday 23 November 2026" in shown
        assert "seen in person this month: " in shown
        assert "Tip " in shown
        assert app.screen.prompts and app.screen.prompts[0].title in shown


async def test_done_and_snooze_persist(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first, second = app.screen.prompts[:2]
        await press(pilot, "d")
        assert first.id not in [p.id for p in app.screen.prompts]
        await press(pilot, "s")
        assert second.id not in [p.id for p in app.screen.prompts]
    with Store.open(demo_db) as store:
        states = dict(store.query("SELECT prompt_id, state FROM prompt_state"))
    assert states == {first.id: "done", second.id: "snoozed"}


async def test_log_from_a_prompt_prefills_the_person(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        prompt = next(p for p in app.screen.prompts if p.person_id)
        await press(pilot, "l")
        assert app.screen.chosen.id == prompt.person_id


async def test_language_switch_rerenders_every_text(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.set_language("da")
        await settle(pilot)
        shown = screen_text(app)
        assert "mandag den 23. november 2026" in shown.lower()
        assert "set fysisk denne måned" in shown
        assert app.screen.sub_title == "I dag"
        assert app.screen.query_one("#today-tip").border_title == "Dagens råd"
        assert app.focused is app.screen.query_one("#today-prompts")
        await press(pilot, "2")
        assert "Sidst fysisk" in screen_text(app) or "fysisk" in screen_text(app).lower()
    with Store.open(demo_db) as store:
        assert store.get_setting("lang") == "da"


async def test_team_sorts_filters_and_opens_a_person(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        table = app.screen.query_one(DataTable)
        assert table.row_count == 40
        unseen = [r.days_unseen for r in app.screen.visible_rows()]
        assert unseen == sorted(unseen, key=lambda d: -(d if d is not None else 10**6))
        await press(pilot, "o", "o", "o", "o")  # name, last in person, last contact, 1:1, this month, site …
        assert app.screen.sort_column == "site"
        await press(pilot, "f", *keys_for("kitchen"), "enter")
        rows = app.screen.visible_rows()
        assert rows and all("kitchen" in f"{r.person.site} {r.person.team}".lower() for r in rows)
        assert table.row_count == len(rows)
        await press(pilot, "enter")
        assert isinstance(app.screen, PersonScreen)
        assert app.screen.person_id == rows[0].person.id


async def test_visit_from_team_shows_the_site_and_logs_prefilled(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "v")
        assert isinstance(app.screen, VisitScreen)
        site = app.screen.site
        assert app.screen.people and all(b.person.site == site for b in app.screen.people)
        assert site in screen_text(app)
        first = app.screen.people[0].person.id
        await press(pilot, "l")
        assert app.screen.chosen.id == first


async def test_month_moves_and_signs_off(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        assert "November 2026" in screen_text(app)
        await press(pilot, "left_square_bracket")
        assert "October 2026" in screen_text(app)
        await press(pilot, "o", "y")  # asks first
        assert "Signed off on Mon 23 Nov" in screen_text(app)
    with Store.open(demo_db) as store:
        assert store.query("SELECT month, signed_on FROM month_signoff") == [("2026-10", "2026-11-23")]


async def test_search_highlights_and_opens_the_person(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *keys_for("rota"))
        await pilot.pause(0.4)
        await settle(pilot)
        found = app.screen.found
        assert found and all("rota" in n.text.lower() or "private" in n.tags for n in found)
        await press(pilot, "enter", "enter")
        assert isinstance(app.screen, PersonScreen)
        assert app.screen.person_id == found[0].person_id


async def test_help_lists_keys_and_the_ten_tips(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        assert "Snooze" in shown and "Note" in shown and "Present" in shown and "10. " in shown


async def test_empty_database_welcomes_and_loads_the_demo(db_path: Path) -> None:
    app = make_app(db_path, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await press(pilot, "i")  # the import screen (tests/tui/test_tui_import.py); esc comes back
        assert type(app.screen).__name__ == "ImportScreen"
        await press(pilot, "escape")
        assert isinstance(app.screen, WelcomeScreen)
        await press(pilot, "d")
        assert not isinstance(app.screen, WelcomeScreen)
        assert app.screen.prompts
    with Store.open(db_path) as store:
        assert len(store.people()) == 40


async def test_welcome_asks_before_loading_the_demo_into_a_real_database(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "d", "escape")
        assert isinstance(app.screen, WelcomeScreen)
        await press(pilot, "a", *keys_for("Anna"), "ctrl+s")
        assert not isinstance(app.screen, WelcomeScreen)
    with Store.open(db_path) as store:
        assert [p.name for p in store.people()] == ["Anna"]


async def test_writes_from_another_process_show_without_restart(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        with Store.open(demo_db, clock=lambda: TODAY) as other:
            added = other.add_person("Zelda Outside", site="Kitchen North")
        app.check_outside_writes()
        await settle(pilot)
        assert any(r.person.id == added.id for r in app.screen.rows)


async def test_theme_toggle_is_remembered(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_toggle_theme()
        await settle(pilot)
        assert app.theme == "textual-light"
    with Store.open(demo_db) as store:
        assert store.get_setting("theme") == "textual-light"
    again = make_app(demo_db)
    assert again.theme == "textual-light"


async def test_palette_opens_a_person(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        with Store.open(demo_db) as store:
            person = store.people()[0]
        await press(pilot, "ctrl+p", *keys_for("go to " + person.name.lower()))
        await pilot.pause(0.5)
        await press(pilot, "enter")
        assert isinstance(app.screen, PersonScreen) and app.screen.person_id == person.id


async def test_person_edit_and_archive(demo_db: Path) -> None:
    with Store.open(demo_db) as store:
        person = store.people()[0]
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_person(person.id)
        await settle(pilot)
        assert person.name in screen_text(app)
        await press(pilot, "E")  # shifted: e and x act on the highlighted note
        app.screen.query_one("#form-role", Input).value = "Cook"
        await press(pilot, "ctrl+s")
        assert "Role: Cook" in screen_text(app)
        await press(pilot, "X", "y")
        assert not isinstance(app.screen, PersonScreen)
    with Store.open(demo_db) as store:
        changed = store.person(person.id)
    assert (changed.role, changed.archived) == ("Cook", True)
    assert date(2026, 11, 23) == TODAY


async def test_person_form_asks_before_discarding_changes(demo_db: Path) -> None:
    from naervaer.tui.screens.confirm import ConfirmScreen
    from naervaer.tui.screens.person_form import PersonFormScreen

    with Store.open(demo_db) as store:
        person = store.people()[0]
    before = dump(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_person(person.id)
        await settle(pilot)
        await press(pilot, "E", "escape")  # nothing changed: closes at once
        assert isinstance(app.screen, PersonScreen)
        await press(pilot, "E")
        app.screen.query_one("#form-role", Input).value = "Cook"
        await press(pilot, "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "escape")  # keep writing
        assert isinstance(app.screen, PersonFormScreen)
        assert app.screen.query_one("#form-role", Input).value == "Cook"
        await press(pilot, "escape", "y")  # discard
        assert isinstance(app.screen, PersonScreen)
    assert dump(demo_db) == before


async def test_a_failed_read_is_reported_and_the_screen_stays(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from naervaer.content.errors import StoreError
    from naervaer.tui.screens import team

    def broken(*args: object, **kwargs: object) -> None:
        raise StoreError("store.damaged", path=str(demo_db))

    monkeypatch.setattr(team, "team_view", broken)
    app = make_app(demo_db)
    told: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **kwargs: told.append(message))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        assert app.is_running and type(app.screen).__name__ == "TeamScreen"
        assert any(str(demo_db) in message for message in told)


@pytest.mark.parametrize(("lang", "count", "more"), [("en", "7 of {n} prompts · m shows the other {m}", "All {n} prompts"),
                                                      ("da", "7 af {n} påmindelser · m viser de {m} andre", "Alle {n} påmindelser")])
async def test_today_shows_the_clis_top_says_how_many_more_and_m_shows_all(
        demo_db: Path, lang: str, count: str, more: str) -> None:
    from naervaer.content.engine import Group
    from naervaer.storage.usecases.today import load_today_list

    with Store.open(demo_db, clock=lambda: TODAY) as store:
        from naervaer.content.i18n import Translator
        expected = load_today_list(store, TODAY, Translator(lang))
    n, m = len(expected.entries), expected.more
    assert m > 0 and any(isinstance(e, Group) for e in expected.entries)
    app = make_app(demo_db, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        rows = app.screen.rows
        assert [r.id for r in rows] == [e.id for e in expected.top]
        assert count.format(n=n, m=m) in screen_text(app)
        await press(pilot, "m")
        assert [r.id for r in app.screen.rows] == [e.id for e in expected.entries]
        assert more.format(n=n) in screen_text(app)
        # a group opens with enter, and each member can be marked done
        index = next(i for i, r in enumerate(app.screen.rows) if isinstance(r, Group))
        group = app.screen.rows[index]
        app.screen.query_one("#today-prompts").highlighted = index
        await press(pilot, "d")  # on the group's line: nothing is stored
        await press(pilot, "enter")
        assert [r.id for r in app.screen.rows[index + 1:index + 1 + len(group.prompts)]] == [p.id for p in group.prompts]
        await press(pilot, "down", "d")
        await press(pilot, "m")  # back to the top seven entries
        assert len([i for i in range(len(app.screen.rows)) if not app.screen.is_member(i)]) == 7
    with Store.open(demo_db) as store:
        states = dict(store.query("SELECT prompt_id, state FROM prompt_state"))
    assert states == {group.prompts[0].id: "done"}


async def test_palette_speaks_danish_and_offers_no_screenshot(demo_db: Path) -> None:
    from textual.command import CommandInput

    app = make_app(demo_db, lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles == ["Hjælp og de ti råd", "Maksimér", "Afslut"]
        await press(pilot, "ctrl+p")
        assert app.screen.query_one(CommandInput).placeholder == "Søg efter kommandoer…"
        await press(pilot, *keys_for("afslut"))
        await pilot.pause(0.5)
        assert "Afslut" in screen_text(app)
        await press(pilot, "escape")
        await press(pilot, "ctrl+p", *keys_for("screenshot"))
        await pilot.pause(0.6)
        assert "Screenshot" not in screen_text(app)


@pytest.mark.parametrize(("lang", "key", "answer"), [
    ("da", "j", True), ("da", "y", True), ("da", "n", False), ("en", "y", True), ("en", "j", None), ("en", "n", False)])
async def test_confirm_takes_the_languages_yes(demo_db: Path, lang: str, key: str, answer: bool | None) -> None:
    from naervaer.tui.screens.confirm import ConfirmScreen

    app = make_app(demo_db, lang=lang)
    answers: list[bool | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ConfirmScreen("?", "Ja", "Nej"), answers.append)
        await settle(pilot)
        await press(pilot, key)
        assert answers == ([] if answer is None else [answer])


@pytest.mark.parametrize("lang", ["en", "da"])
async def test_no_iso_dates_on_any_screen(demo_db: Path, lang: str) -> None:
    import re

    iso = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
    # the review saw the birthday as "19/9" beside "Ansat: 22. dec. 2020" (counts elsewhere use "/")
    day_slash_month = re.compile(r"\b\d{1,2}/\d{1,2}\b")
    app = make_app(demo_db, lang=lang)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        seen = {"today": screen_text(app)}
        await press(pilot, "2")
        seen["team"] = screen_text(app)
        await press(pilot, "enter")
        seen["person"] = screen_text(app)
        await press(pilot, "escape", "2", "v")
        seen["visit"] = screen_text(app)
        await press(pilot, "escape", "3")
        seen["month"] = screen_text(app)
        await press(pilot, "slash", *keys_for("rota"))
        await pilot.pause(0.5)
        await settle(pilot)
        seen["search"] = screen_text(app)
    assert all(seen.values())
    assert {name: iso.findall(text) for name, text in seen.items() if iso.search(text)} == {}
    assert day_slash_month.findall(seen["person"]) == []
