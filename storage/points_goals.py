"""Talking points and written goals in the store: the ``Store`` methods that read and write them.

A mixin of ``storage.store.Store`` (kept apart so the store module stays readable): every
write is one ``with self.write():``, so it joins a larger action (a note that raises points,
a point that becomes a promise) as one all-or-nothing unit of work.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from naervaer.content.errors import InputError
from naervaer.content.facts import Promise
from naervaer.content.goals import GOAL_STATUSES, Goal, GoalUpdate, TalkingPoint
from naervaer.storage import rows

POINT_COLUMNS = "id, person_id, text, created, covered, note_id, promise_id"
GOAL_COLUMNS = "id, person_id, text, due, status, created"
UPDATE_COLUMNS = "id, goal_id, date, status, text"


def point_row(row: tuple) -> TalkingPoint:
    pid, person_id, text, created, covered, note_id, promise_id = row
    return TalkingPoint(pid, person_id, text, date.fromisoformat(created), rows.to_date(covered), note_id, promise_id)


def update_row(row: tuple) -> GoalUpdate:
    uid, goal_id, day, status, text = row
    return GoalUpdate(uid, goal_id, date.fromisoformat(day), status, text)


def goals_of(conn: sqlite3.Connection, person_ids: Sequence[int] | None) -> list[Goal]:
    """Goals with their updates (oldest first), of the given people (None: everyone)."""
    where, params = "", []
    if person_ids is not None:
        where = f" WHERE person_id IN ({', '.join('?' for _ in person_ids)})"
        params = list(person_ids)
    found = conn.execute(f"SELECT {GOAL_COLUMNS} FROM goals{where} ORDER BY id", params).fetchall()
    updates: dict[int, list[GoalUpdate]] = {}
    for r in conn.execute(f"SELECT {UPDATE_COLUMNS} FROM goal_updates{where} ORDER BY date, id", params):
        updates.setdefault(r[1], []).append(update_row(r))
    return [
        Goal(gid, pid, text, rows.to_date(due), status, date.fromisoformat(created), tuple(updates.get(gid, ())))
        for gid, pid, text, due, status, created in found
    ]


def _text(text: str, empty_key: str) -> str:
    text = rows.checked_text(text).strip()
    if not text:
        raise InputError(empty_key)
    return text


class PointsAndGoals:
    """Store methods for talking points and goals (``Store`` inherits them and provides
    ``write``, ``query``, ``today`` and the numbered inserts they use)."""

    # -- talking points ---------------------------------------------------------------

    def add_point(self, person_id: int, text: str, day: date | None = None) -> TalkingPoint:
        text = _text(text, "goals.empty_point")
        created = day or self.today()
        with self.write() as conn:
            self._person_in(conn, person_id)
            point_id = self._insert_numbered(conn, "talking_points", {
                "person_id": person_id, "text": text, "created": created.isoformat()})
        return TalkingPoint(point_id, person_id, text, created)

    def points(self, *, person_id: int | None = None, open_only: bool = False) -> list[TalkingPoint]:
        """Oldest first: the longest-carried point is raised first."""
        sql = f"SELECT {POINT_COLUMNS} FROM talking_points WHERE 1"
        params: list[Any] = []
        if person_id is not None:
            sql += " AND person_id = ?"
            params.append(person_id)
        if open_only:
            sql += " AND covered IS NULL"
        return [point_row(r) for r in self.query(sql + " ORDER BY covered IS NOT NULL, created, id", params)]

    def point(self, point_id: int) -> TalkingPoint:
        found = self.query(f"SELECT {POINT_COLUMNS} FROM talking_points WHERE id = ?", [point_id])
        if not found:
            raise InputError("goals.no_point", id=point_id)
        return point_row(found[0])

    def cover_point(self, point_id: int, day: date | None = None, note_id: int | None = None,
                    *, person_id: int | None = None) -> TalkingPoint:
        """Mark one open point raised on ``day`` (by ``note_id``, when a note raised it).

        ``person_id``: the point must be that person's (a note raises only its own person's).
        """
        day = day or self.today()
        with self.write() as conn:
            point = self._open_point(conn, point_id, person_id)
            conn.execute("UPDATE talking_points SET covered = ?, note_id = ? WHERE id = ?",
                         [day.isoformat(), note_id, point_id])
        return TalkingPoint(point.id, point.person_id, point.text, point.created, day, note_id, None)

    def _open_point(self, conn: sqlite3.Connection, point_id: int, person_id: int | None) -> TalkingPoint:
        found = conn.execute(f"SELECT {POINT_COLUMNS} FROM talking_points WHERE id = ?", [point_id]).fetchone()
        if not found or (person_id is not None and found[1] != person_id):
            raise InputError("goals.no_point", id=point_id)
        point = point_row(found)
        if point.covered is not None:
            raise InputError("goals.point_covered", id=point_id, date=point.covered.isoformat())
        return point

    def cover_points(self, point_ids: Iterable[int], day: date, note_id: int | None, person_id: int) -> None:
        with self.write():
            for point_id in point_ids:
                self.cover_point(point_id, day, note_id, person_id=person_id)

    def point_to_promise(self, point_id: int, due: date | None = None) -> tuple[TalkingPoint, Promise]:
        """The point becomes a promise of the same words: one action, one transaction."""
        today = self.today()
        with self.write() as conn:
            point = self._open_point(conn, point_id, None)
            made = self._insert_promise(point.person_id, (point.text, due), None)
            conn.execute("UPDATE talking_points SET covered = ?, promise_id = ? WHERE id = ?",
                         [today.isoformat(), made.id, point_id])
        return TalkingPoint(point.id, point.person_id, point.text, point.created, today, None, made.id), made

    def delete_point(self, point_id: int) -> TalkingPoint:
        with self.write() as conn:
            found = conn.execute(f"SELECT {POINT_COLUMNS} FROM talking_points WHERE id = ?", [point_id]).fetchone()
            if not found:
                raise InputError("goals.no_point", id=point_id)
            conn.execute("DELETE FROM talking_points WHERE id = ?", [point_id])
        return point_row(found)

    # -- goals ------------------------------------------------------------------------

    def add_goal(self, person_id: int, text: str, due: date | None = None) -> Goal:
        text = _text(text, "goals.empty_goal")
        created = self.today()
        with self.write() as conn:
            self._person_in(conn, person_id)
            goal_id = self._insert_numbered(conn, "goals", {
                "person_id": person_id, "text": text, "due": rows.iso(due), "created": created.isoformat()})
        return Goal(goal_id, person_id, text, due, "on_track", created)

    def goals(self, *, person_id: int | None = None) -> list[Goal]:
        return goals_of(self.conn, None if person_id is None else [person_id])

    def goal(self, goal_id: int) -> Goal:
        found = self.query("SELECT person_id FROM goals WHERE id = ?", [goal_id])
        if not found:
            raise InputError("goals.no_goal", id=goal_id)
        return next(g for g in goals_of(self.conn, [found[0][0]]) if g.id == goal_id)

    def update_goal(self, goal_id: int, *, status: str | None = None, text: str = "",
                    day: date | None = None) -> Goal:
        """Look at one goal with the person: a dated update with its status (unchanged when not
        given) and a few words. The goal takes the new status."""
        if status is not None and status not in GOAL_STATUSES:
            raise InputError("goals.bad_status", value=status)
        text = rows.checked_text(text).strip()
        day = day or self.today()
        if day > self.today():
            raise InputError("store.future_note", date=day.isoformat())
        with self.write() as conn:
            found = conn.execute("SELECT person_id, status FROM goals WHERE id = ?", [goal_id]).fetchone()
            if not found:
                raise InputError("goals.no_goal", id=goal_id)
            person_id, current = found
            status = status or current
            conn.execute("INSERT INTO goal_updates (goal_id, person_id, date, status, text) VALUES (?, ?, ?, ?, ?)",
                         [goal_id, person_id, day.isoformat(), status, text])
            conn.execute("UPDATE goals SET status = ? WHERE id = ?", [status, goal_id])
        return self.goal(goal_id)

    def delete_goal(self, goal_id: int) -> Goal:
        goal = self.goal(goal_id)
        with self.write() as conn:
            conn.execute("DELETE FROM goals WHERE id = ?", [goal_id])
        return goal
