"""Add a person or edit one: every field the command line has, each labelled.

Name, site, team, role, preferred channel, e-mail, phone, birthday, start date and the two targets
(rytme). What was typed is read by ``content.person_draft``; a field that cannot be read,
or that the store refuses (a name already in use), shows why right under that field,
in the user's language, and everything typed stays. Stored values show neutralised (an
Input draws ESC raw); a field left as shown keeps its stored value exactly.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from naervaer.content.errors import NaervaerError
from naervaer.content.facts import DEFAULT_CONTACT_DAYS, DEFAULT_IN_PERSON_DAYS, DEFAULT_ONE_TO_ONE_DAYS, Person
from naervaer.content.person_draft import person_draft
from naervaer.content.text import neutralise
from naervaer.content.vocab import CHANNELS
from naervaer.tui.screens.base import OnApp
from naervaer.tui.widgets.choices import Choice, ChoiceRow
from naervaer.tui.widgets.errors import message_for
from naervaer.tui.widgets.footer import TranslatedFooter


FIELDS = ("name", "site", "team", "role", "email", "phone", "birthday", "started",
          "in_person_days", "contact_days", "one_to_one_days")  # the inputs
ORDER = (*FIELDS[:4], "prefers", *FIELDS[4:])  # as the form shows them
PREFER_LETTERS = {"in_person": "i", "video": "v", "phone": "t", "message": "m", "": "o"}
# the store's refusals that belong to one field; any other shows under the form
STORE_FIELD = {"store.duplicate_name": "name", "store.empty_name": "name"}


def shown_values(person: Person | None) -> dict[str, str]:
    """What each field shows for ``person`` (a new person: the default targets)."""
    if person is None:
        return {f: "" for f in ORDER} | {"in_person_days": str(DEFAULT_IN_PERSON_DAYS), "contact_days": str(DEFAULT_CONTACT_DAYS),
                                        "one_to_one_days": str(DEFAULT_ONE_TO_ONE_DAYS)}
    b = person.birthday
    values = {
        "name": person.name, "site": person.site or "", "team": person.team or "", "role": person.role or "",
        "prefers": person.prefers or "", "email": person.email or "", "phone": person.phone or "",
        "birthday": f"{b.day}/{b.month}" + (f"/{b.year}" if b.year else "") if b else "",
        "started": person.started.isoformat() if person.started else "",
        "in_person_days": str(person.in_person_days), "contact_days": str(person.contact_days),
        "one_to_one_days": str(person.one_to_one_days),
    }
    return {k: neutralise(v) for k, v in values.items()}


class PersonFormScreen(OnApp, ModalScreen[str | None]):
    """Dismisses with the "saved" message, or None when cancelled."""

    CSS_PATH = "person_form.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", priority=True, id="form-save"),
        Binding("escape", "cancel", "key.cancel", priority=True, id="form-cancel"),
    ]

    def __init__(self, person_id: int | None = None) -> None:
        super().__init__()
        self.person_id = person_id
        self.loaded: dict[str, str] = {}  # what each field showed when the form opened

    def compose(self) -> ComposeResult:
        t = self.napp.t
        current = self.napp.store.person(self.person_id) if self.person_id is not None else None
        self.loaded = shown_values(current)
        title = t("tui.form.edit_title") if current else t("tui.form.add_title")
        with Vertical(id="person-form"):
            yield Label(title, id="person-form-title")
            for field in ORDER:
                with Horizontal(classes="form-row"):
                    yield Label(t(f"tui.form.{field}"), classes="form-label")
                    if field == "prefers":
                        choices = [Choice(c, PREFER_LETTERS[c], t(f"vocab.channel_{c}")) for c in CHANNELS]
                        choices.append(Choice("", PREFER_LETTERS[""], t("tui.form.prefers_none")))
                        yield ChoiceRow(choices, multi=False, selected=(self.loaded["prefers"],),
                                        keys_help=t("tui.choice.channel"), id="form-prefers")
                    else:
                        hint = t(f"tui.form.{field}_hint") if field in ("birthday", "started") else ""
                        yield Input(self.loaded[field], placeholder=hint, id=f"form-{field}",
                                    classes="days" if field.endswith("_days") else "")
                        if field.endswith("_days"):
                            after = "tui.form.one_to_one_after" if field == "one_to_one_days" else "tui.form.days_after"
                            yield Label(t(after), classes="form-after")
                yield Static(id=f"form-{field}-error", classes="form-error")
            yield Static(id="form-status", classes="form-error")
        yield TranslatedFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#form-name", Input).focus()

    def typed(self) -> dict[str, str]:
        values = {f: self.query_one(f"#form-{f}", Input).value for f in FIELDS}
        values["prefers"] = self.query_one("#form-prefers", ChoiceRow).selected[0]
        return values

    def show_error(self, field: str, message: str) -> None:
        """Say why beside the field (an empty message hides the line)."""
        line = self.query_one(f"#form-{field}-error" if field != "status" else "#form-status", Static)
        line.update(Content(message))
        line.display = bool(message)

    def action_save(self) -> None:
        t = self.napp.t
        for field in (*ORDER, "status"):
            self.show_error(field, "")
        typed = self.typed()
        # a new person: every field; an edit: only what was changed (an untouched field
        # may show ␛ where ESC is stored, and must keep it)
        given = typed if self.person_id is None else {f: v for f, v in typed.items() if v != self.loaded[f]}
        fields, errors = person_draft(given, self.napp.today())
        for field, exc in errors.items():
            self.show_error(field, message_for(t, exc))
        if errors:
            self.focus_field(next(iter(errors)))
            return
        try:
            if self.person_id is None:
                person = self.napp.store.add_person(fields.pop("name"), **fields)
            elif fields:
                person = self.napp.store.update_person(self.person_id, **fields)
            else:
                person = self.napp.store.person(self.person_id)
        except (NaervaerError, ValueError) as exc:
            if getattr(exc, "key", None) == "store.no_person_id":  # erased from another window
                self.show_error("status", t("tui.form.person_gone", name=self.loaded["name"]))
                return
            field = STORE_FIELD.get(getattr(exc, "key", ""), "status")
            self.show_error(field, message_for(t, exc))
            if field != "status":
                self.focus_field(field)
            return
        self.dismiss(t("tui.form.saved", name=neutralise(person.name)))

    def focus_field(self, field: str) -> None:
        self.query_one(f"#form-{field}").focus()

    def action_cancel(self) -> None:
        """Closes at once when nothing was changed; otherwise asks first, as the quick note does."""
        if self.typed() == self.loaded:
            self.dismiss(None)
            return
        from naervaer.tui.screens.confirm import dismiss_after_asking

        dismiss_after_asking(self, "tui.form.discard_question")
