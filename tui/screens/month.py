"""Month: the "seen everyone" checklist, a progress bar and a 12-month heatmap.

Reads ``storage.usecases.month.month_with_heat`` (the checklist ``naervaer seen`` prints,
and the heatmap) in a worker; ``[`` and ``]`` move between months, ``o`` signs an ended
month off after asking (stored with its date) and ``u`` takes a sign-off back after asking. A line under the progress bar says where the
last team meetings were held. A month that has not ended is refused with
a plain note, not an error. Seen/unseen is always a symbol and a word, never colour
alone; the heatmap shows counts as digits.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from naervaer.content.datefmt import month_year
from naervaer.content.engine_facts import Meeting
from naervaer.content.errors import NaervaerError
from naervaer.content.text import neutralise
from naervaer.content.views import MonthChecklist
from naervaer.storage.store import Store
from naervaer.storage.usecases.month import month_with_heat
from naervaer.storage.usecases.sites import last_meetings
from naervaer.storage.views import previous_month, sign_off_month, undo_sign_off
from naervaer.tui.screens.base import BaseScreen
from naervaer.tui.widgets.display import cut, shown_date

BAR_WIDTH = 30
NAME_WIDTH = 22
MONTHS = 12


def bar(seen: int, total: int, width: int = BAR_WIDTH) -> str:
    filled = round(width * seen / total) if total else 0
    return "█" * filled + "░" * (width - filled)


def heat_cell(count: int) -> str:
    return "·" if count == 0 else (str(count) if count < 10 else "+")


def last_months(year: int, month: int, count: int) -> list[tuple[int, int]]:
    out = [(year, month)]
    for _ in range(count - 1):
        out.append(previous_month(*out[-1]))
    return out[::-1]


class MonthScreen(BaseScreen):
    TITLE_KEY = "screen.month"
    AUTO_FOCUS = "#month-body"
    CSS_PATH = "month.tcss"
    BINDINGS = [
        Binding("left_square_bracket", "move(-1)", "key.previous_month", key_display="[", id="month-prev"),
        Binding("right_square_bracket", "move(1)", "key.next_month", key_display="]", id="month-next"),
        Binding("o", "sign_off", "key.sign_off", id="month-sign-off"),
        Binding("u", "undo_sign_off", "key.undo_sign_off", show=False, id="month-undo"),
    ]

    @dataclass
    class Loaded(Message):
        checklist: MonthChecklist
        heat: dict[int, list[int]]
        title: str
        initials: list[str]
        meetings: list[Meeting]

    def __init__(self) -> None:
        super().__init__()
        today = self.napp.today()
        self.year, self.month = today.year, today.month
        self.signed = False  # whether the month shown is signed off

    def compose(self) -> ComposeResult:
        yield self.header()
        with VerticalScroll(id="month-body"):
            yield Static(self.napp.t("tui.today.loading"), id="month-title")
            yield Static(id="month-progress")
            yield Static(id="month-meetings")
            yield Static(id="month-list")
            yield Static(self.napp.t("tui.month.heatmap"), classes="section-title")
            yield Static(id="month-heat")
        yield self.footer()

    def reload(self) -> None:
        self.load_month()

    @work(thread=True, exclusive=True, group="month", exit_on_error=False)
    def load_month(self) -> None:
        from naervaer.tui.widgets.display import month_initials, month_name

        app = self.napp
        year, month = self.year, self.month
        with Store.open(app.db_path, clock=app.today, key=app.key) as store:
            checklist, heat = month_with_heat(store, year, month, app.today(), MONTHS)
            meetings = last_meetings(store)
        lang = app.t.lang
        self.post_message(self.Loaded(checklist, heat, month_name(year, month, lang),
                                      month_initials(last_months(year, month, MONTHS), lang), meetings))

    @on(Loaded)
    def show(self, message: Loaded) -> None:
        t = self.napp.t
        c = message.checklist
        self.signed = c.signed_off is not None
        title = Content(t("views.month_title", month=message.title, seen=c.seen, total=c.total))
        self.query_one("#month-title", Static).update(title.stylize("bold"))
        today = self.napp.today()
        if c.signed_off:
            signed = t("views.signed_off", date=shown_date(c.signed_off, t, today))
        elif (c.year, c.month) < (today.year, today.month):  # ended: it can be signed off now
            signed = t("tui.month.not_signed_ended")
        else:
            signed = t("tui.month.not_signed")
        self.query_one("#month-progress", Static).update(Content(f"{bar(c.seen, c.total)} {c.seen}/{c.total}  {signed}"))
        self.query_one("#month-meetings", Static).update(self.meeting_line(message.meetings))
        self.query_one("#month-list", Static).update(self.checklist_lines(c))
        self.query_one("#month-heat", Static).update(self.heat_lines(c, message.heat, message.initials))

    def meeting_line(self, meetings: list[Meeting]) -> Content:
        """Where the last team meetings were held (tip 10: at every site in turn)."""
        t, today = self.napp.t, self.napp.today()
        if not meetings:
            return Content(t("sites.meeting.no_last_meetings"))
        held = " · ".join(f"{neutralise(m.site)} {shown_date(m.date, t, today)}" for m in meetings)
        return Content(t("sites.meeting.last_meetings", list=held))

    def checklist_lines(self, c: MonthChecklist) -> Content:
        t = self.napp.t
        lines: list[Content] = []
        for site, entries in c.sites:
            lines.append(Content(neutralise(site) or t("views.no_site")).stylize("bold underline"))
            for e in entries:
                if e.seen_on:
                    mark, state = "✓", t("views.seen_on", date=shown_date(e.seen_on, t, self.napp.today()))
                elif e.away_all_month:
                    mark, state = "–", t("views.away_month")
                else:
                    mark, state = "✗", t("views.not_seen")
                if e.carried_over and not e.seen_on:
                    state += " · " + t("views.carried_over")
                line = Content(f" {mark} {cut(neutralise(e.person.name), NAME_WIDTH):<{NAME_WIDTH}} {state}")
                lines.append(line if e.seen_on else line.stylize("bold"))
        if not lines:
            lines.append(Content(t("tui.month.nobody")))
        return Content("\n").join(lines)

    def heat_lines(self, c: MonthChecklist, heat: dict[int, list[int]], initials: list[str]) -> Content:
        header = Content(" " * (NAME_WIDTH + 1) + " ".join(i[:1].upper() for i in initials))
        lines = [header.stylize("dim")]
        for site, entries in c.sites:
            lines.append(Content(neutralise(site) or self.napp.t("views.no_site")).stylize("underline"))
            for entry in entries:
                counts = heat.get(entry.person.id, [])
                name = cut(neutralise(entry.person.name), NAME_WIDTH - 1)
                lines.append(Content(f" {name:<{NAME_WIDTH - 1}} " + " ".join(heat_cell(n) for n in counts)))
        return Content("\n").join(lines)

    def action_move(self, step: int) -> None:
        month = self.month + step
        self.year, self.month = self.year + (month - 1) // 12, (month - 1) % 12 + 1
        self.load_month()

    def action_sign_off(self) -> None:
        """Ask, then sign; a month that has not ended is refused with a calm note."""
        from naervaer.tui.screens.confirm import ConfirmScreen

        t = self.napp.t
        year, month = self.year, self.month
        key = month_year(year, month, t)  # "november 2026", as the title says it
        today = self.napp.today()
        if (year, month) >= (today.year, today.month):
            try:
                sign_off_month(self.napp.store, year, month, today)  # refuses: says why, in its words
            except NaervaerError as exc:
                self.notify(self.napp.t(exc.key, **exc.params), markup=False)
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                sign_off_month(self.napp.store, year, month, self.napp.today())
            except NaervaerError as exc:
                self.napp.report_error(exc)
                return
            self.notify(t("tui.month.signed", month=key), markup=False)
            self.napp.data_changed()

        question = "tui.month.resign_question" if self.signed else "tui.month.sign_question"
        self.app.push_screen(ConfirmScreen(t(question, month=key), t("tui.month.sign_yes"), t("tui.month.sign_no")),
                             answered)

    def action_undo_sign_off(self) -> None:
        from naervaer.tui.screens.confirm import ConfirmScreen

        t = self.napp.t
        year, month = self.year, self.month
        key = month_year(year, month, t)  # "november 2026", as the title says it
        if not self.signed:
            self.notify(t("tui.month.nothing_to_undo", month=key), markup=False)
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                undo_sign_off(self.napp.store, year, month)
            except NaervaerError as exc:
                self.napp.report_error(exc)
                return
            self.notify(t("tui.month.undone", month=key), markup=False)
            self.napp.data_changed()

        self.app.push_screen(ConfirmScreen(t("tui.month.undo_question", month=key), t("tui.month.undo_yes"),
                                           t("tui.month.sign_no")), answered)
