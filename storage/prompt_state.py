"""Done and snoozed prompts, per prompt id (table ``prompt_state``).

A prompt id names one situation (see ``content.rules``), so "done" hides exactly that
situation; when the facts change the engine makes a new id and the prompt can return.
Each call is one write (``Store.set_prompt_state``), or joins the caller's.
"""

from __future__ import annotations

from datetime import date

from naervaer.content.engine_facts import PromptState
from naervaer.content.errors import InputError
from naervaer.content.rules import Prompt
from naervaer.storage import rows
from naervaer.storage.store import Store


def _split(prompt: str | Prompt) -> tuple[str, int | None]:
    if isinstance(prompt, Prompt):
        return prompt.id, prompt.person_id
    return prompt, None


def _put(store: Store, prompt: str | Prompt, state: str, until: date | None, today: date) -> None:
    store.set_prompt_state(*_split(prompt), state, until, today)


def mark_done(store: Store, prompt: str | Prompt, today: date) -> None:
    _put(store, prompt, "done", None, today)


def snooze(store: Store, prompt: str | Prompt, until: date, today: date) -> None:
    """Hide the prompt until ``until`` (it shows again on that day)."""
    if until <= today:
        raise InputError("coach.snooze_not_future", date=until)
    _put(store, prompt, "snoozed", until, today)


def states(store: Store) -> dict[str, PromptState]:
    return {
        pid: PromptState(state, rows.to_date(until))
        for pid, state, until in store.query("SELECT prompt_id, state, until FROM prompt_state")
    }
