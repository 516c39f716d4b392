"""Import people from a file: plan it (the preview) and store it, all or nothing.

The plan is pure (``content.people_import``); this reads what it is planned against and
writes it. ``import_people`` plans and writes inside ONE ``store.write()``: what the plan
saw is what it changes (no other window can add a name in between), and a failure on any
row undoes every row. A plan with a problem writes nothing at all. The command line and
the import screen call these two functions and only choose how to show the plan.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from naervaer.content.errors import InputError
from naervaer.content.formats.people_file import FileRecords, read_people
from naervaer.content.people_import import ImportPlan, plan_import
from naervaer.storage.store import Store


def read_file(path: Path) -> FileRecords:
    """The people in the file at ``path`` (``.csv`` or ``.vcf``), or why they cannot be read."""
    try:
        data = path.expanduser().read_bytes()
    except OSError as exc:
        raise InputError("importing.cannot_read", path=str(path), detail=exc.strerror or str(exc)) from None
    return read_people(data, path.suffix)


def preview(store: Store, found: FileRecords, today: date, *, update: bool, anniversary_label: str) -> ImportPlan:
    """What importing ``found`` would do, changing nothing (``--dry-run`` and the app's preview)."""
    with store.snapshot():
        return plan_import(found, store.people(), store.personal_dates(), today,
                           update=update, anniversary_label=anniversary_label)


def import_people(store: Store, found: FileRecords, today: date, *, update: bool, anniversary_label: str) -> ImportPlan:
    """Plan and store ``found`` in one transaction; nothing is written when any row has a problem."""
    with store.write():
        plan = preview(store, found, today, update=update, anniversary_label=anniversary_label)
        if plan.problems:
            return plan
        added = [step for step in plan.writes if step.status == "new"]
        ids = store.add_people([(step.fields["name"], {k: v for k, v in step.fields.items() if k != "name"})
                                for step in added])
        new_ids = dict(zip((step.line for step in added), ids))
        for step in plan.writes:
            if step.status == "update" and step.fields:
                store.update_person(step.person_id, **step.fields)
            for day, label in step.dates:
                store.add_personal_date(new_ids.get(step.line, step.person_id), day, label, yearly=True)
    return plan
