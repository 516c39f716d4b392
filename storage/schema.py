"""The schema, as forward-only named migrations (sqlite-utils ``Migrations``).

Append new steps at the end; never edit or reorder an applied one. The number of steps
is ``connection.SCHEMA_VERSION`` (a test keeps them equal), written to ``PRAGMA
user_version`` so that opening an up-to-date file needs one pragma read and does not
import this module or sqlite-utils at all.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from sqlite_utils.migrations import Migrations

from naervaer.content.text import name_key

if TYPE_CHECKING:
    from sqlite_utils import Database

migrations = Migrations("naervaer")

CHANNEL_CHECK = "channel IS NULL OR channel IN ('in_person', 'video', 'phone', 'message')"


def _script(db: Database, sql: str) -> None:
    """Run the statements of ``sql`` one by one inside the migration's transaction.

    sqlite-utils' ``executescript`` does the same, but re-joins the statement so far at every
    character to ask whether it is complete: 25 ms of CPU for each new database. Splitting
    at each ";" and asking SQLite the same question keeps a ";" inside a trigger or a string
    where it belongs.
    """
    statement = ""
    for part in sql.split(";"):
        statement += part + ";"
        if sqlite3.complete_statement(statement):
            if statement.strip(" \n;"):
                db.execute(statement)
            statement = ""
    if statement.strip(" \n;"):
        raise ValueError(f"an incomplete statement at the end of a migration: {statement!r}")


@migrations(name="001_people_notes")
def _people_notes(db: Database) -> None:
    _script(db,
        f"""
        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            name_key TEXT NOT NULL,
            site TEXT,
            team TEXT,
            role TEXT,
            prefers TEXT CHECK ({CHANNEL_CHECK.replace('channel', 'prefers')}),
            birthday_day INTEGER CHECK (birthday_day BETWEEN 1 AND 31),
            birthday_month INTEGER CHECK (birthday_month BETWEEN 1 AND 12),
            birthday_year INTEGER,
            started TEXT,
            in_person_days INTEGER NOT NULL DEFAULT 30 CHECK (in_person_days > 0),
            contact_days INTEGER NOT NULL DEFAULT 14 CHECK (contact_days > 0),
            archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
            created TEXT NOT NULL
        );
        -- unique among active people only: an archived Anna keeps her history
        CREATE UNIQUE INDEX people_active_name ON people(name_key) WHERE archived = 0;

        CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            channel TEXT CHECK ({CHANNEL_CHECK}),
            tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
            text TEXT NOT NULL DEFAULT ''
        );
        -- "last seen in person" and "last contact" are one index probe per person
        CREATE INDEX notes_person_channel_date ON notes(person_id, channel, date);
        CREATE INDEX notes_date ON notes(date);

        -- tags, one row each, kept in step by triggers so no writer can forget them
        CREATE TABLE note_tags (
            note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL,
            date TEXT NOT NULL,
            tag TEXT NOT NULL,
            PRIMARY KEY (person_id, tag, date, note_id)
        ) WITHOUT ROWID;
        CREATE INDEX note_tags_note ON note_tags(note_id);
        CREATE TRIGGER notes_tags_ai AFTER INSERT ON notes BEGIN
            INSERT OR IGNORE INTO note_tags (note_id, person_id, date, tag)
                SELECT new.id, new.person_id, new.date, value FROM json_each(new.tags);
        END;
        CREATE TRIGGER notes_tags_au AFTER UPDATE OF person_id, date, tags ON notes BEGIN
            DELETE FROM note_tags WHERE note_id = old.id;
            INSERT OR IGNORE INTO note_tags (note_id, person_id, date, tag)
                SELECT new.id, new.person_id, new.date, value FROM json_each(new.tags);
        END;

        CREATE TABLE personal_dates (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            label TEXT NOT NULL,
            yearly INTEGER NOT NULL DEFAULT 0 CHECK (yearly IN (0, 1))
        );
        CREATE INDEX personal_dates_person ON personal_dates(person_id);

        CREATE TABLE promises (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            note_id INTEGER REFERENCES notes(id) ON DELETE SET NULL,
            text TEXT NOT NULL,
            due TEXT,
            done TEXT,
            created TEXT NOT NULL
        );
        CREATE INDEX promises_person ON promises(person_id, done);
        CREATE INDEX promises_open ON promises(due) WHERE done IS NULL;
        CREATE INDEX promises_note ON promises(note_id);

        CREATE TABLE away (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            start TEXT NOT NULL,
            "end" TEXT,
            label TEXT NOT NULL DEFAULT '',
            CHECK ("end" IS NULL OR "end" >= start)
        );
        CREATE INDEX away_person ON away(person_id, start);

        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL CHECK (json_valid(value))
        );

        -- per prompt id: done, or snoozed until a date
        CREATE TABLE prompt_state (
            prompt_id TEXT PRIMARY KEY,
            person_id INTEGER REFERENCES people(id) ON DELETE CASCADE,
            state TEXT NOT NULL CHECK (state IN ('done', 'snoozed')),
            until TEXT,
            set_on TEXT NOT NULL
        );

        CREATE TABLE month_signoff (
            month TEXT PRIMARY KEY,
            signed_on TEXT NOT NULL
        );
        """
    )
    # External-content FTS5: the text is stored once (in notes); triggers keep the
    # index in step on insert, update and delete, so a deleted note is never found.
    db["notes"].enable_fts(
        ["text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2"
    )



@migrations(name="002_note_ids_never_reused")
def _note_ids_never_reused(db: Database) -> None:
    # SQLite gives the next note the id of the newest one once that is deleted, so
    # `naervaer note edit 812` typed again from history could reach someone else's note.
    # The highest id ever deleted is kept; new notes are numbered above it (Store.add_note).
    _script(db,
        """
        CREATE TABLE id_floor (
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        );
        CREATE TRIGGER notes_id_floor AFTER DELETE ON notes BEGIN
            INSERT INTO id_floor (name, value) VALUES ('notes', old.id)
            ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value);
        END;
        """
    )


# Tables whose ids a user types or an open form holds: `promise done 3`, `#12` for a
# person, the person a quick note was opened for. Deleting one (forget cascades to all)
# raises the floor; Store.insert_numbered numbers new rows above it.
NUMBERED = ("people", "promises", "personal_dates", "away")


@migrations(name="003_people_ids_never_reused_and_name_keys")
def _people_ids_and_name_keys(db: Database) -> None:
    # A person's id is never given to someone else, as 002 did for notes: with a quick note
    # open for X, `forget X` then `person add Y` made the note land on Y. SQLite fires these
    # triggers for rows deleted by ON DELETE CASCADE too.
    for table in NUMBERED:
        db.execute(
            f"""
            CREATE TRIGGER {table}_id_floor AFTER DELETE ON {table} BEGIN
                INSERT INTO id_floor (name, value) VALUES ('{table}', old.id)
                ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value);
            END
            """
        )
    # name_key is now content.text.name_key (accents, å/aa and invisible characters do not
    # count). Files written before may already hold active people whose new keys collide;
    # they are kept as they are: the older one keeps the key to itself, each later one is
    # marked key_clash = 1 and left out of the unique index. No one is renamed or merged:
    # an exact name and an id still reach each of them (content.text.find_exact), and the
    # store refuses any new add, rename or unarchive that folds to any active name, marked
    # or not. Renaming a marked person to a free name clears the mark.
    db.execute("DROP INDEX people_active_name")
    db.execute("ALTER TABLE people ADD COLUMN key_clash INTEGER NOT NULL DEFAULT 0 CHECK (key_clash IN (0, 1))")
    taken: set[str] = set()
    for pid, name, archived in db.execute("SELECT id, name, archived FROM people ORDER BY id").fetchall():
        key = name_key(name)
        clash = not archived and key in taken
        if not archived:
            taken.add(key)
        db.execute("UPDATE people SET name_key = ?, key_clash = ? WHERE id = ?", [key, int(clash), pid])
    db.execute(
        "CREATE UNIQUE INDEX people_active_name ON people(name_key) WHERE archived = 0 AND key_clash = 0"
    )


@migrations(name="004_contact_details")
def _contact_details(db: Database) -> None:
    # e-mail and phone, as HR lists and contact cards (import people) carry them; personal
    # data like the rest of the row: erased by forget, in export person, hidden when presenting
    db.execute("ALTER TABLE people ADD COLUMN email TEXT")
    db.execute("ALTER TABLE people ADD COLUMN phone TEXT")


GOAL_STATUS_CHECK = "status IN ('on_track', 'at_risk', 'done', 'dropped')"


@migrations(name="005_points_goals")
def _points_goals(db: Database) -> None:
    # Talking points ("til næste gang") and written goals (tip 1) with their updates. All
    # belong to one person (forget cascades); points and goals are typed by id on the
    # command line (`point done 3`, `goal update 2`), so their ids are never reused either.
    _script(db,
        f"""
        CREATE TABLE talking_points (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            text TEXT NOT NULL CHECK (length(trim(text)) > 0),
            created TEXT NOT NULL,
            covered TEXT,
            note_id INTEGER REFERENCES notes(id) ON DELETE SET NULL,
            promise_id INTEGER REFERENCES promises(id) ON DELETE SET NULL
        );
        CREATE INDEX talking_points_person ON talking_points(person_id, covered);
        CREATE INDEX talking_points_note ON talking_points(note_id);
        CREATE INDEX talking_points_promise ON talking_points(promise_id);

        CREATE TABLE goals (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            text TEXT NOT NULL CHECK (length(trim(text)) > 0),
            due TEXT,
            status TEXT NOT NULL DEFAULT 'on_track' CHECK ({GOAL_STATUS_CHECK}),
            created TEXT NOT NULL
        );
        CREATE INDEX goals_person ON goals(person_id);

        CREATE TABLE goal_updates (
            id INTEGER PRIMARY KEY,
            goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            status TEXT NOT NULL CHECK ({GOAL_STATUS_CHECK}),
            text TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX goal_updates_goal ON goal_updates(goal_id, date);
        CREATE INDEX goal_updates_person ON goal_updates(person_id);
        """
    )
    for table in ("talking_points", "goals"):
        db.execute(
            f"""
            CREATE TRIGGER {table}_id_floor AFTER DELETE ON {table} BEGIN
                INSERT INTO id_floor (name, value) VALUES ('{table}', old.id)
                ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value);
            END
            """
        )


@migrations(name="006_one_to_ones_pulse")
def _one_to_ones_pulse(db: Database) -> None:
    # A one-to-one (tip 2) is a note of kind 'one_to_one', by any channel; the pulse is how
    # the person seemed (1–5). Both sit on the note, so forget, prune, note delete and the
    # person export cover them as they cover the note. The person's one-to-one rhythm
    # (0 = off) is its own clock, apart from "any contact" and "in person". Partial indexes:
    # the last one-to-one and the recent pulses are one short probe per person at any size.
    _script(db,
        """
        ALTER TABLE notes ADD COLUMN kind TEXT CHECK (kind IS NULL OR kind IN ('one_to_one'));
        ALTER TABLE notes ADD COLUMN pulse INTEGER CHECK (pulse IS NULL OR pulse BETWEEN 1 AND 5);
        ALTER TABLE people ADD COLUMN one_to_one_days INTEGER NOT NULL DEFAULT 30
            CHECK (one_to_one_days BETWEEN 0 AND 3650);
        CREATE INDEX notes_person_kind_date ON notes(person_id, kind, date) WHERE kind IS NOT NULL;
        CREATE INDEX notes_person_pulse_date ON notes(person_id, date) WHERE pulse IS NOT NULL;
        """
    )


@migrations(name="007_skills_buddies")
def _skills_buddies(db: Database) -> None:
    # The competence map (tip 9) and the buddy rotation. Every row names its person and goes
    # with them (ON DELETE CASCADE; forget counts them in erase.PERSON_TABLES).
    _script(db,
        """
        CREATE TABLE skills (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('skill', 'interest')),
            label TEXT NOT NULL CHECK (length(trim(label)) > 0),
            label_key TEXT NOT NULL,
            UNIQUE (person_id, kind, label_key)
        );
        -- `who LABEL` is one range scan on the folded label, whatever else is stored
        CREATE INDEX skills_label_key ON skills(label_key, kind, person_id);

        CREATE TABLE buddy_rounds (
            id INTEGER PRIMARY KEY,
            started TEXT NOT NULL
        );
        -- one row per person per round; grp numbers the pairs (and the trio) within it
        CREATE TABLE buddy_members (
            round_id INTEGER NOT NULL REFERENCES buddy_rounds(id) ON DELETE CASCADE,
            grp INTEGER NOT NULL,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            PRIMARY KEY (round_id, person_id)
        );
        CREATE INDEX buddy_members_person ON buddy_members(person_id);
        """
    )


@migrations(name="008_sites_meetings")
def _sites_meetings(db: Database) -> None:
    # Sites stay a text column on people; this table holds what belongs to a site itself,
    # keyed by the folded name (content.text.name_key) so "Køkken Nord" and "kokken nord"
    # are one site. A local helper is a person on the team (gone with them: SET NULL) or a
    # named contact outside it (helper_name). One change period per site at a time.
    # A single person can be in change too (person_changes, one period each).
    # Team meetings: attendance rows name only ids, and go with the person (CASCADE);
    # meeting_people(person_id, date) makes "seen in person at a meeting" one index probe.
    _script(db,
        """
        CREATE TABLE sites (
            key TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            helper_person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            helper_name TEXT,
            change_from TEXT,
            change_to TEXT,
            CHECK (change_to IS NULL OR change_from IS NOT NULL AND change_to >= change_from)
        );
        CREATE INDEX sites_helper ON sites(helper_person_id);

        CREATE TABLE meetings (
            id INTEGER PRIMARY KEY,
            date TEXT NOT NULL,
            site TEXT NOT NULL,
            site_key TEXT NOT NULL
        );
        CREATE INDEX meetings_site_date ON meetings(site_key, date);
        CREATE INDEX meetings_date ON meetings(date);

        CREATE TABLE meeting_people (
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            PRIMARY KEY (person_id, date, meeting_id)
        ) WITHOUT ROWID;
        CREATE INDEX meeting_people_meeting ON meeting_people(meeting_id);

        -- one person in change (a new role, a move between sites); goes with them (CASCADE)
        CREATE TABLE person_changes (
            person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
            change_from TEXT NOT NULL,
            change_to TEXT,
            CHECK (change_to IS NULL OR change_to >= change_from)
        );

        -- the anonymous wellbeing survey runs outside Nærvær: only the day it was run
        CREATE TABLE surveys (
            id INTEGER PRIMARY KEY,
            date TEXT NOT NULL
        );
        CREATE INDEX surveys_date ON surveys(date);
        """
    )
