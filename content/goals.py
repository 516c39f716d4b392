"""Talking points ("til næste gang") and written goals (tip 1): their facts and vocabulary. Pure.

A talking point is something to raise with one person next time; it stays open until a
note ticks it as raised (or it becomes a promise), and carries its age forward. A goal is a
few words in the leader's own language with an optional date, a status and a history of
updates. ``storage`` builds these from rows; the engine and the screens read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from naervaer.content.errors import InputError

GOAL_STATUSES = ("on_track", "at_risk", "done", "dropped")
ACTIVE_STATUSES = frozenset({"on_track", "at_risk"})
# what people type for each status, in both languages (the shown words are locale strings)
_STATUS_ALIASES = {
    "on_track": ("on-track", "on track", "ok", "på rette vej", "paa rette vej", "rette vej", "fint"),
    "at_risk": ("at-risk", "at risk", "risk", "halter", "halt", "i fare"),
    "done": ("reached", "nået", "naaet", "klaret", "færdig"),
    "dropped": ("drop", "udgået", "udgaaet", "opgivet", "droppet"),
}
_STATUS_LOOKUP = {alias: canon for canon, aliases in _STATUS_ALIASES.items() for alias in (canon, *aliases)}


@dataclass(frozen=True, slots=True)
class TalkingPoint:
    id: int
    person_id: int
    text: str
    created: date
    covered: date | None = None  # the day it was raised (or became a promise)
    note_id: int | None = None  # the note that raised it
    promise_id: int | None = None  # the promise it became

    @property
    def is_open(self) -> bool:
        return self.covered is None


@dataclass(frozen=True, slots=True)
class GoalUpdate:
    """One look at a goal with the person: when, how it stands, a few words."""

    id: int
    goal_id: int
    date: date
    status: str
    text: str = ""


@dataclass(frozen=True, slots=True)
class Goal:
    id: int
    person_id: int
    text: str
    due: date | None  # "by when", in the leader's words; optional
    status: str
    created: date
    updates: tuple[GoalUpdate, ...] = ()  # oldest first

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def last_update(self) -> GoalUpdate | None:
        return self.updates[-1] if self.updates else None

    @property
    def last_looked_at(self) -> date:
        """The last day this goal was looked at: its newest update, else the day it was written."""
        return max([self.created, *(u.date for u in self.updates)])


def parse_status(text: str) -> str:
    """A goal status id from what was typed, in English or Danish."""
    word = " ".join(text.strip().casefold().replace("_", " ").split())
    found = _STATUS_LOOKUP.get(word) or _STATUS_LOOKUP.get(word.replace(" ", "_"))
    if found is None:
        raise InputError("goals.bad_status", value=text)
    return found


def last_goal_review(goals: tuple[Goal, ...] | list[Goal]) -> date | None:
    """When the person's goals were last looked at together: the newest update or new goal."""
    return max((g.last_looked_at for g in goals), default=None)
