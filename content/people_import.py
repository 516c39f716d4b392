"""An import of people, planned: each record of a file → new, unchanged, update or error.

Pure. Every record is read by the person draft (``content.person_draft``), the one reading
of a person's typed fields that the form and ``person add`` share, and then matched
against the people already stored:

* the same name (case aside) is the same person: ``unchanged`` when every value the file
  gives is already stored, else ``update`` (written only when the user asked for updates;
  otherwise ``differs``, shown and left alone);
* a name that folds to someone else's (``name_key``: "Soren Alund" beside "Søren Ålund")
  is an error, never merged silently; so is a name twice in one file;
* a value the file leaves empty is not given: an import never clears what the leader typed.

One error anywhere and nothing is written (``ImportPlan.problems``); the storage floor
applies a plan in one transaction (``storage.usecases.people_import``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from naervaer.content.errors import InputError
from naervaer.content.facts import Birthday, Person, PersonalDate
from naervaer.content.formats.people_file import FileRecords, Record
from naervaer.content.person_draft import person_draft
from naervaer.content.text import checked_text, clean_name, id_ref, name_key

Status = Literal["new", "unchanged", "update", "differs", "error"]
STATUSES: tuple[Status, ...] = ("new", "update", "differs", "unchanged", "error")


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with one value of the file, and where: a line and a column."""

    line: int
    column: str
    error: InputError


@dataclass(frozen=True, slots=True)
class Step:
    """What importing one record does."""

    line: int
    name: str
    status: Status
    fields: Mapping[str, Any]  # new: every given field; update/differs: only the changed ones
    dates: tuple[tuple[date, str], ...] = ()  # yearly personal dates to add: (date, label)
    person_id: int | None = None
    problems: tuple[Problem, ...] = ()

    @property
    def changed(self) -> tuple[str, ...]:
        return tuple(self.fields) + (("dates",) if self.dates and self.status != "new" else ())


@dataclass(frozen=True, slots=True)
class ImportPlan:
    steps: tuple[Step, ...]
    ignored: tuple[str, ...]  # columns nothing reads

    @property
    def problems(self) -> list[Problem]:
        return [p for s in self.steps for p in s.problems]

    def count(self, status: Status) -> int:
        return sum(1 for s in self.steps if s.status == status)

    @property
    def writes(self) -> list[Step]:
        return [s for s in self.steps if s.status in ("new", "update")]


def plan_import(
    found: FileRecords,
    people: Sequence[Person],
    dates: Iterable[PersonalDate],
    today: date,
    *,
    update: bool,
    anniversary_label: str,
) -> ImportPlan:
    """The plan for ``found`` against the active ``people`` and their personal ``dates``."""
    by_key: dict[str, list[Person]] = {}
    for p in people:
        if not p.archived:
            by_key.setdefault(name_key(p.name), []).append(p)
    yearly: dict[int, set[tuple[int, int, str]]] = {}
    for d in dates:
        if d.yearly:
            yearly.setdefault(d.person_id, set()).add((d.date.month, d.date.day, d.label))
    seen: dict[str, int] = {}
    steps = [
        _step(record, by_key, yearly, seen, today, update, anniversary_label) for record in found.records
    ]
    return ImportPlan(tuple(steps), found.ignored)


def _step(
    record: Record,
    by_key: dict[str, list[Person]],
    yearly: dict[int, set[tuple[int, int, str]]],
    seen: dict[str, int],
    today: date,
    update: bool,
    label: str,
) -> Step:
    problems: list[Problem] = []
    typed = record.fields["name"]
    name = clean_name(typed.text)
    try:
        _check_name(name)
    except InputError as exc:
        problems.append(Problem(record.line, typed.column, exc))
    others = {f: t.text for f, t in record.fields.items() if f != "name"}
    fields, errors = person_draft(others, today)
    problems += [Problem(record.line, record.fields[f].column, e) for f, e in errors.items()]
    new_dates: list[tuple[date, str]] = []
    for found in record.dates:
        try:
            new_dates.append((_yearly_date(found.text, today), label))
        except InputError as exc:
            problems.append(Problem(record.line, found.column, exc))
    key = name_key(name)
    if name and key in seen:
        problems.append(Problem(record.line, typed.column,
                                InputError("importing.twice_in_file", name=name, line=seen[key])))
    elif name:
        seen[key] = record.line
    matches = by_key.get(key, []) if name else []
    same = [p for p in matches if p.name.casefold() == name.casefold()]
    if matches and not same:
        other = matches[0]
        problems.append(Problem(record.line, typed.column,
                                InputError("importing.folds_to_other", name=name, other=f"{other.name} (#{other.id})")))
    if problems:
        return Step(record.line, name, "error", {}, problems=tuple(problems))
    if not same:
        return Step(record.line, name, "new", {"name": name, **fields}, tuple(new_dates))
    person = same[0]
    changes = {f: v for f, v in fields.items() if not _same_value(f, getattr(person, f), v)}
    have = yearly.get(person.id, set())
    missing = tuple(d for d in new_dates if (d[0].month, d[0].day, d[1]) not in have)
    if not changes and not missing:
        return Step(record.line, person.name, "unchanged", {}, person_id=person.id)
    return Step(record.line, person.name, "update" if update else "differs", changes, missing, person.id)


def _check_name(name: str) -> None:
    """The store's own refusals of a name (``storage.store.checked_name``), said per row."""
    if not name:
        raise InputError("store.empty_name")
    if id_ref(name) is not None:
        raise InputError("store.name_like_id", name=name)
    checked_text(name)


def _same_value(field: str, stored: Any, given: Any) -> bool:
    if field == "birthday" and isinstance(stored, Birthday) and isinstance(given, Birthday):
        # a file that knows the day but not the year says nothing new about it
        return (stored.day, stored.month) == (given.day, given.month) and given.year in (None, stored.year)
    return stored == given


def _yearly_date(text: str, today: date) -> date:
    """A yearly personal date as ``date add --yearly`` stores one (29 February kept in a leap year)."""
    from naervaer.content.when import parse_birthday

    day, month, year = parse_birthday(text, today=today)
    return date(year or (2000 if (day, month) == (29, 2) else today.year), month, day)
