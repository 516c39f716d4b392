"""The demo team: ``write_demo`` fills an empty database with a realistic, deterministic team.

The plan comes from ``demo_plan`` (pure, seeded); this module writes it in one
transaction, notes in bulk (``demo_bulk``), so half a million notes take seconds. A
database that holds data is only replaced when asked, and then in the same transaction:
if writing fails, the old data is still there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from naervaer.content.errors import InputError
from naervaer.content.i18n import LANGUAGES, UnknownLanguage
from naervaer.storage import demo_bulk, rows
from naervaer.storage.demo_crosssite import insert_crosssite
from naervaer.storage.demo_goals import plan_goals
from naervaer.storage.demo_plan import plan_demo
from naervaer.storage.demo_sites import write_sites
from naervaer.storage.demo_team import MAX_PEOPLE, MIN_PEOPLE
from naervaer.storage.store import Store

__all__ = ["MAX_PEOPLE", "MIN_PEOPLE", "DemoSummary", "write_demo"]
_BUILD_CACHE_KIB = 262_144  # a large page cache while the indexes are built, then the default again


@dataclass(frozen=True, slots=True)
class DemoSummary:
    people: int
    notes: int
    sites: int = 0


def write_demo(store: Store, today: date, *, people: int = 40, seed: int = 1, notes: int | None = None,
               lang: str = "en", replace: bool = False) -> DemoSummary:
    """Write the demo team dated around ``today``; ``replace`` clears existing data first.

    ``notes`` is the exact number of notes (default: two to five a month per person over
    about two years). Raises ``InputError`` for a database that holds data unless
    ``replace``, and for too few people or notes; nothing is written then.
    """
    if lang not in LANGUAGES:
        raise UnknownLanguage(lang)
    if not MIN_PEOPLE <= people <= MAX_PEOPLE:
        raise InputError("demo.bad_people", minimum=MIN_PEOPLE, maximum=MAX_PEOPLE, given=people)
    plan = plan_demo(today, people=people, seed=seed, notes=notes, lang=lang)
    goals = plan_goals(plan.people, today, seed=seed, lang=lang)
    conn = store.conn
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = -{_BUILD_CACHE_KIB}")
    try:
        with store.write() as conn, demo_bulk.triggers_suspended(conn):
            if conn.execute("SELECT 1 FROM people LIMIT 1").fetchone():
                if not replace:
                    raise InputError("demo.not_empty", path=str(store.path))
                demo_bulk.clear_data(conn)
            conn.executemany(rows.insert_sql("people"), plan.people)
            demo_bulk.insert_notes(conn, plan.notes)
            conn.executemany(rows.insert_sql("promises"), plan.promises)
            conn.executemany(rows.insert_sql("away", with_id=False), plan.away)
            conn.executemany(rows.insert_sql("personal_dates", with_id=False), plan.personal_dates)
            insert_crosssite(conn, plan.people, today, seed, lang)
            write_sites(conn, plan.site_plan)
            conn.executemany(rows.insert_sql("goals"), goals.goals)
            conn.executemany(rows.insert_sql("goal_updates"), goals.updates)
            conn.executemany(rows.insert_sql("talking_points"), goals.points)
            store.set_setting("lang", lang)  # joins this write
    finally:
        conn.execute(f"PRAGMA cache_size = {cache}")
    return DemoSummary(len(plan.people), len(plan.notes), plan.sites)
