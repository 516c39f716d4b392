"""Search: full-text over every note, newest first, the typed words highlighted.

Typing is debounced; the query runs in a thread worker with its own connection
(``Store.search_notes``) and only the newest answer is shown. Private notes stay
masked (their matches are not highlighted, so nothing leaks), and presentation mode
masks every note. ``enter`` opens the person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from naervaer.content.facts import Note
from naervaer.content.humanize import channel_name
from naervaer.content.text import neutralise
from naervaer.storage.store import Store
from naervaer.tui.screens.base import BaseScreen
from naervaer.tui.widgets.display import note_hidden, note_line, shown_date

DEBOUNCE_SECONDS = 0.25
LIMIT = 50


def highlighted(line: str, query: str) -> Content:
    """``line`` as plain Content with every typed word (as a prefix) underlined."""
    content = Content(line)
    words = [re.escape(w) for w in query.split() if any(ch.isalnum() for ch in w)]
    if not words:
        return content
    return content.highlight_regex(re.compile("|".join(words), re.IGNORECASE), style="bold reverse")


class SearchScreen(BaseScreen):
    TITLE_KEY = "screen.search"
    AUTO_FOCUS = "#search-input"
    CSS_PATH = "search.tcss"
    BINDINGS = [
        Binding("escape", "switch_focus", "key.edit_query", id="search-query"),
        Binding("r", "reveal", "key.reveal", id="search-reveal"),
    ]

    @dataclass
    class Found(Message):
        query: str
        notes: list[Note]
        names: dict[int, str]

    def __init__(self) -> None:
        super().__init__()
        self.found: list[Note] = []
        self.names: dict[int, str] = {}
        self.query_text = ""
        self.revealed = False
        self._debounce: Timer | None = None

    def compose(self) -> ComposeResult:
        yield self.header()
        yield Input(placeholder=self.napp.t("tui.search.placeholder"), id="search-input")
        yield Static(id="search-state")
        yield OptionList(id="search-results")
        yield self.footer()

    def reload(self) -> None:
        if self.query_text:
            self.run_search(self.query_text)

    @on(Input.Changed, "#search-input")
    def typed(self, event: Input.Changed) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        query = event.value
        self._debounce = self.set_timer(DEBOUNCE_SECONDS, lambda: self.run_search(query))

    @on(Input.Submitted, "#search-input")
    def submitted(self) -> None:
        self.query_one(OptionList).focus()

    def run_search(self, query: str) -> None:
        self.query_text = query
        self.search_worker(query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def search_worker(self, query: str) -> None:
        app = self.napp
        with Store.open(app.db_path, clock=app.today, key=app.key) as store:
            notes = store.search_notes(query, limit=LIMIT)
            names = {p.id: p.name for p in store.people(include_archived=True)}
        self.post_message(self.Found(query, notes, names))

    @on(Found)
    def show(self, message: Found) -> None:
        if message.query != self.query_text:
            return
        t = self.napp.t
        self.found, self.names = message.notes, message.names
        self.render_results()
        state = t("tui.search.count", count=len(self.found)) if message.query.strip() else ""
        if len(self.found) == LIMIT:
            state = t("tui.search.limited", count=LIMIT)
        self.query_one("#search-state", Static).update(Content(state))

    def render_results(self) -> None:
        t = self.napp.t
        presentation = self.napp.presentation
        options = self.query_one(OptionList)
        options.clear_options()
        width = max(20, options.size.width - 6)
        for index, note in enumerate(self.found):
            name = neutralise(self.names.get(note.person_id, "?"))
            head = Content.assemble((name, "bold"), f" · {shown_date(note.date, t, self.napp.today())} · {channel_name(note.channel, t)}")
            line = note_line(note, t, presentation=presentation, revealed=self.revealed, width=width)
            hidden = note_hidden(note, presentation=presentation, revealed=self.revealed)
            body = Content(line) if hidden else highlighted(line, self.query_text)
            options.add_option(Option(Content.assemble(head, "\n  ", body), id=str(index)))
        if self.found:
            options.highlighted = 0

    @on(OptionList.OptionSelected)
    def open_person(self, event: OptionList.OptionSelected) -> None:
        note = self.found[event.option_index]
        self.napp.open_person(note.person_id)

    def action_switch_focus(self) -> None:
        """Between typing the query and the results (where 1, 2, 3, n, q work)."""
        field = self.query_one(Input)
        if field.has_focus:
            self.query_one(OptionList).focus()
        else:
            field.focus()

    def action_reveal(self) -> None:
        self.revealed = not self.revealed
        self.render_results()
