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
from naervaer.content.errors import InputError
from naervaer.content.text import MatchError
from naervaer.storage import sites as site_data
from naervaer.storage.store import Store


def sites_view(store: Store, today: date, t: Translator) -> SitesView:
    return sites_view_of(today, load_team_facts(store, today), t)


def last_meetings(store: Store, count: int = 3) -> list[Meeting]:
    """The newest team meetings (the Month screen shows where they were held)."""
    return site_data.meetings(store, limit=count)


def edit_site(store: Store, site: str, helper: str, start: date | None, end: date | None) -> None:
    """The site form's save, as one action: the local helper (someone on the team, found as
    every command finds a person; a name that finds no one is a contact outside the team;
    empty clears it) and the change period (no start: not in change)."""
    if start is None and end is not None:
        raise InputError("sites.form.needs_from")
    with store.write():
        typed = helper.strip()
        if not typed:
            site_data.set_helper(store, site)
        else:
            try:
                person = store.find_person(typed)
            except MatchError as exc:
                if exc.key != "text.no_match":
                    raise  # several on the team: the form lists them beside the field
                site_data.set_helper(store, site, name=typed)
            else:
                site_data.set_helper(store, site, person_id=person.id)
        if start is None:
            site_data.clear_change(store, site)
        else:
            site_data.set_change(store, site, start, end)


def edit_person_change(store: Store, person_id: int, start: date | None, end: date | None) -> None:
    """The person's own change period from its form (no start: not in change)."""
    if start is None and end is not None:
        raise InputError("sites.form.needs_from")
    if start is None:
        site_data.clear_person_change(store, person_id)
    else:
        site_data.set_person_change(store, person_id, start, end)
