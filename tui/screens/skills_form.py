"""A person's skills and interests (tip 9), added and deleted one label at a time.

Opened from the Person screen (``S``). ``enter`` in either field stores the label at once
(one transaction), with the labels already used offered as completion (``→`` takes it);
``x`` or ``delete`` on the list deletes the highlighted label. A refused label says why
under its field. Dismisses with True when anything was stored.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from naervaer.content.errors import InputError, NaervaerError, message
from naervaer.content.skills import Label as SkillLabel
from naervaer.content.text import neutralise
from naervaer.storage import crosssite
from naervaer.tui.screens.base import OnApp
from naervaer.tui.widgets.footer import TranslatedFooter


FIELDS = {"skill": "#skills-skill", "interest": "#skills-interest"}


class SkillsFormScreen(OnApp, ModalScreen[bool]):
    CSS_PATH = "skills_form.tcss"
    BINDINGS = [
        Binding("escape", "close", "key.close", id="skills-close"),
        Binding("x,delete", "delete", "key.delete_item", id="skills-delete"),
    ]

    def __init__(self, person_id: int) -> None:
        super().__init__()
        self.person_id = person_id
        self.labels: list[SkillLabel] = []
        self.changed = False

    def compose(self) -> ComposeResult:
        t = self.napp.t
        store = self.napp.store
        name = neutralise(store.person(self.person_id).name)
        used = crosssite.used_labels(store)
        with Vertical(id="skills-box"):
            yield Label(Content(t("skills.form.title", name=name)), id="skills-title")
            for kind, selector in FIELDS.items():
                yield Input(placeholder=t(f"skills.form.add_{kind}"), id=selector[1:],
                            suggester=SuggestFromList(used, case_sensitive=False))
                yield Static("", id=f"{selector[1:]}-error", classes="field-error")
            yield OptionList(id="skills-list")
            yield Static(t("skills.form.hint"), classes="muted")
        yield TranslatedFooter(compact=True)

    def on_mount(self) -> None:
        self.reload()
        self.query_one(FIELDS["skill"], Input).focus()

    def reload(self) -> None:
        t = self.napp.t
        self.labels = crosssite.labels_of(self.napp.store, self.person_id)
        listing = self.query_one("#skills-list", OptionList)
        keep = listing.highlighted
        options: list[Option] = []
        for kind, key in (("skill", "skills.skills"), ("interest", "skills.interests")):
            options.append(Option(Content(t(key)).stylize("bold"), disabled=True))
            mine = [lab for lab in self.labels if lab.kind == kind]
            if not mine:
                options.append(Option(Content("  " + t("skills.none")), disabled=True))
            for lab in mine:
                options.append(Option(Content("  " + neutralise(lab.label)), id=f"{kind}:{lab.key}"))
        listing.set_options(options)
        if keep is not None:
            listing.highlighted = min(keep, listing.option_count - 1)

    @on(Input.Submitted)
    def add(self, event: Input.Submitted) -> None:
        if not event.value.strip():  # enter on an empty field: nothing to add, nothing to say
            return
        kind = next(k for k, selector in FIELDS.items() if selector[1:] == event.input.id)
        error = self.query_one(f"#{event.input.id}-error", Static)
        t = self.napp.t
        try:
            added = crosssite.add_label(self.napp.store, self.person_id, kind, event.value)
        except InputError as exc:
            error.update(message(t, exc, face="app"))
            error.display = True
            return
        except NaervaerError as exc:
            self.napp.report_error(exc)
            return
        error.update("")
        error.display = False
        event.input.value = ""
        self.changed = True
        name = neutralise(self.napp.store.person(self.person_id).name)
        self.notify(t(f"skills.added_{kind}", name=name, label=neutralise(added.label)), markup=False)
        self.reload()

    def current(self) -> SkillLabel | None:
        listing = self.query_one("#skills-list", OptionList)
        if listing.highlighted is None:
            return None
        option_id = listing.get_option_at_index(listing.highlighted).id
        return next((lab for lab in self.labels if f"{lab.kind}:{lab.key}" == option_id), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete":
            # in a field, x and delete are typing; on the list they delete the highlighted label
            return True if isinstance(self.focused, OptionList) and self.current() is not None else None
        return True

    def on_option_list_option_highlighted(self) -> None:
        self.refresh_bindings()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_delete(self) -> None:
        lab = self.current()
        if lab is None:
            return
        t = self.napp.t
        try:
            crosssite.remove_label(self.napp.store, self.person_id, lab.kind, lab.label)
        except NaervaerError as exc:
            self.napp.report_error(exc)
            self.reload()
            return
        self.changed = True
        name = neutralise(self.napp.store.person(self.person_id).name)
        self.notify(t(f"skills.removed_{lab.kind}", name=name, label=neutralise(lab.label)), markup=False)
        self.reload()

    def action_close(self) -> None:
        self.dismiss(self.changed)
