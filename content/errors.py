"""Errors that reach the user: each carries a message key and its parameters.

The CLI and the TUI translate ``key`` through the language layer; ``exit_code`` is what
the command line exits with (2: the input was wrong, 3: the database cannot be used).
"""

from __future__ import annotations

from typing import Any


class NaervaerError(Exception):
    exit_code = 2

    def __init__(self, key: str, /, **params: Any) -> None:
        super().__init__(f"{key} {params}" if params else key)
        self.key = key
        self.params = params


class InputError(NaervaerError):
    """What the user asked for cannot be done as given; nothing was changed."""


class StoreError(NaervaerError):
    """The database file cannot be used (foreign, newer, damaged, read-only, full)."""

    exit_code = 3
