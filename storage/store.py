"""The one store class: it owns the connection, and every user action is one transaction.

Screens and commands call these methods; no other module speaks SQL to the database
(except ``storage`` siblings it delegates to). Writes run in ``BEGIN IMMEDIATE`` so two
processes never deadlock on a read-then-write, and nest: operations inside one ``write``
are one unit of work. Reads are plain autocommit statements, or one ``snapshot``.
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

from naervaer.content.errors import InputError
from naervaer.content.facts import ONE_TO_ONE, PULSES, Away, Note, Person, PersonalDate, Promise
from naervaer.content.text import clean_name, collate, find_exact, find_one, id_ref
from naervaer.content.vocab import CHANNELS, VocabError, parse_tags
from naervaer.storage import rows
from naervaer.storage.connection import connect, translate_error
from naervaer.storage.points_goals import PointsAndGoals
from naervaer.storage.scrub import checkpoint, purge_fts

Clock = Callable[[], date]
_PERSON_FIELDS = {
    "name", "site", "team", "role", "prefers", "birthday", "started",
    "in_person_days", "contact_days", "archived", "email", "phone", "one_to_one_days",
}
_NOTE_FIELDS = {"person_id", "date", "channel", "text", "tags", "kind", "pulse"}


class Store(PointsAndGoals):
    """A Nærvær database. Use ``Store.open(path)``; close it (or use ``with``)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Clock = date.today,
                 key: bytes | None = None) -> None:
        self.conn = conn
        self.path = path
        # an encrypted database's raw key (storage.cipher): its backups and copies use it too
        self.key = key
        self.today = clock
        self._depth = 0  # how many ``write`` blocks are open (see there)
        self._after_commit: list[Callable[[], object]] = []

    @classmethod
    def open(cls, path: Path | str, *, clock: Clock = date.today, create: bool = True,
             key: bytes | None = None) -> Store:
        conn = connect(Path(path), create=create, key=key)
        return cls(conn, Path(path), clock, None if isinstance(conn, sqlite3.Connection) else key)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions -------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One user action: all of it commits, or none of it does.

        Writes nest, as sqlite-utils' ``db.atomic()`` does: the outermost ``write`` is the
        transaction (``BEGIN IMMEDIATE`` … ``COMMIT``) and every store operation called inside
        it joins it, so "three people and a note" is one all-or-nothing action. An inner
        ``write`` is a savepoint: when it fails, its own changes are undone and the error
        goes on to the caller, which may still let the outer action commit the rest.
        """
        if self._depth:
            yield from self._nested()
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise translate_error(exc, self.path) from exc
        self._depth = 1
        try:
            with self._translated():
                yield self.conn
                self.conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        finally:
            self._depth = 0
            after, self._after_commit = self._after_commit, []
        for action in after:  # only reached once committed
            action()

    def _nested(self) -> Iterator[sqlite3.Connection]:
        name = f"write{self._depth}"
        self.conn.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            with self._translated():
                yield self.conn
        except BaseException:
            if self.conn.in_transaction:  # SQLite may have rolled it all back already
                self.conn.execute(f"ROLLBACK TO {name}")
            raise
        finally:
            self._depth -= 1
            if self.conn.in_transaction:
                self.conn.execute(f"RELEASE {name}")

    @contextmanager
    def _translated(self) -> Iterator[None]:
        """SQLite's errors as the app's: a broken constraint is bad input, the rest a store error."""
        try:
            yield
        except sqlite3.IntegrityError as exc:
            raise InputError("store.invalid", detail=str(exc)) from exc
        except sqlite3.Error as exc:
            raise translate_error(exc, self.path) from exc

    def _once_committed(self, action: Callable[[], object]) -> None:
        """Run ``action`` after the outermost write commits (now, outside any write)."""
        if self._depth:
            self._after_commit.append(action)
        else:
            action()

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """Reads that must agree with each other: one read transaction (or the open write)."""
        if self.conn.in_transaction:
            with self._translated():
                yield self.conn
            return
        with self._translated():
            self.conn.execute("BEGIN")
        try:
            with self._translated():
                yield self.conn
        finally:
            self._rollback()  # nothing was written: ending the read is all it does

    def changes(self) -> int:
        """Rows written through this store since it was opened (SQLite's ``total_changes``)."""
        return self.conn.total_changes

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
        found = [rows.person(r) for r in self.query(sql + " ORDER BY lower(name), id", params)]
        return sorted(found, key=lambda p: (collate(p.name), p.id))

    def person(self, person_id: int) -> Person:
        found = self.query(f"SELECT {rows.PERSON_COLUMNS} FROM people WHERE id = ?", [person_id])
        if not found:
            raise InputError("store.no_person_id", id=person_id)
        return rows.person(found[0])

    @staticmethod
    def _person_in(conn: sqlite3.Connection, person_id: int) -> None:
        """Refuse, inside the caller's transaction, an id whose person is gone."""
        if conn.execute("SELECT 1 FROM people WHERE id = ?", [person_id]).fetchone() is None:
            raise InputError("store.no_person_id", id=person_id)

    def find_person(self, query: str, *, include_archived: bool = False) -> Person:
        """The one person ``query`` names: "#12", a name, or a fragment (``content.text.find_one``)."""
        people = self.people(include_archived=include_archived)
        return find_one(query, people, key=lambda p: p.name, ident=lambda p: p.id)

    def find_person_exactly(self, query: str, *, include_archived: bool = False) -> Person:
        """The one person ``query`` names by id or whole name, never by a prefix (``find_exact``).

        For commands that erase a person or change who someone or something is.
        """
        people = self.people(include_archived=include_archived)
        return find_exact(query, people, key=lambda p: p.name, ident=lambda p: p.id)

    def names(self) -> dict[int, str]:
        """Every person's display name by id, archived people included (for listings)."""
        return dict(self.query("SELECT id, name FROM people"))

    def sites(self) -> list[str]:
        found = self.query(
            "SELECT DISTINCT site FROM people WHERE archived = 0 AND site IS NOT NULL ORDER BY site"
        )
        return [r[0] for r in found]

    def add_person(self, name: str, **fields: Any) -> Person:
        with self.write() as conn:
            person_id = self._add_person(conn, name, fields)
        return self.person(person_id)

    def add_people(self, people: Sequence[tuple[str, dict[str, Any]]]) -> list[int]:
        """Add many people (an import) in one transaction: ``add_person``'s checks and insert
        for each, without a savepoint and a read-back per person. Their ids, in order."""
        with self.write() as conn:
            return [self._add_person(conn, name, fields) for name, fields in people]

    def _add_person(self, conn: sqlite3.Connection, name: str, fields: dict[str, Any]) -> int:
        name = checked_name(name)
        unknown = set(fields) - _PERSON_FIELDS
        if unknown:
            raise TypeError(f"unknown person fields: {sorted(unknown)}")
        values = rows.person_values({"name": name, **fields})
        values["created"] = self.today().isoformat()
        self._check_name_free(name)
        return self._insert_numbered(conn, "people", values)

    def update_person(self, person_id: int, **changes: Any) -> Person:
        unknown = set(changes) - _PERSON_FIELDS
        if unknown:
            raise TypeError(f"unknown person fields: {sorted(unknown)}")
        current = self.person(person_id)
        if "name" in changes:
            changes["name"] = checked_name(changes["name"])
        updated = replace(current, **changes)
        if not changes:
            return current
        values = rows.person_values(changes)
        with self.write() as conn:
            name_changed = rows.name_key(updated.name) != rows.name_key(current.name)
            unarchived = current.archived and not updated.archived
            if not updated.archived and (name_changed or unarchived):
                self._check_name_free(updated.name, except_id=person_id)
                values["key_clash"] = 0  # checked free of every active name (see migration 003)
            sets = ", ".join(f"{col} = ?" for col in values)
            conn.execute(f"UPDATE people SET {sets} WHERE id = ?", [*values.values(), person_id])
        return self.person(person_id)

    def _check_name_free(self, name: str, except_id: int | None = None) -> None:
        # every active person counts, those marked key_clash by migration 003 too
        clash = self.conn.execute(
            "SELECT name, id FROM people WHERE name_key = ? AND archived = 0 AND id IS NOT ?",
            [rows.name_key(name), except_id],
        ).fetchone()
        if clash:
            raise InputError("store.duplicate_name", name=f"{clash[0]} (#{clash[1]})")

    @staticmethod
    def _insert_numbered(conn: sqlite3.Connection, table: str, values: dict[str, Any]) -> int:
        """Insert one row numbered above every id the table ever had (migrations 002, 003).

        SQLite would give the next row the id of the newest one once that is deleted.
        """
        cols = ", ".join(rows.quoted(c) for c in rows.written(table, values))
        marks = ", ".join("?" for _ in values)
        cur = conn.execute(
            f"INSERT INTO {table} (id, {cols}) VALUES ("
            f"max(coalesce((SELECT max(id) FROM {table}), 0),"
            f" coalesce((SELECT value FROM id_floor WHERE name = '{table}'), 0)) + 1, {marks})",
            list(values.values()),
        )
        return cur.lastrowid

    # -- notes --------------------------------------------------------------------

    def add_note(
        self,
        person_id: int,
        day: date,
        channel: str | None,
        text: str,
        tags: Sequence[str] = (),
        promise: tuple[str, date | None] | None = None,
        keep: Sequence[int] = (),
        *,
        kind: str | None = None,
        pulse: int | None = None,
        raised: Sequence[int] = (),
        next_time: str | None = None,
    ) -> tuple[Note, Promise | None]:
        """Store a touchpoint (and the promise it made) in one transaction.

        ``keep`` names open promises this touchpoint kept: they are marked kept on ``day``
        in the same transaction. ``kind`` marks a one-to-one, ``pulse`` how the person seemed.
        ``raised`` names the person's open talking points this
        touchpoint raised (marked raised on ``day``, by this note); ``next_time`` is a new
        talking point for the next time, written with it.
        """
        if day > self.today():
            raise InputError("store.future_note", date=day)
        if promise and promise[1] and promise[1] < day:  # a past due date is fine: overdue at once
            raise InputError("store.due_before_note", due=promise[1], date=day)
        rows.note_text(text)
        check_kind_pulse(kind, pulse)
        with self.write() as conn:
            # in the transaction: a form held this id while another window may have erased them
            self._person_in(conn, person_id)
            note_id = self._insert_numbered(conn, "notes", {
                "person_id": person_id, "date": day.isoformat(), "channel": channel,
                "tags": json.dumps(list(tags)), "text": text, "kind": kind, "pulse": pulse,
            })
            made = self._insert_promise(person_id, promise, note_id) if promise else None
            for promise_id in keep:
                self._keep_promise(conn, promise_id, day)
            self.cover_points(raised, day, note_id, person_id)
            if next_time and next_time.strip():
                self.add_point(person_id, next_time)
        note = Note(note_id, person_id, day, channel, text, tuple(tags), kind, pulse)
        return note, made

    def update_note(self, note_id: int, *, expected: Note | None = None, **changes: Any) -> Note:
        """Correct one note (rectification): only the given fields change, in one transaction.

        A note moved to another person takes the promises it made along. When the text
        changes, the old words are purged from the search index like a deleted note's.
        ``expected`` is the note as the caller showed it: if the stored row differs (changed,
        or deleted), nothing is written.
        """
        unknown = set(changes) - _NOTE_FIELDS
        if unknown:
            raise TypeError(f"unknown note fields: {sorted(unknown)}")
        self._check_note_values(changes)
        with self.write() as conn:
            current = self._note_in(conn, note_id, expected)
            if "person_id" in changes:
                self._person_in(conn, changes["person_id"])
            updated = replace(current, **changes)
            if updated == current:
                return current
            conn.execute(
                "UPDATE notes SET person_id = ?, date = ?, channel = ?, tags = ?, text = ?, kind = ?, "
                "pulse = ? WHERE id = ?",
                [updated.person_id, updated.date.isoformat(), updated.channel,
                 json.dumps(list(updated.tags)), updated.text, updated.kind, updated.pulse, note_id],
            )
            if updated.person_id != current.person_id:
                conn.execute("UPDATE promises SET person_id = ? WHERE note_id = ?", [updated.person_id, note_id])
            if updated.text != current.text:
                self._purge_search_index(conn)
        return updated

    def _check_note_values(self, changes: dict[str, Any]) -> None:
        """Every given value is refused before the write, with the message the user needs."""
        if "date" in changes and changes["date"] > self.today():
            raise InputError("store.future_note", date=changes["date"])
        if "text" in changes:
            rows.note_text(changes["text"])
        if "channel" in changes and changes["channel"] not in (*CHANNELS, None):
            raise VocabError("vocab.bad_channel", str(changes["channel"]))
        if "tags" in changes:
            changes["tags"] = parse_tags(tuple(changes["tags"]))
        check_kind_pulse(changes.get("kind"), changes.get("pulse"))
        if "person_id" in changes:
            self.person(changes["person_id"])  # checked again in the write (another window may erase them)

    def delete_note(self, note_id: int, *, expected: Note | None = None) -> Note:
        """Erase one note (the right to erasure) and return what it was.

        The row and its tags go (``secure_delete`` zeroes the freed cells), its words are
        purged from the search index and the WAL is emptied, as ``erase.forget_person``
        does; done states of prompts about it go too (nothing is kept about a deleted note).
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
        return found

    def _note_in(self, conn: sqlite3.Connection, note_id: int, expected: Note | None = None) -> Note:
        """The note as this transaction sees it (another window may have just deleted it).

        With ``expected``, anything but that exact note is refused: another window may have
        changed it since the caller showed it (ids are never reused: migration 002).
        """
        found = conn.execute(f"SELECT {rows.NOTE_COLUMNS} FROM notes WHERE id = ?", [note_id]).fetchone()
        current = rows.note(found) if found else None
        if expected is not None and current != expected:
            raise InputError("store.note_changed", id=note_id)
        if current is None:
            raise InputError("store.no_note", id=note_id)
        return current

    def _purge_search_index(self, conn: sqlite3.Connection) -> None:
        """The old words out of the search index now, the WAL emptied once the write commits."""
        purge_fts(conn)
        self._once_committed(self.empty_wal)

    def empty_wal(self) -> bool:
        """Empty the WAL of old pages (``scrub.checkpoint``); True when a reader made it wait."""
        return checkpoint(self.conn, self.path)

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
        with self.write() as conn:
            self._person_in(conn, person_id)
            date_id = self._insert_numbered(conn, "personal_dates", {
                "person_id": person_id, "date": day.isoformat(), "label": label, "yearly": int(yearly),
            })
        return PersonalDate(date_id, person_id, day, label, yearly)

    def personal_dates(self, person_id: int | None = None) -> list[PersonalDate]:
        sql = f"SELECT {rows.DATE_COLUMNS} FROM personal_dates"
        params = [person_id] if person_id is not None else []
        if person_id is not None:
            sql += " WHERE person_id = ?"
        return [rows.personal_date(r) for r in self.query(sql + " ORDER BY date, id", params)]

    def personal_date(self, date_id: int) -> PersonalDate:
        found = self.query(f"SELECT {rows.DATE_COLUMNS} FROM personal_dates WHERE id = ?", [date_id])
        if not found:
            raise InputError("store.no_date", id=date_id)
        return rows.personal_date(found[0])

    def update_personal_date(self, date_id: int, day: date, label: str, yearly: bool) -> PersonalDate:
        """Correct one personal date: all three fields are given, as the form shows them."""
        label = rows.checked_text(label).strip()
        if not label:
            raise InputError("store.empty_label")
        with self.write() as conn:
            if not conn.execute("SELECT 1 FROM personal_dates WHERE id = ?", [date_id]).fetchone():
                raise InputError("store.no_date", id=date_id)
            conn.execute(
                "UPDATE personal_dates SET date = ?, label = ?, yearly = ? WHERE id = ?",
                [day.isoformat(), label, int(yearly), date_id],
            )
        return self.personal_date(date_id)

    def delete_personal_date(self, date_id: int) -> PersonalDate:
        """Erase one personal date and return what it was."""
        with self.write() as conn:
            found = conn.execute(
                f"SELECT {rows.DATE_COLUMNS} FROM personal_dates WHERE id = ?", [date_id]
            ).fetchone()
            if not found:
                raise InputError("store.no_date", id=date_id)
            conn.execute("DELETE FROM personal_dates WHERE id = ?", [date_id])
        return rows.personal_date(found)

    def start_away(self, person_id: int, start: date, end: date | None, label: str = "") -> Away:
        if end is not None and end < start:
            raise InputError("store.away_order", start=start, end=end)
        rows.checked_text(label)
        with self.write() as conn:
            self._person_in(conn, person_id)
            overlap = conn.execute(
                'SELECT start, "end" FROM away WHERE person_id = ? AND start <= ? '
                'AND ("end" IS NULL OR "end" >= ?)',
                [person_id, (end or date.max).isoformat(), start.isoformat()],
            ).fetchone()
            if overlap:
                raise InputError("store.away_overlap", start=date.fromisoformat(overlap[0]),
                                 end=date.fromisoformat(overlap[1]) if overlap[1] else "…")
            away_id = self._insert_numbered(conn, "away", {
                "person_id": person_id, "start": start.isoformat(), "end": rows.iso(end), "label": label.strip(),
            })
        return Away(away_id, person_id, start, end, label.strip())

    def end_away(self, person_id: int, end: date) -> Away:
        """Close the period that is open on ``end`` (or the latest open-ended one)."""
        with self.write() as conn:
            found = conn.execute(
                f"SELECT {rows.AWAY_COLUMNS} FROM away WHERE person_id = ? AND start <= ? "
                'AND ("end" IS NULL OR "end" >= ?) ORDER BY start DESC LIMIT 1',
                [person_id, end.isoformat(), end.isoformat()],
            ).fetchone()
            if not found:
                raise InputError("store.not_away", date=end)
            conn.execute('UPDATE away SET "end" = ? WHERE id = ?', [end.isoformat(), found[0]])
        return replace(rows.away(found), end=end)

    def away_periods(self, person_id: int | None = None) -> list[Away]:
        sql = f"SELECT {rows.AWAY_COLUMNS} FROM away"
        params = [person_id] if person_id is not None else []
        if person_id is not None:
            sql += " WHERE person_id = ?"
        return [rows.away(r) for r in self.query(sql + " ORDER BY start, id", params)]

    def update_away(self, away_id: int, start: date, end: date | None, label: str = "") -> Away:
        """Correct one away period; it may not overlap another of the same person's."""
        if end is not None and end < start:
            raise InputError("store.away_order", start=start, end=end)
        rows.checked_text(label)
        with self.write() as conn:
            found = conn.execute(f"SELECT {rows.AWAY_COLUMNS} FROM away WHERE id = ?", [away_id]).fetchone()
            if not found:
                raise InputError("store.no_away", id=away_id)
            overlap = conn.execute(
                'SELECT start, "end" FROM away WHERE person_id = ? AND id != ? AND start <= ? '
                'AND ("end" IS NULL OR "end" >= ?)',
                [found[1], away_id, (end or date.max).isoformat(), start.isoformat()],
            ).fetchone()
            if overlap:
                raise InputError("store.away_overlap", start=date.fromisoformat(overlap[0]),
                                 end=date.fromisoformat(overlap[1]) if overlap[1] else "…")
            conn.execute(
                'UPDATE away SET start = ?, "end" = ?, label = ? WHERE id = ?',
                [start.isoformat(), rows.iso(end), label.strip(), away_id],
            )
        return Away(away_id, found[1], start, end, label.strip())

    def delete_away(self, away_id: int) -> Away:
        """Erase one away period and return what it was."""
        with self.write() as conn:
            found = conn.execute(f"SELECT {rows.AWAY_COLUMNS} FROM away WHERE id = ?", [away_id]).fetchone()
            if not found:
                raise InputError("store.no_away", id=away_id)
            conn.execute("DELETE FROM away WHERE id = ?", [away_id])
        return rows.away(found)

    def add_promise(self, person_id: int, text: str, due: date | None) -> Promise:
        with self.write() as conn:
            self._person_in(conn, person_id)
            return self._insert_promise(person_id, (text, due), None)

    def _insert_promise(
        self, person_id: int, promise: tuple[str, date | None], note_id: int | None
    ) -> Promise:
        text, due = promise
        text = rows.checked_text(text).strip()
        if not text:
            raise InputError("store.empty_promise")
        created = self.today()
        promise_id = self._insert_numbered(self.conn, "promises", {
            "person_id": person_id, "note_id": note_id, "text": text, "due": rows.iso(due),
            "created": created.isoformat(),
        })
        return Promise(promise_id, person_id, text, due, None, note_id, created)

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
        """Mark one open promise kept (on ``day``, today by default)."""
        with self.write() as conn:
            return self._keep_promise(conn, promise_id, day or self.today())

    def _keep_promise(self, conn: sqlite3.Connection, promise_id: int, day: date) -> Promise:
        found = conn.execute(
            f"SELECT {rows.PROMISE_COLUMNS} FROM promises WHERE id = ?", [promise_id]
        ).fetchone()
        if not found:
            raise InputError("store.no_promise", id=promise_id)
        if found[4] is not None:
            raise InputError("store.promise_done", id=promise_id, date=date.fromisoformat(found[4]))
        conn.execute("UPDATE promises SET done = ? WHERE id = ?", [day.isoformat(), promise_id])
        return replace(rows.promise(found), done=day)

    def promise(self, promise_id: int) -> Promise:
        found = self.query(f"SELECT {rows.PROMISE_COLUMNS} FROM promises WHERE id = ?", [promise_id])
        if not found:
            raise InputError("store.no_promise", id=promise_id)
        return rows.promise(found[0])

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

    # -- prompt states and month sign-offs -------------------------------------------

    def set_prompt_state(
        self, prompt_id: str, person_id: int | None, state: str, until: date | None, day: date
    ) -> None:
        """Mark one prompt done or snoozed (``storage.prompt_state`` says what that means)."""
        with self.write() as conn:
            conn.execute(
                "INSERT INTO prompt_state (prompt_id, person_id, state, until, set_on) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(prompt_id) DO UPDATE SET person_id = excluded.person_id, "
                "state = excluded.state, until = excluded.until, set_on = excluded.set_on",
                [prompt_id, person_id, state, rows.iso(until), day.isoformat()],
            )

    def sign_off(self, month: str, day: date) -> None:
        """Record the leader's review of ``month`` ("YYYY-MM") on ``day``; again moves the date."""
        with self.write() as conn:
            conn.execute(
                "INSERT INTO month_signoff (month, signed_on) VALUES (?, ?) "
                "ON CONFLICT(month) DO UPDATE SET signed_on = excluded.signed_on",
                [month, day.isoformat()],
            )

    def undo_sign_off(self, month: str) -> bool:
        """Take back the sign-off of ``month``; whether there was one."""
        with self.write() as conn:
            return conn.execute("DELETE FROM month_signoff WHERE month = ?", [month]).rowcount > 0

    def is_empty(self) -> bool:
        return not self.query("SELECT 1 FROM people LIMIT 1")


def check_kind_pulse(kind: str | None, pulse: int | None) -> None:
    """The note kind and pulse the schema accepts, refused with a message before any write."""
    if kind not in (None, ONE_TO_ONE):
        raise InputError("store.bad_note_kind", value=kind)
    if pulse is not None and (isinstance(pulse, bool) or pulse not in PULSES):
        raise InputError("store.bad_pulse", value=pulse)


def checked_name(name: str) -> str:
    """A typed name as it is stored (``clean_name``), or the reason it cannot be one."""
    name = clean_name(name)
    if not name:
        raise InputError("store.empty_name")
    if id_ref(name) is not None:
        raise InputError("store.name_like_id", name=name)
    return name


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
