"""Opening the full-screen app: the only CLI path that imports Textual (lazily, here).

The app gets what the CLI resolved (the file, the language, the clock), never the CLI's ``Env``.
"""

from __future__ import annotations

import sys

from naervaer.content.errors import InputError
from naervaer.tui.cli.env import Env
from naervaer.tui.cli.streams import setup_screen_streams


def open_app(env: Env) -> None:
    # stdin closed or a pipe (`naervaer <&-`, cron): the screen would have no keyboard
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise InputError("cli.no_terminal")
    setup_screen_streams()
    try:
        from naervaer.tui.app import run_app
    except ImportError:
        raise InputError("cli.tui_missing") from None
    db_path, lang, demo, key = env.db_path, env.t.lang, env.demo, env.known_key()
    env.close()  # the app opens its own connection
    run_app(db_path, today=lambda: env.today, lang=lang, demo=demo, key=key)
