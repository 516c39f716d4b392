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
from dataclasses import dataclass
from datetime import date, timedelta

from naervaer.content.engine_facts import (
    PULSE_DAYS, Contact, Incident, LastNote, PersonFacts, Pulse, SuccessNote, TeamFacts, TeamLevel,
)
from naervaer.content.facts import Person
from naervaer.content.goals import Goal
from naervaer.content.settings import EngineSettings
from naervaer.content.text import first_line
from naervaer.content.vocab import CHANNELS, IN_PERSON
from naervaer.storage import rows
from naervaer.storage.crosssite import active_labels, current_round
from naervaer.storage.points_goals import POINT_COLUMNS, goals_of, point_row
from naervaer.storage.prompt_state import states
from naervaer.storage.probes import Probe, ask, chunks, marks, oldest
from naervaer.storage.sites import attended_probe, change_covering, team_level
from naervaer.storage.store import Store
from naervaer.storage.views import first_note_probes, one_to_one_probe

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
    "SELECT EXISTS (SELECT 1 FROM notes WHERE person_id = ? AND channel = 'in_person' AND date BETWEEN ? AND ?)"
    " OR EXISTS (SELECT 1 FROM meeting_people WHERE person_id = ? AND date BETWEEN ? AND ?)"
)
# schema 006's partial index on (person_id, date) where a pulse was noted
_PULSES = ("SELECT id, person_id, date, pulse FROM notes WHERE person_id IN ({ids}) "
           "AND pulse IS NOT NULL AND date BETWEEN ? AND ? ORDER BY date, id")
_LAST_SUCCESS = "SELECT max(date) FROM note_tags WHERE person_id = ? AND tag = 'success' AND date <= ?"


def month_starts(today: date, count: int = MONTHS_SEEN) -> list[date]:
    """The first days of this month and the ``count - 1`` before it, newest first."""
    out = [today.replace(day=1)]
    while len(out) < count:
        out.append((out[-1] - timedelta(days=1)).replace(day=1))
    return out


def seen_month_probes(person_id: int, today: date, count: int = MONTHS_SEEN) -> list[Probe]:
    """Whether ``person_id`` was seen in person (a note or a team meeting) in each of this month
    and the ones before it, up to ``today``, newest first."""
    starts = month_starts(today, count)
    ends = [today, *(s - timedelta(days=1) for s in starts[:-1])]
    return [(_SEEN_IN, [person_id, start.isoformat(), end.isoformat()] * 2) for start, end in zip(starts, ends)]


@dataclass(frozen=True)
class _Shared:
    """The small tables' rows for everyone on the list, read once for the whole team (an
    ``IN`` list walks the same per-person index as one query each would), by person id."""

    promises: dict[int, list[tuple]]
    dates: dict[int, list[tuple]]
    away: dict[int, list[tuple]]
    points: dict[int, list[tuple]]
    goals: dict[int, list[Goal]]
    pulses: dict[int, list[Pulse]]
    changes: dict[int, tuple]

    @classmethod
    def read(cls, store: Store, ids: list[int], today: date) -> _Shared:
        def by_person(sql: str, *after: object) -> dict[int, list[tuple]]:
            out: dict[int, list[tuple]] = {}
            for part in chunks(ids):
                for row in store.query(sql.format(ids=marks(part)), [*part, *after]):
                    out.setdefault(row[1], []).append(row)
            return out

        day = today.isoformat()
        pulses = {pid: [Pulse(r[0], date.fromisoformat(r[2]), r[3]) for r in found] for pid, found in by_person(
            _PULSES, (today - timedelta(days=PULSE_DAYS)).isoformat(), day).items()}
        goals: dict[int, list[Goal]] = {}
        for part in chunks(ids):
            for g in goals_of(store.conn, part):
                if g.created <= today:
                    goals.setdefault(g.person_id, []).append(g)
        return cls(
            promises=by_person(f"SELECT {rows.PROMISE_COLUMNS} FROM promises WHERE person_id IN ({{ids}}) "
                               "AND done IS NULL ORDER BY due IS NULL, due, id"),
            dates=by_person(f"SELECT {rows.DATE_COLUMNS} FROM personal_dates WHERE person_id IN ({{ids}}) "
                            "ORDER BY date, id"),
            away=by_person(f"SELECT {rows.AWAY_COLUMNS} FROM away WHERE person_id IN ({{ids}}) ORDER BY start, id"),
            points=by_person(f"SELECT {POINT_COLUMNS} FROM talking_points WHERE person_id IN ({{ids}}) "
                             "AND covered IS NULL AND created <= ? ORDER BY created, id", day),
            goals=goals,
            pulses=pulses,
            changes={pid: found[0] for pid, found in by_person(
                "SELECT change_from, person_id, change_to FROM person_changes WHERE person_id IN ({ids})").items()},
        )


