"""Today: the ranked prompts (``naervaer today``, the Today screen) and the prompt an id names.

Facts come from ``storage.facts``, the ranking from the pure ``content.engine``; the Today
screen also shows this month's in-person progress, read here in the same pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from naervaer.content.engine import TodayList, build_prompts, candidate_prompts, today_list
from naervaer.content.errors import InputError
from naervaer.content.i18n import Translator
from naervaer.content.rules import Prompt
from naervaer.storage.facts import engine_settings, load_team_facts
from naervaer.storage.store import Store
from naervaer.storage.views import month_checklist


@dataclass(frozen=True)
class TodayView:
    """What the Today screen shows: the list, and who was seen in person this month."""

    listed: TodayList
    seen: int
    total: int


def today_prompts(store: Store, today: date, t: Translator, limit: int | None = None) -> list[Prompt]:
    """Today's ranked prompts: at most ``limit`` to act on (None: all), then the tip of the day."""
    settings = engine_settings(store)
    prompts = build_prompts(today, load_team_facts(store, today, settings), settings, t)
    actions, tip = prompts[:-1], prompts[-1]
    return [*(actions if limit is None else actions[:limit]), tip]


def load_today_list(store: Store, today: date, t: Translator, limit: int | None = None) -> TodayList:
    """Today's ranked, grouped entries and the tip: what the app and ``naervaer today`` show."""
    settings = engine_settings(store)
    return today_list(today, load_team_facts(store, today, settings), settings, t, limit)


def today_view(store: Store, today: date, t: Translator) -> TodayView:
    """The Today screen's data: the whole list (the screen cuts it) and this month's progress."""
    listed = load_today_list(store, today, t)
    month = month_checklist(store, today.year, today.month, today)
    return TodayView(listed, month.seen, month.total)


def find_prompt(store: Store, today: date, prompt_id: str, t: Translator) -> Prompt:
    """The prompt ``prompt_id`` names among today's, done and snoozed ones included."""
    wanted = prompt_id.strip()
    if wanted.startswith("tip_of_the_day:"):
        raise InputError("coach.tip_not_actionable")
    settings = engine_settings(store)
    facts = load_team_facts(store, today, settings)
    for p in candidate_prompts(today, facts, settings, t):
        if p.id == wanted:
            return p
    raise InputError("coach.unknown_prompt", id=prompt_id)
