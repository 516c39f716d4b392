"""One person's own change period (a new role, a move: issue 16), set in the app.

While it runs, their contact rhythms are shorter, as a site's are in change. Same fields
and refusals as the site form's change period (``site_form.read_period``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from naervaer.storage.sites import person_change_setup
from naervaer.storage.store import Store
from naervaer.storage.usecases.sites import edit_person_change
from naervaer.tui.screens.dates_form import STORE_FIELD, _SmallForm
from naervaer.tui.screens.site_form import read_period


class PersonChangeFormScreen(_SmallForm):
    FIELDS = ("start", "end")
    TITLE_KEYS = ("sites.form.person_title", "sites.form.person_title")
    LABELS = "sites.form"
    STORE_FIELD = {**STORE_FIELD, "sites.form.needs_from": "start", "sites.change.end_before_start": "end"}

    def __init__(self, person_id: int, start: date | None, end: date | None) -> None:
        super().__init__(person_id, {"start": start.isoformat() if start else "",
                                     "end": end.isoformat() if end else ""}, True)

    @classmethod
    def of(cls, store: Store, person_id: int) -> PersonChangeFormScreen:
        return cls(person_id, *person_change_setup(store, person_id))

    def read(self, today: date) -> tuple[dict[str, Any], dict[str, Exception]]:
        return read_period(self, today, {}, {})

    def store_it(self, values: dict[str, Any]) -> str:
        edit_person_change(self.napp.store, self.person_id, values["start"], values["end"])
        return self.napp.t("sites.form.person_saved", name=self.subject())
