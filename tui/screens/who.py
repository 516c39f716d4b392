"""Who can help?: everyone with a skill or interest, grouped by site (tip 9).

Typing searches at once (``storage.usecases.crosssite.who_view``, as ``naervaer who``: one
indexed query on the folded label), with the labels already used offered as completion
(``→`` takes it). ``enter`` in the field moves to the results; ``enter`` on a person opens them.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from naervaer.content.crosssite_views import WhoView
from naervaer.content.errors import NaervaerError
from naervaer.content.phrasing import counts
from naervaer.content.text import neutralise
from naervaer.storage import crosssite
from naervaer.storage.usecases.crosssite import who_view
from naervaer.tui.screens.base import BaseScreen


class WhoScreen(BaseScreen):
    TITLE_KEY = "screen.who"
    AUTO_FOCUS = "#who-input"
    CSS_PATH = "who.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back", id="who-back"),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.query_text = query
        self.found: list[int | None] = []  # person id per option (None: a site heading)

    def compose(self) -> ComposeResult:
        t = self.napp.t
        yield self.header()
        yield Input(self.query_text, placeholder=t("skills.who_placeholder"), id="who-input",
                    suggester=SuggestFromList(crosssite.used_labels(self.napp.store), case_sensitive=False))
        yield Static(t("skills.who_hint"), id="who-count")
        yield OptionList(id="who-results")
        yield self.footer()

    def reload(self) -> None:
        self.search(self.query_one("#who-input", Input).value)

    @on(Input.Changed, "#who-input")
    def typed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @on(Input.Submitted, "#who-input")
    def to_results(self) -> None:
        first = next((i for i, pid in enumerate(self.found) if pid is not None), None)
        if first is not None:
            results = self.query_one("#who-results", OptionList)
            results.highlighted = first
            results.focus()

    def search(self, text: str) -> None:
        t = self.napp.t
        results = self.query_one("#who-results", OptionList)
        line = self.query_one("#who-count", Static)
        results.clear_options()
        self.found = []
        if not text.strip():
            line.update(t("skills.who_hint"))
            return
        try:
            view = who_view(self.napp.store, text)
        except NaervaerError:  # only accents or symbols typed: nothing to search for yet
            line.update(t("skills.who_hint"))
            return
        shown = neutralise(text.strip())
        if not view.sites:
            line.update(Content(t("skills.who_none", query=shown)))
            return
        line.update(Content(t("skills.who_header", query=shown,
                              **counts(t, people=view.people, sites=len(view.sites)))))
        results.add_options(self.options(view))

    def options(self, view: WhoView) -> list[Option]:
        t = self.napp.t
        out = []
        for site, found in view.sites:
            out.append(Option(Content(neutralise(site) if site else t("prompts.no_site")).stylize("bold"),
                              disabled=True))
            self.found.append(None)
            for f in found:
                kind = t(f"skills.kind_{f.kind}")
                out.append(Option(Content(f"  {neutralise(f.person.name)} · {neutralise(f.label)} ({kind})")))
                self.found.append(f.person.id)
        return out

    @on(OptionList.OptionSelected, "#who-results")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        person_id = self.found[event.option_index] if event.option_index < len(self.found) else None
        if person_id is not None:
            self.napp.open_person(person_id)
