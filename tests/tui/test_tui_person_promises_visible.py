"""The Person screen at 80×24 shows an open promise without scrolling its top box (the
review found "Åbne løfter" with nothing under it, the promise clipped below the dates)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tui_support import TODAY, make_app, settle

from naervaer.content.facts import Birthday
from naervaer.storage.store import Store
from naervaer.tui.screens.person import PersonScreen

PROMISE = "ORDER-THE-CHAIR"


async def test_an_open_promise_is_on_screen_at_80x24(db_path: Path) -> None:
    with Store.open(db_path, clock=lambda: TODAY) as store:
        anna = store.add_person("Anna Berg", site="Kitchen North", team="Day", role="Cook",
                                prefers="phone", birthday=Birthday(19, 9), started=date(2020, 12, 22))
        store.add_personal_date(anna.id, date(2010, 6, 10), "grandchild's birthday", True)
        store.add_note(anna.id, date(2026, 11, 20), "phone", "rota", (), (PROMISE, date(2026, 11, 25)))
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_person(anna.id)
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        shown = app.export_screenshot().replace("&#160;", " ")
        assert "Kitchen North" in shown  # the screenshot does hold the top box
        assert PROMISE in shown
