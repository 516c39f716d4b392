"""Row ↔ fact conversion: the only place that knows how columns map to dataclasses."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date
from typing import Any

from naervaer.content.errors import InputError
from naervaer.content.facts import Away, Birthday, Note, Person, PersonalDate, Promise
from naervaer.content.note_draft import note_text  # re-exported: the store re-checks what the note draft checks
from naervaer.content.text import MAX_TEXT_CHARS, checked_text  # re-exported: the drafts check these first
from naervaer.content.text import name_key  # re-exported: the one fold that makes two names one

PERSON_COLUMNS = (
    "id, name, site, team, role, prefers, birthday_day, birthday_month, birthday_year, "
    "started, in_person_days, contact_days, archived, created, email, phone, one_to_one_days"
)
NOTE_COLUMNS = "id, person_id, date, channel, text, tags, kind, pulse"
PROMISE_COLUMNS = "id, person_id, text, due, done, note_id, created"
AWAY_COLUMNS = 'id, person_id, start, "end", label'
DATE_COLUMNS = "id, person_id, date, label, yearly"

# The columns each table's rows are written with, the one list per table: ``Store``'s
# one-row inserts give any of them (the rest keep their defaults); the bulk writers
# (``demo``, ``demo_bulk``, rows planned by ``demo_plan``) give whole rows in this order.
WRITTEN = {
    "people": ("id", "name", "name_key", "site", "team", "role", "prefers", "birthday_day",
               "birthday_month", "birthday_year", "started", "in_person_days", "contact_days",
               "archived", "created", "email", "phone", "one_to_one_days"),
    "notes": ("id", "person_id", "date", "channel", "tags", "text", "kind", "pulse"),
    "promises": ("id", "person_id", "note_id", "text", "due", "done", "created"),
    "away": ("id", "person_id", "start", "end", "label"),
    "personal_dates": ("id", "person_id", "date", "label", "yearly"),
    "talking_points": ("id", "person_id", "text", "created", "covered", "note_id", "promise_id"),
    "goals": ("id", "person_id", "text", "due", "status", "created"),
    "goal_updates": ("id", "goal_id", "person_id", "date", "status", "text"),
}


def written(table: str, columns: Iterable[str]) -> list[str]:
    """``columns`` checked against what ``table``'s rows are written with."""
    columns = list(columns)
    unknown = set(columns) - set(WRITTEN[table])
    if unknown:
        raise TypeError(f"not written to {table}: {sorted(unknown)}")
    return columns


def insert_sql(table: str, *, with_id: bool = True) -> str:
    """The INSERT for whole rows of ``table`` (without the id: SQLite numbers them)."""
    columns = WRITTEN[table] if with_id else WRITTEN[table][1:]
    return (f"INSERT INTO {table} ({', '.join(quoted(c) for c in columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})")


def quoted(column: str) -> str:
    return f'"{column}"'


def iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def to_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def person(row: sqlite3.Row | tuple) -> Person:
    (pid, name, site, team, role, prefers, bd, bm, by, started, ipd, cd, archived, created, email, phone, oto) = row
    return Person(
        id=pid,
        name=name,
        site=site,
        team=team,
        role=role,
        prefers=prefers,
        birthday=Birthday(bd, bm, by) if bd and bm else None,
        started=to_date(started),
        in_person_days=ipd,
        contact_days=cd,
        archived=bool(archived),
        created=to_date(created),
        email=email,
        phone=phone,
        one_to_one_days=oto,
    )


def note(row: tuple) -> Note:
    nid, pid, day, channel, text, tags, kind, pulse = row
    return Note(nid, pid, date.fromisoformat(day), channel, text, tuple(json.loads(tags)), kind, pulse)


def promise(row: tuple) -> Promise:
    pid, person_id, text, due, done, note_id, created = row
    return Promise(pid, person_id, text, to_date(due), to_date(done), note_id, to_date(created))


def away(row: tuple) -> Away:
    aid, pid, start, end, label = row
    return Away(aid, pid, date.fromisoformat(start), to_date(end), label)


def personal_date(row: tuple) -> PersonalDate:
    did, pid, day, label, yearly = row
    return PersonalDate(did, pid, date.fromisoformat(day), label, bool(yearly))


def person_values(fields: dict[str, Any]) -> dict[str, Any]:
    """Column values for the given person fields (birthday splits into three columns)."""
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if key == "birthday":
            bd: Birthday | None = value
            out["birthday_day"] = bd.day if bd else None
            out["birthday_month"] = bd.month if bd else None
            out["birthday_year"] = bd.year if bd else None
        elif key == "started":
            out["started"] = iso(value)
        elif key == "archived":
            out["archived"] = int(bool(value))
        elif key == "name":
            out["name"] = checked_text(value)
            out["name_key"] = name_key(value)
        elif key in ("in_person_days", "contact_days"):
            if value is None or int(value) <= 0:
                raise InputError("store.bad_target", value=value)
            out[key] = int(value)
        elif key == "one_to_one_days":  # 0: no one-to-one rhythm
            if value is None or not 0 <= int(value) <= 3650:
                raise InputError("store.bad_one_to_one_target", value=value)
            out[key] = int(value)
        else:
            out[key] = checked_text(value).strip() or None if isinstance(value, str) else value
    return out
