"""The demo team's competence map and its two buddy rounds: deterministic, like the rest.

Each person gets one or two skills and up to two interests from the ``skills`` locale's demo
lists, so "Who can help?" finds people at several sites and the connect prompt has pairs to
suggest. Two buddy rounds follow the pairing algorithm itself: one five months ago, the
current one two months ago (the next is due in a month, at the default three).
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta
from typing import Any

from naervaer.content.buddies import BuddyRound, Member, propose
from naervaer.content.i18n import Translator
from naervaer.content.skills import label_key
from naervaer.content.rules_team import add_months

ROUND_MONTHS_AGO = (5, 2)


def insert_crosssite(conn: sqlite3.Connection, people: list[tuple[Any, ...]], today: date,
                     seed: int, lang: str) -> None:
    """``people`` are whole ``people`` rows (``rows.WRITTEN``): id first, site fourth, archived 14th."""
    t = Translator(lang)
    skills, interests = t.raw("skills.demo_skills"), t.raw("skills.demo_interests")
    rng = random.Random(f"skills-{seed}")
    active = [row for row in people if not row[13]]
    labels: list[tuple[int, str, str, str]] = []
    for row in active:
        for label in rng.sample(skills, rng.choice((1, 1, 2))):
            labels.append((row[0], "skill", label, label_key(label)))
        for label in rng.sample(interests, rng.choice((0, 1, 1, 2))):
            labels.append((row[0], "interest", label, label_key(label)))
    conn.executemany("INSERT OR IGNORE INTO skills (person_id, kind, label, label_key) VALUES (?, ?, ?, ?)", labels)
    members = [Member(row[0], row[3]) for row in active]
    rounds: list[BuddyRound] = []
    for months in ROUND_MONTHS_AGO:
        started = add_months(today, -months) - timedelta(days=rng.randrange(0, 7))
        groups = propose(members, rounds)
        rid = conn.execute("INSERT INTO buddy_rounds (started) VALUES (?)", [started.isoformat()]).lastrowid
        conn.executemany("INSERT INTO buddy_members (round_id, grp, person_id) VALUES (?, ?, ?)",
                         [(rid, index, pid) for index, group in enumerate(groups) for pid in group])
        rounds.append(BuddyRound(int(rid), started, groups))
