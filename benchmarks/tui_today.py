"""Open the Nærvær TUI headless on a database and exit once the Today screen painted its prompts.

``python benchmarks/tui_today.py DB TODAY``. Exit code 4: the app is not there (the
benchmark prints "not measured"); 5: the prompts never appeared. Like bare_app.py, it
exits right after the first refresh that shows the content: once the Today screen has
mounted with its prompts (or its Loaded message brought them), it asks for that exit.
"""

from __future__ import annotations

import sys
import threading
from datetime import date
from pathlib import Path

SIZE = (120, 40)  # the same as bare_app.py
GIVE_UP_SECONDS = 60


def main() -> int:
    db, today = Path(sys.argv[1]), date.fromisoformat(sys.argv[2])
    try:
        from naervaer.tui.app import NaervaerApp, create_app, unlock
        from naervaer.tui.screens.today import TodayScreen
    except ImportError:
        return 4
    from textual.widgets import OptionList

    painted = False

    # Exit the way bare_app.py does: once the content is in, after the next refresh. The
    # prompts read before the first frame are in the list when the screen mounts; a
    # later read arrives as the screen's Loaded message, which bubbles to the app.
    def exit_once_painted(app: NaervaerApp) -> None:
        nonlocal painted
        painted = app.screen.query_one(OptionList).option_count > 0
        if painted:
            app.call_after_refresh(app.exit)

    def on_mount(screen: TodayScreen) -> None:
        exit_once_painted(screen.napp)

    def on_today_screen_loaded(app: NaervaerApp, message: TodayScreen.Loaded) -> None:
        exit_once_painted(app)

    TodayScreen.on_mount = on_mount  # type: ignore[attr-defined]
    NaervaerApp.on_today_screen_loaded = on_today_screen_loaded  # type: ignore[attr-defined]
    # an encrypted database's key, found as the app finds it (here: NAERVAER_KEY_FILE)
    app = create_app(db, today=today, lang="en", watch_seconds=0, key=unlock(db, "en"))

    give_up = threading.Timer(GIVE_UP_SECONDS, lambda: app.call_from_thread(app.exit))
    give_up.daemon = True
    give_up.start()
    app.run(headless=True, size=SIZE)
    return 0 if painted else 5


if __name__ == "__main__":
    sys.exit(main())
