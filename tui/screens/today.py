"""Today: the date, this month's progress, the tip of the day and the ranked prompts.

The first frame shows the prompts the app read before it (``NaervaerApp`` calls
``load_today`` once at start); later reloads run in a thread worker with its own
connection (``storage.facts.today_prompts``) and arrive as a message. ``enter``/``l``
log a contact (the quick note opens pre-filled), ``d`` done, ``s`` snooze to
tomorrow, ``t`` the tip behind a prompt.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from naervaer.content.errors import NaervaerError
from naervaer.content.text import neutralise
from naervaer.storage.store import Store
from naervaer.tui.screens.base import BaseScreen
from naervaer.tui.widgets.display import MASK

if TYPE_CHECKING:
    # The engine loads in the reading thread, off the first frame's path.
    from naervaer.content.engine import Prompt
    from naervaer.content.i18n import Translator

TIP_KIND = "tip_of_the_day"
FIRST_PAINT = 12  # prompts; more than fit on a 50-line terminal
PLAIN_KINDS = frozenset({"not_seen", "no_contact", "new_person"})


TodayData = tuple["list[Prompt]", "Prompt", int, int, str]
_PROMISE_ID = re.compile(r"(?:^|:)promise(\d+)(?::|$)")


def promise_of(prompt: Prompt) -> int | None:
    """The promise a promise prompt is about (its id names it, see ``content.rules``)."""
    found = _PROMISE_ID.search(prompt.id) if prompt.kind == "promise_due" else None
    return int(found[1]) if found else None


def load_today(db_path: Path, clock: Callable[[], date], t: Translator) -> TodayData:
    """Everything Today shows, read on its own connection (so any thread may call it)."""
    from naervaer.storage.facts import today_prompts
    from naervaer.storage.views import month_checklist
    from naervaer.tui.widgets.display import long_date

    today = clock()
    with Store.open(db_path, clock=clock) as store:
        found = today_prompts(store, today, t)
        month = month_checklist(store, today.year, today.month, today)
    prompts = [p for p in found if p.kind != TIP_KIND]
    tip = next(p for p in found if p.kind == TIP_KIND)
    return prompts, tip, month.seen, month.total, long_date(today, t.lang)


class TodayScreen(BaseScreen):
    TITLE_KEY = "screen.today"
    AUTO_FOCUS = "#today-prompts"
    BINDINGS = [
        Binding("l", "log", "key.log", id="today-log"),
        Binding("d", "done", "key.done", id="today-done"),
        Binding("s", "snooze", "key.snooze", id="today-snooze"),
        Binding("t", "tip", "key.tip", id="today-tip"),
    ]

    @dataclass
    class Loaded(Message):
        prompts: list[Prompt]
        tip: Prompt
        seen: int
        total: int
        day: str

    def __init__(self) -> None:
        super().__init__()
        self.prompts: list[Prompt] = []
        self.tip: Prompt | None = None

    def compose(self) -> ComposeResult:
        # The read made before the first frame goes straight into the widgets, so that
        # frame already shows the prompts (no message round trip, no second layout).
        early = self.napp.take_early_today()
        data = self.Loaded(*early.result()) if early is not None and early.exception() is None else None
        if data is not None:
            self.prompts, self.tip = data.prompts, data.tip
            self.call_after_refresh(self.add_rest, self.prompts, 0)
            # nothing to reload when the screen is first shown
            self._generation, self._lang = self.napp.generation, self.napp.t.lang
        yield self.header()
        yield Static(self.napp.t("tui.today.loading") if data is None else self.head(data), id="today-head")
        tip = Static("" if data is None else self.tip_content(data), id="today-tip")
        tip.border_title = self.napp.t("tui.today.tip_title")
        yield tip
        yield OptionList(*(() if data is None else self.first_options()), id="today-prompts")
        yield self.footer()

    def reload(self) -> None:
        self.load_prompts()

    @work(thread=True, exclusive=True, group="today", exit_on_error=False)
    def load_prompts(self) -> None:
        app = self.napp
        self.post_message(self.Loaded(*load_today(app.db_path, app.today, app.t)))

    def head(self, data: Loaded) -> Content:
        progress = self.napp.t("tui.today.progress", seen=data.seen, total=data.total)
        return Content.assemble((data.day[:1].upper() + data.day[1:], "bold"), "  ·  ", progress)

    def tip_content(self, data: Loaded) -> Content:
        return Content.assemble((neutralise(data.tip.title), "bold"), "\n", neutralise(data.tip.reason))

    def first_options(self) -> list[Option]:
        """The first screenful; the rest joins right after that frame (``add_rest``)."""
        if not self.prompts:
            return [Option(Content(self.napp.t("tui.today.nothing")), disabled=True)]
        return self.options(0, FIRST_PAINT)

    @on(Loaded)
    def show(self, message: Loaded) -> None:
        self.prompts, self.tip = message.prompts, message.tip
        self.query_one("#today-head", Static).update(self.head(message))
        self.query_one("#today-tip", Static).update(self.tip_content(message))
        options = self.query_one(OptionList)
        keep = options.highlighted or 0
        options.clear_options()
        options.add_options(self.first_options())
        if self.prompts:
            options.highlighted = min(keep, FIRST_PAINT - 1, len(self.prompts) - 1)
            self.call_after_refresh(self.add_rest, self.prompts, keep)

    def options(self, start: int, stop: int) -> list[Option]:
        out = []
        for index, prompt in enumerate(self.prompts[start:stop], start):
            title, reason = self.shown_text(prompt)
            out.append(Option(Content.assemble((title, "bold"), "\n", (reason, "dim")), id=str(index)))
        return out

    def add_rest(self, prompts: list[Prompt], keep: int) -> None:
        if prompts is not self.prompts or len(prompts) <= FIRST_PAINT:  # replaced meanwhile, or all shown
            return
        options = self.query_one(OptionList)
        options.add_options(self.options(FIRST_PAINT, len(prompts)))
        options.highlighted = min(keep, len(prompts) - 1)

    def shown_text(self, prompt: Prompt) -> tuple[str, str]:
        """Title and reason; in presentation mode only who, and why only for the rhythm prompts.

        Reasons quote promises, dates and what happened; titles name hard days and
        birthdays. The rhythm prompts say no more than "see Anna in person".
        """
        if not self.napp.presentation:
            return neutralise(prompt.title), neutralise(prompt.reason)
        hidden = f"{MASK} {self.napp.t('tui.mask.presentation')}"
        if prompt.kind in PLAIN_KINDS:
            return neutralise(prompt.title), hidden
        return neutralise(f"{prompt.person or ''}: {MASK}"), hidden

    def current(self) -> Prompt | None:
        index = self.query_one(OptionList).highlighted
        if index is None or index >= len(self.prompts):
            return None
        return self.prompts[index]

    @on(OptionList.OptionSelected)
    def chosen(self) -> None:
        self.action_log()

    def action_log(self) -> None:
        prompt = self.current()
        self.napp.action_quick_note(prompt.person_id if prompt else None)

    def action_done(self) -> None:
        """Done; on a promise, ask first: kept closes the promise, hide only hides the prompt."""
        from naervaer.storage.prompt_state import mark_done

        prompt = self.current()
        if prompt is None:
            return
        hide = partial(self._write, lambda: mark_done(self.napp.store, prompt, self.napp.today()), "tui.today.marked_done")
        promise_id = promise_of(prompt)
        if promise_id is None:
            hide()
            return
        from naervaer.tui.screens.confirm import AskScreen

        t = self.napp.t

        def answered(answer: str | None) -> None:
            if answer == "kept":
                self._write(lambda: self.napp.store.complete_promise(promise_id, self.napp.today()), "tui.today.kept")
            elif answer == "hide":
                hide()

        title, _reason = self.shown_text(prompt)
        self.app.push_screen(AskScreen(f"{title}\n\n{t('tui.today.kept_question')}", [
            ("kept", t("tui.today.kept_letter"), t("tui.today.kept_answer")),
            ("hide", t("tui.today.hide_letter"), t("tui.today.hide_answer")),
        ]), answered)

    def action_snooze(self) -> None:
        from naervaer.storage.prompt_state import snooze

        prompt = self.current()
        if prompt is not None:
            today = self.napp.today()
            self._write(lambda: snooze(self.napp.store, prompt, today + timedelta(days=1), today), "tui.today.snoozed")

    def _write(self, action: Callable[[], object], done_key: str) -> None:
        try:
            action()
        except NaervaerError as exc:
            self.napp.report_error(exc)
            return
        self.notify(self.napp.t(done_key), markup=False)
        self.napp.data_changed()

    def action_tip(self) -> None:
        from naervaer.tui.screens.tip import TipScreen

        prompt = self.current() or self.tip
        if prompt is not None:
            self.app.push_screen(TipScreen(prompt.tip))
