"""The Sites view (``naervaer sites``, Sites): presence per site, the least seen first.

One pass of indexed reads: ``load_team_facts`` (a handful of index probes per person,
the seen-in-month probes among them, plus the small site and meeting tables), then the pure
``content.rules_team.site_rows``; the same facts give Today its ``site_behind`` prompt.
"""

from __future__ import annotations

from datetime import date

from naervaer.content.engine_facts import Meeting
from naervaer.content.i18n import Translator
from naervaer.content.rules_team import SitesView, sites_view_of
from naervaer.storage.facts import load_team_facts
from naervaer.storage.sites import meetings
from naervaer.storage.store import Store


def sites_view(store: Store, today: date, t: Translator) -> SitesView:
    return sites_view_of(today, load_team_facts(store, today), t)


def last_meetings(store: Store, count: int = 3) -> list[Meeting]:
    """The newest team meetings (the Month screen shows where they were held)."""
    return meetings(store, limit=count)
