"""The hostile corpus through the TUI (Pilot): every screen shows it neutralised, the quick
note stores it exactly as typed (or refuses and keeps the form), nothing unrelated changes.

What is checked on every screen is both what the widgets hold (``screen_text``) and what
Textual actually renders (the SVG screenshot of the whole terminal, toasts included).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, TextArea
from tui_support import TODAY, make_app, press, screen_text, settle

from hostile import SEARCHES, TEXTS, UNSAFE, only_added, rows
from naervaer.content.errors import InputError
from naervaer.storage.store import Store
from naervaer.tui.screens.person_form import FIELDS, PersonFormScreen
from naervaer.tui.screens.quick_note import QuickNoteScreen

SAFE_SITES = ["Køkken Nord"]


def unsafe_in(text: str) -> list[str]:
    return sorted({repr(m.group()) for m in UNSAFE.finditer(text)})


def assert_screen_clean(app, where: str) -> None:
    shown = screen_text(app)
    assert not unsafe_in(shown), f"{where}: raw controls in widgets: {unsafe_in(shown)}"
    svg = app.export_screenshot()
    assert not unsafe_in(svg), f"{where}: raw controls rendered: {unsafe_in(svg)}"


@pytest.fixture
def hostile_db(db_path: Path) -> Path:
    """People named and placed with the corpus (whatever the store accepts); each category's
    notes and personal dates on one of them, so a handful of person screens shows them all."""
    sites = itertools.cycle([h.text for h in TEXTS if not h.big] + SAFE_SITES)
    with Store.open(db_path, clock=lambda: TODAY) as store:
        anchor = store.add_person("Anchor Person", site="Køkken Nord")
        store.add_note(anchor.id, TODAY, "phone", "an ordinary note")
        people = []
        for case in TEXTS:
            if case.big:
                continue
            try:
                people.append(store.add_person(f"{case.text} {case.id}", site=next(sites)))
            except InputError:
                continue
        holders = {}
        for case in TEXTS:
            holder = holders.setdefault(case.category, people[len(holders) % len(people)])
            try:
                store.add_note(holder.id, TODAY, "in_person", case.text, ("private",) if case.big else ())
                if not case.big and case.text.strip():
                    store.add_personal_date(holder.id, TODAY, case.text, True)
            except InputError:
                continue
    return db_path


@pytest.mark.slow
async def test_every_screen_shows_the_corpus_neutralised(hostile_db: Path) -> None:
    before = rows(hostile_db)
    with Store.open(hostile_db, clock=lambda: TODAY) as store:
        people = store.people()
        sites = store.sites()
    app = make_app(hostile_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert_screen_clean(app, "today")
        for key, where in (("2", "team"), ("3", "month"), ("1", "today again")):
            await press(pilot, key)
            assert_screen_clean(app, where)
        with Store.open(hostile_db) as store:
            holders = {n.person_id for n in store.notes()}
        for person in [p for p in people if p.id in holders]:
            app.open_person(person.id)
            await settle(pilot)
            assert_screen_clean(app, f"person {person.name!r}")
            await press(pilot, "r")  # reveal private notes: still neutralised
            assert_screen_clean(app, f"person {person.name!r} revealed")
            await press(pilot, "escape")
        for site in sites:
            app.open_visit(site)
            await settle(pilot)
            assert_screen_clean(app, f"visit {site!r}")
            await press(pilot, "escape")
        await press(pilot, "slash")
        query = app.screen.query_one("#search-input", Input)
        # every query-syntax case, and one of each kind of text (the CLI test runs them all)
        firsts = {h.category: h for h in reversed(TEXTS) if not h.big}
        for case in [*firsts.values(), *SEARCHES]:
            query.value = case.text
            await settle(pilot)
            # the query box shows what the user typed, not stored text: widgets only here
            shown = screen_text(app)
            assert not unsafe_in(shown), f"search {case.id}: {unsafe_in(shown)}"
        for word in ("red", "overwritten", "ding", "hidden", "evil", "public", "after", "click"):
            query.value = word  # results that hold stored escapes, rendered
            await settle(pilot)
            assert_screen_clean(app, f"search results for {word!r}")
        await press(pilot, "p")  # presentation mode masks, and must stay clean too
        assert_screen_clean(app, "presentation")
    assert rows(hostile_db) == before


@pytest.fixture
def small_db(db_path: Path) -> Path:
    with Store.open(db_path, clock=lambda: TODAY) as store:
        anna = store.add_person("Anna Berg", site="Køkken Nord")
        store.add_note(anna.id, TODAY, "phone", "an ordinary note")
    return db_path


# text the store refuses: the form must say so and keep every character
UNSTORABLE = {"lone-high", "lone-low", "ten-megabytes"}


async def paste_and_save(app, pilot, case) -> tuple[QuickNoteScreen, str]:
    app.action_quick_note(1)
    await settle(pilot)
    form = app.screen
    assert isinstance(form, QuickNoteScreen)
    editor = form.query_one("#note-text", TextArea)
    editor.load_text(case.text)  # as if pasted
    typed = editor.text
    await press(pilot, "ctrl+s")
    return form, typed


@pytest.mark.slow
@pytest.mark.parametrize("case_id", sorted(UNSTORABLE))
async def test_quick_note_refuses_unstorable_text_and_keeps_it(small_db: Path, case_id: str) -> None:
    case = next(h for h in TEXTS if h.id == case_id)
    app = make_app(small_db)
    before = rows(small_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form, typed = await paste_and_save(app, pilot, case)
        assert app.screen is form
        assert form.query_one("#note-text", TextArea).text == typed
        # the editor shows what was pasted (a terminal cannot deliver a lone surrogate
        # anyway); everything else on screen, the refusal included, must be clean
        shown = screen_text(app)
        assert not unsafe_in(shown), unsafe_in(shown)
        assert str(form.query_one("#note-text-error").visual).strip()  # it says why
    assert rows(small_db) == before


@pytest.mark.slow
async def test_quick_note_stores_the_corpus_exactly_or_keeps_the_form(small_db: Path) -> None:
    app = make_app(small_db)
    outcomes: dict[str, str] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for case in TEXTS:
            if case.id in UNSTORABLE:
                continue
            before = rows(small_db)
            app.action_quick_note(1)
            await settle(pilot)
            form = app.screen
            assert isinstance(form, QuickNoteScreen)
            editor = form.query_one("#note-text", TextArea)
            editor.load_text(case.text)  # as if pasted
            typed = editor.text
            # Textual's editor keeps lines, not line-break characters: \r, \x0b, \x0c, \x85,
            # \u2028 … become \n in what the form holds; nothing else may change
            assert typed == case.text or typed.split("\n") == case.text.splitlines(), case.id
            await press(pilot, "ctrl+s")
            assert_screen_clean(app, f"after saving {case.id}")
            after = rows(small_db)
            if app.screen is form:  # refused: nothing stored, every character still in the form
                assert after == before, case.id
                assert editor.text == typed, case.id
                outcomes[case.id] = "refused"
                form.dismiss(None)
                await settle(pilot)
                continue
            only_added(before, after, {"notes", "note_tags"})
            assert len(after["notes"] - before["notes"]) == 1, case.id
            with Store.open(small_db) as store:
                assert store.notes(limit=1)[0].text == typed, case.id
            outcomes[case.id] = "stored"
    refused = sorted(k for k, v in outcomes.items() if v == "refused")
    # only what cannot be stored faithfully (or is empty) may be refused
    assert set(refused) <= {"empty", "spaces", "ideographic-space", "lone-high", "lone-low", "ten-megabytes",
                            "nul-only"}, refused
    assert outcomes["one-megabyte"] == "stored" and outcomes["ten-thousand-lines"] == "stored"


@pytest.mark.slow
async def test_correcting_a_hostile_note_keeps_its_text_exactly(small_db: Path) -> None:
    """The form shows stored text neutralised (an editor draws ESC raw), and a correction that
    leaves the text alone stores it exactly: the editor alone would turn \r, \x0b … into \n."""
    line_breaks = {"crlf", "carriage-return", "vertical-tab-formfeed", "c0-all", "c1-all", "line-separators"}
    storable = [h for h in TEXTS if not h.big and h.text.strip() and h.id not in UNSTORABLE]
    one_each = {h.category: h for h in reversed(storable)}
    cases = [h for h in TEXTS if h in one_each.values() or h.id in line_breaks]
    with Store.open(small_db, clock=lambda: TODAY) as store:
        eve = store.add_person("Eve \x1b]52;c;SGVsbG8=\x07 \u202eevil")
        for case in cases:
            store.add_note(eve.id, TODAY, "phone", case.text)
    app = make_app(small_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_person(eve.id)
        await press(pilot, "r")
        for index, case in enumerate(reversed(cases)):  # newest first
            app.screen.query_one("#person-timeline", OptionList).highlighted = index
            await press(pilot, "e")
            assert isinstance(app.screen, QuickNoteScreen), case.id
            assert_screen_clean(app, f"editing {case.id}")
            await press(pilot, "tab", "v", "ctrl+s")  # only the channel changes
            assert not isinstance(app.screen, QuickNoteScreen), case.id
    with Store.open(small_db) as store:
        stored = {n.text: n.channel for n in store.notes(person_id=eve.id)}
    assert all(stored[case.text] == "video" for case in cases)


async def test_the_person_form_shows_stored_fields_neutralised_and_keeps_them_exactly(small_db: Path) -> None:
    """An Input draws ESC raw: a stored name could set the clipboard, clear the screen and
    retitle the terminal. The form shows every field neutralised; an untouched field is saved
    exactly as stored, also when another field changes."""
    hostile = {"name": "Mallory\x1b]52;c;ZXZpbA==\x07\x1b[2J\x1b]0;PWNED\x07",
               "site": "Site \x1b[31mred\x9b2J", "team": "Team \u202eevil\u2066x", "role": "Role \x1b]8;;http://x\x07click\x7f"}
    with Store.open(small_db, clock=lambda: TODAY) as store:
        mallory = store.add_person(hostile["name"], site=hostile["site"], team=hostile["team"], role=hostile["role"])
    assert all(getattr(mallory, f) == v for f, v in hostile.items())  # stored as given
    app = make_app(small_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_person(mallory.id)
        await settle(pilot)
        for round_ in ("untouched", "days changed"):
            before = rows(small_db)
            await press(pilot, "E")
            form = app.screen
            assert isinstance(form, PersonFormScreen), round_
            held = {f: form.query_one(f"#form-{f}", Input).value for f in FIELDS}
            assert not unsafe_in("".join(held.values())), f"{round_}: raw controls in the fields: {held}"
            assert "Mallory␛]52;c;ZXZpbA==␇␛[2J␛]0;PWNED␇" == held["name"]
            assert_screen_clean(app, f"person form, {round_}")
            if round_ == "days changed":
                form.query_one("#form-in_person_days", Input).value = "14"
            await press(pilot, "ctrl+s")
            assert not isinstance(app.screen, PersonFormScreen), round_
            assert_screen_clean(app, f"after saving the person form, {round_}")
            if round_ == "untouched":
                assert rows(small_db) == before
    with Store.open(small_db) as store:
        saved = store.person(mallory.id)
    assert {f: getattr(saved, f) for f in hostile} == hostile
    assert saved.in_person_days == 14
