"""Add or correct one personal date, or one away period (leave), for a person.

Each field that cannot be read, or that the store refuses (an end before the start, an
overlap), shows why right under it, in the user's language; what was typed stays. A
day and month without a year ends a period on the first such day from its start.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from naervaer.content.errors import NaervaerError
from naervaer.content.facts import Away, PersonalDate
from naervaer.content.text import neutralise
from naervaer.tui.screens.base import OnApp
from naervaer.tui.widgets.choices import Choice, ChoiceRow
from naervaer.tui.widgets.display import shown_date
from naervaer.tui.widgets.errors import message_for
from naervaer.tui.widgets.footer import TranslatedFooter


# the store's refusals that belong to one field; any other shows under the form
STORE_FIELD = {"store.empty_label": "label", "store.away_order": "end", "store.away_overlap": "start"}


class _SmallForm(OnApp, ModalScreen[str | None]):
    """A few labelled inputs with an error line under each; subclasses read and store them."""

    CSS_PATH = "person_form.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", priority=True, id="small-form-save"),
        Binding("escape", "cancel", "key.cancel", priority=True, id="small-form-cancel"),
    ]
    FIELDS: tuple[str, ...] = ()
    TITLE_KEYS = ("", "")  # adding, correcting
    LABELS = "tui.dates"  # each field's label is LABELS.<field>, its hint LABELS.<field>_hint
    STORE_FIELD = STORE_FIELD

    def __init__(self, person_id: int, values: dict[str, str], editing: bool) -> None:
        super().__init__()
        self.person_id = person_id
        self.loaded = values
        self.editing = editing

    def compose(self) -> ComposeResult:
        t = self.napp.t
        with Vertical(id="person-form"):
            yield Label(Content(self.form_title(self.subject())), id="person-form-title")
            for field in self.FIELDS:
                with Horizontal(classes="form-row"):
                    yield Label(t(f"{self.LABELS}.{field}"), classes="form-label")
                    yield from self.field_widget(field)
                yield Static(id=f"form-{field}-error", classes="form-error")
            yield Static(id="form-status", classes="form-error")
        yield TranslatedFooter(compact=True)

    def subject(self) -> str:
        """Whom (or what) the form is about, neutralised for the title: the person."""
        return neutralise(self.napp.store.person(self.person_id).name)

    def form_title(self, name: str) -> str:
        """The form's title; ``name`` is the person's, neutralised."""
        return self.napp.t(self.TITLE_KEYS[self.editing], name=name)

    def field_widget(self, field: str) -> ComposeResult:
        hint = self.napp.t(f"{self.LABELS}.{field}_hint")
        yield Input(self.loaded.get(field, ""), placeholder=hint, id=f"form-{field}")

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def value(self, field: str) -> str:
        return self.query_one(f"#form-{field}", Input).value

    def show_error(self, field: str, message: str) -> None:
        line = self.query_one(f"#form-{field}-error" if field != "status" else "#form-status", Static)
        line.update(Content(message))
        line.display = bool(message)

    def read(self, today: date) -> tuple[dict[str, Any], dict[str, Exception]]:
        raise NotImplementedError

    def store_it(self, values: dict[str, Any]) -> str:
        """Write; the message to show once stored."""
        raise NotImplementedError

    def action_save(self) -> None:
        t = self.napp.t
        for field in (*self.FIELDS, "status"):
            self.show_error(field, "")
        values, errors = self.read(self.napp.today())
        for field, exc in errors.items():
            self.show_error(field, message_for(t, exc))
        if errors:
            return
        try:
            message = self.store_it(values)
        except (NaervaerError, ValueError) as exc:
            self.show_error(self.STORE_FIELD.get(getattr(exc, "key", ""), "status"), message_for(t, exc))
            return
        self.dismiss(message)

    def typed(self) -> dict[str, str]:
        return {f: self.value(f) for f in self.FIELDS if self.query(f"Input#form-{f}")}

    def action_cancel(self) -> None:
        if all(v == self.loaded.get(f, "") for f, v in self.typed().items()):
            self.dismiss(None)
            return
        from naervaer.tui.screens.confirm import dismiss_after_asking

        dismiss_after_asking(self, "tui.form.discard_question")


class DateFormScreen(_SmallForm):
    """A personal date: the day, what it is, and whether it comes back every year."""

    FIELDS = ("day", "label", "yearly")
    TITLE_KEYS = ("tui.dates.add_date_title", "tui.dates.edit_date_title")

    def __init__(self, person_id: int, existing: PersonalDate | None = None) -> None:
        values = {}
        if existing is not None:
            d = existing.date
            values = {"day": f"{d.day}/{d.month}" if existing.yearly else d.isoformat(),
                      "label": neutralise(existing.label)}
        super().__init__(person_id, values, existing is not None)
        self.existing = existing

    def field_widget(self, field: str) -> ComposeResult:
        if field == "yearly":
            t = self.napp.t
            on = ("yes",) if self.existing is not None and self.existing.yearly else ()
            letter = t("tui.dates.yearly_letter")
            yield ChoiceRow([Choice("yes", letter, t("tui.dates.every_year"))], multi=True, selected=on,
                            keys_help=t("tui.choice.yearly", letter=letter), id="form-yearly")
        else:
            yield from super().field_widget(field)

    def read(self, today: date) -> tuple[dict[str, Any], dict[str, Exception]]:
        from naervaer.content.when import parse_any_date, parse_birthday

        yearly = bool(self.query_one("#form-yearly", ChoiceRow).selected)
        values: dict[str, Any] = {"yearly": yearly, "label": self.value("label")}
        errors: dict[str, Exception] = {}
        typed = self.value("day")
        try:
            if yearly:
                day, month, year = parse_birthday(typed, today=date.max)
                # a yearly date needs no year; a 29 February one is kept in a leap year
                values["day"] = date(year or (2000 if (day, month) == (29, 2) else today.year), month, day)
            else:
                values["day"] = parse_any_date(typed, today)
        except ValueError as exc:
            errors["day"] = exc
        if not values["label"].strip():
            from naervaer.content.errors import InputError

            errors["label"] = InputError("store.empty_label")
        return values, errors

    def store_it(self, values: dict[str, Any]) -> str:
        store, t = self.napp.store, self.napp.t
        if self.existing is None:
            saved = store.add_personal_date(self.person_id, values["day"], values["label"], values["yearly"])
        else:
            label = self.existing.label if values["label"] == self.loaded["label"] else values["label"]
            saved = store.update_personal_date(self.existing.id, values["day"], label, values["yearly"])
        return t("tui.dates.date_saved", label=neutralise(saved.label))


class AwayFormScreen(_SmallForm):
    """An away period: from, to (may be open), and the leader's own label (holiday, course)."""

    FIELDS = ("start", "end", "label")
    TITLE_KEYS = ("tui.dates.add_away_title", "tui.dates.edit_away_title")

    def __init__(self, person_id: int, existing: Away | None = None) -> None:
        values = {}
        if existing is not None:
            values = {"start": existing.start.isoformat(), "end": existing.end.isoformat() if existing.end else "",
                      "label": neutralise(existing.label)}
        super().__init__(person_id, values, existing is not None)
        self.existing = existing

    def read(self, today: date) -> tuple[dict[str, Any], dict[str, Exception]]:
        from naervaer.content.when import parse_any_date, parse_end_date

        values: dict[str, Any] = {"label": self.value("label"), "start": None, "end": None}
        errors: dict[str, Exception] = {}
        try:
            values["start"] = parse_any_date(self.value("start"), today)
        except ValueError as exc:
            errors["start"] = exc
        if self.value("end").strip():
            try:
                values["end"] = parse_end_date(self.value("end"), values["start"] or today, today)
            except ValueError as exc:
                errors["end"] = exc
        return values, errors

    def store_it(self, values: dict[str, Any]) -> str:
        store, t = self.napp.store, self.napp.t
        label = values["label"]
        if self.existing is None:
            saved = store.start_away(self.person_id, values["start"], values["end"], label)
        else:
            label = self.existing.label if label == self.loaded["label"] else label
            saved = store.update_away(self.existing.id, values["start"], values["end"], label)
        end = shown_date(saved.end, t, self.napp.today()) if saved.end else "…"
        return t("tui.dates.away_saved", start=shown_date(saved.start, t, self.napp.today()), end=end)
