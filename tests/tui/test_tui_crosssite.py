"""Who can help?, the Buddies screen and the skills form, driven with keys at 80×24 in both
languages, checked on what the screen says and on what was stored."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import dump
from textual.widgets import Input, OptionList, Static
from tui_support import TODAY, keys_for, make_app, press, screen_text, settle

from naervaer.storage import crosssite
from naervaer.storage.store import Store
from naervaer.tui.screens.buddies import BuddiesScreen
from naervaer.tui.screens.person import PersonScreen
from naervaer.tui.screens.skills_form import SkillsFormScreen
from naervaer.tui.screens.who import WhoScreen

SIZE = (80, 24)


@pytest.fixture
def team_db(db_path: Path) -> Path:
    with Store.open(db_path, clock=lambda: TODAY) as store:
        anna = store.add_person("Anna Berg", site="Køkken Nord")
        bo = store.add_person("Bo Holm", site="Køkken Syd")
        cai = store.add_person("Cai Dahl", site="Køkken Nord")
        dea = store.add_person("Dea Lund", site="Køkken Syd")
        crosssite.add_label(store, anna.id, "skill", "allergener")
        crosssite.add_label(store, bo.id, "interest", "Allergener")
        crosssite.add_label(store, cai.id, "skill", "vagtplan")
        crosssite.save_round(store, date(2026, 7, 1), ((anna.id, bo.id), (cai.id, dea.id)))
    return db_path


HEADER = {"en": "2 people at 2 sites: ALLERGENER", "da": "2 medarbejdere på 2 arbejdssteder: ALLERGENER"}


@pytest.mark.parametrize("lang", ["en", "da"])
async def test_who_can_help_finds_people_by_site_and_opens_one(team_db: Path, lang: str) -> None:
    app = make_app(team_db, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2", "w")
        assert isinstance(app.screen, WhoScreen)
        await press(pilot, *keys_for("ALLERGENER"))
        assert app.screen.query_one("#who-count", Static).visual.plain == HEADER[lang]
        results = app.screen.query_one("#who-results", OptionList)
        lines = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        kind = {"en": ("skill", "interest"), "da": ("kompetence", "interesse")}[lang]
        assert lines == ["Køkken Nord", f"  Anna Berg · allergener ({kind[0]})",
                         "Køkken Syd", f"  Bo Holm · allergener ({kind[1]})"]
        await press(pilot, "enter")  # to the results: the first person
        assert app.focused is results and results.highlighted == 1
        await press(pilot, "enter")
        assert isinstance(app.screen, PersonScreen) and app.screen.person_id == 1


@pytest.mark.parametrize("lang", ["en", "da"])
async def test_who_says_when_nobody_matches_and_offers_used_labels(team_db: Path, lang: str) -> None:
    app = make_app(team_db, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        app.open_who()
        await settle(pilot)
        await press(pilot, *keys_for("bagning"))
        nobody = {"en": "Nobody has a skill or interest that starts with bagning.",
                  "da": "Ingen har en kompetence eller interesse, der begynder med bagning."}[lang]
        assert nobody in screen_text(app)
        field = app.screen.query_one("#who-input", Input)
        field.value = ""
        await press(pilot, *keys_for("vag"), "right")  # the completion from the labels in use
        assert field.value == "vagtplan"
        assert "Cai Dahl" in screen_text(app)


async def test_buddies_propose_swap_accept(team_db: Path, db_path: Path) -> None:
    app = make_app(team_db, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_buddies()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BuddiesScreen)
        assert "Buddy pairs since Wed 1 Jul" in screen_text(app)
        before = dump(db_path)
        await press(pilot, "a")  # nothing proposed yet: accept rests
        assert dump(db_path) == before
        await press(pilot, "r")
        assert screen.proposed == ((1, 4), (2, 3))  # nobody with the last round's buddy, across sites
        assert "Proposed buddy pairs" in screen_text(app)
        await press(pilot, "x", "down", "down", "x")  # Anna, then Bo (the first of the second pair)
        assert screen.proposed == ((2, 4), (1, 3))  # the pairs keep their places
        assert dump(db_path) == before  # nothing stored before accepting
        await press(pilot, "a")
        assert "Buddy pairs since Mon 23 Nov" in screen_text(app)
    with Store.open(db_path) as store:
        rounds = crosssite.rounds(store)
    assert [r.groups for r in rounds] == [((1, 2), (3, 4)), ((2, 4), (1, 3))]


async def test_buddies_in_danish(team_db: Path) -> None:
    app = make_app(team_db, lang="da")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_buddies()
        await press(pilot, "r")
        text = screen_text(app)
        assert "Foreslåede buddy-par" in text and "Tidligere runder: Fra ons. 1. jul.: 2 buddy-par" in text


async def test_the_buddy_prompt_opens_the_buddies_screen(team_db: Path) -> None:
    app = make_app(team_db, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        options = screen.query_one(OptionList)
        index = next(i for i, p in enumerate(screen.visible_rows()) if getattr(p, "kind", "") == "buddy_rotation")
        options.highlighted = index
        await press(pilot, "enter")
        assert isinstance(app.screen, BuddiesScreen)


@pytest.mark.parametrize("lang", ["en", "da"])
async def test_person_shows_skills_and_buddy_and_edits_them(team_db: Path, db_path: Path, lang: str) -> None:
    app = make_app(team_db, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_person(1)
        await settle(pilot)
        profile = app.screen.query_one("#person-profile", Static).visual.plain
        words = {"en": ("Skills: allergener", "Buddy: Bo Holm (since Wed 1 Jul)"),
                 "da": ("Kompetencer: allergener", "Buddy: Bo Holm (siden ons. 1. jul.)")}[lang]
        assert words[0] in profile and words[1] in profile
        await press(pilot, "S")
        form = app.screen
        assert isinstance(form, SkillsFormScreen)
        before = dump(db_path)
        await press(pilot, *keys_for("x" * 41), "enter")  # refused beside the field, nothing stored
        error = form.query_one("#skills-skill-error", Static)
        assert error.display and "40" in error.visual.plain
        assert dump(db_path) == before
        form.query_one("#skills-skill", Input).value = ""
        await press(pilot, *keys_for("førstehjælp"), "enter", "tab", *keys_for("demens"), "enter")
        assert not error.display
        with Store.open(db_path) as store:
            assert [(lab.kind, lab.label) for lab in crosssite.labels_of(store, 1)] == [
                ("interest", "demens"), ("skill", "allergener"), ("skill", "førstehjælp")]
        await press(pilot, "tab", "down", "x")  # the list: the first label, allergener
        with Store.open(db_path) as store:
            assert [lab.label for lab in crosssite.labels_of(store, 1)] == ["demens", "førstehjælp"]
        await press(pilot, "escape")
        profile = app.screen.query_one("#person-profile", Static).visual.plain
        assert ("Skills: førstehjælp" if lang == "en" else "Kompetencer: førstehjælp") in profile


async def test_hostile_labels_and_names_show_as_plain_text(db_path: Path) -> None:
    label = "[bold]x[/] \x1b]52;c;SGk=\x07 [link=evil]"
    with Store.open(db_path, clock=lambda: TODAY) as store:
        eve = store.add_person("[red]Eve[/red]", site="\u202eSite")
        store.add_person("Bo Holm", site="Syd")
        crosssite.add_label(store, eve.id, "skill", label)
        crosssite.add_label(store, 2, "interest", label)
        crosssite.save_round(store, TODAY, ((eve.id, 2),))
    app = make_app(db_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_who()
        await press(pilot, *keys_for("[bold"))
        text = screen_text(app)
        assert "[red]Eve[/red] · [bold]x[/] ␛]52;c;SGk=␇ [link=evil] (skill)" in text
        assert "⟨U+202E⟩Site" in text
        app.open_buddies()
        await settle(pilot)
        assert "[red]Eve[/red] (⟨U+202E⟩Site)" in screen_text(app)
        app.open_person(eve.id)
        await settle(pilot)
        assert "Skills: [bold]x[/] ␛]52;c;SGk=␇ [link=evil]" in screen_text(app)
