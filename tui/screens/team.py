"""Team: one row per active person, who has gone unseen longest first.

Rows come from ``storage.usecases.team.team_view``, as ``naervaer team`` (read in a worker
with its own connection); this screen only sorts, filters and draws them. Past-target rows carry a ⚠ mark and
words, not colour alone. The columns that matter (name, last in person, last contact)
come first and fit 80 columns; the others follow as far as they fit whole (all of them at
200 columns), so nothing scrolls sideways; a long name is cut with "…". ``a`` adds a person;
``A`` shows the archived people instead of the active ones.
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
from naervaer.storage.usecases.team import team_view
from naervaer.storage.views import unseen_order
from naervaer.tui.screens.base import BaseScreen
from naervaer.tui.widgets.display import cut, masked_date

COLUMNS = ("name", "in_person", "contact", "one_to_one", "month", "site", "next", "promises")
_NEVER = date.min
NAME_MIN, NAME_MAX = 14, 32  # the name column's width: what is left at 80 columns, and a cap
MUST_SHOW = 3  # name, last in person, last contact: shown at any width


def _sort_key(column: str) -> Callable[[TeamRow], Any]:
    return {
        "name": lambda r: collate(r.person.name),
        "site": lambda r: (r.person.site is None, collate(r.person.site or ""), collate(r.person.name)),
        "in_person": unseen_order,
        "contact": lambda r: r.last_contact or _NEVER,
        "one_to_one": lambda r: (not r.past_one_to_one, r.last_one_to_one or _NEVER),
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
        Binding("w", "who", "key.who", show=False, id="team-who"),  # no room in the footer at 80 columns
        Binding("a", "add_person", "key.add_person", id="team-add"),
        Binding("A", "archived", "key.archived", show=False, id="team-archived"),
    ]

    @dataclass
    class Loaded(Message):
        rows: list[TeamRow]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[TeamRow] = []
        self.sort_column = "in_person"
        self.site: str | None = None
        self.archived = False  # showing the archived people instead of the active ones
        self.drawn_width = 0  # the screen's width when the rows were last drawn

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
        with Store.open(app.db_path, clock=app.today, key=app.key) as store:
            rows = team_view(store, app.today(), include_archived=True)
        self.post_message(self.Loaded(rows))

    @on(Loaded)
    def show_rows(self, message: Loaded) -> None:
        self.rows = message.rows
        self.render_table()

    def visible_rows(self) -> list[TeamRow]:
        typed = fold(self.query_one("#team-filter", Input).value)
        out = [
            r for r in self.rows
            if r.person.archived == self.archived
            and (self.site is None or (r.person.site or "") == self.site)
            and (not typed or any(typed in fold(v or "") for v in (r.person.name, r.person.site, r.person.team)))
        ]
        return sorted(out, key=_sort_key(self.sort_column))

    def name_width(self) -> int:
        # the room left beside the two date columns and the one-to-one column (~60 cells with
        # their padding) at this width
        return max(NAME_MIN, min(NAME_MAX, self.size.width - 66))

    def shown_columns(self, headers: list[Text], rows: list[list[Text]]) -> int:
        """How many columns fit whole beside each other, in order: never a column cut at the
        edge, never horizontal scrolling. Measured on every row of this view (not only the
        filtered ones), so filtering never brings a column in or out."""
        widths = [h.cell_len for h in headers]
        for cells in rows:
            widths = [max(w, cell.cell_len) for w, cell in zip(widths, cells, strict=True)]
        room = self.size.width - 2  # the vertical scrollbar
        used, count = 0, 0
        for width in widths:
            used += width + 2  # a cell's padding, one each side
            if count >= MUST_SHOW and used > room:
                break
            count += 1
        return count

    def render_table(self, *, first: bool = False) -> None:
        """Draw the visible rows; ``first`` puts the cursor on the first one (after filtering)."""
        t = self.napp.t
        today = self.napp.today()
        table = self.query_one(DataTable)
        keep = 0 if first else table.cursor_row
        self.drawn_width = self.size.width
        table.clear(columns=True)
        headers = [Text(t(f"views.col_{c}") + (" ▼" if c == self.sort_column else "")) for c in COLUMNS]
        in_view = [r for r in self.rows if r.person.archived == self.archived]
        cells = {r.person.id: self.cells(r, today) for r in in_view}
        count = self.shown_columns(headers, list(cells.values()))
        for column, header in zip(COLUMNS[:count], headers, strict=False):
            table.add_column(header, key=column)
        for row in self.visible_rows():
            table.add_row(*cells[row.person.id][:count], key=str(row.person.id))
        if self.rows:
            table.move_cursor(row=min(keep, max(table.row_count - 1, 0)), scroll=True)
        shown = self.site if self.site is not None else t("tui.team.all_sites")
        parts = [t("tui.team.state", shown=table.row_count, total=len(in_view),
                   site=neutralise(shown) or t("views.no_site"))]
        if self.sort_column not in COLUMNS[:count]:  # else the ▼ in its heading says it
            parts.append(t("tui.team.sorted_by", sort=t(f"views.col_{self.sort_column}")))
        if self.archived:
            parts.insert(0, t("tui.team.archived_state"))
        self.query_one("#team-state", Static).update(Text(" · ".join(parts)))

    def on_resize(self) -> None:
        # the name column's width and the columns that fit follow the screen's width
        if self.rows and self.is_current and self.size.width != self.drawn_width:
            self.render_table()

    def cells(self, row: TeamRow, today: date) -> list[Text]:
        t = self.napp.t
        presentation = self.napp.presentation
        style = "bold" if row.past_target else ""
        mark = ("⚠ " if row.past_target else "")
        suffix = " " + t("views.mark_away") if row.away_now else ""
        name = mark + cut(neutralise(row.person.name), self.name_width() - len(mark) - len(suffix)) + suffix
        seen = days_ago(row.last_in_person, today, t)
        contact = days_ago(row.last_contact, today, t)
        if row.last_contact:
            contact += " · " + channel_name(row.last_contact_channel, t)
        month = t("views.yes") if row.seen_this_month else t("views.no")
        talk = self.one_to_one_cell(row, today)
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
            Text(name, style=style), Text(seen, style=style), Text(contact), talk, Text(month),
            Text(neutralise(row.person.site or "")), Text(upcoming), Text(promises),
        ]

    def one_to_one_cell(self, row: TeamRow, today: date) -> Text:
        """Days since the last one-to-one, short ("39 d"), marked when past the rhythm."""
        t = self.napp.t
        if row.person.one_to_one_days <= 0:
            return Text(t("views.one_to_one_off"))
        shown = t("views.days_short", n=(today - row.last_one_to_one).days) if row.last_one_to_one else "—"
        return Text(("⚠ " if row.past_one_to_one else "") + shown, style="bold" if row.past_one_to_one else "")

    def current(self) -> TeamRow | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((r for r in self.rows if str(r.person.id) == key), None)

    @on(Input.Changed, "#team-filter")
    def filter_changed(self) -> None:
        self.render_table(first=True)

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

    def action_add_person(self) -> None:
        self.napp.action_add_person()

    def action_archived(self) -> None:
        self.archived = not self.archived
        self.render_table(first=True)

    def action_who(self) -> None:
        self.napp.open_who()

    def action_visit(self) -> None:
        row = self.current()
        if row is not None and row.person.site:
            self.napp.open_visit(row.person.site)
        else:
            self.notify(self.napp.t("tui.team.no_site_to_visit"), markup=False)
