"""The team view: one row per person, longest unseen in person first (``naervaer team``, Team).

The rows are ``storage.views.team_rows``; the CLI lists the active people (of one site if
asked), the screen lists archived people too and filters as you type.
"""

from __future__ import annotations

from datetime import date

from naervaer.content.text import find_one
from naervaer.content.views import TeamRow
from naervaer.storage.store import Store
from naervaer.storage.views import team_rows


def team_view(store: Store, today: date, *, site: str | None = None,
              include_archived: bool = False) -> list[TeamRow]:
    """The team's rows on ``today``; ``site`` is a typed site name, matched first."""
    chosen = find_one(site, store.sites(), key=str) if site else None
    return team_rows(store, today, site=chosen, include_archived=include_archived)
