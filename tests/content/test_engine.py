"""Scenario tests, one group per prompt kind: the facts that trigger it do, the nearest that
should not, don't. Facts are built by hand; the engine is pure, so these are fast."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from naervaer.content.engine import build_prompts, candidate_prompts, tip_of_the_day
from naervaer.content.engine_facts import (
    Contact, Incident, PersonFacts, PromptState, SuccessNote, TeamFacts,
)
from naervaer.content.facts import Away, Birthday, Person, PersonalDate, Promise
from naervaer.content.goals import Goal
from naervaer.content.i18n import Translator
from naervaer.content.settings import EngineSettings

TODAY = date(2026, 11, 23)  # a Monday
EN = Translator("en")
DA = Translator("da")


def days(n: int) -> timedelta:
    return timedelta(days=n)


def calm(pid: int = 1, name: str = "Anna Berg", today: date = TODAY, **changes) -> PersonFacts:
    """Someone nothing is due for: met in person yesterday, praised yesterday, a written goal
    looked at ten days ago."""
    person_fields = {k: changes.pop(k) for k in list(changes) if k in Person.__slots__}
    person_fields.setdefault("created", date(2025, 1, 1))
    person = Person(pid, name, site="Nord", **person_fields)
    base = PersonFacts(
        person=person,
        last_in_person=today - days(1),
        recent_contacts=(Contact(1000 + pid, today - days(1), "in_person"),),
        last_success=today - days(1),
        last_one_to_one=today - days(1),
        goals=(Goal(100 + pid, pid, "Run the new rota alone", None, "on_track", today - days(10)),),
    )
    return replace(base, **changes)


def run(*people: PersonFacts, today: date = TODAY, settings: EngineSettings | None = None,
        states: dict | None = None, t: Translator = EN):
    facts = TeamFacts(tuple(people), states or {})
    prompts = build_prompts(today, facts, settings or EngineSettings(), t)
    assert prompts[-1].kind == "tip_of_the_day"
    return prompts[:-1]


def of(kind: str, prompts) -> list:
    return [p for p in prompts if p.kind == kind]


def test_calm_person_gets_nothing() -> None:
    assert run(calm()) == []


# -- after_fire -----------------------------------------------------------------------

FIRE = date(2026, 11, 10)


def fire_facts(*contacts: Contact) -> PersonFacts:
    fire_note = Contact(5, FIRE, "phone", ("fire",))
    return calm(recent_contacts=(fire_note, *contacts), fires=(Incident(5, FIRE),),
                last_in_person=FIRE)


def test_fire_day_after_step_is_due_and_rises_each_day() -> None:
    on_step = of("after_fire", run(fire_facts(), today=FIRE + days(1)))
    assert [p.id for p in on_step] == ["after_fire:note5:step1"]
    later = of("after_fire", run(fire_facts(), today=FIRE + days(3)))
    assert later[0].priority == on_step[0].priority + 2
    assert of("after_fire", run(fire_facts(), today=FIRE)) == []


def test_call_next_day_closes_step_and_week_step_comes_due_a_week_later() -> None:
    called = fire_facts(Contact(6, FIRE + days(1), "phone"))
    for day in range(1, 7):
        assert of("after_fire", run(called, today=FIRE + days(day))) == []
    week = of("after_fire", run(called, today=FIRE + days(7)))
    assert [p.id for p in week] == ["after_fire:note5:step7"]
    # the call after the fire is a fact the reason must not deny
    assert "no contact since" not in week[0].reason
    assert "Last contact: 6 days ago, by phone" in week[0].reason
    assert "no contact since" in of("after_fire", run(fire_facts(), today=FIRE + days(1)))[0].reason
    danish = of("after_fire", run(called, today=FIRE + days(7), t=DA))[0].reason
    assert "ikke haft kontakt" not in danish and "Sidste kontakt: for 6 dage siden, over telefonen" in danish


def test_a_contact_on_the_step_day_closes_it_and_the_month_step_follows() -> None:
    closed = fire_facts(Contact(6, FIRE + days(7), "message"))
    assert of("after_fire", run(closed, today=FIRE + days(7))) == []
    assert of("after_fire", run(closed, today=FIRE + days(29))) == []
    month = of("after_fire", run(closed, today=FIRE + days(30)))
    assert [p.id for p in month] == ["after_fire:note5:step30"]


def test_after_fire_outranks_everything() -> None:
    prompts = run(fire_facts(), calm(2, "Bo", open_promises=(Promise(1, 2, "x", TODAY - days(30)),)),
                  today=FIRE + days(1))
    assert prompts[0].kind == "after_fire"


# -- misunderstanding -----------------------------------------------------------------


def test_misunderstanding_without_a_later_contact_prompts() -> None:
    note = Contact(50, TODAY - days(2), "phone", ("misunderstanding",))
    facts = calm(recent_contacts=(note,), misunderstandings=(Incident(50, TODAY - days(2)),))
    found = of("misunderstanding", run(facts))
    assert [p.id for p in found] == ["misunderstanding:note50"]
    assert found[0].tip == "8"


@pytest.mark.parametrize(("later", "expected"), [
    (Contact(51, TODAY - days(2), "phone"), 0),   # same day, written later
    (Contact(49, TODAY - days(2), "phone"), 1),   # same day, written earlier
    (Contact(40, TODAY - days(1), "message"), 0),  # a later day
])
def test_misunderstanding_is_answered_only_by_a_later_contact(later: Contact, expected: int) -> None:
    note = Contact(50, TODAY - days(2), "phone", ("misunderstanding",))
    facts = calm(recent_contacts=(note, later), misunderstandings=(Incident(50, TODAY - days(2)),))
    assert len(of("misunderstanding", run(facts))) == expected


# -- promise_due ----------------------------------------------------------------------


@pytest.mark.parametrize(("due", "priority"), [(TODAY, 700), (TODAY - days(3), 703), (TODAY + days(1), None)])
def test_promise_due_today_or_overdue(due: date, priority: int | None) -> None:
    facts = calm(open_promises=(Promise(9, 1, "Fix the rota", due),))
    found = of("promise_due", run(facts))
    if priority is None:
        assert found == []
    else:
        assert found[0].priority == priority
        assert found[0].tip == "keep_promises"
        assert "Fix the rota" in found[0].reason


def test_kept_or_undated_promises_do_not_prompt() -> None:
    facts = calm(open_promises=(Promise(9, 1, "x", TODAY - days(1), done=TODAY),
                                Promise(10, 1, "y", None)))
    assert of("promise_due", run(facts)) == []


# -- milestone ------------------------------------------------------------------------


def test_birthday_in_seven_days_prompts_eight_does_not() -> None:
    seven = TODAY + days(7)
    eight = TODAY + days(8)
    assert of("milestone", run(calm(birthday=Birthday(seven.day, seven.month))))
    assert of("milestone", run(calm(birthday=Birthday(eight.day, eight.month)))) == []


def test_birthday_today_ranks_highest_and_says_how_they_last_spoke() -> None:
    today_bd = calm(1, "Anna", birthday=Birthday(TODAY.day, TODAY.month, 1976),
                    recent_contacts=(Contact(3, TODAY - days(12), "phone"),))
    soon = calm(2, "Bo", birthday=Birthday(25, 11))
    found = of("milestone", run(today_bd, soon))
    assert [p.person for p in found] == ["Anna", "Bo"]
    assert "turns 50" in found[0].title
    assert "Last contact: 12 days ago, by phone" in found[0].reason


def test_29_february_falls_on_28_february_in_2027() -> None:
    facts = calm(birthday=Birthday(29, 2), today=date(2027, 2, 25))
    found = of("milestone", run(facts, today=date(2027, 2, 25)))
    assert [p.id for p in found] == ["milestone:p1:birthday:2027-02-28"]
    leap = of("milestone", run(calm(birthday=Birthday(29, 2), today=date(2028, 2, 25)),
                               today=date(2028, 2, 25)))
    assert [p.id for p in leap] == ["milestone:p1:birthday:2028-02-29"]


def test_work_anniversary_in_whole_years_and_personal_dates() -> None:
    facts = calm(started=date(2020, 11, 25), personal_dates=(
        PersonalDate(1, 1, date(2019, 11, 26), "Wedding day", yearly=True),
        PersonalDate(2, 1, date(2026, 11, 27), "Daughter's exam"),
        PersonalDate(3, 1, date(2025, 11, 27), "Last year's move"),
    ))
    ids = {p.id for p in of("milestone", run(facts))}
    assert ids == {"milestone:p1:anniversary:2026-11-25", "milestone:p1:date1:2026-11-26",
                   "milestone:p1:date2:2026-11-27"}
    assert of("milestone", run(calm(started=TODAY + days(2)))) == []


# -- not_seen / no_contact ------------------------------------------------------------


def seen_ago(n: int, **changes) -> PersonFacts:
    return calm(last_in_person=TODAY - days(n), **changes)


def test_not_seen_after_the_target_names_site_and_date() -> None:
    assert of("not_seen", run(seen_ago(30))) == []
    found = of("not_seen", run(seen_ago(31)))
    assert [p.id for p in found] == [f"not_seen:p1:since{TODAY - days(31)}"]
    assert "Nord" in found[0].reason and "Fri 23 Oct" in found[0].reason


def test_per_person_target() -> None:
    assert of("not_seen", run(seen_ago(31, in_person_days=45))) == []
    assert of("not_seen", run(seen_ago(10, in_person_days=7)))


def test_never_seen_counts_from_start_or_creation() -> None:
    fresh = calm(last_in_person=None, created=TODAY - days(20))
    assert of("not_seen", run(fresh)) == []
    old = calm(last_in_person=None, created=TODAY - days(40))
    assert [p.id for p in of("not_seen", run(old))] == ["not_seen:p1:sincenever"]


def test_no_contact_after_the_contact_target_and_it_stands_in_for_not_seen() -> None:
    quiet = calm(recent_contacts=(Contact(1, TODAY - days(15), "phone"),),
                 last_in_person=TODAY - days(40))
    prompts = run(quiet)
    assert [p.kind for p in prompts] == ["no_contact"]
    assert prompts[0].reason == ("Last contact: 15 days ago, by phone; your target is every 14 days. "
                                 "Last seen in person on Wed 14 Oct at Nord.")
    ok = calm(recent_contacts=(Contact(1, TODAY - days(14), "phone"),))
    assert of("no_contact", run(ok)) == []


def test_away_pauses_the_clocks() -> None:
    # seen 40 days ago, away for 20 of those days: 20 count, below the 30-day target
    back = seen_ago(40, away=(Away(1, 1, TODAY - days(30), TODAY - days(11)),),
                    recent_contacts=(Contact(1, TODAY - days(3), "phone"),))
    assert of("not_seen", run(back)) == []
    shorter = replace(back, away=(Away(1, 1, TODAY - days(30), TODAY - days(26)),))
    found = of("not_seen", run(shorter))
    assert found and "5 days away are not counted" in found[0].reason


def test_while_away_the_rhythm_rules_are_silent() -> None:
    away = calm(last_in_person=TODAY - days(200), recent_contacts=(), last_success=None,
                away=(Away(1, 1, TODAY - days(3), None, "sick leave"),))
    assert run(away) == []


# -- only_problems --------------------------------------------------------------------


def problems(*tags: tuple[str, ...]) -> PersonFacts:
    contacts = tuple(Contact(10 + i, TODAY - days(1 + i), "phone", tag) for i, tag in enumerate(tags))
    return calm(recent_contacts=contacts)


def test_only_problems_when_the_last_three_contacts_were_all_trouble() -> None:
    found = of("only_problems", run(problems(("problem",), ("misunderstanding",), ("problem", "x"))))
    assert [p.id for p in found] == ["only_problems:p1:note10"]
    assert of("only_problems", run(problems(("informal",), ("problem",), ("problem",)))) == []
    assert of("only_problems", run(problems(("problem",), ("problem",)))) == []


def test_only_problems_waits_while_a_fire_check_in_is_open() -> None:
    facts = replace(problems(("fire",), ("problem",), ("problem",)), fires=(Incident(10, TODAY - days(1)),))
    prompts = run(facts)
    assert of("after_fire", prompts) and not of("only_problems", prompts)


# -- new_person -----------------------------------------------------------------------


def newcomer(started_ago: int, contact_ago: int | None) -> PersonFacts:
    contacts = () if contact_ago is None else (Contact(1, TODAY - days(contact_ago), "phone"),)
    return calm(started=TODAY - days(started_ago), created=TODAY - days(started_ago),
                recent_contacts=contacts, last_in_person=TODAY - days(2))


def test_new_person_weekly_contact() -> None:
    assert [p.id for p in of("new_person", run(newcomer(30, 7)))] == [f"new_person:p1:since{TODAY - days(7)}"]
    assert of("new_person", run(newcomer(30, 6))) == []
    assert of("new_person", run(newcomer(89, 7)))
    assert of("new_person", run(newcomer(90, 7))) == []
    assert of("new_person", run(newcomer(1, None)))


def test_new_person_stands_in_for_no_contact() -> None:
    assert [p.kind for p in run(newcomer(30, 20))] == ["new_person"]


# -- unrecognized ---------------------------------------------------------------------


def test_unrecognized_after_sixty_days_counting_from_start_if_newer() -> None:
    assert of("unrecognized", run(calm(last_success=TODAY - days(60)))) == []
    found = of("unrecognized", run(calm(last_success=TODAY - days(61))))
    assert found[0].tip == "7"
    assert of("unrecognized", run(calm(last_success=None, started=TODAY - days(30)))) == []
    assert of("unrecognized", run(calm(last_success=None, started=TODAY - days(61))))


# -- success_digest -------------------------------------------------------------------

FRIDAY = date(2026, 11, 27)


def test_digest_shares_this_weeks_successes_on_friday() -> None:
    bo = calm(2, "Bo", recent_successes=(SuccessNote(7, date(2026, 11, 23), "Great rota"),),
              today=FRIDAY, last_success=date(2026, 11, 23))
    old = calm(3, "Cy", recent_successes=(SuccessNote(8, date(2026, 11, 22), "Sunday"),), today=FRIDAY)
    found = of("success_digest", run(bo, old, today=FRIDAY))
    assert [p.id for p in found] == ["success_digest:2026-11-23:share"]
    assert "Bo" in found[0].reason and "Cy" not in found[0].reason
    assert of("success_digest", run(bo, old, today=FRIDAY - days(1))) == []


def test_digest_asks_for_stories_only_after_a_quiet_fortnight() -> None:
    quiet = calm(last_success=FRIDAY - days(14), today=FRIDAY)
    assert [p.id for p in of("success_digest", run(quiet, today=FRIDAY))] == ["success_digest:2026-11-23:ask"]
    recent = calm(last_success=FRIDAY - days(10), today=FRIDAY)
    assert of("success_digest", run(recent, today=FRIDAY)) == []


def test_digest_weekday_is_a_setting() -> None:
    quiet = calm(last_success=TODAY - days(30))
    assert of("success_digest", run(quiet, settings=EngineSettings(digest_weekday=0)))


# -- welcome_back ---------------------------------------------------------------------


@pytest.mark.parametrize(("end_offset", "expected"), [(-8, 0), (-7, 1), (-1, 1), (0, 1), (1, 1), (2, 0)])
def test_welcome_back_window(end_offset: int, expected: int) -> None:
    end = TODAY + days(end_offset)
    facts = calm(away=(Away(4, 1, end - days(20), end, "sick leave"),),
                 recent_contacts=(Contact(1, end - days(21), "phone"),), last_in_person=end - days(21))
    found = of("welcome_back", run(facts))
    assert len(found) == expected
    if found:
        assert found[0].id == f"welcome_back:away4:end{end}"


def test_welcome_back_answered_by_a_contact_after_the_leave() -> None:
    end = TODAY - days(3)
    facts = calm(away=(Away(4, 1, end - days(20), end, "sick leave"),),
                 recent_contacts=(Contact(1, end + days(1), "phone"),))
    assert of("welcome_back", run(facts)) == []


# -- archived, states, ranking, tip ---------------------------------------------------


def test_archived_people_never_get_prompts() -> None:
    facts = calm(archived=True, recent_contacts=(), last_in_person=None, last_success=None,
                 birthday=Birthday(TODAY.day, TODAY.month),
                 open_promises=(Promise(1, 1, "x", TODAY),), fires=(Incident(1, TODAY - days(1)),))
    assert run(facts) == []


def test_done_hides_and_snooze_hides_until_its_day() -> None:
    facts = seen_ago(40, recent_contacts=(Contact(1, TODAY - days(2), "phone"),))
    pid = of("not_seen", run(facts))[0].id
    assert of("not_seen", run(facts, states={pid: PromptState("done")})) == []
    snoozed = {pid: PromptState("snoozed", TODAY + days(1))}
    assert of("not_seen", run(facts, states=snoozed)) == []
    assert of("not_seen", run(facts, today=TODAY + days(1), states=snoozed))
    # the situation changes (a new in-person meeting, then time passes): a new id shows again
    later = replace(facts, last_in_person=TODAY,
                    recent_contacts=(Contact(2, TODAY + days(30), "phone"),))
    assert of("not_seen", run(later, today=TODAY + days(31), states={pid: PromptState("done")}))


def test_candidates_include_done_prompts() -> None:
    facts = seen_ago(40, recent_contacts=(Contact(1, TODAY - days(2), "phone"),))
    pid = of("not_seen", run(facts))[0].id
    team = TeamFacts((facts,), {pid: PromptState("done")})
    assert pid in [p.id for p in candidate_prompts(TODAY, team, EngineSettings(), EN)]


def test_ties_break_by_name() -> None:
    a = seen_ago(40, pid=2, name="Åse", recent_contacts=(Contact(2, TODAY - days(2), "phone"),))
    b = seen_ago(40, pid=1, name="Bo", recent_contacts=(Contact(1, TODAY - days(2), "phone"),))
    assert [p.person for p in run(b, a)] == ["Bo", "Åse"] == [p.person for p in run(a, b)]  # å last


def test_tip_of_the_day_rotates_through_all_ten() -> None:
    ids = [tip_of_the_day(TODAY + days(i), EN).tip for i in range(10)]
    assert sorted(ids, key=int) == [str(i) for i in range(1, 11)]


def test_danish_text() -> None:
    found = of("not_seen", run(seen_ago(31), t=DA))
    assert found[0].title == "Mød Anna Berg ansigt til ansigt"
    assert "din rytme er hver 30. dag" in found[0].reason and "mål" not in found[0].reason
