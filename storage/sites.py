"""Sites' own data, team meetings and the wellbeing survey: reads and writes.

A site is still the text on ``people.site``; the ``sites`` table (keyed by the folded name,
``content.engine_facts.site_key``) holds what belongs to the site itself: its local helper
and a change period. Team meetings name the people who came in ``meeting_people``, whose
``(person_id, date)`` key makes "seen in person at a meeting" one index probe per person
(``attended_last``, read by every "last seen in person" query beside the notes).

Every read here is over the small site, meeting and survey tables, or one probe per person.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from naervaer.content.engine_facts import Change, Meeting, SiteFacts, TeamLevel, site_key
from naervaer.content.errors import InputError
from naervaer.content.text import checked_text, clean_name, find_one
from naervaer.storage.probes import Probe, ask
from naervaer.storage.rows import to_date
from naervaer.storage.store import Store

# the Sites view and the rules need only the newest few meetings of each site
MEETINGS_KEPT = 3


# -- reads -------------------------------------------------------------------------


def attended_probe(person_id: int, until: date | None = None, since: date | None = None) -> Probe:
    """The newest team meeting ``person_id`` came to (between ``since`` and ``until``): one
    index probe on ``meeting_people(person_id, date)``."""
    sql = "SELECT max(date) FROM meeting_people WHERE person_id = ?"
    params: list[object] = [person_id]
    if since is not None:
        sql += " AND date >= ?"
        params.append(since.isoformat())
    if until is not None:
        sql += " AND date <= ?"
        params.append(until.isoformat())
    return sql, params


def attended_last(store: Store, person_id: int, until: date | None = None) -> date | None:
    return to_date(ask(store, [attended_probe(person_id, until)])[0])


def team_level(store: Store, today: date) -> TeamLevel:
    """Sites (with their helper, change period covering ``today`` and newest meetings up to
    ``today``) and the last survey, as the team-wide rules read them."""
    names = store.names()
    sites: dict[str, dict] = {}
    for key, name, helper_id, helper_name, start, end in store.query(
        "SELECT key, name, helper_person_id, helper_name, change_from, change_to FROM sites"
    ):
        change = None
        if start is not None:
            period = Change(name, date.fromisoformat(start), date.fromisoformat(end) if end else None)
            change = period if period.covers(today) else None
        helper = names.get(helper_id) if helper_id is not None else helper_name
        sites[key] = dict(key=key, name=name, helper=helper, helper_person_id=helper_id, change=change)
    held: dict[str, list[date]] = {}
    for key, name, day in store.query(
        "SELECT site_key, site, date FROM meetings WHERE date <= ? ORDER BY date DESC, id DESC",
        [today.isoformat()],
    ):
        days = held.setdefault(key, [])
        if len(days) < MEETINGS_KEPT:
            days.append(date.fromisoformat(day))
        sites.setdefault(key, dict(key=key, name=name))
    facts = tuple(SiteFacts(**values, meetings=tuple(held.get(key, ()))) for key, values in sites.items())
    last = store.query("SELECT max(date) FROM surveys WHERE date <= ?", [today.isoformat()])[0][0]
    return TeamLevel(sites=facts, last_survey=date.fromisoformat(last) if last else None)


def meetings(store: Store, *, limit: int | None = None) -> list[Meeting]:
    """Team meetings, newest first, each with who came."""
    sql = "SELECT id, date, site FROM meetings ORDER BY date DESC, id DESC"
    found = store.query(sql + (" LIMIT ?" if limit else ""), [limit] if limit else [])
    came: dict[int, list[int]] = {}
    ids = [r[0] for r in found]
    if ids:
        marks = ", ".join("?" for _ in ids)
        for meeting_id, person_id in store.query(
            f"SELECT meeting_id, person_id FROM meeting_people WHERE meeting_id IN ({marks})", ids
        ):
            came.setdefault(meeting_id, []).append(person_id)
    return [Meeting(r[0], date.fromisoformat(r[1]), r[2], tuple(sorted(came.get(r[0], ())))) for r in found]


def last_survey(store: Store) -> date | None:
    found = store.query("SELECT max(date) FROM surveys")[0][0]
    return date.fromisoformat(found) if found else None


def site_name(store: Store, typed: str) -> str:
    """The site ``typed`` names: a site someone works at (matched forgivingly), else one
    with data of its own; refused when it names none."""
    known = list(dict.fromkeys([*store.sites(), *(r[0] for r in store.query("SELECT name FROM sites"))]))
    return find_one(typed, known, key=str)


# -- writes ------------------------------------------------------------------------


def _ensure_site(store: Store, name: str) -> str:
    key = site_key(name)
    store.conn.execute("INSERT OR IGNORE INTO sites (key, name) VALUES (?, ?)", [key, name])
    return key


def add_meeting(store: Store, site: str, day: date, people: Sequence[int]) -> Meeting:
    """Record a team meeting at ``site`` on ``day``; everyone in ``people`` came (and so
    counts as seen in person that day). One transaction."""
    if day > store.today():
        raise InputError("sites.meeting.future", date=day.isoformat())
    with store.write() as conn:
        for pid in set(people):
            Store._person_in(conn, pid)
        cur = conn.execute("INSERT INTO meetings (date, site, site_key) VALUES (?, ?, ?)",
                           [day.isoformat(), site, site_key(site)])
        meeting_id = int(cur.lastrowid or 0)
        conn.executemany(
            "INSERT INTO meeting_people (person_id, date, meeting_id) VALUES (?, ?, ?)",
            [[pid, day.isoformat(), meeting_id] for pid in sorted(set(people))],
        )
    return Meeting(meeting_id, day, site, tuple(sorted(set(people))))


def set_helper(store: Store, site: str, *, person_id: int | None = None, name: str | None = None) -> None:
    """The site's local helper: a person on the team, or a contact outside it (a name), or
    neither (cleared)."""
    outside = clean_name(checked_text(name)) if name is not None else None
    if name is not None and not outside:
        raise InputError("sites.helper.empty")
    with store.write() as conn:
        if person_id is not None:
            Store._person_in(conn, person_id)
        key = _ensure_site(store, site)
        conn.execute("UPDATE sites SET helper_person_id = ?, helper_name = ? WHERE key = ?",
                     [person_id, outside or None, key])


def set_change(store: Store, site: str, start: date, end: date | None) -> None:
    """Mark ``site`` as in change from ``start`` (to ``end``, or until ended); replaces any
    earlier period."""
    if end is not None and end < start:
        raise InputError("sites.change.end_before_start", start=start.isoformat(), end=end.isoformat())
    with store.write() as conn:
        key = _ensure_site(store, site)
        conn.execute("UPDATE sites SET change_from = ?, change_to = ? WHERE key = ?",
                     [start.isoformat(), end.isoformat() if end else None, key])


def end_change(store: Store, site: str, day: date) -> bool:
    """End the site's change period on ``day`` (the day before it started: remove it)."""
    key = site_key(site)
    with store.write() as conn:
        found = conn.execute("SELECT change_from FROM sites WHERE key = ? AND change_from IS NOT NULL",
                             [key]).fetchone()
        if found is None:
            return False
        if date.fromisoformat(found[0]) > day:
            conn.execute("UPDATE sites SET change_from = NULL, change_to = NULL WHERE key = ?", [key])
        else:
            conn.execute("UPDATE sites SET change_to = ? WHERE key = ?", [day.isoformat(), key])
    return True


