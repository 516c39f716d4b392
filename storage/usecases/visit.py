"""The visit briefing: everyone at one site as they stood on a day (``naervaer visit``, Visit).

The facts are the engine's (``storage.facts.load_team_facts`` for the site), the briefing the
pure ``content.briefing.site_briefing``; a typed site name is matched here, once.
"""

from __future__ import annotations

from datetime import date

from naervaer.content.briefing import SiteBriefing, site_briefing
from naervaer.content.errors import InputError
from naervaer.content.i18n import Translator
from naervaer.content.text import find_one
from naervaer.storage.facts import load_team_facts
from naervaer.storage.store import Store


def find_site(store: Store, typed: str) -> str:
    """The stored site ``typed`` names (exactly, or by an unambiguous start)."""
    sites = store.sites()
    if not sites:
        raise InputError("cli.no_site", site=typed)
    return find_one(typed, sites, key=str)


def visit_briefing(store: Store, day: date, site: str, t: Translator) -> SiteBriefing:
    """The briefing for the stored site ``site`` on ``day``."""
    return site_briefing(day, site, load_team_facts(store, day, site=site), t)
