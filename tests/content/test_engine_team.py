"""Scenario tests for the team-wide prompt kinds (meeting_due, survey_due, site_behind,
ask_helper) and the rhythm shortened while a site is in change: the facts that trigger each,
and the nearest that must not."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from naervaer.content.engine import candidate_prompts
from naervaer.content.engine_facts import (
    Change, Contact, PersonFacts, SiteFacts, TeamFacts, TeamLevel, site_key,
)
from naervaer.content.facts import Birthday, Person
from naervaer.content.i18n import Translator
from naervaer.content.rules_team import add_months, compared, site_rows
from naervaer.content.settings import EngineSettings

TODAY = date(2026, 11, 23)
EN, DA = Translator("en"), Translator("da")


def d(n: int) -> timedelta:
    return timedelta(days=n)


def pf(pid: int, site: str, *, seen: int | None = 1, months: tuple[bool, ...] = (True, True, True),
       **person: object) -> PersonFacts:
    last = TODAY - d(seen) if seen is not None else None
    return PersonFacts(
        person=Person(pid, f"P{pid}", site=site, created=date(2025, 1, 1), **person),  # type: ignore[arg-type]
        last_in_person=last, recent_contacts=(Contact(pid, last, "in_person"),) if last else (),
        last_success=TODAY - d(1), seen_months=months,
    )


def site(name: str, **kw: object) -> SiteFacts:
    return SiteFacts(site_key(name), name, **kw)  # type: ignore[arg-type]


def kinds(facts: TeamFacts, kind: str, t: Translator = EN, today: date = TODAY,
          settings: EngineSettings = EngineSettings()) -> list:
    return [p for p in candidate_prompts(today, facts, settings, t) if p.kind == kind]


RECENT = TeamLevel(sites=(site("Nord", meetings=(TODAY - d(5),)),), last_survey=TODAY - d(10))


def team(people: tuple[PersonFacts, ...], level: TeamLevel | None = RECENT) -> TeamFacts:
    return TeamFacts(people, {}, team=level)


# -- meeting_due --------------------------------------------------------------------


def test_meeting_due_names_the_site_that_never_hosted() -> None:
    level = TeamLevel(sites=(site("Nord", meetings=(TODAY - d(30),)), site("Syd", meetings=(TODAY - d(60),))),
                      last_survey=TODAY)
    people = (pf(1, "Nord"), pf(2, "Syd"), pf(3, "Øst"))
    [p] = kinds(team(people, level), "meeting_due")
    assert "Øst" in p.title and "never hosted" in p.reason and p.site == "Øst"
    assert p.id == f"meeting_due:after{TODAY - d(30)}"
    [da] = kinds(team(people, level), "meeting_due", DA)
    assert "Øst" in da.title and "personalemøde" in da.title


def test_meeting_due_else_the_site_that_hosted_longest_ago() -> None:
    level = TeamLevel(sites=(site("Nord", meetings=(TODAY - d(30),)), site("Syd", meetings=(TODAY - d(60),))))
    [p] = kinds(team((pf(1, "Nord"), pf(2, "Syd")), level), "meeting_due")
    assert "Syd" in p.title


def test_meeting_not_due_one_day_before() -> None:
    level = TeamLevel(sites=(site("Nord", meetings=(TODAY - d(29),)),))
    assert kinds(team((pf(1, "Nord"), pf(2, "Syd")), level), "meeting_due") == []


def test_meeting_due_when_none_was_ever_held_but_not_without_sites() -> None:
    assert kinds(team((pf(1, "Nord"),), TeamLevel()), "meeting_due")[0].reason.startswith("No team meeting")
    assert kinds(team((pf(1, ""),), TeamLevel()), "meeting_due") == []
    assert kinds(team((pf(1, "Nord"),), None), "meeting_due") == []  # a team of people alone


# -- survey_due ---------------------------------------------------------------------


def test_survey_due_six_months_after_the_last() -> None:
    last = add_months(TODAY, -6)
    [p] = kinds(team((pf(1, "Nord"),), TeamLevel(last_survey=last)), "survey_due")
    assert p.tip == "wellbeing_survey" and p.id == f"survey_due:after{last}"
    assert kinds(team((pf(1, "Nord"),), TeamLevel(last_survey=last + d(1))), "survey_due") == []


def test_survey_setting_and_never() -> None:
    four = EngineSettings(survey_months=4)
    assert kinds(team((pf(1, "Nord"),), TeamLevel(last_survey=add_months(TODAY, -4))), "survey_due", settings=four)
    assert kinds(team((pf(1, "Nord"),), TeamLevel()), "survey_due")[0].id == "survey_due:afternever"
    assert kinds(team((), TeamLevel()), "survey_due") == []


def test_add_months_keeps_the_month_end() -> None:
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 11, 23), -6) == date(2026, 5, 23)


# -- site_behind --------------------------------------------------------------------


def _sites(low: tuple[bool, ...]) -> TeamFacts:
    people = (pf(1, "Nord"), pf(2, "Nord"), pf(3, "Syd"), pf(4, "Syd"),
              pf(5, "Night Shift, Aarhus", months=low), pf(6, "Night Shift, Aarhus", months=low))
    return team(people)


def test_site_behind_the_least_seen_site_by_the_margin() -> None:
    [p] = kinds(_sites((True, False, False)), "site_behind")
    assert "Night Shift, Aarhus" in p.title
    assert "Night Shift, Aarhus has had" in p.reason and p.tip == "fair_across_sites"


def test_site_behind_not_within_the_margin() -> None:
    # 2 of 3 months seen against an average of (1 + 1 + 2/3) / 3 = 0.89: 25% below, margin 30%
    assert kinds(_sites((True, True, False)), "site_behind") == []
    assert kinds(_sites((True, True, False)), "site_behind", settings=EngineSettings(fairness_margin=20))


def test_site_behind_needs_two_sites() -> None:
    people = (pf(1, "Nord", months=(False, False, False)), pf(2, "Nord"))
    assert kinds(team(people), "site_behind") == []


def test_the_plain_sentence_says_half_as_much() -> None:
    people = (pf(1, "A"), pf(2, "B"), pf(3, "Night Shift, Aarhus", months=(True, False, False)))
    rows = site_rows(TODAY, team(people))
    assert rows[0].name == "Night Shift, Aarhus"
    # 1/3 against an average of (1 + 1 + 1/3) / 3 = 0.78: a ratio of 0.43
    assert compared(rows[0], rows, EN) == (
        "Night Shift, Aarhus has had half as much of you as the average site over three months.")
    assert "halvt så meget" in compared(rows[0], rows, DA)


# -- ask_helper ---------------------------------------------------------------------


def _birthday_team(helper_site: SiteFacts, *, seen: int = 20, birthday_in: int = 3) -> TeamFacts:
    day = TODAY + d(birthday_in)
    anna = pf(1, "Nord", seen=seen, birthday=Birthday(day.day, day.month))
    return team((anna, pf(2, "Nord", seen=seen)), TeamLevel(sites=(helper_site,), last_survey=TODAY))


def test_ask_helper_for_a_birthday_at_a_site_you_will_not_visit() -> None:
    [p] = kinds(_birthday_team(site("Nord", helper="Mette")), "ask_helper")
    assert p.title == "Ask Mette to put up the flag for P1"
    assert "20 days ago" in p.reason
    [da] = kinds(_birthday_team(site("Nord", helper="Mette")), "ask_helper", DA)
    assert da.title == "Bed Mette om at sætte flag op for P1"


def test_ask_helper_not_when_you_were_there_this_week() -> None:
    assert kinds(_birthday_team(site("Nord", helper="Mette"), seen=7), "ask_helper") == []
    # a team meeting held there counts as a visit too
    met = site("Nord", helper="Mette", meetings=(TODAY - d(2),))
    assert kinds(_birthday_team(met), "ask_helper") == []


def test_ask_helper_not_beyond_the_days_ahead_nor_without_a_helper() -> None:
    assert kinds(_birthday_team(site("Nord", helper="Mette"), birthday_in=6), "ask_helper") == []
    assert kinds(_birthday_team(site("Nord", helper="Mette"), birthday_in=6), "ask_helper",
                 settings=EngineSettings(helper_days=6))
    assert kinds(_birthday_team(site("Nord")), "ask_helper") == []


def test_ask_helper_never_asks_someone_to_flag_their_own_birthday() -> None:
    assert kinds(_birthday_team(site("Nord", helper="P1", helper_person_id=1)), "ask_helper") == []


# -- a site in change ---------------------------------------------------------------


def _changing(seen: int, change: Change | None) -> list:
    person = pf(1, "Nord", seen=seen)
    fields = {f: getattr(person, f) for f in PersonFacts.__slots__}
    # a call yesterday keeps the contact clock quiet, so not_seen speaks for itself
    fields.update(change=change, recent_contacts=(Contact(9, TODAY - d(1), "phone"),))
    person = PersonFacts(**fields)
    return kinds(team((person,)), "not_seen")


@pytest.mark.parametrize("end", [TODAY + d(30), None])
def test_change_halves_the_rhythm_and_says_why(end: date | None) -> None:
    [p] = _changing(16, Change("Nord", TODAY - d(5), end))
    assert "every 15 days" in p.reason and "Nord is going through change" in p.reason


def test_no_change_or_a_change_that_ended_keeps_the_rhythm() -> None:
    assert _changing(16, None) == []
    assert _changing(16, Change("Nord", TODAY - d(30), TODAY - d(1))) == []
    assert _changing(15, Change("Nord", TODAY - d(5), None)) == []  # exactly the shortened rhythm


def test_a_new_team_is_not_greeted_by_team_prompts() -> None:
    """Nothing recorded yet: the clocks start when the team was first known in Nærvær."""
    new = TODAY - d(20)
    people = tuple(PersonFacts(person=Person(i, f"N{i}", site=s, created=new), seen_months=(False,) * 3)
                   for i, s in ((1, "Nord"), (2, "Syd"), (3, "Syd")))
    people = (*people[:2], PersonFacts(person=Person(3, "N3", site="Syd", created=new), seen_months=(True,) * 3))
    facts = team(people, TeamLevel())
    for kind in ("meeting_due", "survey_due", "site_behind"):
        assert kinds(facts, kind) == [], kind
    later = TODAY + d(11)  # 31 days after: the meeting is due, the survey and fairness wait
    assert kinds(facts, "meeting_due", today=later) and not kinds(facts, "survey_due", today=later)
    assert kinds(facts, "site_behind", today=TODAY + d(100))