def person_facts(store: Store, person: Person, today: date, settings: EngineSettings,
                 team: TeamLevel, shared: _Shared) -> PersonFacts:
    pid = person.id
    count = max(3, settings.only_problems_count)
    newest = _newest_notes(store, pid, today, count)
    contacts = sorted(
        (Contact(r[0], date.fromisoformat(r[1]), r[2], tuple(json.loads(r[3])))
         for r in newest if r[2] is not None),
        key=lambda c: c.key, reverse=True,
    )
    # one statement for every one-value probe: the last meeting, success, one-to-one, the
    # first note (per channel) and the months seen in person
    first_probes = first_note_probes(pid, today)
    values = ask(store, [attended_probe(pid, today), (_LAST_SUCCESS, [pid, today.isoformat()]),
                         one_to_one_probe(pid, today), *first_probes, *seen_month_probes(pid, today)])
    attended, last_success, last_talk = values[:3]
    firsts, months = values[3:3 + len(first_probes)], values[3 + len(first_probes):]
    in_person = [c.date for c in contacts if c.channel == IN_PERSON]
    seen = max([*in_person[:1], *filter(None, [rows.to_date(attended)])], default=None)
    site = team.site(person.site)
    incident_since = today - timedelta(days=max(
        max(settings.fire_steps) + FIRE_GRACE_DAYS, settings.misunderstanding_days, BRIEFING_DAYS,
    ))
    incidents = _tagged(store, pid, incident_since, today, ("fire", "misunderstanding"))
    monday = today - timedelta(days=today.weekday())
    successes = store.query(
        "SELECT n.id, n.date, substr(n.text, 1, ?), n.tags FROM note_tags t "
        "JOIN notes n ON n.id = t.note_id "
        "WHERE t.person_id = ? AND t.tag = 'success' AND t.date BETWEEN ? AND ? "
        "ORDER BY t.date, t.note_id",
        [_TEXT_PREFIX, pid, monday.isoformat(), today.isoformat()],
    )
    change = shared.changes.get(pid)
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
        open_promises=tuple(rows.promise(r) for r in shared.promises.get(pid, ())),
        personal_dates=tuple(rows.personal_date(r) for r in shared.dates.get(pid, ())),
        away=tuple(rows.away(r) for r in shared.away.get(pid, ())),
        last_note=_last_public_note(store, pid, today, newest, count),
        first_note=oldest(firsts),
        last_one_to_one=rows.to_date(last_talk),
        pulses=tuple(shared.pulses.get(pid, ())),
        seen_months=tuple(bool(v) for v in months),
        # their own change period first, else their site's
        change=(change_covering(person.name, change[0], change[2], today) if change else None)
        or (site.change if site is not None else None),
        open_points=tuple(point_row(r) for r in shared.points.get(pid, ())),
        goals=tuple(shared.goals.get(pid, ())),
    )


def pulses(store: Store, person_id: int, today: date, days: int = PULSE_DAYS) -> tuple[Pulse, ...]:
    """How the person seemed in the notes of the last ``days``, oldest first (Person screen)."""
    found = store.query(_PULSES.format(ids="?"), [person_id, (today - timedelta(days=days)).isoformat(),
                                                   today.isoformat()])
    return tuple(Pulse(r[0], date.fromisoformat(r[2]), r[3]) for r in found)


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
    found = [rows.person(r) for r in store.query(sql + " ORDER BY name_key, id", params)]
    shared = _Shared.read(store, [p.id for p in found], today)
    people = [person_facts(store, p, today, settings, team, shared) for p in found]
    return TeamFacts(people=tuple(people), states=states(store), labels=tuple(active_labels(store)),
                     buddy_round=current_round(store), team=team)

