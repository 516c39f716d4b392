"""Team: one row per active person, who has gone unseen longest first.

Rows come from ``storage.views.team_rows`` (read in a worker with its own connection);
this screen only sorts, filters and draws them. Past-target rows carry a ⚠ mark and
words, not colour alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from naervaer.content.humanize import channel_name, days_ago, occasion_text
from naervaer.content.text import collate, fold, neutralise
from naervaer.content.views import TeamRow
from naervaer.storage.store import Store
from naervaer.storage.views import team_rows, unseen_order
from naervaer.tui.screens.base import BaseScreen
from naervaer.tui.widgets.display import masked_date, shown_date

COLUMNS = ("name", "month", "in_person", "contact", "site", "next", "promises")
_NEVER = date.min


def _sort_key(column: str) -> Callable[[TeamRow], Any]:
    return {
        "name": lambda r: collate(r.person.name),
        "site": lambda r: (r.person.site is None, collate(r.person.site or ""), collate(r.person.name)),
        "in_person": unseen_order,
        "contact": lambda r: r.last_contact or _NEVER,
        "month": lambda r: (r.seen_this_month is not None, r.seen_this_month or _NEVER),
        "next": lambda r: r.next_occasion.day if r.next_occasion else date.max,
        "promises": lambda r: -r.open_promises,
    }[column]


class TeamScreen(BaseScreen):
    TITLE_KEY = "screen.team"
    AUTO_FOCUS = "#team-table"
    BINDINGS = [
        Binding("enter", "open", "key.open", show=False),
        Binding("o", "sort", "key.sort", id="team-sort"),
        Binding("f", "filter", "key.filter", id="team-filter"),
        Binding("g", "site", "key.site", id="team-site"),
        Binding("v", "visit", "key.visit", id="team-visit"),
    ]

    @dataclass
    class Loaded(Message):
        rows: list[TeamRow]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[TeamRow] = []
        self.sort_column = "in_person"
        self.site: str | None = None

    def compose(self) -> ComposeResult:
        t = self.napp.t
        yield self.header()
        with Horizontal(id="team-bar"):
            yield Input(placeholder=t("tui.team.filter_placeholder"), id="team-filter")
            yield Static(id="team-state")
        yield DataTable(id="team-table", cursor_type="row", zebra_stripes=True)
        yield self.footer()

    def reload(self) -> None:
        self.load_rows()

    @work(thread=True, exclusive=True, group="team", exit_on_error=False)
    def load_rows(self) -> None:
        app = self.napp
        with Store.open(app.db_path, clock=app.today) as store:
            rows = team_rows(store, app.today())
        self.post_message(self.Loaded(rows))

    @on(Loaded)
    def show_rows(self, message: Loaded) -> None:
        self.rows = message.rows
        self.render_table()

    def visible_rows(self) -> list[TeamRow]:
        typed = fold(self.query_one("#team-filter", Input).value)
        out = [
            r for r in self.rows
            if (self.site is None or (r.person.site or "") == self.site)
            and (not typed or any(typed in fold(v or "") for v in (r.person.name, r.person.site, r.person.team)))
        ]
        return sorted(out, key=_sort_key(self.sort_column))

    def render_table(self) -> None:
        t = self.napp.t
        today = self.napp.today()
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        for column in COLUMNS:
            mark = " ▼" if column == self.sort_column else ""
            table.add_column(Text(t(f"views.col_{column}") + mark), key=column)
        for row in self.visible_rows():
            table.add_row(*self.cells(row, today), key=str(row.person.id))
        if self.rows:
            table.move_cursor(row=min(keep, max(table.row_count - 1, 0)))
        shown = self.site if self.site is not None else t("tui.team.all_sites")
        state = t("tui.team.state", shown=table.row_count, total=len(self.rows),
                  site=neutralise(shown) or t("views.no_site"), sort=t(f"views.col_{self.sort_column}"))
        self.query_one("#team-state", Static).update(Text(state))

    def cells(self, row: TeamRow, today: date) -> list[Text]:
        t = self.napp.t
        presentation = self.napp.presentation
        style = "bold" if row.past_target else ""
        name = ("⚠ " if row.past_target else "") + neutralise(row.person.name)
        if row.away_now:
            name += " " + t("views.mark_away")
        seen = days_ago(row.last_in_person, today, t)
        if row.last_in_person:
            seen = f"{shown_date(row.last_in_person, t, today)} ({seen})"
        contact = days_ago(row.last_contact, today, t)
        if row.last_contact:
            contact += " · " + channel_name(row.last_contact_channel, t)
        month = t("views.yes") if row.seen_this_month else t("views.no")
        upcoming = "—"
        if row.next_occasion:
            o = row.next_occasion
            label = occasion_text(t, o.kind, neutralise(o.label), o.years)
            upcoming = masked_date(o.day, t, today, presentation=presentation)
            if not presentation:
                upcoming += " " + label
        promises = str(row.open_promises) if row.open_promises else "—"
        if row.overdue_promises:
            promises += " (" + t("views.overdue_n", n=row.overdue_promises) + ")"
        return [
            Text(name, style=style), Text(month), Text(seen, style=style), Text(contact),
            Text(neutralise(row.person.site or "")), Text(upcoming), Text(promises),
        ]

    def current(self) -> TeamRow | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((r for r in self.rows if str(r.person.id) == key), None)

    @on(Input.Changed, "#team-filter")
    def filter_changed(self) -> None:
        self.render_table()

    @on(Input.Submitted, "#team-filter")
    def filter_done(self) -> None:
        self.query_one(DataTable).focus()

    @on(DataTable.HeaderSelected)
    def header_sort(self, event: DataTable.HeaderSelected) -> None:
        self.sort_column = str(event.column_key.value)
        self.render_table()

    @on(DataTable.RowSelected)
    def row_chosen(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        row = self.current()
        if row is not None:
            self.napp.open_person(row.person.id)

    def action_sort(self) -> None:
        self.sort_column = COLUMNS[(COLUMNS.index(self.sort_column) + 1) % len(COLUMNS)]
        self.render_table()

    def action_filter(self) -> None:
        self.query_one("#team-filter", Input).focus()

    def action_site(self) -> None:
        sites: list[str | None] = [None, *sorted({r.person.site or "" for r in self.rows})]
        self.site = sites[(sites.index(self.site) + 1) % len(sites)] if self.site in sites else None
        self.render_table()

    def action_visit(self) -> None:
        row = self.current()
        if row is not None and row.person.site:
            self.napp.open_visit(row.person.site)
        else:
            self.notify(self.napp.t("tui.team.no_site_to_visit"), markup=False)
