"""The site visit briefing: who is at the site, longest unseen first, and what is open."""

from __future__ import annotations

from datetime import date, timedelta

from naervaer.content.briefing import site_briefing
from naervaer.content.engine_facts import Incident, LastNote, PersonFacts, TeamFacts
from naervaer.content.facts import Away, Birthday, Person, PersonalDate, Promise
from naervaer.content.i18n import Translator

TODAY = date(2026, 11, 23)
EN = Translator("en")


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def pf(pid: int, name: str, site: str = "Nord", seen: date | None = None, **changes) -> PersonFacts:
    archived = changes.pop("archived", False)
    birthday = changes.pop("birthday", None)
    person = Person(pid, name, site=site, archived=archived, birthday=birthday)
    return PersonFacts(person=person, last_in_person=seen, **changes)


def test_people_at_the_site_longest_unseen_first() -> None:
    team = TeamFacts((
        pf(1, "Anna", seen=ago(5)),
        pf(2, "Bo", seen=ago(50)),
        pf(3, "Cy", seen=None),
        pf(4, "Dan", site="Syd", seen=ago(99)),
        pf(5, "Eve", seen=ago(200), archived=True),
    ))
    briefing = site_briefing(TODAY, "Nord", team, EN)
    assert briefing.site == "Nord" and briefing.date == TODAY
    assert [b.person.name for b in briefing.people] == ["Cy", "Bo", "Anna"]
    assert [b.days_since_in_person for b in briefing.people] == [None, 50, 5]


def test_what_is_open_per_person() -> None:
    anna = pf(
        1, "Anna", seen=ago(10),
        birthday=Birthday(1, 12, 1976),
        open_promises=(Promise(7, 1, "Send the rota", ago(1)),),
        personal_dates=(PersonalDate(1, 1, TODAY + timedelta(days=31), "Too far"),
                        PersonalDate(2, 1, TODAY + timedelta(days=30), "Exam")),
        fires=(Incident(3, ago(12)), Incident(2, ago(31))),
        misunderstandings=(Incident(4, ago(2)),),
        away=(Away(1, 1, ago(100), ago(40), "old leave"), Away(2, 1, TODAY + timedelta(days=3), None, "surgery")),
        last_note=LastNote(9, ago(2), "Talked about the menu"),
    )
    b = site_briefing(TODAY, "Nord", TeamFacts((anna,)), EN).people[0]
    assert [p.id for p in b.open_promises] == [7]
    assert [(u.kind, u.what) for u in b.upcoming] == [("birthday", "birthday (turns 50)"), ("personal", "Exam")]
    assert [(i.kind, i.date) for i in b.incidents] == [("misunderstanding", ago(2)), ("fire", ago(12))]
    assert [a.label for a in b.away] == ["surgery"]
    assert b.last_note is not None and b.last_note.first_line == "Talked about the menu"


def test_an_empty_site() -> None:
    assert site_briefing(TODAY, "Nowhere", TeamFacts((pf(1, "Anna"),)), EN).people == ()
