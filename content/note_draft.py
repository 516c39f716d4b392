"""What was typed for a note → the note's values, or a refusal per field.

Pure, and the one home of the rules for logging or correcting a note: the quick note,
``naervaer log`` and ``naervaer note edit`` hand over what was typed and store what comes
back. Each rule is checked here once: blank text, a text the store cannot hold, a due
date without a promise, the note's date (the far-back yearless rule lives in
``when.parse_when``), a due date before the note's date, the channel and tag vocabulary.
The store re-checks only its invariants (``Store.add_note``, ``Store.update_note``).

A field left ``None`` was not given and is not in the result. Errors come in the order
the command line has always refused in (it shows the first), keyed by field: ``text``,
``channel``, ``tags``, ``pulse``, ``date``, ``due`` (``due`` also holds "a due date needs a promise").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from naervaer.content.errors import InputError
from naervaer.content.text import checked_text
from naervaer.content.facts import ONE_TO_ONE
from naervaer.content.vocab import parse_channel, parse_pulse, parse_tags

def note_text(value: str) -> str:
    """A note's text: never blank (an empty note says nothing, and a correction would erase the old words)."""
    if not value.strip():
        raise InputError("note.text_missing")
    return checked_text(value)


@dataclass(frozen=True)
class TypedNote:
    """What a person typed for a note; ``None``: the field was not given (or not shown).

    Each face says what counts as not typed (a form's blank field, ``log``'s ``--date ""``)
    by handing over ``None``. A blank promise text is refused by the store, which strips
    it. ``made_on`` is the note's day
    when ``when`` is not given (today for a new note, the stored date for a correction):
    the due date is measured against it.
    """

    made_on: date
    text: str | None = None
    when: str | None = None
    channel: str | None = None
    tags: Sequence[str] | None = None
    promise: str | None = None
    due: str | None = None
    one_to_one: bool | None = None
    pulse: str | None = None  # "1"–"5" or a word of the scale, either language; "" clears it


def note_draft(typed: TypedNote, today: date) -> tuple[dict[str, Any], dict[str, InputError]]:
    """(values the store takes, errors by field) for the fields given.

    Values: ``text``, ``channel``, ``tags``, ``date`` (always: ``made_on`` when not typed),
    ``promise`` (``(text, due or None)``, only when a promise was typed), ``kind`` (when
    ``one_to_one`` is given) and ``pulse``.
    """
    values: dict[str, Any] = {"date": typed.made_on}
    errors: dict[str, InputError] = {}
    promise, due = typed.promise, typed.due
    if due is not None and promise is None:
        errors["due"] = InputError("note.due_without_promise")
    _check(values, errors, "channel", typed.channel, parse_channel)
    _check(values, errors, "tags", typed.tags, lambda tags: parse_tags(list(tags)))
    if typed.one_to_one is not None:
        values["kind"] = ONE_TO_ONE if typed.one_to_one else None
    _check(values, errors, "pulse", typed.pulse, parse_pulse)
    if typed.when is not None:
        from naervaer.content.when import parse_when  # the date parser loads only when a date is typed

        _check(values, errors, "date", typed.when, lambda when: parse_when(when, today))
    if due is not None and "due" not in errors:
        from naervaer.content.when import parse_due

        made = values["date"]  # a date that could not be read: measured against made_on
        _check(values, errors, "due", due, lambda text: parse_due(text, today, made=made))
    if promise is not None:
        values["promise"] = (promise, values.pop("due", None))
    _check(values, errors, "text", typed.text, note_text)
    return values, errors


def _check(values: dict[str, Any], errors: dict[str, InputError], field: str, raw: Any, parse: Any) -> None:
    if raw is None:
        return
    try:
        values[field] = parse(raw)
    except InputError as exc:  # VocabError and WhenError are InputErrors
        errors[field] = exc
