"""Scenario tests of the conversation kinds: ``one_to_one``, ``pulse_falling`` and the short
talk ``check_in``. Each: the facts that trigger it do, the nearest that should not, don't."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings, strategies as st
from test_engine import DA, EN, TODAY, calm, days, of, run

from naervaer.content.engine import candidate_prompts
from naervaer.content.engine_facts import Contact, PersonFacts, Pulse, TeamFacts
from naervaer.content.facts import Away
from naervaer.content.rules_talks import is_falling
from naervaer.content.settings import EngineSettings

# -- one_to_one -------------------------------------------------------------------------


def test_one_to_one_overdue_prompts_with_its_own_clock() -> None:
    # seen in person and heard from yesterday: only the one-to-one clock has run out
    found = of("one_to_one", run(calm(last_one_to_one=TODAY - days(31))))
    assert [p.id for p in found] == ["one_to_one:p1:since2026-10-23"]
    assert found[0].tip == "2" and found[0].days == 31 and "every 30 days" in found[0].reason
    assert "By phone counts" in found[0].reason


def test_one_to_one_on_the_day_of_its_rhythm_is_quiet() -> None:
    assert of("one_to_one", run(calm(last_one_to_one=TODAY - days(30)))) == []


def test_one_to_one_rhythm_zero_is_off() -> None:
    assert of("one_to_one", run(calm(last_one_to_one=None, one_to_one_days=0))) == []


def test_one_to_one_per_person_rhythm() -> None:
    assert of("one_to_one", run(calm(last_one_to_one=TODAY - days(20), one_to_one_days=14)))
    assert not of("one_to_one", run(calm(last_one_to_one=TODAY - days(20), one_to_one_days=21)))


def test_one_to_one_never_held_counts_from_when_they_were_known() -> None:
    found = of("one_to_one", run(calm(last_one_to_one=None, created=TODAY - days(40))))
    assert found[0].id == "one_to_one:p1:sincenever" and found[0].days == 40
    assert not of("one_to_one", run(calm(last_one_to_one=None, created=TODAY - days(10))))


def test_a_contact_or_an_in_person_visit_is_not_a_one_to_one() -> None:
    # met in person and called yesterday (calm), yet no one-to-one for 50 days: still due
    assert of("one_to_one", run(calm(last_one_to_one=TODAY - days(50))))


def test_one_to_one_pauses_while_away_and_skips_the_days_away() -> None:
    away_now = Away(1, 1, TODAY - days(5), TODAY + days(5))
    assert not of("one_to_one", run(calm(last_one_to_one=TODAY - days(60), away=(away_now,))))
    was_away = Away(2, 1, TODAY - days(30), TODAY - days(11))  # 20 days away
    assert not of("one_to_one", run(calm(last_one_to_one=TODAY - days(45), away=(was_away,))))


def test_no_contact_stands_in_for_one_to_one() -> None:
    quiet = calm(recent_contacts=(Contact(5, TODAY - days(40), "phone"),), last_one_to_one=TODAY - days(40))
    kinds = {p.kind for p in run(quiet)}
    assert "no_contact" in kinds and "one_to_one" not in kinds


def test_one_to_one_long_out_of_rhythm_joins_the_long_band() -> None:
    found = of("one_to_one", run(calm(last_one_to_one=TODAY - days(61))))
    assert found[0].group == "one_to_one:long" and found[0].priority >= 590


def test_one_to_one_danish() -> None:
    found = of("one_to_one", run(calm(last_one_to_one=TODAY - days(31)), t=DA))
    assert found[0].title == "Hold et 1:1-møde med Anna Berg" and "hver 30. dag" in found[0].reason


# -- pulse_falling ----------------------------------------------------------------------


def pulses(*values: int, last_ago: int = 2, step: int = 14) -> tuple[Pulse, ...]:
    n = len(values)
    return tuple(Pulse(500 + i, TODAY - days(last_ago + step * (n - 1 - i)), v) for i, v in enumerate(values))


def test_pulse_falling_prompts_to_ask_how_they_are() -> None:
    found = of("pulse_falling", run(calm(pulses=pulses(4, 3, 2))))
    assert [p.id for p in found] == ["pulse_falling:p1:note502"]
    p = found[0]
    assert p.tip == "care_hard_times" and p.title == "Ask how Anna Berg is doing"
    assert "good → okay → a bit strained" in p.reason


def test_pulse_falling_danish_words() -> None:
    p = of("pulse_falling", run(calm(pulses=pulses(4, 3, 2)), t=DA))[0]
    assert p.title == "Hør, hvordan Anna Berg har det" and "godt → okay → lidt presset" in p.reason


def test_pulse_nearest_misses_stay_quiet() -> None:
    assert not of("pulse_falling", run(calm(pulses=pulses(4, 2))))  # too few to call a trend
    assert not of("pulse_falling", run(calm(pulses=pulses(3, 3, 3))))  # steady
    assert not of("pulse_falling", run(calm(pulses=pulses(5, 5, 4, 4))))  # still good: no hard time
    assert not of("pulse_falling", run(calm(pulses=pulses(4, 4, 2, 4))))  # one low, then recovered
    assert not of("pulse_falling", run(calm(pulses=pulses(2, 3, 4))))  # rising


def test_pulse_falling_order_of_the_facts_does_not_matter() -> None:
    assert is_falling(tuple(reversed(pulses(4, 3, 2)))) and is_falling(pulses(4, 3, 2))


def test_pulse_falling_is_quiet_while_away() -> None:
    away_now = Away(1, 1, TODAY - days(1), TODAY + days(9))
    assert not of("pulse_falling", run(calm(pulses=pulses(4, 3, 2), away=(away_now,))))


# -- check_in: the short talk -------------------------------------------------------------


EVEN_DAY = TODAY if TODAY.toordinal() % 2 == 0 else TODAY + days(1)  # even ids are eligible


def worked(pid: int, name: str, quiet: int = 1, tags: tuple[str, ...] = ("problem",),
           today: date = EVEN_DAY) -> PersonFacts:
    """Heard from ``quiet`` days ago, each of the last two contacts tagged ``tags``."""
    contacts = (Contact(100 * pid, today - days(quiet), "phone", tags),
                Contact(100 * pid + 1, today - days(quiet + 3), "phone", tags))
    return calm(pid, name, today=today, recent_contacts=contacts)


def quiet_for(pid: int, name: str, quiet: int, today: date = EVEN_DAY) -> PersonFacts:
    return calm(pid, name, today=today, recent_contacts=(Contact(100 * pid, today - days(quiet), "in_person"),),
                last_in_person=today - days(quiet))


def talks(*people: PersonFacts, today: date = EVEN_DAY, count: int = 2, t=EN) -> list:
    return of("check_in", run(*people, today=today, settings=EngineSettings(check_in_people=count), t=t))


def test_check_in_picks_those_whose_last_contacts_were_about_problems_first() -> None:
    found = talks(worked(2, "Bo"), quiet_for(4, "Cai", 12))
    assert [p.person for p in found] == ["Bo", "Cai"]
    assert found[0].id == f"check_in:p2:{EVEN_DAY}" and found[0].tip == "call_without_reason"
    assert "about problems" in found[0].reason and "7–9 minutes" in found[0].reason


def test_check_in_then_the_longest_without_contact() -> None:
    found = talks(quiet_for(2, "Bo", 6), quiet_for(4, "Cai", 12), quiet_for(6, "Dee", 9), count=2)
    assert [p.person for p in found] == ["Cai", "Dee"]


def test_check_in_nearest_misses() -> None:
    # heard from recently, and not only about problems (one informal among them)
    assert not talks(quiet_for(2, "Bo", 4))
    assert not talks(worked(2, "Bo", tags=("problem", "informal")))
    # the setting at zero: no short talks
    assert not talks(worked(2, "Bo"), count=0)
    # someone with another prompt today gets no short talk on top
    overdue = replace(worked(2, "Bo"), last_one_to_one=EVEN_DAY - days(40))
    assert not talks(overdue)
    # away, or archived
    assert not talks(replace(worked(2, "Bo"), away=(Away(1, 2, EVEN_DAY - days(1), None),)))
    archived = worked(2, "Bo")
    assert not talks(replace(archived, person=replace(archived.person, archived=True)))


def test_a_missing_written_goal_does_not_crowd_out_a_short_talk() -> None:
    """no_goal is about the written goal, not about reaching out: the short talk still comes."""
    goalless = replace(worked(2, "Bo"), goals=())
    found = run(goalless, today=EVEN_DAY, settings=EngineSettings(check_in_people=2))
    assert {p.kind for p in found} >= {"no_goal", "check_in"}


def test_check_in_at_most_the_setting() -> None:
    team = [quiet_for(pid, f"P{pid}", 6 + pid) for pid in range(2, 20, 2)]
    assert len(talks(*team, count=3)) == 3 and len(talks(*team, count=1)) == 1


def test_check_in_danish_words() -> None:
    p = talks(worked(2, "Bo"), t=DA)[0]
    assert p.title == "Tag en kort snak med Bo: Hvordan går det?" and "Tjek" not in p.title + p.reason


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 60), st.booleans()), min_size=1, max_size=12),
       st.integers(0, 800), st.integers(0, 5))
def test_never_the_same_person_two_days_running(people: list, offset: int, drift: int) -> None:
    """Whatever the facts on either day (they may change overnight), no one twice in a row."""
    day = TODAY + timedelta(days=offset)

    def team(shift: int) -> TeamFacts:
        return TeamFacts(tuple(
            worked(pid, f"P{pid}", quiet=quiet + shift, today=day) if problems
            else quiet_for(pid, f"P{pid}", quiet + shift, today=day)
            for pid, (quiet, problems) in enumerate(people, start=1)))

    s = EngineSettings(check_in_people=3)
    first = {p.person_id for p in candidate_prompts(day, team(0), s, EN) if p.kind == "check_in"}
    second = {p.person_id for p in candidate_prompts(day + days(1), team(drift), s, EN) if p.kind == "check_in"}
    assert not first & second
