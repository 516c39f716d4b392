"""The one store class: it owns the connection, and every user action is one transaction.

Screens and commands call these methods; no other module speaks SQL to the database
(except ``storage`` siblings it delegates to). Writes run in ``BEGIN IMMEDIATE`` so two
processes never deadlock on a read-then-write; reads are plain autocommit statements.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from naervaer.content.errors import InputError, StoreError
from naervaer.content.facts import Away, Note, Person, PersonalDate, Promise
from naervaer.content.text import collate, find_one
from naervaer.content.vocab import CHANNELS, VocabError, parse_tags
from naervaer.storage import rows
from naervaer.storage.connection import connect, translate_error

Clock = Callable[[], date]
_PERSON_FIELDS = {
    "name", "site", "team", "role", "prefers", "birthday", "started",
    "in_person_days", "contact_days", "archived",
}
_NOTE_FIELDS = {"person_id", "date", "channel", "text", "tags"}


class Store:
    """A Nærvær database. Use ``Store.open(path)``; close it (or use ``with``)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Clock = date.today) -> None:
        self.conn = conn
        self.path = path
        self.today = clock

    @classmethod
    def open(cls, path: Path | str, *, clock: Clock = date.today, create: bool = True) -> Store:
        return cls(connect(Path(path), create=create), Path(path), clock)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions -------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One user action: all of it commits, or none of it does."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise translate_error(exc, self.path) from exc
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.IntegrityError as exc:
            self._rollback()
            raise InputError("store.invalid", detail=str(exc)) from exc
        except sqlite3.Error as exc:
            self._rollback()
            raise translate_error(exc, self.path) from exc
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[tuple]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise translate_error(exc, self.path) from exc

    # -- people -------------------------------------------------------------------

    def people(self, *, site: str | None = None, include_archived: bool = False) -> list[Person]:
        sql = f"SELECT {rows.PERSON_COLUMNS} FROM people WHERE 1"
        params: list[Any] = []
        if not include_archived:
            sql += " AND archived = 0"
        if site is not None:
            sql += " AND site = ?"
            params.append(site)
        found = [rows.person(r) for r in self.query(sql + " ORDER BY name_key, id", params)]
        return sorted(found, key=lambda p: (collate(p.name), p.id))

    def person(self, person_id: int) -> Person:
        found = self.query(f"SELECT {rows.PERSON_COLUMNS} FROM people WHERE id = ?", [person_id])
        if not found:
            raise InputError("store.no_person_id", id=person_id)
        return rows.person(found[0])

    def find_person(self, query: str, *, include_archived: bool = False) -> Person:
        """The one person ``query`` names (see ``content.text.find_one``)."""
        return find_one(query, self.people(include_archived=include_archived), key=lambda p: p.name)

    def names(self) -> dict[int, str]:
        """Every person's display name by id, archived people included (for listings)."""
        return dict(self.query("SELECT id, name FROM people"))

    def sites(self) -> list[str]:
        found = self.query(
            "SELECT DISTINCT site FROM people WHERE archived = 0 AND site IS NOT NULL ORDER BY site"
        )
        return [r[0] for r in found]

    def add_person(self, name: str, **fields: Any) -> Person:
        name = " ".join(name.split())
        if not name:
            raise InputError("store.empty_name")
        unknown = set(fields) - _PERSON_FIELDS
        if unknown:
            raise TypeError(f"unknown person fields: {sorted(unknown)}")
        values = rows.person_values({"name": name, **fields})
        values["created"] = self.today().isoformat()
        with self.write() as conn:
            self._check_name_free(name)
            cols = ", ".join(values)
            marks = ", ".join("?" for _ in values)
            cur = conn.execute(f"INSERT INTO people ({cols}) VALUES ({marks})", list(values.values()))
        return self.person(cur.lastrowid)

    def update_person(self, person_id: int, **changes: Any) -> Person:
        unknown = set(changes) - _PERSON_FIELDS
        if unknown:
            raise TypeError(f"unknown person fields: {sorted(unknown)}")
        current = self.person(person_id)
        if "name" in changes:
            changes["name"] = " ".join(changes["name"].split())
            if not changes["name"]:
                raise InputError("store.empty_name")
        updated = replace(current, **changes)
        if not changes:
            return current
        values = rows.person_values(changes)
        with self.write() as conn:
            name_changed = rows.name_key(updated.name) != rows.name_key(current.name)
            unarchived = current.archived and not updated.archived
            if not updated.archived and (name_changed or unarchived):
                self._check_name_free(updated.name, except_id=person_id)
            sets = ", ".join(f"{col} = ?" for col in values)
            conn.execute(f"UPDATE people SET {sets} WHERE id = ?", [*values.values(), person_id])
        return self.person(person_id)

    def _check_name_free(self, name: str, except_id: int | None = None) -> None:
        clash = self.conn.execute(
            "SELECT name FROM people WHERE name_key = ? AND archived = 0 AND id IS NOT ?",
            [rows.name_key(name), except_id],
        ).fetchone()
        if clash:
            raise InputError("store.duplicate_name", name=clash[0])

    # -- notes --------------------------------------------------------------------

    def add_note(
        self,
        person_id: int,
        day: date,
        channel: str | None,
        text: str,
        tags: Sequence[str] = (),
        promise: tuple[str, date | None] | None = None,
    ) -> tuple[Note, Promise | None]:
        """Store a touchpoint (and the promise it made) in one transaction."""
        if day > self.today():
            raise InputError("store.future_note", date=day.isoformat())
        if promise and promise[1] and promise[1] < day:  # a past due date is fine: overdue at once
            raise InputError("store.due_before_note", due=promise[1].isoformat(), date=day.isoformat())
        rows.checked_text(text)
        self.person(person_id)
        with self.write() as conn:
            cur = conn.execute(
                "INSERT INTO notes (id, person_id, date, channel, tags, text) VALUES ("
                "max(coalesce((SELECT max(id) FROM notes), 0),"
                " coalesce((SELECT value FROM id_floor WHERE name = 'notes'), 0)) + 1, ?, ?, ?, ?, ?)",
                [person_id, day.isoformat(), channel, json.dumps(list(tags)), text],
            )
            note_id = cur.lastrowid
            made = self._insert_promise(person_id, promise, note_id) if promise else None
        note = Note(note_id, person_id, day, channel, text, tuple(tags))
        return note, made

    def update_note(self, note_id: int, *, expected: Note | None = None, **changes: Any) -> Note:
        """Correct one note (rectification): only the given fields change, in one transaction.

        A note moved to another person takes the promises it made along. When the text
        changes, the old words are purged from the search index like a deleted note's.
        ``expected`` is the note as the caller showed it: if the stored row differs (changed,
        or deleted and its id reused by a new note), nothing is written.
        """
        unknown = set(changes) - _NOTE_FIELDS
        if unknown:
            raise TypeError(f"unknown note fields: {sorted(unknown)}")
        self._check_note_values(changes)
        with self.write() as conn:
            current = self._note_in(conn, note_id, expected)
            updated = replace(current, **changes)
            if updated == current:
                return current
            conn.execute(
                "UPDATE notes SET person_id = ?, date = ?, channel = ?, tags = ?, text = ? WHERE id = ?",
                [updated.person_id, updated.date.isoformat(), updated.channel,
                 json.dumps(list(updated.tags)), updated.text, note_id],
            )
            if updated.person_id != current.person_id:
                conn.execute("UPDATE promises SET person_id = ? WHERE note_id = ?", [updated.person_id, note_id])
            text_changed = updated.text != current.text
            if text_changed:
                self._purge_search_index(conn)
        if text_changed:
            self._empty_wal()
        return updated

    def _check_note_values(self, changes: dict[str, Any]) -> None:
        """Every given value is refused before the write, with the message the user needs."""
        if "date" in changes and changes["date"] > self.today():
            raise InputError("store.future_note", date=changes["date"].isoformat())
        if "text" in changes:
            rows.checked_text(changes["text"])
        if "channel" in changes and changes["channel"] not in (*CHANNELS, None):
            raise VocabError("vocab.bad_channel", str(changes["channel"]))
        if "tags" in changes:
            changes["tags"] = parse_tags(tuple(changes["tags"]))
        if "person_id" in changes:
            self.person(changes["person_id"])

    def delete_note(self, note_id: int, *, expected: Note | None = None) -> Note:
        """Erase one note (the right to erasure) and return what it was.

        The row and its tags go (``secure_delete`` zeroes the freed cells), its words are
        purged from the search index and the WAL is emptied, as ``erase.forget_person``
        does; done states of prompts about it go too, since a later note may reuse its id.
        Backups are not rewritten for one note: they age out of the rotation. ``expected``
        guards as in ``update_note``.
        """
        with self.write() as conn:
            found = self._note_in(conn, note_id, expected)
            conn.execute("DELETE FROM notes WHERE id = ?", [note_id])
            segment = f"note{note_id}"
            states = conn.execute(
                "SELECT prompt_id FROM prompt_state WHERE instr(prompt_id, ?)", [segment]
            ).fetchall()
            conn.executemany(
                "DELETE FROM prompt_state WHERE prompt_id = ?",
                [[pid] for (pid,) in states if segment in pid.split(":")],
            )
            self._purge_search_index(conn)
        self._empty_wal()
        return found

    def _note_in(self, conn: sqlite3.Connection, note_id: int, expected: Note | None = None) -> Note:
        """The note as this transaction sees it (another window may have just deleted it).

        With ``expected``, anything but that exact note is refused: SQLite reuses the id of
        the newest note once it is deleted, so the id alone may now name someone else's note.
        """
        found = conn.execute(f"SELECT {rows.NOTE_COLUMNS} FROM notes WHERE id = ?", [note_id]).fetchone()
        current = rows.note(found) if found else None
        if expected is not None and current != expected:
            raise InputError("store.note_changed", id=note_id)
        if current is None:
            raise InputError("store.no_note", id=note_id)
        return current

    @staticmethod
    def _purge_search_index(conn: sqlite3.Connection) -> None:
        # erase imports this module, and the capture path (`log`) never needs it
        from naervaer.storage.erase import purge_fts

        purge_fts(conn)

    def _empty_wal(self) -> None:
        from naervaer.storage.erase import checkpoint

        checkpoint(self.conn, self.path)

    def note(self, note_id: int) -> Note:
        found = self.query(f"SELECT {rows.NOTE_COLUMNS} FROM notes WHERE id = ?", [note_id])
        if not found:
            raise InputError("store.no_note", id=note_id)
        return rows.note(found[0])

    def notes(
        self,
        *,
        person_id: int | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int | None = None,
    ) -> list[Note]:
        """Newest first; each filter narrows an indexed range."""
        where, params = note_filters("", person_id=person_id, since=since, until=until)
        sql = f"SELECT {rows.NOTE_COLUMNS} FROM notes WHERE 1{where} ORDER BY date DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [rows.note(r) for r in self.query(sql, params)]

    def search_notes(
        self,
        text: str,
        *,
        limit: int = 20,
        offset: int = 0,
        person_id: int | None = None,
        since: date | None = None,
    ) -> list[Note]:
        """Full-text match, newest written first, unranked so a common word stays fast.

        Every filter is in the query, so ``limit`` counts notes that pass all of them.
        """
        match = fts_query(text)
        if not match:
            return []
        where, params = note_filters("n.", person_id=person_id, since=since)
        sql = (
            f"SELECT {', '.join('n.' + c.strip() for c in rows.NOTE_COLUMNS.split(','))} "
            f"FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid WHERE notes_fts MATCH ?{where} "
            "ORDER BY notes_fts.rowid DESC LIMIT ? OFFSET ?"
        )
        return [rows.note(r) for r in self.query(sql, [match, *params, limit, offset])]

    # -- personal dates, away periods, promises ------------------------------------

    def add_personal_date(self, person_id: int, day: date, label: str, yearly: bool) -> PersonalDate:
        label = rows.checked_text(label).strip()
        if not label:
            raise InputError("store.empty_label")
        self.person(person_id)
        with self.write() as conn:
            cur = conn.execute(
                "INSERT INTO personal_dates (person_id, date, label, yearly) VALUES (?, ?, ?, ?)",
                [person_id, day.isoformat(), label, int(yearly)],
            )
        return PersonalDate(cur.lastrowid, person_id, day, label, yearly)

    def personal_dates(self, person_id: int | None = None) -> list[PersonalDate]:
        sql = f"SELECT {rows.DATE_COLUMNS} FROM personal_dates"
        params = [person_id] if person_id is not None else []
        if person_id is not None:
            sql += " WHERE person_id = ?"
        return [rows.personal_date(r) for r in self.query(sql + " ORDER BY date, id", params)]

    def start_away(self, person_id: int, start: date, end: date | None, label: str = "") -> Away:
        if end is not None and end < start:
            raise InputError("store.away_order", start=start.isoformat(), end=end.isoformat())
        rows.checked_text(label)
        self.person(person_id)
        with self.write() as conn:
            overlap = conn.execute(
                'SELECT start, "end" FROM away WHERE person_id = ? AND start <= ? '
                'AND ("end" IS NULL OR "end" >= ?)',
                [person_id, (end or date.max).isoformat(), start.isoformat()],
            ).fetchone()
            if overlap:
                raise InputError("store.away_overlap", start=overlap[0], end=overlap[1] or "…")
            cur = conn.execute(
                'INSERT INTO away (person_id, start, "end", label) VALUES (?, ?, ?, ?)',
                [person_id, start.isoformat(), rows.iso(end), label.strip()],
            )
        return Away(cur.lastrowid, person_id, start, end, label.strip())

    def end_away(self, person_id: int, end: date) -> Away:
        """Close the period that is open on ``end`` (or the latest open-ended one)."""
        with self.write() as conn:
            found = conn.execute(
                f"SELECT {rows.AWAY_COLUMNS} FROM away WHERE person_id = ? AND start <= ? "
                'AND ("end" IS NULL OR "end" >= ?) ORDER BY start DESC LIMIT 1',
                [person_id, end.isoformat(), end.isoformat()],
            ).fetchone()
            if not found:
                raise InputError("store.not_away", date=end.isoformat())
            conn.execute('UPDATE away SET "end" = ? WHERE id = ?', [end.isoformat(), found[0]])
        return replace(rows.away(found), end=end)

    def away_periods(self, person_id: int | None = None) -> list[Away]:
        sql = f"SELECT {rows.AWAY_COLUMNS} FROM away"
        params = [person_id] if person_id is not None else []
        if person_id is not None:
            sql += " WHERE person_id = ?"
        return [rows.away(r) for r in self.query(sql + " ORDER BY start, id", params)]

    def add_promise(self, person_id: int, text: str, due: date | None) -> Promise:
        self.person(person_id)
        with self.write():
            return self._insert_promise(person_id, (text, due), None)

    def _insert_promise(
        self, person_id: int, promise: tuple[str, date | None], note_id: int | None
    ) -> Promise:
        text, due = promise
        text = rows.checked_text(text).strip()
        if not text:
            raise InputError("store.empty_promise")
        created = self.today()
        cur = self.conn.execute(
            "INSERT INTO promises (person_id, note_id, text, due, created) VALUES (?, ?, ?, ?, ?)",
            [person_id, note_id, text, rows.iso(due), created.isoformat()],
        )
        return Promise(cur.lastrowid, person_id, text, due, None, note_id, created)

    def promises(self, *, open_only: bool = False, person_id: int | None = None) -> list[Promise]:
        sql = f"SELECT {rows.PROMISE_COLUMNS} FROM promises WHERE 1"
        params: list[Any] = []
        if open_only:
            sql += " AND done IS NULL"
        if person_id is not None:
            sql += " AND person_id = ?"
            params.append(person_id)
        sql += " ORDER BY done IS NOT NULL, due IS NULL, due, id"
        return [rows.promise(r) for r in self.query(sql, params)]

    def complete_promise(self, promise_id: int, day: date | None = None) -> Promise:
        with self.write() as conn:
            found = conn.execute(
                f"SELECT {rows.PROMISE_COLUMNS} FROM promises WHERE id = ?", [promise_id]
            ).fetchone()
            if not found:
                raise InputError("store.no_promise", id=promise_id)
            if found[4] is not None:
                raise InputError("store.promise_done", id=promise_id, date=found[4])
            done = day or self.today()
            conn.execute("UPDATE promises SET done = ? WHERE id = ?", [done.isoformat(), promise_id])
        return replace(rows.promise(found), done=done)

    # -- settings -----------------------------------------------------------------

    def settings(self) -> dict[str, Any]:
        return {k: json.loads(v) for k, v in self.query("SELECT key, value FROM settings")}

    def get_setting(self, key: str, default: Any = None) -> Any:
        found = self.query("SELECT value FROM settings WHERE key = ?", [key])
        return json.loads(found[0][0]) if found else default

    def set_setting(self, key: str, value: Any) -> None:
        with self.write() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, json.dumps(value)],
            )

    def reset_settings(self, keys: Sequence[str]) -> list[str]:
        """Forget the stored values of ``keys`` so their defaults apply; the ones that were stored."""
        with self.write() as conn:
            stored = [k for k in keys if conn.execute("SELECT 1 FROM settings WHERE key = ?", [k]).fetchone()]
            conn.executemany("DELETE FROM settings WHERE key = ?", [[k] for k in stored])
        return stored

    def is_empty(self) -> bool:
        return not self.query("SELECT 1 FROM people LIMIT 1")


def note_filters(
    alias: str, *, person_id: int | None = None, since: date | None = None, until: date | None = None
) -> tuple[str, list[Any]]:
    """The optional filters of a notes query: its `` AND …`` clauses and their parameters."""
    where = ""
    params: list[Any] = []
    for column, op, value in (("person_id", "=", person_id), ("date", ">=", since), ("date", "<=", until)):
        if value is not None:
            where += f" AND {alias}{column} {op} ?"
            params.append(value.isoformat() if isinstance(value, date) else value)
    return where, params


def fts_query(text: str) -> str:
    """Turn what a user typed into a safe FTS5 query: every word a quoted term, ANDed.

    Quoting neutralises FTS syntax (``"``, ``*``, ``NEAR(``, ``AND``); the last word also
    matches as a prefix so results appear while typing. NUL ends a string for FTS5, so it
    separates words here.
    """
    words = [w for w in rows.checked_text(text).replace("\x00", " ").split() if any(ch.isalnum() for ch in w)]
    if not words:
        return ""
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)
