"""Queries behind the Team dashboard and the monthly checklist: indexed probes per person.

Every figure is one index lookup on ``notes(person_id, channel, date)`` (or a short
range of it), so the cost follows the number of people, not the years of notes. A team
meeting someone came to counts as seen in person that day: "last seen in person" is the
newer of that probe and one on ``meeting_people(person_id, date)``.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from naervaer.content.errors import InputError
from naervaer.content.engine_facts import shortened
from naervaer.content.facts import ONE_TO_ONE, Away, known_since, running_days
from naervaer.content.occasions import occasions
from naervaer.content.settings import EngineSettings
from naervaer.content.text import collate
from naervaer.content.views import MonthChecklist, MonthEntry, TeamRow
from naervaer.content.vocab import CHANNELS, IN_PERSON
from naervaer.storage.probes import Probe, ask, newest, oldest
from naervaer.storage.rows import to_date
from naervaer.storage.sites import attended_probe, change_covering, team_level
from naervaer.storage.store import Store

NEXT_OCCASION_DAYS = 30


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def in_person_probes(person_id: int, until: date | None = None, since: date | None = None) -> list[Probe]:
    """The newest in-person note and the newest team meeting (between ``since`` and ``until``)."""
    sql = "SELECT max(date) FROM notes WHERE person_id = ? AND channel = ?"
    params: list[object] = [person_id, IN_PERSON]
    if since is not None:
        sql += " AND date >= ?"
        params.append(since.isoformat())
    if until is not None:
        sql += " AND date <= ?"
        params.append(until.isoformat())
    return [(sql, params), attended_probe(person_id, until, since)]


def last_in_person(store: Store, person_id: int, until: date | None = None) -> date | None:
    return newest(ask(store, in_person_probes(person_id, until)))


def one_to_one_probe(person_id: int, until: date | None = None) -> Probe:
    """The newest one-to-one's day (schema 006's partial index: one probe)."""
    sql = "SELECT max(date) FROM notes WHERE person_id = ? AND kind = ?"
    params: list[object] = [person_id, ONE_TO_ONE]
    if until is not None:
        sql += " AND date <= ?"
        params.append(until.isoformat())
    return sql, params


def last_one_to_one(store: Store, person_id: int, until: date | None = None) -> date | None:
    return to_date(ask(store, [one_to_one_probe(person_id, until)])[0])


def in_person_between(store: Store, person_id: int, start: date, end: date) -> date | None:
    return newest(ask(store, in_person_probes(person_id, end, start)))


def first_note_probes(person_id: int, until: date) -> list[Probe]:
    """The oldest note's date up to ``until``, one probe per channel and one for observations."""
    return [("SELECT min(date) FROM notes WHERE person_id = ? AND channel IS ? AND date <= ?",
             [person_id, channel, until.isoformat()]) for channel in (*CHANNELS, None)]


def first_note(store: Store, person_id: int, until: date) -> date | None:
    return oldest(ask(store, first_note_probes(person_id, until)))


def last_contact(store: Store, person_id: int) -> tuple[date | None, str | None]:
    """The latest note with any channel: one probe per channel, the newest wins."""
    found = ask(store, [("SELECT max(date) FROM notes WHERE person_id = ? AND channel = ?", [person_id, channel])
                        for channel in CHANNELS])
    best: tuple[str, str] | None = None
    for day, channel in zip(found, CHANNELS):
        if day and (best is None or day > best[0]):
            best = (day, channel)
    return (date.fromisoformat(best[0]), best[1]) if best else (None, None)


def _away_by_person(store: Store) -> dict[int, list[Away]]:
    out: dict[int, list[Away]] = {}
    for period in store.away_periods():
        out.setdefault(period.person_id, []).append(period)
    return out


def team_rows(
    store: Store, today: date, *, site: str | None = None, include_archived: bool = False
) -> list[TeamRow]:
    """One row per active person (and archived ones if asked), longest unseen in person first."""
    month_start, _ = month_bounds(today.year, today.month)
    dates = store.personal_dates()
    away = _away_by_person(store)
    open_promises: dict[int, list[date | None]] = {}
    for p in store.promises(open_only=True):
        open_promises.setdefault(p.person_id, []).append(p.due)
    # the rhythm is shorter in a change period, theirs or their site's, as Today counts it
    factor = EngineSettings.from_stored(store.settings()).change_factor
    level = team_level(store, today)
    own_change = {pid for pid, start, end in store.query(
        "SELECT person_id, change_from, change_to FROM person_changes") if change_covering("", start, end, today)}
    rows: list[TeamRow] = []
    for person in store.people(site=site, include_archived=include_archived):
        site_facts = level.site(person.site)
        in_change = person.id in own_change or (site_facts is not None and site_facts.change is not None)
        seen = last_in_person(store, person.id)
        contact, channel = last_contact(store, person.id)
        known = known_since(person, first_note(store, person.id, today))
        since = seen or known
        talk = last_one_to_one(store, person.id, today)
        talk_since = talk or known
        periods = away.get(person.id, [])
        upcoming = occasions(person, dates, today, NEXT_OCCASION_DAYS)
        dues = open_promises.get(person.id, [])
        rows.append(
            TeamRow(
                person=person,
                last_in_person=seen,
                last_contact=contact,
                last_contact_channel=channel,
                seen_this_month=seen if seen and seen >= month_start else None,
                next_occasion=upcoming[0] if upcoming else None,
                open_promises=len(dues),
                overdue_promises=sum(1 for d in dues if d is not None and d < today),
                away_now=any(a.covers(today) for a in periods),
                days_unseen=(today - seen).days if seen else None,
                in_person_target=shortened(person.in_person_days, factor) if in_change else person.in_person_days,
                days_counting=running_days(periods, since, today) if since else None,
                last_one_to_one=talk,
                one_to_one_counting=running_days(periods, talk_since, today) if talk_since else None,
            )
        )
    rows.sort(key=unseen_order)
    return rows


