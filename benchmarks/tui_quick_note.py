"""Time the quick note in the Nærvær TUI: from the ``n`` keypress to Today repainted after ``ctrl+s``.

``python benchmarks/tui_quick_note.py DB TODAY``; prints the flow's milliseconds on stdout.
Exit code 4: the app is not there; 5: the flow did not finish or did not store the note.
The database is written to: the caller gives each run a fresh copy.

The app is the one ``create_app`` builds, headless (``run_test``) at the size of
``tui_today.py``. The keys go in as key events, one after another as fast as the app takes
them: Textual's ``Pilot.press`` waits for the process to look idle after every key (at least
two 20 ms sleeps a key), which would swamp what is measured. What is waited for are the
ids the quick note documents: ``n`` opens it with the name field ``#note-person`` focused,
``enter`` takes the first match and moves to ``#note-text``, ``ctrl+s`` stores and closes
it. The clock stops when Today is the screen again, the app has bumped ``generation`` (it
reloads every screen after a write), every message and worker that reload started has been
handled, and the frame after that has been drawn. Afterwards, outside the timing, the
stored note is checked: exactly one note with this text, for the person picked.
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

SIZE = (120, 40)  # the same as tui_today.py and bare_app.py
NAME = "søren ålund"  # "Søren Ålund" is in every demo database (storage/demo_team.py)
PERSON = "Søren Ålund"
TEXT = "Kaffe med Søren i køkkenet"
GIVE_UP_SECONDS = 30.0
POLL_SECONDS = 0.001


class FlowFailed(RuntimeError):
    pass


async def until(what: str, condition: Callable[[], bool]) -> None:
    """Wait for ``condition``; the loop is busy with the app meanwhile, so 1 ms polls cost nothing."""
    give_up = time.perf_counter() + GIVE_UP_SECONDS
    while not condition():
        if time.perf_counter() > give_up:
            raise FlowFailed(f"gave up waiting for {what}")
        await asyncio.sleep(POLL_SECONDS)


async def handled(app) -> None:  # noqa: ANN001 - a Textual app
    """Every message queued so far on the app and every widget of every screen has been handled."""
    nodes = [app]
    for screen in app.screen_stack:
        nodes.extend(screen.walk_children(with_self=True))
    done = [asyncio.Event() for _ in nodes]
    waiting = [e for node, e in zip(nodes, done) if node.call_later(e.set)]
    for event in waiting:
        await event.wait()


async def settled(app) -> None:  # noqa: ANN001 - a Textual app
    """Messages handled and no worker running, until both hold at once (a worker posts as it ends)."""
    while True:
        await handled(app)
        running = [w for w in app.workers if w.is_running]
        if not running:
            return
        await app.workers.wait_for_complete(running)


async def drawn(app) -> None:  # noqa: ANN001 - a Textual app
    event = asyncio.Event()
    app.call_after_refresh(event.set)
    await event.wait()


def key(app, name: str, character: str | None = None) -> None:  # noqa: ANN001 - a Textual app
    from textual import events

    app.post_message(events.Key(name, character))


def type_text(app, text: str) -> None:  # noqa: ANN001 - a Textual app
    for ch in text:
        key(app, "space" if ch == " " else ch, ch)


def focused_id(app) -> str | None:  # noqa: ANN001 - a Textual app
    return app.focused.id if app.focused is not None else None


async def flow(app, today_screen: type) -> float:  # noqa: ANN001 - a Textual app
    """The timed part, in seconds. (Nothing is imported here: the app's own imports on ``n`` count.)"""
    start = time.perf_counter()
    key(app, "n", "n")
    await until("the quick note's name field", lambda: focused_id(app) == "note-person")
    type_text(app, NAME)
    await until("the typed name", lambda: app.screen.query_one("#note-person").value == NAME)
    key(app, "enter")
    await until("the text field", lambda: focused_id(app) == "note-text")
    type_text(app, TEXT)
    await until("the typed text", lambda: app.screen.query_one("#note-text").text == TEXT)
    before = app.generation
    key(app, "ctrl+s")
    await until("Today after the save", lambda: isinstance(app.screen, today_screen) and app.generation > before)
    await settled(app)
    await drawn(app)
    return time.perf_counter() - start


async def run(db: Path, today: date) -> float:
    from naervaer.storage.backup import daily_path
    from naervaer.tui.app import create_app
    from naervaer.tui.screens.today import TodayScreen

    # The first start of a day writes a backup from a thread a second after start-up;
    # at 500k notes that copy would land inside the timing. Today's backup is "done".
    backup = daily_path(db, today)
    backup.parent.mkdir(parents=True, exist_ok=True)
    backup.touch()

    app = create_app(db, today=today, lang="en", watch_seconds=0)
    async with app.run_test(headless=True, size=SIZE, notifications=True) as pilot:
        await until("Today", lambda: isinstance(app.screen, TodayScreen))
        await settled(app)
        await pilot.pause()  # Today as the user sees it before pressing n, rest of its list included
        await settled(app)
        took = await flow(app, TodayScreen)
        await pilot.pause()
    return took


def stored(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        found = conn.execute(
            "SELECT count(*) FROM notes JOIN people ON people.id = notes.person_id "
            "WHERE notes.text = ? AND people.name = ?", (TEXT, PERSON)).fetchone()[0]
    conn.close()
    return int(found)


def main() -> int:
    db, today = Path(sys.argv[1]), date.fromisoformat(sys.argv[2])
    try:
        import naervaer.tui.app  # noqa: F401
        import naervaer.tui.screens.today  # noqa: F401
    except ImportError:
        return 4
    before = stored(db)
    try:
        took = asyncio.run(run(db, today))
    except FlowFailed as exc:
        print(exc, file=sys.stderr)
        return 5
    if stored(db) != before + 1:
        print(f"the note was not stored once for {PERSON}", file=sys.stderr)
        return 5
    print(f"{took * 1000:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
