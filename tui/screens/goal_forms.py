"""Add a talking point, write a goal, update a goal: the small forms of issue 15 (items 1 and 2).

They are ``dates_form._SmallForm``s: each field that cannot be read, or that the store
refuses (an empty text, a date in the past), says why right under it; what was typed stays.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult

from naervaer.content.errors import InputError
from naervaer.content.goals import GOAL_STATUSES, Goal
from naervaer.content.text import neutralise, one_line
from naervaer.tui.screens.dates_form import STORE_FIELD, _SmallForm
from naervaer.tui.widgets.choices import Choice, ChoiceRow


class PointFormScreen(_SmallForm):
    """Something to raise with the person next time."""

    FIELDS = ("text",)
    TITLE_KEYS = ("goals.tui.add_point_title", "goals.tui.add_point_title")
    LABELS = "goals.tui"
    STORE_FIELD = {**STORE_FIELD, "goals.empty_point": "text", "store.bad_characters": "text",
                   "store.text_too_long": "text"}

    def __init__(self, person_id: int) -> None:
        super().__init__(person_id, {}, False)

    def read(self, today: date) -> tuple[dict[str, Any], dict[str, Exception]]:
        text = self.value("text")
        return {"text": text}, ({} if text.strip() else {"text": InputError("goals.empty_point")})

    def store_it(self, values: dict[str, Any]) -> str:
        store = self.napp.store
        store.add_point(self.person_id, values["text"])
        return self.napp.t("goals.tui.point_saved", name=neutralise(store.person(self.person_id).name))


class GoalFormScreen(_SmallForm):
    """A written goal (tip 1): what good looks like, in the leader's words, and by when."""

    FIELDS = ("goal", "due")
    TITLE_KEYS = ("goals.tui.add_goal_title", "goals.tui.add_goal_title")
    LABELS = "goals.tui"
    STORE_FIELD = {**STORE_FIELD, "goals.empty_goal": "goal", "store.bad_characters": "goal",
                   "store.text_too_long": "goal"}

    def __init__(self, person_id: int) -> None:
        super().__init__(person_id, {}, False)

    def read(self, today: date) -> tuple[dict[str, Any], dict[str, Exception]]:
        from naervaer.content.when import parse_due

        values: dict[str, Any] = {"goal": self.value("goal"), "due": None}
        errors: dict[str, Exception] = {}
        if not values["goal"].strip():
            errors["goal"] = InputError("goals.empty_goal")
        if self.value("due").strip():
            try:
                values["due"] = parse_due(self.value("due"), today)
            except ValueError as exc:
                errors["due"] = exc
        return values, errors

    def store_it(self, values: dict[str, Any]) -> str:
        store = self.napp.store
        store.add_goal(self.person_id, values["goal"], values["due"])
        return self.napp.t("goals.tui.goal_saved", name=neutralise(store.person(self.person_id).name))


class GoalUpdateScreen(_SmallForm):
    """How a goal stands, looked at with the person today: its status (1–4) and a few words."""

    FIELDS = ("state", "comment")
    LABELS = "goals.tui"

    def __init__(self, goal: Goal) -> None:
        super().__init__(goal.person_id, {}, False)
        self.goal = goal

    def form_title(self, name: str) -> str:
        shown = "••••" if self.napp.presentation else neutralise(one_line(self.goal.text, 50))
        return self.napp.t("goals.tui.update_goal_title", text=shown)

    def field_widget(self, field: str) -> ComposeResult:
        if field == "state":
            t = self.napp.t
            choices = [Choice(s, str(i), t(f"goals.status.{s}")) for i, s in enumerate(GOAL_STATUSES, 1)]
            yield ChoiceRow(choices, multi=False, selected=(self.goal.status,), id="form-status-choice")
        else:
            yield from super().field_widget(field)

    def read(self, today: date) -> tuple[dict[str, Any], dict[str, Exception]]:
        status = self.query_one("#form-status-choice", ChoiceRow).selected[0]
        return {"status": status, "comment": self.value("comment")}, {}

    def store_it(self, values: dict[str, Any]) -> str:
        saved = self.napp.store.update_goal(self.goal.id, status=values["status"], text=values["comment"])
        return self.napp.t("goals.tui.goal_updated", status=self.napp.t(f"goals.status.{saved.status}"))
