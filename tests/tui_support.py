"""Helpers for the TUI tests: a demo database, an app on a fixed day, and screen text."""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import date
from functools import cache
from pathlib import Path

from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, OptionList, Static

from naervaer.storage.demo import write_demo
from naervaer.storage.store import Store
from naervaer.tui.app import NaervaerApp, create_app

TODAY = date(2026, 11, 23)


def demo_database(path: Path, lang: str = "en") -> Path:
    """The 40-person demo team on TODAY at ``path``: written once per test process and
    language, then copied (writing it takes a third of a second, copying a millisecond)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_demo_bytes(lang))
    return path


@cache
def _demo_bytes(lang: str) -> bytes:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "demo.db"
        with Store.open(path, clock=lambda: TODAY) as store:
            write_demo(store, TODAY, people=40, seed=1, lang=lang)
        conn = sqlite3.connect(path)
        try:
            return conn.serialize()
        finally:
            conn.close()


def make_app(db: Path, lang: str = "en", **kwargs: object) -> NaervaerApp:
    return create_app(db, today=TODAY, lang=lang, watch_seconds=0, **kwargs)  # type: ignore[arg-type]


async def settle(pilot: Pilot) -> None:
    """Let workers finish and their messages render."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def press(pilot: Pilot, *keys: str) -> None:
    """Press keys the way a person does: each once the app has finished with the one before
    (the workers it started are done), so no key races a screen that is still loading."""
    for key in keys:
        await pilot.press(key)
        await pilot.app.workers.wait_for_complete()
    await settle(pilot)


def keys_for(text: str) -> list[str]:
    named = {" ": "space", ":": "colon", ",": "comma", ".": "full_stop"}
    return [named.get(ch, ch) for ch in text]


def text_of(widget: Widget) -> str:
    if isinstance(widget, OptionList):
        return "\n".join(str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count))
    if isinstance(widget, DataTable):
        return "\n".join(" | ".join(str(c) for c in widget.get_row_at(i)) for i in range(widget.row_count))
    if isinstance(widget, Static):
        return str(widget.visual)
    return ""


def screen_text(app: NaervaerApp) -> str:
    """Everything the current screen's text widgets show, as plain text."""
    return "\n".join(text_of(w) for w in app.screen.query("*") if w.display)


def screen_lines(app: NaervaerApp) -> list[str]:
    """The screen as the user sees it, one string per terminal row (what ``export_screenshot``
    draws, as plain text): for asserting on what is cut, wrapped or where it stands."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system=None, record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text().splitlines()
