"""Visit: the site briefing before a visit (``storage.usecases.visit``, as ``naervaer visit``).

Everyone at the site, longest unseen first, with open promises, talking points to raise,
written goals with their last update (masked in presentation mode), dates coming up, recent
hard moments, leave and the last note's first line, as wide as the screen allows and
wrapped under its own start (a hanging indent). The cursor picks a person; ``enter``
or ``l`` logs a note with them (pre-filled).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from naervaer.content.briefing import BriefingPerson, SiteBriefing
from naervaer.content.humanize import days_ago
from naervaer.content.text import neutralise, one_line
from naervaer.storage.store import Store
from naervaer.tui.screens.base import BaseScreen
from naervaer.tui.widgets.display import hanging, masked, masked_date, shown_date

class VisitScreen(BaseScreen):
    TITLE_KEY = "screen.visit"
    AUTO_FOCUS = "#visit-people"
    CSS_PATH = "visit.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back", id="visit-back"),
        Binding("l", "log", "key.log", id="visit-log"),
    ]

    @dataclass
    class Loaded(Message):
        briefing: SiteBriefing

    def __init__(self, site: str) -> None:
        super().__init__()
        self.site = site
        self.people: list[BriefingPerson] = []
        self.briefing: SiteBriefing | None = None

    def compose(self) -> ComposeResult:
        yield self.header()
        yield Static(Content(self.napp.t("tui.visit.title", site=neutralise(self.site))), id="visit-title")
        yield OptionList(id="visit-people")
        yield self.footer()

    def reload(self) -> None:
        self.load_briefing()

    @work(thread=True, exclusive=True, group="visit", exit_on_error=False)
    def load_briefing(self) -> None:
        from naervaer.storage.usecases.visit import visit_briefing

        app = self.napp
        with Store.open(app.db_path, clock=app.today, key=app.key) as store:
            briefing = visit_briefing(store, app.today(), self.site, app.t)
        self.post_message(self.Loaded(briefing))

    @on(Loaded)
    def show(self, message: Loaded) -> None:
        self.briefing = message.briefing
        self.render_briefing()

    def on_resize(self) -> None:
        if self.briefing is not None:
            self.render_briefing()

    def render_briefing(self) -> None:
        assert self.briefing is not None
        self.people = list(self.briefing.people)
        options = self.query_one(OptionList)
        keep = options.highlighted
        options.clear_options()
        for index, b in enumerate(self.people):
            options.add_option(Option(self.describe(b), id=str(index)))
        if not self.people:
            options.add_option(Option(Content(self.napp.t("tui.visit.nobody")), disabled=True))
        else:
            options.highlighted = min(keep or 0, len(self.people) - 1)

    def describe(self, b: BriefingPerson) -> Content:
        t = self.napp.t
        today = self.napp.today()
        hide = self.napp.presentation
        lines = [Content.assemble((neutralise(b.person.name), "bold"), " · ",
                                  t("tui.visit.seen", when=days_ago(b.last_in_person, today, t)))]
        for p in b.open_promises:
            text = masked(one_line(p.text, 60), presentation=hide)
            shown = (t("tui.visit.promise", text=text, due=shown_date(p.due, t, today)) if p.due
                     else t("tui.visit.promise_no_due", text=text))
            lines.append(Content("  " + shown))
        # the option list's text width: the screen less the list's padding and scrollbar
        width = max(self.query_one(OptionList).scrollable_content_region.width - 2, 30)
        if b.points:
            shown = "; ".join(f"{masked(neutralise(one_line(p.text, 60)), presentation=hide)} "
                              f"({days_ago(p.created, today, t)})" for p in b.points)
            lines.append(Content(hanging("  " + t("goals.tui.visit_points"), shown, width, 2)))
        for g in b.goals:
            shown = f"{masked(neutralise(one_line(g.text, 60)), presentation=hide)} · {t(f'goals.status.{g.status}')}"
            last = g.last_update
            if last is not None:
                shown += f" · {shown_date(last.date, t, today)}"
                if last.text:
                    shown += ": " + masked(neutralise(one_line(last.text, 60)), presentation=hide)
            lines.append(Content(hanging("  " + t("goals.tui.visit_goal"), shown, width, 2)))
        for u in b.upcoming:
            lines.append(Content("  " + t("tui.visit.upcoming", date=masked_date(u.date, t, today, presentation=hide),
                                          what=masked(neutralise(u.what), presentation=hide))))
        for i in b.incidents:
            lines.append(Content("  " + t("tui.visit.incident", kind=t(f"vocab.tag_{i.kind}"), date=shown_date(i.date, t, today))))
        for a in b.away:
            end = shown_date(a.end, t, today) if a.end else "…"
            lines.append(Content("  " + t("tui.visit.away", start=shown_date(a.start, t, today), end=end)))
        if b.last_note:
            head = "  " + t("tui.visit.last_note", date=shown_date(b.last_note.date, t, today), text="")
            text = masked(one_line(b.last_note.first_line), presentation=hide)
            lines.append(Content(hanging(head, text, width)).stylize("dim"))
        return Content("\n").join(lines)

    def current(self) -> BriefingPerson | None:
        index = self.query_one(OptionList).highlighted
        return self.people[index] if index is not None and index < len(self.people) else None

    @on(OptionList.OptionSelected)
    def chosen(self) -> None:
        self.action_log()

    def action_log(self) -> None:
        b = self.current()
        self.napp.action_quick_note(b.person.id if b else None)
