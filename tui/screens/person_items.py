"""A person's open promises, talking points, goals, personal dates and away periods, to act on
one at a time.

Opened from the Person screen (``k``, ``g`` or ``D``): the cursor picks a line; ``k`` marks a
promise kept, ``t`` adds a talking point, ``r`` marks the point under the cursor raised and
``o`` makes it a promise, ``n`` writes a goal and ``u`` updates the goal under the cursor,
``a`` adds a personal date, ``l`` adds leave (an away period), ``e`` corrects the date or
period under the cursor and ``x`` deletes it (or the point or goal) after asking. Every
write goes through the store and the list is read again from what was stored.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from naervaer.content.errors import NaervaerError
from naervaer.content.facts import Away, PersonalDate, Promise
from naervaer.content.goals import Goal, TalkingPoint
from naervaer.content.humanize import days_ago
from naervaer.content.text import neutralise
from naervaer.tui.screens.base import OnApp
from naervaer.tui.widgets.display import masked, masked_date, shown_date
from naervaer.tui.widgets.footer import TranslatedFooter


Item = Promise | TalkingPoint | Goal | PersonalDate | Away
KINDS: dict[type, str] = {Promise: "promise", TalkingPoint: "point", Goal: "goal", PersonalDate: "date", Away: "away"}


class PersonItemsScreen(OnApp, ModalScreen[bool]):
    """Dismisses with True when anything was stored (the Person screen then reloads)."""

    CSS_PATH = "person_items.tcss"
    BINDINGS = [
        Binding("escape", "close", "key.back", id="items-back"),
        Binding("k", "keep", "key.kept", id="items-keep"),
        Binding("r", "raise_point", "key.raised", id="items-raised"),
        Binding("o", "to_promise", "key.to_promise", id="items-to-promise"),
        Binding("u", "update_goal", "key.update_goal", id="items-update-goal"),
        Binding("t", "add_point", "key.next_time", id="items-add-point"),
        Binding("n", "add_goal", "key.add_goal", id="items-add-goal"),
        Binding("a", "add_date", "key.add_date", id="items-add-date"),
        Binding("l", "add_away", "key.add_away", id="items-add-away"),
        Binding("e", "edit", "key.edit_item", id="items-edit"),
        Binding("x,delete", "delete", "key.delete_item", id="items-delete"),
    ]

    def __init__(self, person_id: int, *, start: str = "promise") -> None:
        super().__init__()
        self.person_id = person_id
        self.start = start  # which kind of line the cursor starts on
        self.items: list[Item] = []
        self.changed = False

    def compose(self) -> ComposeResult:
        t = self.napp.t
        name = neutralise(self.napp.store.person(self.person_id).name)
        with Vertical(id="items-box"):
            yield Label(Content(t("tui.items.title", name=name)), id="items-title")
            yield OptionList(id="items-list")
        yield TranslatedFooter(compact=True)

    def on_mount(self) -> None:
        self.reload()
        first = next((i for i, item in enumerate(self.items) if KINDS[type(item)] == self.start), None)
        listing = self.query_one(OptionList)
        if first is not None:
            listing.highlighted = self.option_index(first)
        listing.focus()

    def reload(self) -> None:
        store, t = self.napp.store, self.napp.t
        hide = self.napp.presentation
        today = self.napp.today()
        promises = store.promises(open_only=True, person_id=self.person_id)
        points = store.points(person_id=self.person_id, open_only=True)
        goals = sorted(store.goals(person_id=self.person_id), key=lambda g: (not g.is_active, g.id))
        dates = store.personal_dates(self.person_id)
        away = store.away_periods(self.person_id)
        self.items = [*promises, *points, *goals, *dates, *away]
        listing = self.query_one(OptionList)
        keep = listing.highlighted
        listing.clear_options()
        sections = [("tui.person.promises", promises), ("goals.tui.points", points), ("goals.tui.goals", goals),
                    ("tui.person.dates", dates), ("tui.items.away", away)]
        for title, items in sections:
            listing.add_option(Option(Content(t(title)).stylize("bold"), disabled=True))
            if not items:
                listing.add_option(Option(Content("  " + t("tui.person.none")), disabled=True))
            for item in items:
                listing.add_option(Option(Content("  " + self.describe(item, hide, today)), id=self.key(item)))
        if keep is not None:
            listing.highlighted = min(keep, listing.option_count - 1)
        self.refresh_bindings()

    @staticmethod
    def key(item: Item) -> str:
        return f"{KINDS[type(item)]}-{item.id}"

    def option_index(self, item_index: int) -> int:
        return self.query_one(OptionList).get_option_index(self.key(self.items[item_index]))

    def describe(self, item: Item, hide: bool, today: date) -> str:
        t = self.napp.t
        if isinstance(item, Promise):
            due = t("tui.person.due", date=shown_date(item.due, t, today)) if item.due else t("tui.person.no_due")
            late = " ⚠ " + t("tui.person.overdue") if item.due and item.due < today else ""
            return f"• {masked(neutralise(item.text), presentation=hide)} ({due}){late}"
        if isinstance(item, TalkingPoint):
            return f"• {masked(neutralise(item.text), presentation=hide)} ({days_ago(item.created, today, t)})"
        if isinstance(item, Goal):
            by = " · " + t("goals.tui.by", date=shown_date(item.due, t, today)) if item.due else ""
            return f"• {masked(neutralise(item.text), presentation=hide)} · {t(f'goals.status.{item.status}')}{by}"
        if isinstance(item, PersonalDate):
            yearly = " ↻" if item.yearly else ""
            return f"{masked_date(item.date, t, today, presentation=hide)}{yearly}  {masked(neutralise(item.label), presentation=hide)}"
        end = shown_date(item.end, t, today) if item.end else "…"
        return f"{shown_date(item.start, t, today)} – {end}  {masked(neutralise(item.label), presentation=hide)}"

    def current(self) -> Item | None:
        found = self.query(OptionList)
        listing = found.first() if found else None
        if listing is None or listing.highlighted is None:
            return None
        option_id = listing.get_option_at_index(listing.highlighted).id
        return next((i for i in self.items if self.key(i) == option_id), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        item = self.current()
        if action == "keep" and not isinstance(item, Promise):
            return None
        if action in ("raise_point", "to_promise") and not isinstance(item, TalkingPoint):
            return None
        if action == "update_goal" and not isinstance(item, Goal):
            return None
        if action == "edit" and not isinstance(item, (PersonalDate, Away)):
            return None
        if action == "delete" and not isinstance(item, (PersonalDate, Away, TalkingPoint, Goal)):
            return None
        return True

    def on_option_list_option_highlighted(self) -> None:
        self.refresh_bindings()

    def stored(self, message: str | None) -> None:
        if message:
            self.changed = True
            self.notify(message, markup=False)
            self.reload()

    def action_keep(self) -> None:
        item = self.current()
        if not isinstance(item, Promise):
            return
        try:
            self.napp.store.complete_promise(item.id, self.napp.today())
        except NaervaerError as exc:
            self.napp.report_error(exc)
            return
        self.stored(self.napp.t("tui.items.kept", text=masked(neutralise(item.text), presentation=self.napp.presentation)))

    def action_raise_point(self) -> None:
        item = self.current()
        if not isinstance(item, TalkingPoint):
            return
        try:
            self.napp.store.cover_point(item.id, self.napp.today())
        except NaervaerError as exc:
            self.napp.report_error(exc)
            self.reload()
            return
        self.stored(self.napp.t("goals.tui.raised", text=masked(neutralise(item.text), presentation=self.napp.presentation)))

    def action_to_promise(self) -> None:
        """The point becomes a promise of the same words, in one transaction."""
        item = self.current()
        if not isinstance(item, TalkingPoint):
            return
        try:
            self.napp.store.point_to_promise(item.id)
        except NaervaerError as exc:
            self.napp.report_error(exc)
            self.reload()
            return
        self.stored(self.napp.t("goals.tui.promised", text=masked(neutralise(item.text), presentation=self.napp.presentation)))

    def action_update_goal(self) -> None:
        from naervaer.tui.screens.goal_forms import GoalUpdateScreen

        item = self.current()
        if isinstance(item, Goal):
            self.app.push_screen(GoalUpdateScreen(item), self.stored)

    def action_add_point(self) -> None:
        from naervaer.tui.screens.goal_forms import PointFormScreen

        self.app.push_screen(PointFormScreen(self.person_id), self.stored)

    def action_add_goal(self) -> None:
        from naervaer.tui.screens.goal_forms import GoalFormScreen

        self.app.push_screen(GoalFormScreen(self.person_id), self.stored)

    def action_add_date(self) -> None:
        from naervaer.tui.screens.dates_form import DateFormScreen

        self.app.push_screen(DateFormScreen(self.person_id), self.stored)

    def action_add_away(self) -> None:
        from naervaer.tui.screens.dates_form import AwayFormScreen

        self.app.push_screen(AwayFormScreen(self.person_id), self.stored)

    def action_edit(self) -> None:
        from naervaer.tui.screens.dates_form import AwayFormScreen, DateFormScreen

        item = self.current()
        if isinstance(item, PersonalDate):
            self.app.push_screen(DateFormScreen(self.person_id, item), self.stored)
        elif isinstance(item, Away):
            self.app.push_screen(AwayFormScreen(self.person_id, item), self.stored)

    def action_delete(self) -> None:
        from naervaer.tui.screens.confirm import ConfirmScreen

        item = self.current()
        if not isinstance(item, (PersonalDate, Away, TalkingPoint, Goal)):
            return
        t = self.napp.t
        what = self.describe(item, self.napp.presentation, self.napp.today())

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                if isinstance(item, PersonalDate):
                    self.napp.store.delete_personal_date(item.id)
                elif isinstance(item, TalkingPoint):
                    self.napp.store.delete_point(item.id)
                elif isinstance(item, Goal):
                    self.napp.store.delete_goal(item.id)
                else:
                    self.napp.store.delete_away(item.id)
            except NaervaerError as exc:
                self.napp.report_error(exc)
                self.reload()
                return
            self.stored(t("tui.items.deleted", what=what))

        self.app.push_screen(ConfirmScreen(t("tui.items.delete_question", what=what),
                                           t("tui.person.delete_note_yes"), t("tui.person.delete_note_no")), answered)

    def action_close(self) -> None:
        self.dismiss(self.changed)
