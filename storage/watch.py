"""Noticing writes made by another process (the CLI, a second window) without re-reading.

``PRAGMA data_version`` changes on a connection whenever a *different* connection
commits to the same database, and costs no I/O beyond the file header, so the TUI can
poll it on a timer and reload only when something actually changed.
"""

from __future__ import annotations

from naervaer.storage.store import Store


def data_version(store: Store) -> int:
    """A number that changes after another connection commits; the same otherwise."""
    return int(store.query("PRAGMA data_version")[0][0])


class ChangeWatch:
    """Remembers the last seen ``data_version`` and says whether it moved since."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._seen = data_version(store)

    def changed(self) -> bool:
        now = data_version(self._store)
        moved = now != self._seen
        self._seen = now
        return moved
