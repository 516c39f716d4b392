"""E-mail and phone (migration 004) in the app: typed in the person form, shown on the Person
screen, masked in presentation mode, refused beside the field when they have the wrong shape."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static
from tui_support import TODAY, make_app, press, settle

from naervaer.storage.store import Store
from naervaer.tui.screens.person_form import PersonFormScreen


async def test_form_stores_contact_details_the_person_screen_shows_and_presentation_masks(db_path: Path) -> None:
    with Store.open(db_path, clock=lambda: TODAY) as store:
        anna = store.add_person("Anna Berg", site="Nord")
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_person(anna.id)
        await settle(pilot)
        await press(pilot, "E")
        assert isinstance(app.screen, PersonFormScreen)
        app.screen.query_one("#form-email", Input).value = "anna"
        await press(pilot, "ctrl+s")
        error = app.screen.query_one("#form-email-error", Static)
        assert error.display and "not an e-mail address" in str(error.visual)
        app.screen.query_one("#form-email", Input).value = "anna.berg@aarhus.dk"
        app.screen.query_one("#form-phone", Input).value = "+45 12 34 56 78"
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, PersonFormScreen)
        profile = str(app.screen.query_one("#person-profile", Static).visual)
        assert "E-mail: anna.berg@aarhus.dk · Phone: +45 12 34 56 78" in profile
        await press(pilot, "p")
        profile = str(app.screen.query_one("#person-profile", Static).visual)
        assert "aarhus.dk" not in profile and "56 78" not in profile
    with Store.open(db_path) as store:
        stored = store.person(anna.id)
    assert (stored.email, stored.phone) == ("anna.berg@aarhus.dk", "+45 12 34 56 78")
