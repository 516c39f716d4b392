"""Record a team meeting: the site it was held at, the day, and who came (a checklist with that
site's people first). Everyone ticked counts as seen in person that day.

A day that cannot be read, or lies ahead, is said under the date field; what was typed stays.
Changing the site re-orders the checklist and keeps the ticks; esc asks before discarding them.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from naervaer.content.errors import NaervaerError
from naervaer.content.engine_facts import site_key
from naervaer.content.text import collate, neutralise
from naervaer.content.when import parse_when
from naervaer.storage.sites import add_meeting
from naervaer.tui.screens.base import OnApp
from naervaer.tui.widgets.display import shown_date
from naervaer.tui.widgets.errors import message_for
from naervaer.tui.widgets.footer import TranslatedFooter


class MeetingFormScreen(OnApp, ModalScreen[str | None]):
    CSS_PATH = "meeting_form.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", priority=True, id="meeting-save"),
        Binding("escape", "cancel", "key.cancel", priority=True, id="meeting-cancel"),
    ]

    def __init__(self, site: str | None = None) -> None:
        super().__init__()
        self.initial_site = site

    def compose(self) -> ComposeResult:
        t = self.napp.t
        sites = self.napp.store.sites()
        chosen = self.initial_site if self.initial_site in sites else (sites[0] if sites else Select.BLANK)
        with Vertical(id="meeting-form"):
            yield Label(t("sites.meeting.form.title"), id="meeting-form-title")
            with Horizontal(classes="form-row"):
                yield Label(t("sites.meeting.form.site"), classes="form-label")
                yield Select([(Content(neutralise(s)), s) for s in sites], value=chosen, allow_blank=False,
                             id="meeting-site") if sites else Static(t("sites.view.none"))
            yield Static(id="meeting-site-error", classes="form-error")
            with Horizontal(classes="form-row"):
                yield Label(t("sites.meeting.form.date"), classes="form-label")
                yield Input(t("views.today"), placeholder=t("sites.meeting.form.date_hint"), id="meeting-date")
            yield Static(id="meeting-date-error", classes="form-error")
            yield Label(t("sites.meeting.form.came"), id="meeting-came")
            yield SelectionList[int](*self.choices(chosen if isinstance(chosen, str) else None, set()),
                                     id="meeting-people")
            yield Static(id="meeting-status", classes="form-error")
        yield TranslatedFooter(compact=True)

    def choices(self, site: str | None, ticked: set[int]) -> list[Selection[int]]:
        """Everyone active, the site's people first; each labelled with their site."""
        key = site_key(site) if site else None
        people = sorted(self.napp.store.people(),
                        key=lambda p: (not (p.site and site_key(p.site) == key), collate(p.site or ""),
                                       collate(p.name)))
        return [Selection(Content(neutralise(f"{p.name} · {p.site or '—'}")), p.id, p.id in ticked)
                for p in people]

    def on_mount(self) -> None:
        people = self.query_one("#meeting-people", SelectionList)
        people.focus()
        self.call_after_refresh(self._highlight_first)

    def _highlight_first(self) -> None:
        """Space ticks the first of the site's people at once (the list starts with none highlighted)."""
        people = self.query_one("#meeting-people", SelectionList)
        if people.option_count and people.highlighted is None:
            people.highlighted = 0
        for error in self.query(".form-error"):
            error.display = False

    @on(Select.Changed, "#meeting-site")
    def site_changed(self, event: Select.Changed) -> None:
        people = self.query_one("#meeting-people", SelectionList)
        ticked = set(people.selected)
        people.clear_options()
        people.add_options(self.choices(event.value if isinstance(event.value, str) else None, ticked))

    def show_error(self, where: str, message: str) -> None:
        line = self.query_one(f"#meeting-{where}", Static)
        line.update(Content(message))
        line.display = bool(message)

    def action_save(self) -> None:
        t = self.napp.t
        for where in ("site-error", "date-error", "status"):
            self.show_error(where, "")
        found = self.query("#meeting-site")
        site = found.first(Select).value if found else None
        if not isinstance(site, str):
            self.show_error("site-error", t("sites.meeting.no_site"))
            return
        today = self.napp.today()
        try:
            day = parse_when(self.query_one("#meeting-date", Input).value, today)
        except NaervaerError as exc:
            self.show_error("date-error", message_for(t, exc))
            return
        people = list(self.query_one("#meeting-people", SelectionList).selected)
        try:
            held = add_meeting(self.napp.store, site, day, people)
        except NaervaerError as exc:
            self.show_error("status", message_for(t, exc))
            return
        self.dismiss(t.plural("sites.meeting.form.saved", len(held.people), site=neutralise(site),
                              date=shown_date(day, t, today)))

    def action_cancel(self) -> None:
        """Close; with people ticked or the day changed, ask before discarding them."""
        ticked = bool(self.query_one("#meeting-people", SelectionList).selected)
        moved = self.query_one("#meeting-date", Input).value != self.napp.t("views.today")
        if not (ticked or moved):
            self.dismiss(None)
            return
        from naervaer.tui.screens.confirm import dismiss_after_asking

        dismiss_after_asking(self, "tui.form.discard_question")
