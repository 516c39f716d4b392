"""Today: the date, this month's progress, the tip of the day and the ranked prompts.

It shows the engine's top (``today_limit`` entries, as ``naervaer today`` does), says how
many more there are, and ``m`` shows them all. A group ("5 people you have not seen in
person…") opens with ``enter`` to reach each member.

The first frame shows the prompts the app read before it (``NaervaerApp`` calls
``load_today`` once at start); later reloads run in a thread worker with its own
connection (``storage.usecases.today.today_view``) and arrive as a message. ``enter``/``l``
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

from naervaer.content.facts import ONE_TO_ONE
from naervaer.content.errors import NaervaerError
from naervaer.content.text import neutralise
from naervaer.storage.store import Store
from naervaer.tui.screens.base import BaseScreen
from naervaer.tui.widgets.display import group_names_shown, hanging, presentation_mask, prompt_text

if TYPE_CHECKING:
    # The engine loads in the reading thread, off the first frame's path.
    from naervaer.content.engine import Group, Prompt, TodayList
    from naervaer.content.i18n import Translator

GROUP_NAMES = 3  # names on a closed group's line
MEMBER_LINES = 6  # a group member's title or reason, wrapped, shows at most this many lines


TodayData = tuple["TodayList", int, int, str]
_PROMISE_ID = re.compile(r"(?:^|:)promise(\d+)(?::|$)")


def promise_of(prompt: Prompt) -> int | None:
    """The promise a promise prompt is about (its id names it, see ``content.rules``)."""
    found = _PROMISE_ID.search(prompt.id) if prompt.kind == "promise_due" else None
    return int(found[1]) if found else None


def load_today(db_path: Path, clock: Callable[[], date], t: Translator, key: bytes | None = None) -> TodayData:
    """Everything Today shows, read on its own connection (so any thread may call it)."""
    from naervaer.storage.usecases.today import today_view
    from naervaer.tui.widgets.display import long_date

    today = clock()
    with Store.open(db_path, clock=clock, key=key) as store:
        view = today_view(store, today, t)
    return view.listed, view.seen, view.total, long_date(today, t.lang)


# what the quick note starts ticked when opened from a prompt: a one-to-one is one, and a
# short talk without an agenda is informal
PRESETS: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "one_to_one": (ONE_TO_ONE, ()),
    "check_in": (None, ("informal",)),
}


class TodayScreen(BaseScreen):
    TITLE_KEY = "screen.today"
    AUTO_FOCUS = "#today-prompts"
    BINDINGS = [
        Binding("l", "log", "key.log", id="today-log"),
        Binding("d", "done", "key.done", id="today-done"),
        Binding("s", "snooze", "key.snooze", id="today-snooze"),
        Binding("t", "tip", "key.tip", id="today-tip"),
        Binding("m", "show_all", "key.show_all", id="today-show-all"),
        Binding("m", "show_top", "key.show_top", id="today-show-top"),
    ]

    @dataclass
    class Loaded(Message):
        listed: TodayList
        seen: int
        total: int
        day: str

    def __init__(self) -> None:
        super().__init__()
        self.listed: TodayList | None = None
        self.rows: list[Prompt | Group] = []
        self.show_all = False
        self.expanded: set[str] = set()

    @property
    def tip(self) -> Prompt | None:
        return self.listed.tip if self.listed else None

    @property
    def prompts(self) -> list[Prompt]:
        """The single prompts in the rows shown (a group's members once it is opened)."""
        from naervaer.content.engine import Group

        return [r for r in self.rows if not isinstance(r, Group)]

    def compose(self) -> ComposeResult:
        # The read made before the first frame goes straight into the widgets, so that
        # frame already shows the prompts (no message round trip, no second layout).
        early = self.napp.take_early_today()
        data = self.Loaded(*early.result()) if early is not None and early.exception() is None else None
        if data is not None:
            self.listed = data.listed
            self.rows = self.visible_rows()
            # nothing to reload when the screen is first shown
            self._generation, self._lang = self.napp.generation, self.napp.t.lang
        yield self.header()
        yield Static(self.napp.t("tui.today.loading") if data is None else self.head(data), id="today-head")
        tip = Static("" if data is None else self.tip_content(data), id="today-tip")
        tip.border_title = self.napp.t("tui.today.tip_title")
        yield tip
        yield OptionList(*(() if data is None else self.options()), id="today-prompts")
        yield Static("" if data is None else self.count_line(), id="today-count")
        yield self.footer()

    def reload(self) -> None:
        self.load_prompts()

    @work(thread=True, exclusive=True, group="today", exit_on_error=False)
    def load_prompts(self) -> None:
        app = self.napp
        self.post_message(self.Loaded(*load_today(app.db_path, app.today, app.t, app.key)))

    def head(self, data: Loaded) -> Content:
        progress = self.napp.t("tui.today.progress", seen=data.seen, total=data.total)
        return Content.assemble((data.day[:1].upper() + data.day[1:], "bold"), "  ·  ", progress)

    def tip_content(self, data: Loaded) -> Content:
        tip = data.listed.tip
        return Content.assemble((neutralise(tip.title), "bold"), "\n", neutralise(tip.reason))

    def count_line(self) -> str:
        """"7 of 14 prompts · m shows the other 7", or all of them and how to go back."""
        listed, t = self.listed, self.napp.t
        if listed is None or not listed.entries:
            return ""
        total = len(listed.entries)
        if self.show_all and listed.more:
            return t.plural("tui.today.count_all", total, limit=listed.limit)
        if listed.more:
            return t.plural("tui.today.count", total, shown=len(listed.top), more=listed.more)
        return t.plural("tui.today.count_every", total)

    def visible_rows(self) -> list[Prompt | Group]:
        from naervaer.content.engine import Group

        if self.listed is None:
            return []
        rows: list[Prompt | Group] = []
        for entry in self.listed.entries if self.show_all else self.listed.top:
            rows.append(entry)
            if isinstance(entry, Group) and entry.key in self.expanded:
                rows.extend(entry.prompts)
        return rows

    @on(Loaded)
    def show(self, message: Loaded) -> None:
        self.listed = message.listed
        self.query_one("#today-head", Static).update(self.head(message))
        self.query_one("#today-tip", Static).update(self.tip_content(message))
        self.refill()

    def refill(self, focus: str | None = None) -> None:
        """Rebuild the list from ``listed``; the cursor stays on the same row, or on ``focus``."""
        options = self.query_one(OptionList)
        keep = options.highlighted or 0
        self.rows = self.visible_rows()
        ids = [r.id for r in self.rows]
        options.clear_options()
        options.add_options(self.options())
        if self.rows:
            options.highlighted = ids.index(focus) if focus in ids else min(keep, len(self.rows) - 1)
        self.query_one("#today-count", Static).update(self.count_line())
        self.refresh_bindings()

    def options(self) -> list[Option]:
        from naervaer.content.engine import Group

        if not self.rows:
            return [Option(Content(self.napp.t("tui.today.nothing")), disabled=True)]
        out = []
        for index, row in enumerate(self.rows):
            if isinstance(row, Group):
                names = self.group_names(row)
                hint = self.napp.t("tui.today.group_close" if row.key in self.expanded else "tui.today.group_open")
                body = Content.assemble((neutralise(row.title), "bold"), "\n", (f"{names} · {hint}", "dim"))
            elif self.is_member(index):
                # a member stands under its group, every wrapped line too (a hanging indent)
                title, reason = self.shown_text(row)
                width = self.text_width()
                body = Content.assemble((hanging("  ", title, width, MEMBER_LINES), "bold"), "\n",
                                        (hanging("  ", reason, width, MEMBER_LINES), "dim"))
            else:
                title, reason = self.shown_text(row)
                body = Content.assemble((title, "bold"), "\n", (reason, "dim"))
            out.append(Option(body, id=str(index)))
        return out

    def text_width(self) -> int:
        """The prompt list's text width: the screen less the options' padding and a scrollbar
        (the list spans the screen; the first frame is composed before it has a size)."""
        return self.app.size.width - 4

    def on_resize(self) -> None:
        # an opened group's members are wrapped to the width by hand
        if self.expanded and self.rows:
            self.refill()

    def group_names(self, group: Group) -> str:
        """The first few names in a group; the rest are counted (they show when it opens).
        Masked where the privacy rules say (``widgets.display.group_names_shown``)."""
        if not group_names_shown(group.kind, presentation=self.napp.presentation):
            return presentation_mask(self.napp.t)
        names = ", ".join(neutralise(p.person or "") for p in group.prompts[:GROUP_NAMES])
        rest = len(group.prompts) - GROUP_NAMES
        return self.napp.t.plural("tui.today.group_names_more", rest, names=names) if rest > 0 else names

    def is_member(self, index: int) -> bool:
        """Whether row ``index`` is a prompt shown inside an opened group."""
        from naervaer.content.engine import Group

        entries = self.listed.entries if self.listed else ()
        return not isinstance(self.rows[index], Group) and self.rows[index] not in entries

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        more = self.listed is not None and self.listed.more > 0
        if action == "show_all":
            return more and not self.show_all
        if action == "show_top":
            return more and self.show_all
        return True

    def action_show_all(self) -> None:
        self.show_all = True
        self.refill()

    def action_show_top(self) -> None:
        self.show_all = False
        self.refill()

    def shown_text(self, prompt: Prompt) -> tuple[str, str]:
        """Title and reason, masked as the privacy rules say (``widgets.display.prompt_text``)."""
        return prompt_text(prompt, self.napp.t, presentation=self.napp.presentation)

    def current_row(self) -> Prompt | Group | None:
        index = self.query_one(OptionList).highlighted
        if index is None or index >= len(self.rows):
            return None
        return self.rows[index]

    def current(self) -> Prompt | None:
        """The highlighted single prompt (None on a group's line)."""
        from naervaer.content.engine import Group

        row = self.current_row()
        return None if isinstance(row, Group) else row

    @on(OptionList.OptionSelected)
    def chosen(self) -> None:
        from naervaer.content.engine import Group

        row = self.current_row()
        if isinstance(row, Group):
            self.expanded ^= {row.key}
            self.refill(focus=row.id)
        elif row is not None and row.kind == "success_digest" and row.id.endswith(":share"):
            self.napp.open_newsletter()  # tip 7: the week's successes, ready to share
        else:
            self.action_log()

    def action_log(self) -> None:
        """Log a note about the prompt's person; a team-wide prompt opens what it asks for: the
        team meeting form at the site whose turn it is, or the visit briefing of a site behind."""
        prompt = self.current()
        if prompt is not None and prompt.kind == "buddy_rotation":  # nobody to write about: the pairs
            self.napp.open_buddies()
            return
        if prompt is not None and prompt.person_id is None and prompt.site:
            if prompt.kind == "meeting_due":
                self.napp.record_meeting(prompt.site)
                return
            if prompt.kind == "site_behind":
                self.napp.open_visit(prompt.site)
                return
        kind, tags = PRESETS.get(prompt.kind, (None, ())) if prompt else (None, ())
        self.napp.action_quick_note(prompt.person_id if prompt else None, kind=kind, tags=tags)

    def _single(self) -> Prompt | None:
        """The highlighted prompt; on a group's line, say how to reach its members."""
        prompt = self.current()
        if prompt is None and self.current_row() is not None:
            self.notify(self.napp.t("tui.today.group_pick"), markup=False)
        return prompt

    def action_done(self) -> None:
        """Done; on a promise, ask first: kept closes the promise, hide only hides the prompt."""
        from naervaer.storage.prompt_state import mark_done

        prompt = self._single()
        if prompt is None:
            return
        hide = partial(self._write, lambda: mark_done(self.napp.store, prompt, self.napp.today()))
        promise_id = promise_of(prompt)
        if promise_id is None:
            hide("tui.today.marked_done")
            return
        from naervaer.tui.screens.confirm import AskScreen

        t = self.napp.t

        def answered(answer: str | None) -> None:
            if answer == "kept":
                self._write(lambda: self.napp.store.complete_promise(promise_id, self.napp.today()), "tui.today.kept")
            elif answer == "hide":  # never "done": the promise stays open and overdue on Team
                hide("tui.today.hidden_open")

        title, _reason = self.shown_text(prompt)
        self.app.push_screen(AskScreen(f"{title}\n\n{t('tui.today.kept_question')}", [
            ("kept", t("tui.today.kept_letter"), t("tui.today.kept_answer")),
            ("hide", t("tui.today.hide_letter"), t("tui.today.hide_answer")),
        ]), answered)

    def action_snooze(self) -> None:
        from naervaer.storage.prompt_state import snooze

        prompt = self._single()
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

        from naervaer.content.engine import Group

        row = self.current_row()
        prompt = row.prompts[0] if isinstance(row, Group) else (row or self.tip)
        if prompt is not None:
            self.app.push_screen(TipScreen(prompt.tip))
