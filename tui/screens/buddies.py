"""Buddies: the buddy pairs of the current round, and a new round to propose, edit and accept.

``r`` proposes a new round (``storage.usecases.crosssite.proposal``, as ``naervaer buddies
--propose``); ``x`` on one person and then ``x`` on another swaps them between their pairs;
``a`` stores the proposal, as edited, as the new round from today. The earlier rounds are
listed below. Nothing is stored before ``a``.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from naervaer.content import datefmt
from naervaer.content.buddies import Group, swap
from naervaer.content.crosssite_views import ShownRound
from naervaer.content.errors import NaervaerError
from naervaer.content.facts import Person
from naervaer.content.text import neutralise
from naervaer.storage.usecases.crosssite import accept, buddy_view, proposal
from naervaer.tui.screens.base import BaseScreen


class BuddiesScreen(BaseScreen):
    TITLE_KEY = "screen.buddies"
    AUTO_FOCUS = "#buddies-list"
    CSS_PATH = "buddies.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back", id="buddies-back"),
        Binding("r", "propose", "key.new_round", id="buddies-propose"),
        Binding("x", "swap", "key.swap", id="buddies-swap"),
        Binding("a", "accept", "key.accept", id="buddies-accept"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.proposed: tuple[Group, ...] | None = None
        self.people: dict[int, Person] = {}
        self.rows: list[int] = []  # person id per option (a separator is a line, not an option)
        self.marked: int | None = None

    def compose(self) -> ComposeResult:
        yield self.header()
        yield Static(id="buddies-title")
        yield OptionList(id="buddies-list")
        yield Static(id="buddies-history", classes="muted")
        yield Static(self.napp.t("buddies.app_hint"), id="buddies-hint", classes="muted")
        yield self.footer()

    def reload(self) -> None:
        t, today, store = self.napp.t, self.napp.today(), self.napp.store
        view = buddy_view(store)
        self.people = {p.id: p for p in store.people(include_archived=True)}
        title = self.query_one("#buddies-title", Static)
        if self.proposed is not None:
            title.update(Content(t("buddies.proposed")).stylize("bold"))
            groups = [tuple(self.people[p] for p in g if p in self.people) for g in self.proposed]
            self.show_groups(groups)
        elif view.current is not None:
            title.update(Content(t("buddies.current", date=datefmt.short_day(view.current.started, t, today)))
                         .stylize("bold"))
            self.show_groups(list(view.current.groups))
        else:
            title.update(Content(t("buddies.none")).stylize("bold"))
            self.show_groups([])
        self.show_history([*([view.current] if self.proposed is not None and view.current else []),
                           *view.history])
        self.refresh_bindings()

    def show_groups(self, groups: list[tuple[Person, ...]]) -> None:
        t = self.napp.t
        listing = self.query_one("#buddies-list", OptionList)
        keep = listing.highlighted
        options: list[Option | None] = []
        self.rows = []
        for index, group in enumerate(groups):
            if index:
                options.append(None)
            for person in group:
                mark = " ⇄" if person.id == self.marked else ""
                extra = ""
                if len(group) == 1:
                    extra = f" · {t('buddies.alone')}"
                elif len(group) > 2:
                    extra = f" · {t('buddies.trio')}"
                site = neutralise(person.site) if person.site else t("prompts.no_site")
                options.append(Option(Content(f"{index + 1:>2}  {neutralise(person.name)} ({site}){extra}{mark}")))
                self.rows.append(person.id)
        listing.set_options(options)
        if self.rows:
            listing.highlighted = keep if keep is not None and keep < len(self.rows) else 0

    def show_history(self, rounds: list[ShownRound]) -> None:
        t, today = self.napp.t, self.napp.today()
        history = self.query_one("#buddies-history", Static)
        if not rounds:
            history.update("")
            return
        items = [t("buddies.history_item", date=datefmt.short_day(r.started, t, today),
                   pairs=t.plural("buddies.pairs", len(r.groups))) for r in rounds[:3]]
        history.update(Content(t("buddies.history") + ": " + " · ".join(items)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("swap", "accept") and self.proposed is None:
            return None  # shown dimmed: propose a round first
        return True

    def action_propose(self) -> None:
        groups = proposal(self.napp.store, self.napp.today()).groups
        self.proposed = tuple(tuple(p.id for p in g) for g in groups) or None
        if self.proposed is None:
            self.proposed = None
            self.notify(self.napp.t("buddies.too_few"), severity="warning", markup=False)
        self.marked = None
        self.reload()

    def current_person(self) -> int | None:
        index = self.query_one("#buddies-list", OptionList).highlighted
        return self.rows[index] if index is not None and index < len(self.rows) else None

    def action_swap(self) -> None:
        t = self.napp.t
        if self.proposed is None:
            self.notify(t("buddies.propose_first"), markup=False)
            return
        person = self.current_person()
        if person is None:
            return
        if self.marked is None or self.marked == person:
            self.marked = None if self.marked == person else person
            if self.marked is not None:
                self.notify(t("buddies.swap_first", name=neutralise(self.people[person].name)), markup=False)
        else:
            first, self.marked = self.marked, None
            self.proposed = swap(self.proposed, first, person)
            self.notify(t("buddies.swapped", a=neutralise(self.people[first].name),
                          b=neutralise(self.people[person].name)), markup=False)
        self.reload()

    def action_accept(self) -> None:
        t = self.napp.t
        if self.proposed is None:
            self.notify(t("buddies.propose_first"), markup=False)
            return
        try:
            stored = accept(self.napp.store, self.napp.today(), self.proposed)
        except NaervaerError as exc:
            self.napp.report_error(exc)
            return
        self.proposed, self.marked = None, None
        self.notify(t("buddies.accepted", date=datefmt.short_day(stored.started, t, self.napp.today()),
                      pairs=t.plural("buddies.pairs", len(stored.groups))), markup=False)
        self.napp.data_changed()
