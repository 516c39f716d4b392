"""What was typed for a person → the person's fields, or a refusal per field.

Pure, and the one reading of a person's typed fields: the person form and ``naervaer
person add/edit`` get either the values the store takes or, for each field that cannot
be read, the error to show beside it (the command line shows the first, in the order
typed). A field typed empty clears it (the name cannot be empty; a target falls back to
its default). The store re-checks only its invariants (``checked_name``, ``person_values``).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from naervaer.content.errors import InputError
from naervaer.content.facts import DEFAULT_CONTACT_DAYS, DEFAULT_IN_PERSON_DAYS, DEFAULT_ONE_TO_ONE_DAYS, Birthday
from naervaer.content.text import one_line, plain_number
from naervaer.content.vocab import parse_channel

TEXT_FIELDS = ("name", "site", "team", "role")
CONTACT_FIELDS = ("email", "phone")
DATE_FIELDS = ("birthday", "started")
TARGET_FIELDS = {"in_person_days": DEFAULT_IN_PERSON_DAYS, "contact_days": DEFAULT_CONTACT_DAYS}
MAX_TARGET_DAYS = 3650  # as the command line's --in-person-days takes


def person_draft(typed: dict[str, str], today: date) -> tuple[dict[str, Any], dict[str, InputError]]:
    """(fields the store takes, errors by field) for the given typed fields only.

    ``prefers`` is a channel in either language ("telefon", "none") or a channel id;
    ``email`` and ``phone`` are checked only for their shape.
    """
    from naervaer.content.when import parse_any_date, parse_birthday

    fields: dict[str, Any] = {}
    errors: dict[str, InputError] = {}
    for field, raw in typed.items():
        text = raw.strip()
        try:
            if field == "name":
                if not text:
                    raise InputError("store.empty_name")
                fields["name"] = text
            elif field in TEXT_FIELDS:
                fields[field] = text or None
            elif field == "birthday":
                fields["birthday"] = Birthday(*parse_birthday(text, today=today)) if text else None
            elif field == "started":
                fields["started"] = parse_any_date(text, today) if text else None
            elif field == "one_to_one_days":  # 0 turns the one-to-one rhythm off
                fields[field] = _days(text, low=0) if text else DEFAULT_ONE_TO_ONE_DAYS
            elif field in TARGET_FIELDS:
                fields[field] = _days(text) if text else TARGET_FIELDS[field]
            elif field == "prefers":
                fields["prefers"] = parse_channel(text) if text else None
            elif field == "email":
                fields["email"] = _email(text) if text else None
            elif field == "phone":
                fields["phone"] = _phone(text) if text else None
            else:
                raise KeyError(field)
        except InputError as exc:  # WhenError and VocabError are InputErrors
            errors[field] = exc
    return fields, errors


# loose on purpose: the address is kept to be copied into a mail program, not sent to
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE = re.compile(r"\(?\+?[0-9][0-9 ()./-]{1,30}")


def _email(text: str) -> str:
    if not _EMAIL.fullmatch(text):
        raise InputError("store.bad_email", value=one_line(text, 40))
    return text


def _phone(text: str) -> str:
    if not _PHONE.fullmatch(text) or sum(c.isdigit() for c in text) < 3:
        raise InputError("store.bad_phone", value=one_line(text, 40))
    return text


def _days(text: str, low: int = 1) -> int:
    number = plain_number(text)
    if number is None or not low <= number <= MAX_TARGET_DAYS:
        key = "store.target_range" if low else "store.one_to_one_range"
        raise InputError(key, value=text, max=MAX_TARGET_DAYS)
    return number
