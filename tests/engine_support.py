"""Hand-built team facts for tests that need every prompt kind at once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from naervaer.content.buddies import BuddyRound
from naervaer.content.engine_facts import (
    Contact, Incident, PersonFacts, Pulse, SiteFacts, SuccessNote, TeamFacts, TeamLevel, site_key,
)
from naervaer.content.facts import Away, Birthday, Person, Promise
from naervaer.content.skills import Label
from naervaer.content.goals import Goal

FRIDAY = date(2026, 11, 27)  # the default digest weekday


def _days(n: int) -> timedelta:
    return timedelta(days=n)


def _person(pid: int, name: str, today: date, **changes: object) -> PersonFacts:
    person_fields = {k: changes.pop(k) for k in list(changes) if k in Person.__slots__}
    person_fields.setdefault("created", date(2025, 1, 1))
    person_fields.setdefault("site", "Nord")
    base = dict(
        person=Person(pid, name, **person_fields),  # type: ignore[arg-type]
        last_in_person=today - _days(1),
        recent_contacts=(Contact(1000 + pid, today - _days(1), "in_person"),),
        last_success=today - _days(1),
        last_one_to_one=today - _days(1),
        goals=(Goal(100 + pid, pid, "Run the new rota alone", None, "on_track", today - _days(10)),),
    )
    base.update(changes)
    return PersonFacts(**base)  # type: ignore[arg-type]


def every_kind_team(today: date = FRIDAY) -> TeamFacts:
    """One person (or the team) for each prompt kind, on the digest weekday."""
    d = _days
    fire = today - d(3)
    people = (
        _person(1, "Fire", today, recent_contacts=(Contact(5, fire, "phone", ("fire",)),),
                fires=(Incident(5, fire),), last_in_person=fire),
        _person(2, "Muddle", today, recent_contacts=(Contact(6, today - d(2), "phone", ("misunderstanding",)),),
                misunderstandings=(Incident(6, today - d(2)),)),
        _person(3, "Promise", today, open_promises=(Promise(9, 3, "Fix the rota", today - d(2)),)),
        _person(4, "Back", today, away=(Away(4, 4, today - d(30), today - d(2), "leave"),),
                recent_contacts=(Contact(7, today - d(31), "phone"),), last_in_person=today - d(31)),
        _person(5, "Birthday", today, birthday=Birthday((today + d(3)).day, (today + d(3)).month)),
        _person(6, "Newcomer", today, started=today - d(20), created=today - d(20),
                recent_contacts=(Contact(8, today - d(10), "phone"),), last_in_person=today - d(10)),
        _person(7, "Unseen", today, last_in_person=today - d(40),
                recent_contacts=(Contact(9, today - d(2), "phone"),)),
        _person(8, "Quiet", today, last_in_person=today - d(40),
                recent_contacts=(Contact(10, today - d(40), "in_person"),)),
        _person(9, "Troubled", today, recent_contacts=tuple(
            Contact(20 + i, today - d(1 + i), "phone", ("problem",)) for i in range(3))),
        _person(10, "Unpraised", today, last_success=today - d(90)),
        _person(11, "Star", today, recent_successes=(SuccessNote(30, today - d(1), "Great rota"),)),
        _person(12, "Talker", today, last_one_to_one=today - d(40)),
        _person(13, "Low", today, pulses=tuple(Pulse(40 + i, today - d(30 - 10 * i), v) for i, v in enumerate((4, 3, 2)))),
        # a short talk: only people whose id has the day's parity are considered that day
        _person(14 + today.toordinal() % 2, "Chat", today, last_in_person=today - d(8),
                recent_contacts=(Contact(50, today - d(8), "in_person"),)),
        # Syd's helpers for connect, not visited for 20 days either (ask_helper)
        _person(16, "Mentor", today, site="Syd", last_in_person=today - d(20)),
        _person(17, "Coach", today, site="Syd", last_in_person=today - d(20)),
        # at a site not visited for 20 days, with a local helper and a birthday in two days
        replace(_person(18, "Flag", today, birthday=Birthday((today + d(2)).day, (today + d(2)).month),
                        last_in_person=today - d(20), recent_contacts=(Contact(40, today - d(1), "phone"),)),
                person=Person(18, "Flag", site="Syd", created=date(2025, 1, 1),
                              birthday=Birthday((today + d(2)).day, (today + d(2)).month)),
                seen_months=(False, True, True)),
        _person(19, "Goalless", today, goals=()),
        _person(20, "Drifting", today,
                goals=(Goal(120, 20, "Lead the Friday huddle", None, "at_risk", today - d(120)),)),
    )
    # no meeting and no survey yet (meeting_due, survey_due); Nord, never seen in the
    # months compared, falls behind Syd (site_behind)
    level = TeamLevel(sites=(SiteFacts(site_key("Syd"), "Syd", helper="Mette"),))
    # connect: more skill-to-interest pairs across sites than periods in the window, so one is
    # due on any day; buddy_rotation: the round started longer ago than buddy_months
    labels = (Label(16, "skill", "Rota"), Label(17, "skill", "Rota"),
              *(Label(pid, "interest", "Rota") for pid in range(1, 8)))
    return TeamFacts(people, {}, labels=labels, buddy_round=BuddyRound(1, today - d(120), ((16, 17),)), team=level)
