"""Add a person or edit one: name, site, team, role and the in-person target in days.

Checks happen in the store (names unique, targets positive); a refusal shows in the
form and nothing changes. Stored values show neutralised (an Input draws ESC raw); a field
left as shown keeps its stored value exactly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from naervaer.content.errors import NaervaerError
from naervaer.content.text import neutralise
from naervaer.tui.widgets.errors import message_for
from naervaer.tui.widgets.footer import TranslatedFooter

if TYPE_CHECKING:
    from naervaer.tui.app import NaervaerApp

FIELDS = ("name", "site", "team", "role", "in_person_days")


class PersonFormScreen(ModalScreen[str | None]):
    """Dismisses with the "saved" message, or None when cancelled."""

    CSS_PATH = "quick_note.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", priority=True),
        Binding("escape", "cancel", "key.cancel", priority=True),
    ]

    def __init__(self, person_id: int | None = None) -> None:
        super().__init__()
        self.person_id = person_id
        self.loaded: dict[str, str] = {}  # what each field showed when the form opened

    @property
    def napp(self) -> NaervaerApp:
        return cast("NaervaerApp", self.app)

    def compose(self) -> ComposeResult:
        t = self.napp.t
        current = self.napp.store.person(self.person_id) if self.person_id is not None else None
        title = t("tui.form.edit_title") if current else t("tui.form.add_title")
        with Vertical(id="note-form"):
            yield Label(title, id="note-title")
            for field in FIELDS:
                value = getattr(current, field, None) if current else None
                self.loaded[field] = "" if value is None else neutralise(str(value))
                with Horizontal(classes="row"):
                    yield Label(t(f"tui.form.{field}"), classes="field-label")
                    yield Input(self.loaded[field], id=f"form-{field}")
            yield Static(id="form-status", classes="error")
        yield TranslatedFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#form-name", Input).focus()

    def typed(self) -> dict[str, str]:
        return {f: self.query_one(f"#form-{f}", Input).value for f in FIELDS}

    def action_save(self) -> None:
        t = self.napp.t
        typed = self.typed()
        # only what was edited is sent: an untouched field may show ␛ where ESC is stored
        changed = {f: value.strip() for f, value in typed.items() if value != self.loaded[f]}
        status = self.query_one("#form-status", Static)
        if "in_person_days" in changed:
            try:
                changed["in_person_days"] = int(changed["in_person_days"]) if changed["in_person_days"] else 30
            except ValueError:
                status.update(Content(t("tui.form.bad_days")))
                status.display = True
                return
        try:
            if self.person_id is None:
                fields = {"site": "", "team": "", "role": "", "in_person_days": 30, **changed}
                person = self.napp.store.add_person(fields.pop("name", ""), **fields)
            else:
                person = self.napp.store.update_person(self.person_id, **changed)
        except (NaervaerError, ValueError) as exc:
            if getattr(exc, "key", None) == "store.no_person_id":  # erased from another window
                status.update(Content(t("tui.form.person_gone", name=self.loaded["name"])))
            else:
                status.update(Content(message_for(t, exc)))
            status.display = True  # .error lines are hidden until they have something to say
            return
        self.dismiss(t("tui.form.saved", name=neutralise(person.name)))

    def action_cancel(self) -> None:
        """Closes at once when nothing was changed; otherwise asks first, as the quick note does."""
        if self.typed() == self.loaded:
            self.dismiss(None)
            return
        from naervaer.tui.screens.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        t = self.napp.t
        self.app.push_screen(ConfirmScreen(t("tui.form.discard_question"), t("tui.note.discard"), t("tui.note.keep")), answered)
