"""The competence map and the buddy rounds in the store: the only SQL about either.

* labels: ``add_label`` / ``remove_label`` / ``labels_of`` / ``used_labels``; ``who`` is one
  range scan on ``skills_label_key`` (the folded label), so it costs the same at 1,000 notes
  as at 500,000: notes are never read.
* buddy rounds: ``rounds`` (the history), ``save_round`` (one new round, in one transaction).
"""

from __future__ import annotations

from datetime import date

from naervaer.content.buddies import BuddyRound, Group, Member, propose
from naervaer.content.crosssite_views import Found
from naervaer.content.errors import InputError
from naervaer.content.skills import Label, checked_kind, checked_label, label_key
from naervaer.storage import rows
from naervaer.storage.store import Store


# -- the competence map -----------------------------------------------------------------


def add_label(store: Store, person_id: int, kind: str, text: str) -> Label:
    """Give a person a skill or an interest. A label already used by anyone keeps the spelling
    it was first given ("Allergener" typed as "allergener" stays "Allergener")."""
    kind = checked_kind(kind)
    label = checked_label(text)
    key = label_key(label)
    with store.write() as conn:
        Store._person_in(conn, person_id)  # an unknown or forgotten id is refused, nothing stored
        first = conn.execute(
            "SELECT label FROM skills WHERE label_key = ? ORDER BY id LIMIT 1", [key]
        ).fetchone()
        label = first[0] if first else label
        conn.execute(
            "INSERT INTO skills (person_id, kind, label, label_key) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (person_id, kind, label_key) DO NOTHING",
            [person_id, kind, label, key],
        )
    return Label(person_id, kind, label)


def remove_label(store: Store, person_id: int, kind: str, text: str) -> Label:
    kind = checked_kind(kind)
    key = label_key(text)
    with store.write() as conn:
        found = conn.execute(
            "SELECT label FROM skills WHERE person_id = ? AND kind = ? AND label_key = ?",
            [person_id, kind, key],
        ).fetchone()
        if found is None:
            raise InputError(f"skills.not_there_{kind}", label=text)
        conn.execute(
            "DELETE FROM skills WHERE person_id = ? AND kind = ? AND label_key = ?", [person_id, kind, key]
        )
    return Label(person_id, kind, found[0])


def labels_of(store: Store, person_id: int) -> list[Label]:
    found = store.query(
        "SELECT person_id, kind, label FROM skills WHERE person_id = ? ORDER BY kind, label_key", [person_id]
    )
    return [Label(*r) for r in found]


def active_labels(store: Store) -> list[Label]:
    """Every label of every active person (the prompt engine's competence map)."""
    found = store.query(
        "SELECT s.person_id, s.kind, s.label FROM skills s JOIN people p ON p.id = s.person_id "
        "WHERE p.archived = 0 ORDER BY s.person_id, s.kind, s.label_key"
    )
    return [Label(*r) for r in found]


def used_labels(store: Store) -> list[str]:
    """One spelling of each label in use (the first given), for autocomplete."""
    # SQLite takes a bare column from the row min() picked: the first spelling given
    found = store.query("SELECT label, min(id) FROM skills GROUP BY label_key")
    return [r[0] for r in found]


def who(store: Store, text: str) -> list[Found]:
    """Active people with a skill or interest whose folded label starts with the folded ``text``.

    One statement: a range scan of ``skills_label_key`` from the key up to the key followed
    by the highest code point, joined to each person by primary key.
    """
    key = label_key(text)
    if not key:
        raise InputError("skills.label_missing")
    found = store.query(
        f"SELECT s.kind, s.label, {', '.join('p.' + c.strip() for c in rows.PERSON_COLUMNS.split(','))} "
        "FROM skills s JOIN people p ON p.id = s.person_id "
        "WHERE s.label_key >= ? AND s.label_key < ? AND p.archived = 0 "
        "ORDER BY s.label_key, s.kind, p.name_key, p.id",
        [key, key + "\U0010ffff"],
    )
    return [Found(rows.person(r[2:]), r[0], r[1]) for r in found]


# -- buddy rounds -----------------------------------------------------------------------


def rounds(store: Store) -> list[BuddyRound]:
    """Every round, oldest first, with its groups (a forgotten person's rows are gone)."""
    found = store.query(
        "SELECT r.id, r.started, m.grp, m.person_id FROM buddy_rounds r "
        "JOIN buddy_members m ON m.round_id = r.id ORDER BY r.started, r.id, m.grp, m.person_id"
    )
    groups: dict[tuple[int, str], dict[int, list[int]]] = {}
    for rid, started, grp, pid in found:
        groups.setdefault((rid, started), {}).setdefault(grp, []).append(pid)
    return [
        BuddyRound(rid, date.fromisoformat(started), tuple(tuple(g) for _, g in sorted(grps.items())))
        for (rid, started), grps in groups.items()
    ]


def current_round(store: Store) -> BuddyRound | None:
    found = store.query("SELECT id FROM buddy_rounds ORDER BY started DESC, id DESC LIMIT 1")
    if not found:
        return None
    return next((r for r in rounds(store) if r.id == found[0][0]), None)


def save_round(store: Store, started: date, groups: tuple[Group, ...]) -> BuddyRound:
    """Store ``groups`` as a new round starting on ``started``: all of it, or nothing."""
    people = [p for g in groups for p in g]
    if len(groups) == 0 or len(set(people)) != len(people) or any(len(g) < 2 for g in groups):
        raise InputError("buddies.too_few")
    with store.write() as conn:
        for pid in people:
            Store._person_in(conn, pid)
        rid = conn.execute("INSERT INTO buddy_rounds (started) VALUES (?)", [started.isoformat()]).lastrowid
        conn.executemany(
            "INSERT INTO buddy_members (round_id, grp, person_id) VALUES (?, ?, ?)",
            [(rid, index, pid) for index, group in enumerate(groups) for pid in group],
        )
    return BuddyRound(int(rid), started, tuple(groups))


def members(store: Store) -> list[Member]:
    """The people a new round pairs: every active person."""
    return [Member(p.id, p.site) for p in store.people()]


def proposal(store: Store) -> tuple[Group, ...]:
    """The pairing ``buddies --propose`` shows and ``--accept`` stores (the same facts give the same one)."""
    return propose(members(store), rounds(store))
