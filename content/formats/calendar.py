"""The calendar feed (``export calendar``): dates coming up as RFC 5545 events, built with ``icalendar``.

Every event is all-day (``DTSTART;VALUE=DATE``, ``DTEND`` the day after its last day):

* birthdays, work anniversaries and yearly personal dates recur yearly. A 29 February date
  falls on the last day of February (``RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1``), the day
  the app itself uses (``content.occasions.on_year``); a plain yearly rule would show it only in
  leap years. Recurring summaries carry no age: it would be wrong every other year;
* one-off personal dates, open promises (on their due date: VTODO is dropped by Google and
  iOS) and away periods (one event over the whole period) inside the window.

UIDs are made of the record's kind and id, so a file imported again updates its events
instead of adding copies. What goes in: names, the date's own label, a promise's text unless
its note is private. Never note text, tags, or an away period's label. Summaries are
neutralised: a calendar shows them to people and programs alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from naervaer.content.facts import Away, Person, PersonalDate, Promise
from naervaer.content.i18n import Translator
from naervaer.content.occasions import on_year
from naervaer.content.text import one_line

PRODID = "-//Nærvær//naervaer//EN"
UID_DOMAIN = "naervaer.invalid"  # no one's address: only ours (RFC 2606 reserves .invalid)
UNKNOWN_BIRTH_YEAR = 2000  # a leap year, so a 29 February birthday starts on a real day


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    uid: str
    summary: str
    start: date
    end: date  # exclusive, as DTEND is
    yearly: bool = False
    last_of_february: bool = False  # a 29 February date: yearly on February's last day


def _recurring(uid: str, summary: str, month: int, day: int, year: int) -> CalendarEvent:
    """Yearly from ``year``; 29 February starts on that year's last day of February."""
    start = on_year(month, day, year)
    leap_day = (month, day) == (2, 29)
    return CalendarEvent(uid, summary, start, start + timedelta(days=1), yearly=True, last_of_february=leap_day)


def _uid(kind: str, ident: int) -> str:
    return f"{kind}-{ident}@{UID_DOMAIN}"


def calendar_events(
    people: Iterable[Person],
    dates: Iterable[PersonalDate],
    promises: Iterable[Promise],
    away: Iterable[Away],
    *,
    private_notes: frozenset[int],
    today: date,
    last: date,
    t: Translator,
) -> list[CalendarEvent]:
    """The events of the feed, in a stable order; one-off ones between ``today`` and ``last``.

    ``private_notes``: ids of notes tagged private (their promises' text stays out).
    """
    named = {p.id: p for p in people if not p.archived}
    name = lambda pid: one_line(named[pid].name)  # noqa: E731
    out: list[CalendarEvent] = []
    for p in named.values():
        if p.birthday:
            b = p.birthday
            out.append(_recurring(_uid("birthday", p.id), t("exchange.cal_birthday", name=name(p.id)),
                                  b.month, b.day, b.year or UNKNOWN_BIRTH_YEAR))
        if p.started:  # from the first anniversary: the start day itself is no jubilee
            s = p.started
            out.append(_recurring(_uid("anniversary", p.id), t("exchange.cal_anniversary", name=name(p.id)),
                                  s.month, s.day, s.year + 1))
    for d in dates:
        if d.person_id not in named:
            continue
        summary = f"{name(d.person_id)}: {one_line(d.label)}"  # as the other summaries: "{name}: birthday"
        if d.yearly:
            out.append(_recurring(_uid("date", d.id), summary, d.date.month, d.date.day, d.date.year))
        elif today <= d.date <= last:
            out.append(CalendarEvent(_uid("date", d.id), summary, d.date, d.date + timedelta(days=1)))
    for pr in promises:
        if pr.person_id not in named or pr.done is not None or pr.due is None or pr.due > last:
            continue
        if pr.note_id is not None and pr.note_id in private_notes:
            summary = t("exchange.cal_promise_private", name=name(pr.person_id), id=pr.id)
        else:
            summary = t("exchange.cal_promise", name=name(pr.person_id), id=pr.id, text=one_line(pr.text, 120))
        out.append(CalendarEvent(_uid("promise", pr.id), summary, pr.due, pr.due + timedelta(days=1)))
    for a in away:
        if a.person_id not in named:
            continue
        end = a.end if a.end is not None else last
        if end < today or a.start > last:
            continue
        out.append(CalendarEvent(_uid("away", a.id), t("exchange.cal_away", name=name(a.person_id)),
                                 a.start, max(end, a.start) + timedelta(days=1)))
    return out


def to_ics(events: Iterable[CalendarEvent], stamp: datetime, t: Translator) -> bytes:
    """The events as one VCALENDAR (CRLF lines, folded at 75 octets by ``icalendar``)."""
    from icalendar import Calendar, Event  # only here: the rest of the app never needs it

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", t("exchange.cal_name"))
    for e in events:
        ev = Event()
        ev.add("uid", e.uid)
        ev.add("dtstamp", stamp)
        ev.add("summary", e.summary)
        ev.add("dtstart", e.start)
        ev.add("dtend", e.end)
        ev.add("transp", "TRANSPARENT")  # a birthday does not make the leader busy
        if e.yearly:
            if e.last_of_february:
                ev.add("rrule", {"freq": "yearly", "bymonth": 2, "bymonthday": -1})
            else:
                ev.add("rrule", {"freq": "yearly"})
        cal.add_component(ev)
    return cal.to_ical()