def clear_change(store: Store, site: str) -> None:
    """``site`` is not in change (any period, past or coming, is removed)."""
    with store.write() as conn:
        conn.execute("UPDATE sites SET change_from = NULL, change_to = NULL WHERE key = ?", [site_key(site)])


def site_setup(store: Store, site: str) -> tuple[str | None, date | None, date | None]:
    """What the site form edits: the local helper's name and the change period as stored
    (also one that has not begun or is over)."""
    found = store.query("SELECT helper_person_id, helper_name, change_from, change_to FROM sites WHERE key = ?",
                        [site_key(site)])
    if not found:
        return None, None, None
    helper_id, helper_name, start, end = found[0]
    helper = store.names().get(helper_id) if helper_id is not None else helper_name
    return helper, to_date(start), to_date(end)


def set_person_change(store: Store, person_id: int, start: date, end: date | None) -> None:
    """Mark one person as in change from ``start`` (to ``end``, or until ended)."""
    if end is not None and end < start:
        raise InputError("sites.change.end_before_start", start=start.isoformat(), end=end.isoformat())
    with store.write() as conn:
        Store._person_in(conn, person_id)
        conn.execute(
            "INSERT INTO person_changes (person_id, change_from, change_to) VALUES (?, ?, ?) "
            "ON CONFLICT (person_id) DO UPDATE SET change_from = excluded.change_from, "
            "change_to = excluded.change_to",
            [person_id, start.isoformat(), end.isoformat() if end else None])


def end_person_change(store: Store, person_id: int, day: date) -> bool:
    """End the person's change period on ``day`` (before it started: remove it)."""
    with store.write() as conn:
        found = conn.execute("SELECT change_from FROM person_changes WHERE person_id = ?", [person_id]).fetchone()
        if found is None:
            return False
        if date.fromisoformat(found[0]) > day:
            conn.execute("DELETE FROM person_changes WHERE person_id = ?", [person_id])
        else:
            conn.execute("UPDATE person_changes SET change_to = ? WHERE person_id = ?", [day.isoformat(), person_id])
    return True


def clear_person_change(store: Store, person_id: int) -> None:
    """The person is not in change (any period of their own is removed)."""
    with store.write() as conn:
        conn.execute("DELETE FROM person_changes WHERE person_id = ?", [person_id])


def person_change_setup(store: Store, person_id: int) -> tuple[date | None, date | None]:
    """The person's own change period as stored (also one not begun or over), for its form."""
    found = store.query("SELECT change_from, change_to FROM person_changes WHERE person_id = ?", [person_id])
    return (to_date(found[0][0]), to_date(found[0][1])) if found else (None, None)


def change_for(store: Store, person_id: int, site: str | None, today: date) -> Change | None:
    """The change period that shortens the person's rhythms today: their own, else their site's."""
    found = store.query("SELECT change_from, change_to FROM person_changes WHERE person_id = ?", [person_id])
    own = change_covering("", *found[0], today) if found else None
    if own is not None or not site:
        return own
    found = store.query("SELECT name, change_from, change_to FROM sites WHERE key = ? AND change_from IS NOT NULL",
                        [site_key(site)])
    return change_covering(*found[0], today) if found else None


def change_covering(name: str, start: str, end: str | None, today: date) -> Change | None:
    """A stored change period, if it covers ``today``."""
    period = Change(name, date.fromisoformat(start), date.fromisoformat(end) if end else None)
    return period if period.covers(today) else None


def record_survey(store: Store, day: date) -> None:
    """The anonymous wellbeing survey was run on ``day`` (only the day is kept)."""
    if day > store.today():
        raise InputError("sites.survey.future", date=day.isoformat())
    with store.write() as conn:
        conn.execute("INSERT INTO surveys (date) VALUES (?)", [day.isoformat()])
