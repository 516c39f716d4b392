"""Builds ``TeamFacts`` for the prompt engine and the site briefing from the store.

Every lookup is per person and walks an index to a handful of rows, so the cost grows with
the team, not with the number of notes (``naervaer today`` at 500,000 notes must cost about
what it costs at 1,000):

* newest notes per channel (4 channels + observations): ``notes(person_id, channel, date)``,
  ``ORDER BY date DESC, id DESC LIMIT k`` per channel, merged in Python;
* fires, misunderstandings and successes: ``note_tags(person_id, tag, date, note_id)``;
* the last one-to-one and the recent pulses: the partial indexes of schema 006;
* open promises ``promises(person_id, done)``, dates ``personal_dates(person_id)``, leave
  ``away(person_id, start)``, talking points ``talking_points(person_id, covered)``, goals
  ``goals(person_id)`` and their updates ``goal_updates(person_id)``;
* team meetings they came to ``meeting_people(person_id, date)``: seen in person that day,
  so the in-person clock is the newer of the note probe and this one; the three months the
  Sites view compares are one EXISTS probe each, on both indexes.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from naervaer.content.engine_facts import (
    PULSE_DAYS, Contact, Incident, LastNote, PersonFacts, Pulse, SuccessNote, TeamFacts, TeamLevel,
)
from naervaer.content.facts import Person
from naervaer.content.settings import EngineSettings
from naervaer.content.text import first_line
from naervaer.content.vocab import CHANNELS, IN_PERSON
from naervaer.storage import rows
from naervaer.storage.crosssite import active_labels, current_round
from naervaer.storage.points_goals import POINT_COLUMNS, goals_of, point_row
from naervaer.storage.prompt_state import states
from naervaer.storage.sites import attended_last, person_change, team_level
from naervaer.storage.store import Store
from naervaer.storage.views import first_note, last_one_to_one

# the briefing looks this far back for a fire or misunderstanding
BRIEFING_DAYS = 30
# how far past the last ladder step an unanswered fire still prompts
FIRE_GRACE_DAYS = 14
# the first line of a note is all anyone reads; never pull a huge text through
_TEXT_PREFIX = 400
_NEWEST = (
    "SELECT id, date, channel, tags, substr(text, 1, {prefix}) FROM notes "
    "WHERE person_id = ? AND channel {match} AND date <= ? ORDER BY date DESC, id DESC LIMIT ?"
)


def _newest_notes(store: Store, person_id: int, today: date, per_channel: int) -> list[tuple]:
    """Up to ``per_channel`` newest notes of each channel (and of observations) up to ``today``,
    in one statement."""
    parts = [_NEWEST.format(prefix=_TEXT_PREFIX, match="= ?") for _ in CHANNELS]
    parts.append(_NEWEST.format(prefix=_TEXT_PREFIX, match="IS NULL"))
    sql = " UNION ALL ".join(f"SELECT * FROM ({part})" for part in parts)
    params: list = []
    for channel in CHANNELS:
        params += [person_id, channel, today.isoformat(), per_channel]
    params += [person_id, today.isoformat(), per_channel]
    return store.query(sql, params)


def _is_private(row: tuple) -> bool:
    return "private" in json.loads(row[3])


def _last_public_note(store: Store, person_id: int, today: date, newest: list[tuple],
                      per_channel: int) -> LastNote | None:
    """The newest note not tagged private: each channel's newest public note, the newest of
    those. A channel whose fetched notes were all private (rare) is read further."""
    best: tuple | None = None
    for channel in (*CHANNELS, None):
        limit = per_channel
        got = [r for r in newest if r[2] == channel]
        while True:
            got.sort(key=lambda r: (r[1], r[0]), reverse=True)
            public = next((r for r in got if not _is_private(r)), None)
            if public is not None or len(got) < limit:
                break
            limit *= 4
            match = "IS NULL" if channel is None else "= ?"
            params = [person_id, today.isoformat(), limit]
            if channel is not None:
                params.insert(1, channel)
            got = store.query(_NEWEST.format(prefix=_TEXT_PREFIX, match=match), params)
        if public is not None and (best is None or (public[1], public[0]) > (best[1], best[0])):
            best = public
    if best is None:
        return None
    return LastNote(best[0], date.fromisoformat(best[1]), first_line(best[4]))


def _tagged(store: Store, person_id: int, since: date, today: date, tags: tuple[str, ...]) -> list[tuple]:
    marks = ", ".join("?" for _ in tags)
    return store.query(
        f"SELECT tag, note_id, date FROM note_tags WHERE person_id = ? AND tag IN ({marks}) "
        "AND date BETWEEN ? AND ? ORDER BY date, note_id",
        [person_id, *tags, since.isoformat(), today.isoformat()],
    )


MONTHS_SEEN = 3
_SEEN_IN = (
    "(EXISTS (SELECT 1 FROM notes WHERE person_id = ? AND channel = 'in_person' AND date BETWEEN ? AND ?)"
    " OR EXISTS (SELECT 1 FROM meeting_people WHERE person_id = ? AND date BETWEEN ? AND ?))"
)


def month_starts(today: date, count: int = MONTHS_SEEN) -> list[date]:
    """The first days of this month and the ``count - 1`` before it, newest first."""
    out = [today.replace(day=1)]
    while len(out) < count:
        out.append((out[-1] - timedelta(days=1)).replace(day=1))
    return out


def seen_months(store: Store, person_id: int, today: date, count: int = MONTHS_SEEN) -> tuple[bool, ...]:
    """Whether ``person_id`` was seen in person (a note or a team meeting) in each of this month
    and the ones before it, up to ``today``, newest first: one statement of index probes."""
    starts = month_starts(today, count)
    ends = [today, *(s - timedelta(days=1) for s in starts[:-1])]
    params: list = []
    for start, end in zip(starts, ends):
        params += [person_id, start.isoformat(), end.isoformat()] * 2
    row = store.query("SELECT " + ", ".join(_SEEN_IN for _ in starts), params)[0]
    return tuple(bool(v) for v in row)


def person_facts(store: Store, person: Person, today: date, settings: EngineSettings,
                 team: TeamLevel | None = None) -> PersonFacts:
    pid = person.id
    count = max(3, settings.only_problems_count)
    newest = _newest_notes(store, pid, today, count)
    contacts = sorted(
        (Contact(r[0], date.fromisoformat(r[1]), r[2], tuple(json.loads(r[3])))
         for r in newest if r[2] is not None),
        key=lambda c: c.key, reverse=True,
    )
    in_person = [c.date for c in contacts if c.channel == IN_PERSON]
    seen = max([*in_person[:1], *filter(None, [attended_last(store, pid, today)])], default=None)
    site = team.site(person.site) if team is not None else None
    incident_since = today - timedelta(days=max(
        max(settings.fire_steps) + FIRE_GRACE_DAYS, settings.misunderstanding_days, BRIEFING_DAYS,
    ))
    incidents = _tagged(store, pid, incident_since, today, ("fire", "misunderstanding"))
    monday = today - timedelta(days=today.weekday())
    last_success = store.query(
        "SELECT max(date) FROM note_tags WHERE person_id = ? AND tag = 'success' AND date <= ?",
        [pid, today.isoformat()],
    )[0][0]
    successes = store.query(
        "SELECT n.id, n.date, substr(n.text, 1, ?), n.tags FROM note_tags t "
        "JOIN notes n ON n.id = t.note_id "
        "WHERE t.person_id = ? AND t.tag = 'success' AND t.date BETWEEN ? AND ? "
        "ORDER BY t.date, t.note_id",
        [_TEXT_PREFIX, pid, monday.isoformat(), today.isoformat()],
    )
    promises = store.query(
        f"SELECT {rows.PROMISE_COLUMNS} FROM promises WHERE person_id = ? AND done IS NULL "
        "ORDER BY due IS NULL, due, id",
        [pid],
    )
    dates = store.query(
        f"SELECT {rows.DATE_COLUMNS} FROM personal_dates WHERE person_id = ? ORDER BY date, id", [pid]
    )
    away = store.query(
        f"SELECT {rows.AWAY_COLUMNS} FROM away WHERE person_id = ? ORDER BY start, id", [pid]
    )
    return PersonFacts(
        person=person,
        last_in_person=seen,
        recent_contacts=tuple(contacts[:count]),
        last_success=rows.to_date(last_success),
        recent_successes=tuple(
            SuccessNote(r[0], date.fromisoformat(r[1]), first_line(r[2]))
            for r in successes if "private" not in json.loads(r[3])
        ),
        fires=tuple(Incident(r[1], date.fromisoformat(r[2])) for r in incidents if r[0] == "fire"),
        misunderstandings=tuple(
            Incident(r[1], date.fromisoformat(r[2])) for r in incidents if r[0] == "misunderstanding"
        ),
        open_promises=tuple(rows.promise(r) for r in promises),
        personal_dates=tuple(rows.personal_date(r) for r in dates),
        away=tuple(rows.away(r) for r in away),
        last_note=_last_public_note(store, pid, today, newest, count),
        first_note=first_note(store, pid, today),
        last_one_to_one=last_one_to_one(store, pid, today),
        pulses=pulses(store, pid, today),
        seen_months=seen_months(store, pid, today),
        # their own change period first, else their site's
        change=person_change(store, pid, person.name, today) or (site.change if site is not None else None),
        open_points=tuple(point_row(r) for r in store.query(
            f"SELECT {POINT_COLUMNS} FROM talking_points WHERE person_id = ? AND covered IS NULL "
            "AND created <= ? ORDER BY created, id", [pid, today.isoformat()])),
        goals=tuple(g for g in goals_of(store.conn, [pid]) if g.created <= today),
    )


def pulses(store: Store, person_id: int, today: date, days: int = PULSE_DAYS) -> tuple[Pulse, ...]:
    """How the person seemed in the notes of the last ``days``, oldest first (Person screen too)."""
    found = store.query(
        "SELECT id, date, pulse FROM notes WHERE person_id = ? AND pulse IS NOT NULL "
        "AND date BETWEEN ? AND ? ORDER BY date, id",
        [person_id, (today - timedelta(days=days)).isoformat(), today.isoformat()],
    )
    return tuple(Pulse(r[0], date.fromisoformat(r[1]), r[2]) for r in found)


def engine_settings(store: Store) -> EngineSettings:
    return EngineSettings.from_stored(store.settings())


def load_team_facts(store: Store, today: date, settings: EngineSettings | None = None,
                    *, site: str | None = None) -> TeamFacts:
    """Facts for every active person (archived people never get prompts), or one site's, as
    they stood on ``today``: notes dated later are left out, so ``--date`` can look back."""
    settings = settings or engine_settings(store)
    team = team_level(store, today)
    sql = f"SELECT {rows.PERSON_COLUMNS} FROM people WHERE archived = 0"
    params: list = []
    if site is not None:
        sql += " AND site = ?"
        params.append(site)
    people = [
        person_facts(store, rows.person(r), today, settings, team)
        for r in store.query(sql + " ORDER BY name_key, id", params)
    ]
    return TeamFacts(people=tuple(people), states=states(store), labels=tuple(active_labels(store)),
                     buddy_round=current_round(store), team=team)

