"""Opening the full-screen app: the only CLI path that imports Textual (lazily, here)."""

from __future__ import annotations

import sys

from naervaer.content.errors import InputError
from naervaer.tui.cli.env import Env
from naervaer.tui.cli import setup_screen_streams


def open_app(env: Env) -> None:
    # stdin closed or a pipe (`naervaer <&-`, cron): the screen would have no keyboard
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise InputError("cli.no_terminal")
    setup_screen_streams()
    try:
        from naervaer.tui.app import run_app
    except ImportError:
        raise InputError("cli.tui_missing") from None
    run_app(env)
