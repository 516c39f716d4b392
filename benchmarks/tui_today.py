"""Open the Nærvær TUI headless on a database and exit once the Today screen painted its prompts.

``python benchmarks/tui_today.py DB TODAY``. Exit code 4: the app is not there (the
benchmark prints "not measured"); 5: the prompts never appeared. Uses only public
Textual API: the app factory, ``run(headless=True, auto_pilot=…)`` and queries.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

SIZE = (120, 40)  # the same as bare_app.py
GIVE_UP_SECONDS = 60


def main() -> int:
    db, today = Path(sys.argv[1]), date.fromisoformat(sys.argv[2])
    try:
        from naervaer.tui.app import create_app
    except ImportError:
        return 4
    from textual.widgets import OptionList

    app = create_app(db, today=today, lang="en", watch_seconds=0)
    painted = False

    async def wait_for_prompts(pilot) -> None:  # noqa: ANN001 - textual.pilot.Pilot
        nonlocal painted
        deadline = time.monotonic() + GIVE_UP_SECONDS
        while time.monotonic() < deadline:
            screen = app.screen
            if type(screen).__name__ == "TodayScreen":
                lists = screen.query(OptionList)
                if lists and lists.first().option_count > 0:
                    painted = True
                    break
            await pilot.pause(0.002)
        app.call_after_refresh(app.exit)

    app.run(headless=True, size=SIZE, auto_pilot=wait_for_prompts)
    return 0 if painted else 5


if __name__ == "__main__":
    sys.exit(main())