def unseen_order(row: TeamRow) -> tuple:
    never = row.days_unseen is None
    return (not never, -(row.days_unseen or 0), collate(row.person.name), row.person.id)


def _away_all(periods: list[Away], start: date, end: date) -> bool:
    day = start
    while day <= end:
        if not any(p.covers(day) for p in periods):
            return False
        day += timedelta(days=1)
    return True


def month_checklist(store: Store, year: int, month: int, today: date) -> MonthChecklist:
    """Who was seen in person in ``year-month``, grouped by site; carried-over people first."""
    start, end = month_bounds(year, month)
    counted_until = min(end, today)
    prev_start, prev_end = month_bounds(*previous_month(year, month))
    away = _away_by_person(store)
    groups: dict[str, list[MonthEntry]] = {}
    for person in store.people():
        known = known_since(person, first_note(store, person.id, counted_until))
        if known is not None and known > end:
            continue  # not yet started, or not yet known to the leader, in that month
        seen_on = in_person_between(store, person.id, start, end)
        joined_after_prev = known is not None and known > prev_end
        carried = not joined_after_prev and in_person_between(store, person.id, prev_start, prev_end) is None
        excused = counted_until >= start and _away_all(away.get(person.id, []), start, counted_until)
        groups.setdefault(person.site or "", []).append(MonthEntry(person, seen_on, carried, excused))
    sites = tuple(
        (site, tuple(sorted(entries, key=_month_order)))
        for site, entries in sorted(groups.items(), key=lambda kv: (kv[0] == "", collate(kv[0])))
    )
    signed = store.query("SELECT signed_on FROM month_signoff WHERE month = ?", [f"{year:04d}-{month:02d}"])
    return MonthChecklist(year, month, sites, date.fromisoformat(signed[0][0]) if signed else None)


def _month_order(entry: MonthEntry) -> tuple:
    # carried over and still unseen head the list; then unseen; then seen
    return (not (entry.carried_over and not entry.seen_on), entry.seen_on is not None,
            collate(entry.person.name), entry.person.id)


def heatmap(store: Store, year: int, month: int, months: int = 12) -> dict[int, list[int]]:
    """In-person notes per person per month, oldest month first, ending with ``year-month``."""
    keys: list[str] = []
    y, m = year, month
    for _ in range(months):
        keys.append(f"{y:04d}-{m:02d}")
        y, m = previous_month(y, m)
    keys.reverse()
    first = date.fromisoformat(keys[0] + "-01")
    last = month_bounds(year, month)[1]
    out: dict[int, list[int]] = {}
    for person in store.people():
        counts = dict(store.query(
            "SELECT month, sum(n) FROM ("
            "SELECT substr(date, 1, 7) AS month, count(*) AS n FROM notes WHERE person_id = ? "
            "AND channel = ? AND date BETWEEN ? AND ? GROUP BY 1 UNION ALL "
            "SELECT substr(date, 1, 7), count(*) FROM meeting_people WHERE person_id = ? "
            "AND date BETWEEN ? AND ? GROUP BY 1) GROUP BY month",
            [person.id, IN_PERSON, first.isoformat(), last.isoformat(),
             person.id, first.isoformat(), last.isoformat()],
        ))
        out[person.id] = [counts.get(k, 0) for k in keys]
    return out


def sign_off_month(store: Store, year: int, month: int, today: date) -> None:
    """Record that the leader reviewed ``year-month``; signing again moves the date.

    Only a month that has ended can be signed off: until its last day it can still change.
    """
    if (year, month) > (today.year, today.month):
        raise InputError("views.future_month", month=f"{year:04d}-{month:02d}")
    if (year, month) == (today.year, today.month):
        raise InputError("views.month_not_ended", month=f"{year:04d}-{month:02d}",
                         first=month_bounds(*next_month(year, month))[0].isoformat())
    store.sign_off(f"{year:04d}-{month:02d}", today)


def undo_sign_off(store: Store, year: int, month: int) -> bool:
    """Take back the sign-off of ``year-month``; whether there was one."""
    return store.undo_sign_off(f"{year:04d}-{month:02d}")


def next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)
