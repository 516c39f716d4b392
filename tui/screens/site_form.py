"""A site's own settings: its local helper and its change period (issue 16, in the app).

A ``dates_form._SmallForm``: each field that cannot be read, or that the store refuses,
says why right under it; what was typed stays. Saved as one action
(``storage.usecases.sites.edit_site``): the helper is someone on the team, else a contact
outside it (empty: none); no first day means the site is not in change.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from naervaer.content.errors import InputError
from naervaer.content.text import neutralise
from naervaer.storage.sites import site_setup
from naervaer.storage.store import Store
from naervaer.storage.usecases.sites import edit_site
from naervaer.tui.screens.dates_form import STORE_FIELD, _SmallForm


def read_period(form: _SmallForm, today: date, values: dict[str, Any],
                errors: dict[str, Exception]) -> tuple[dict[str, Any], dict[str, Exception]]:
    """A change period's two fields: the first day (empty: not in change) and the last (empty:
    until ended; given alone, refused beside the first day)."""
    from naervaer.content.when import parse_any_date, parse_end_date

    values.update(start=None, end=None)
    if form.value("start").strip():
        try:
            values["start"] = parse_any_date(form.value("start"), today)
        except ValueError as exc:
            errors["start"] = exc
    if form.value("end").strip():
        if not form.value("start").strip():
            errors["start"] = InputError("sites.form.needs_from")
        try:
            values["end"] = parse_end_date(form.value("end"), values["start"] or today, today)
        except ValueError as exc:
            errors["end"] = exc
    return values, errors


class SiteFormScreen(_SmallForm):
    FIELDS = ("helper", "start", "end")
    TITLE_KEYS = ("sites.form.title", "sites.form.title")
    LABELS = "sites.form"
    STORE_FIELD = {**STORE_FIELD, "sites.form.needs_from": "start", "sites.change.end_before_start": "end",
                   "sites.helper.empty": "helper", "text.ambiguous": "helper", "store.bad_characters": "helper",
                   "store.text_too_long": "helper"}

    def __init__(self, site: str, helper: str | None, start: date | None, end: date | None) -> None:
        values = {"helper": neutralise(helper or ""), "start": start.isoformat() if start else "",
                  "end": end.isoformat() if end else ""}
        super().__init__(0, values, True)
        self.site = site
        self.stored_helper = helper or ""

    @classmethod
    def of(cls, store: Store, site: str) -> SiteFormScreen:
        return cls(site, *site_setup(store, site))

    def subject(self) -> str:
        return neutralise(self.site)

    def read(self, today: date) -> tuple[dict[str, Any], dict[str, Exception]]:
        helper = self.value("helper")
        # what the form showed is the stored name neutralised: unchanged means the stored one
        values: dict[str, Any] = {"helper": self.stored_helper if helper == self.loaded["helper"] else helper}
        errors: dict[str, Exception] = {}
        return read_period(self, today, values, errors)

    def store_it(self, values: dict[str, Any]) -> str:
        edit_site(self.napp.store, self.site, values["helper"], values["start"], values["end"])
        return self.napp.t("sites.form.saved", site=neutralise(self.site))
