"""Sites: presence per site, the least seen in person first, and the plain sentence on how the
least-seen site compares (``naervaer sites`` prints the same, from the same use case).

Every share is a fraction, a symbol and a word where it lags (``▼ low``), never colour
alone. Fits 80 columns: the site's name is cut with "…"; the highlighted site's details
(people, local helper, change, last team meeting, last visit) are spelled out below the
table. ``a`` records a team meeting (at the highlighted site), ``v`` opens its visit briefing,
``e`` edits its local helper and change period.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Static

from naervaer.content.datefmt import day_month, short_day
from naervaer.content.rules_team import SiteRow, SitesView
from naervaer.content.text import neutralise
from naervaer.storage.store import Store
from naervaer.storage.usecases.sites import sites_view
from naervaer.tui.screens.base import BaseScreen
from naervaer.tui.widgets.display import cut

SITE_WIDTH = 18
COLUMNS = ("site", "month", "three", "days", "promises", "meeting", "visit")
LAG, LEAD = 0.85, 1.15  # below / above the average share by this factor: marked


class SitesScreen(BaseScreen):
    TITLE_KEY = "screen.sites"
    AUTO_FOCUS = "#sites-table"
    CSS_PATH = "sites.tcss"
    BINDINGS = [
        Binding("a", "record_meeting", "key.record_meeting", id="sites-meeting"),
        Binding("v", "visit", "key.visit", id="sites-visit"),
        Binding("e", "edit_site", "key.edit_site", id="sites-edit"),
    ]

    @dataclass
    class Loaded(Message):
        view: SitesView

    def __init__(self) -> None:
        super().__init__()
        self.view: SitesView | None = None

    def compose(self) -> ComposeResult:
        yield self.header()
        yield Static(self.napp.t("tui.today.loading"), id="sites-title")
        yield Static(id="sites-sentence")
        yield DataTable(id="sites-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="sites-detail")
        yield self.footer()

    def reload(self) -> None:
        self.load_sites()

    @work(thread=True, exclusive=True, group="sites", exit_on_error=False)
    def load_sites(self) -> None:
        app = self.napp
        with Store.open(app.db_path, clock=app.today, key=app.key) as store:
            view = sites_view(store, app.today(), app.t)
        self.post_message(self.Loaded(view))

    def _mark(self, share: float, mean: float) -> str:
        t = self.napp.t
        if mean and share < mean * LAG:
            return t("sites.view.mark_low")
        if mean and share > mean * LEAD:
            return t("sites.view.mark_high")
        return t("sites.view.mark_ok")

    @on(Loaded)
    def show(self, message: Loaded) -> None:
        t = self.napp.t
        view = self.view = message.view
        today = self.napp.today()
        self.query_one("#sites-title", Static).update(
            Content(t("sites.view.title", date=short_day(today, t))).stylize("bold"))
        self.query_one("#sites-sentence", Static).update(Content(neutralise(view.sentence)))
        table = self.query_one("#sites-table", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        for column in COLUMNS:
            table.add_column(t(f"sites.view.col_{column}"), key=column)
        if not view.rows:
            self.query_one("#sites-sentence", Static).update(Content(t("sites.view.none")))
        month_mean = sum(r.share_month for r in view.rows) / len(view.rows) if view.rows else 0.0
        for r in view.rows:
            visit = r.days_since_visit(today)
            lagging = r.share_three < view.average_three * LAG
            name = cut(neutralise(r.name), SITE_WIDTH)
            table.add_row(
                Text(name, style="bold" if lagging else ""),
                t("sites.view.share", seen=r.seen_this_month, people=r.people,
                  mark=self._mark(r.share_month, month_mean), percent=round(r.share_month * 100)),
                t("sites.view.percent", mark=self._mark(r.share_three, view.average_three),
                  percent=round(r.share_three * 100)),
                t("sites.view.days", days=r.average_days) if r.average_days is not None else t("sites.view.never"),
                str(r.open_promises) + ("!" if r.overdue_promises else ""),
                day_month(r.last_meeting, t) if r.last_meeting else t("sites.view.never"),
                t("sites.view.days", days=visit) if visit is not None else t("sites.view.never"),
                key=r.name,
            )
        if view.rows:
            table.move_cursor(row=min(row, len(view.rows) - 1))
        self.show_detail()

    def current(self) -> SiteRow | None:
        if not self.view or not self.view.rows:
            return None
        table = self.query_one("#sites-table", DataTable)
        return self.view.rows[min(table.cursor_row, len(self.view.rows) - 1)]

    @on(DataTable.RowHighlighted)
    def show_detail(self) -> None:
        r = self.current()
        detail = self.query_one("#sites-detail", Static)
        if r is None:
            detail.update("")
            return
        t, today = self.napp.t, self.napp.today()
        visit = r.days_since_visit(today)
        parts = [
            t.plural("sites.view.people", r.people),
            t("sites.view.helper", helper=r.helper) if r.helper else t("sites.view.no_helper"),
            t("sites.view.meeting_on", date=short_day(r.last_meeting, t, today)) if r.last_meeting
            else t("sites.view.meeting_never"),
            t("sites.view.visit_never") if visit is None else (
                t("sites.view.visit_today") if visit == 0 else t.plural("sites.view.visit_days", visit)),
        ]
        if r.never_seen:
            parts.append(t.plural("sites.view.never_seen", r.never_seen))
        if r.overdue_promises:
            parts.append(t("sites.view.overdue", count=r.overdue_promises))
        if r.change is not None and r.change.change is not None:
            end = r.change.change.end
            parts.append(t("sites.view.in_change_until", date=short_day(end, t, today)) if end
                         else t("sites.view.in_change"))
        title = Content(neutralise(r.name)).stylize("bold")
        detail.update(Content("\n").join([title, Content(neutralise(" · ".join(parts)))]))

    def action_visit(self) -> None:
        r = self.current()
        if r is not None:
            self.napp.open_visit(r.name)

    def action_edit_site(self) -> None:
        r = self.current()
        if r is not None:
            self.napp.edit_site(r.name)

    def action_record_meeting(self) -> None:
        r = self.current()
        self.napp.record_meeting(r.name if r else None)
