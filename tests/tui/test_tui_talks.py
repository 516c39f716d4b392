"""One-to-ones, the pulse and the Coaching screen in the app, driven by keys at 80×24."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import OptionList, Sparkline, Static
from tui_support import TODAY, keys_for, make_app, press, screen_text, settle

from naervaer.storage.store import Store
from naervaer.tui.screens.coaching import CoachingScreen
from naervaer.tui.screens.person import PersonScreen
from naervaer.tui.screens.quick_note import QuickNoteScreen


@pytest.fixture
def talk_db(db_path: Path) -> Path:
    """Anna: three one-to-ones with a falling pulse, the last 40 days ago; Bo: nothing noted."""
    with Store.open(db_path, clock=lambda: TODAY - timedelta(days=400)) as store:
        anna = store.add_person("Anna Berg", site="Kitchen North")
        store.add_person("Bo Holm", site="Kitchen North")
    with Store.open(db_path, clock=lambda: TODAY) as store:
        for ago, pulse in ((100, 4), (70, 3), (40, 2)):
            store.add_note(anna.id, TODAY - timedelta(days=ago), "phone", f"talk {ago}", kind="one_to_one", pulse=pulse)
        store.add_note(anna.id, TODAY - timedelta(days=2), "in_person", "hello in the corridor")
    return db_path


def stored(db: Path, name: str) -> list:
    with Store.open(db, clock=lambda: TODAY) as store:
        return store.notes(person_id=store.find_person(name).id)


async def test_quick_note_marks_a_one_to_one_and_a_pulse_by_keys(talk_db: Path) -> None:
    app = make_app(talk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n", "b", "o", "enter", *keys_for("monthly talk"))
        await press(pilot, "tab", "t", "tab", "1")  # phone; in the tags row, 1 marks a one-to-one
        # past the "next time" field to the last row: 2, then 3 instead
        await press(pilot, "tab", "tab", "tab", "tab", "tab", "2", "3")
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, QuickNoteScreen)
    (note,) = stored(talk_db, "Bo Holm")
    assert (note.channel, note.kind, note.pulse, note.tags) == ("phone", "one_to_one", 3, ())


async def test_the_same_pulse_digit_again_clears_it(talk_db: Path) -> None:
    app = make_app(talk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n", "b", "o", "enter", *keys_for("hello"))
        await press(pilot, "tab", "tab", "tab", "tab", "tab", "tab", "4", "4", "ctrl+s")
    (note,) = stored(talk_db, "Bo Holm")
    assert (note.kind, note.pulse) == (None, None)


async def test_a_one_to_one_prompt_opens_the_quick_note_ticked_as_one(talk_db: Path) -> None:
    app = make_app(talk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        today = app.screen
        listed = today.query_one(OptionList)
        index = next(i for i, p in enumerate(today.prompts) if p.kind == "one_to_one" and p.person == "Anna Berg")
        listed.highlighted = index
        await press(pilot, "enter")
        assert isinstance(app.screen, QuickNoteScreen)
        assert "one_to_one" in app.screen.query_one("#note-tags").selected
        await press(pilot, *keys_for("our talk"), "ctrl+s")
    assert stored(talk_db, "Anna Berg")[0].kind == "one_to_one"


async def test_the_pulse_chart_renders_at_80x24_and_hides_in_presentation_mode(talk_db: Path) -> None:
    app = make_app(talk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_person(1)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PersonScreen)
        chart = screen.query_one("#person-pulse-chart", Sparkline)
        assert chart.display and screen.query_one("#person-pulse").display
        assert list(chart.data or []) == [4.0, 4.0, 3.0, 3.0, 2.0, 2.0]  # oldest first, two cells each
        region = chart.region
        assert region.width == 6 and region.height == 1
        assert region.right <= 80 and region.bottom <= 24  # on screen, not scrolled away
        trend = str(screen.query_one("#person-pulse-trend", Static).visual)
        assert trend == "good → a bit strained"
        shown = screen_text(app)
        assert "One-to-ones every 30 days · last" in shown and "How they seemed (3 notes" in shown
        assert "seemed a bit strained" in shown  # the timeline marks the pulse too
        await press(pilot, "p")  # presentation mode: no pulse anywhere
        assert not screen.query_one("#person-pulse").display
        assert "seemed" not in screen_text(app) and "strained" not in screen_text(app)


async def test_the_pulse_chart_is_absent_for_someone_with_no_pulse(talk_db: Path) -> None:
    app = make_app(talk_db, lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_person(2)
        await settle(pilot)
        assert not app.screen.query_one("#person-pulse").display
        assert "1:1-møder hver 30. dag · intet noteret endnu" in screen_text(app)


async def test_the_falling_pulse_prompt_on_today_masked_when_presenting(talk_db: Path) -> None:
    app = make_app(talk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        kinds = [p.kind for p in app.screen.prompts if p.person == "Anna Berg"]
        assert "pulse_falling" in kinds and "one_to_one" in kinds
        assert "Ask how Anna Berg is doing" in screen_text(app)
        await press(pilot, "p")
        assert "strained" not in screen_text(app) and "Ask how" not in screen_text(app)


@pytest.mark.parametrize("lang", ["en", "da"])
async def test_coaching_screen_lists_every_section_with_its_source(talk_db: Path, lang: str) -> None:
    app = make_app(talk_db, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "c")
        screen = app.screen
        assert isinstance(screen, CoachingScreen)
        sections = screen.query_one("#coaching-sections", OptionList)
        assert sections.option_count == 9
        seen = []
        for _ in range(sections.option_count):
            seen.append(str(screen.query_one("#coaching-section", Static).visual))
            await press(pilot, "down")
        source = "Source: " if lang == "en" else "Kilde: "
        for text in seen[:1] + seen[2:8]:  # every section but the principles cites one document
            assert text.splitlines()[1].startswith(source)
        assert "Distanceledelse – 10 gode råd" in seen[0] and "Kære leder!" in seen[7]
        assert ("56%" if lang == "en" else "56 %") in seen[6]
        await press(pilot, "escape")
        assert not isinstance(app.screen, CoachingScreen)


async def test_coaching_from_the_palette(talk_db: Path) -> None:
    app = make_app(talk_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p", *keys_for("coaching"))
        await pilot.pause(0.5)
        await press(pilot, "enter")
        assert isinstance(app.screen, CoachingScreen)


def test_day_parity_never_repeats_a_short_talk(talk_db: Path) -> None:
    """On the real store too: yesterday's and today's short talks share nobody."""
    from naervaer.content.i18n import Translator
    from naervaer.storage.usecases.today import today_prompts

    with Store.open(talk_db, clock=lambda: TODAY) as store:
        for i in range(8):
            p = store.add_person(f"Person {i}")
            store.add_note(p.id, TODAY - timedelta(days=6 + i), "phone", "x", kind="one_to_one")
        days = [TODAY - timedelta(days=1), TODAY]
        picked = [{p.person for p in today_prompts(store, d, Translator("en"), limit=100) if p.kind == "check_in"}
                  for d in days]
    assert picked[0] and picked[1] and not picked[0] & picked[1]
