"""The right of access: everything stored about one person, found by their exact name.

``storage.export.export_person`` reads the rows; the person is named exactly (never the
next name by prefix), archived people included. The face writes the JSON document
(``content.formats``) where it was asked to.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from naervaer.content.facts import Person
from naervaer.storage.export import export_person
from naervaer.storage.store import Store


def person_export(store: Store, name: str, today: date) -> tuple[Person, dict[str, Any]]:
    """The person ``name`` names exactly, and all that is stored about them."""
    found = store.find_person_exactly(name, include_archived=True)
    return found, export_person(store, found.id, today)
