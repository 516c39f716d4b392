"""The right of access: everything stored about one person, as plain JSON-ready data.

Every column of every row that belongs to the person is included (nothing is summarised
away), so the export is also a faithful copy of what ``forget`` would erase.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from typing import Any

from naervaer.content.errors import InputError
from naervaer.storage.store import Store

FORMAT = "naervaer-person-export"
VERSION = 1

# section name -> (table, order); every column is exported, by name
_SECTIONS = {
    "notes": ("notes", "date, id"),
    "personal_dates": ("personal_dates", "date, id"),
    "promises": ("promises", "id"),
    "away": ("away", "start, id"),
    "prompt_states": ("prompt_state", "prompt_id"),
    "skills": ("skills", "kind, label_key"),
    "team_meetings": ("meeting_people", "date, meeting_id"),
    "changes": ("person_changes", "change_from"),
    "talking_points": ("talking_points", "created, id"),
    "goals": ("goals", "id"),
    "goal_updates": ("goal_updates", "goal_id, date, id"),
}
# the rounds the person was in, with each round's start (never the other members: their data)
_BUDDY_ROUNDS = (
    "SELECT m.round_id, r.started, m.grp, m.person_id FROM buddy_members m "
    "JOIN buddy_rounds r ON r.id = m.round_id WHERE m.person_id = ? ORDER BY r.started, m.round_id"
)
_JSON_COLUMNS = {"tags"}  # stored as JSON text; exported as the list it is


def _rows(conn: sqlite3.Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    out = []
    for row in cur.fetchall():
        item = dict(zip(names, row))
        for col in _JSON_COLUMNS & item.keys():
            item[col] = json.loads(item[col])
        out.append(item)
    return out


def export_person(store: Store, person_id: int, today: date) -> dict[str, Any]:
    """All rows about ``person_id``, read in one snapshot so the parts agree."""
    with store.snapshot() as conn:
        person = _rows(conn, "SELECT * FROM people WHERE id = ?", [person_id])
        if not person:
            raise InputError("store.no_person_id", id=person_id)
        data: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "exported": today.isoformat(),
            "person": person[0],
        }
        for section, (table, order) in _SECTIONS.items():
            data[section] = _rows(
                conn, f"SELECT * FROM {table} WHERE person_id = ? ORDER BY {order}", [person_id]
            )
        data["buddy_rounds"] = _rows(conn, _BUDDY_ROUNDS, [person_id])
        # the sites where they are the local helper
        data["helper_at_sites"] = _rows(
            conn, "SELECT key, name FROM sites WHERE helper_person_id = ? ORDER BY key", [person_id]
        )
    return data
