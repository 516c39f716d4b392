"""The competence map (labels, connections) and the two team prompts, on facts alone.

Scenario tests as in test_engine: each prompt with the facts that trigger it, and the
nearest facts that must not.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from naervaer.content.buddies import BuddyRound
from naervaer.content.engine import build_prompts
from naervaer.content.engine_facts import PersonFacts, PromptState, TeamFacts
from naervaer.content.errors import InputError
from naervaer.content.facts import Person
from naervaer.content.i18n import Translator
from naervaer.content.rules_team import connect_id
from naervaer.content.settings import EngineSettings
from naervaer.content.skills import Connection, Label, checked_label, connections, label_key, suggestions

TODAY = date(2026, 11, 23)
EN, DA = Translator("en"), Translator("da")


def person(pid: int, name: str, site: str | None, **kw) -> PersonFacts:
    """Someone nothing else is due for (seen and praised yesterday)."""
    from naervaer.content.engine_facts import Contact

    p = Person(pid, name, site=site, created=date(2025, 1, 1), **kw)
    return PersonFacts(person=p, last_in_person=TODAY - timedelta(days=1),
                       recent_contacts=(Contact(1000 + pid, TODAY - timedelta(days=1), "in_person"),),
                       last_success=TODAY - timedelta(days=1))


ANNA = person(1, "Anna Berg", "Køkken Nord")
BO = person(2, "Bo Lund", "Køkken Syd")
CAI = person(3, "Cai Holm", "Køkken Nord")


TEAM_KINDS = ("connect", "buddy_rotation")


def run(*people: PersonFacts, labels=(), states=None, buddy_round=None, today=TODAY,
        settings: EngineSettings | None = None, t: Translator = EN, everything: bool = False):
    """The team prompts (with ``everything``, all prompts) the facts give on ``today``."""
    facts = TeamFacts(tuple(people), states or {}, labels=tuple(labels), buddy_round=buddy_round)
    found = build_prompts(today, facts, settings or EngineSettings(), t)[:-1]
    return found if everything else [p for p in found if p.kind in TEAM_KINDS]


def kinds(prompts) -> list[str]:
    return [p.kind for p in prompts]


# -- labels --------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["Allergener", "ALLERGENER", "allergener ", "allérgener", "Allergener\u200b"])
def test_labels_fold_for_case_and_diacritics(typed: str) -> None:
    assert label_key(typed) == label_key("allergener")


def test_danish_letters_fold_as_names_do() -> None:
    assert label_key("Førstehjælp") == label_key("forstehjaelp") == label_key("FØRSTEHJÆLP")
    assert label_key("Ålborg-kost") == label_key("Aalborg-kost")


@pytest.mark.parametrize("typed", ["", "   ", "\u200b", "x" * 41])
def test_bad_labels_are_refused(typed: str) -> None:
    with pytest.raises(InputError):
        checked_label(typed)


def test_a_label_is_stored_clean() -> None:
    assert checked_label("  vagt\u200bplan   rytme ") == "vagtplan rytme"


def test_suggestions_keep_one_spelling_per_label_in_danish_order() -> None:
    assert suggestions(["vagtplan", "Allergener", "allergener", "ølbrygning", "zoneterapi"]) == [
        "Allergener", "vagtplan", "zoneterapi", "ølbrygning"]


# -- connections ---------------------------------------------------------------------

SITES = {1: "Køkken Nord", 2: "Køkken Syd", 3: "Køkken Nord", 4: None}


def test_a_skill_meets_an_interest_across_sites() -> None:
    found = connections([Label(1, "skill", "allergener"), Label(2, "interest", "Allergener")], SITES)
    assert found == [Connection(helper=1, asker=2, label="allergener", shared=False)]


def test_a_shared_interest_connects_too_but_after_a_skill() -> None:
    labels = [Label(1, "interest", "vagtplan"), Label(2, "interest", "vagtplan"),
              Label(3, "skill", "demens"), Label(2, "interest", "demens")]
    found = connections(labels, SITES)
    assert [(c.helper, c.asker, c.shared) for c in found] == [(3, 2, False), (1, 2, True)]


def test_one_connection_per_pair() -> None:
    labels = [Label(1, "skill", "allergener"), Label(2, "interest", "allergener"),
              Label(1, "interest", "bagning"), Label(2, "interest", "bagning")]
    assert len(connections(labels, SITES)) == 1


@pytest.mark.parametrize("labels", [
    [Label(1, "skill", "allergener"), Label(3, "interest", "allergener")],  # same site
    [Label(1, "skill", "allergener"), Label(4, "interest", "allergener")],  # no site known
    [Label(1, "skill", "allergener"), Label(2, "skill", "allergener")],  # two skills: nobody asks
    [Label(1, "skill", "allergener"), Label(1, "interest", "allergener")],  # oneself
    [Label(1, "skill", "allergener"), Label(9, "interest", "allergener")],  # not active
])
def test_no_connection(labels) -> None:
    assert connections(labels, SITES) == []


# -- the connect prompt ----------------------------------------------------------------

MATCH = [Label(1, "skill", "allergener"), Label(2, "interest", "allergener")]
# with a single pair and the default window (180 days = twelve 14-day periods) the pair has one
# period in twelve; this is its first one from TODAY on
SHOWN = next(TODAY + timedelta(days=d) for d in range(200)
             if (TODAY.toordinal() + d) // 14 % 12 == 0)


def test_connect_puts_two_people_at_different_sites_in_touch() -> None:
    (p,) = run(ANNA, BO, labels=MATCH, today=SHOWN)
    assert p.kind == "connect" and p.tip == "9" and p.person_id == 2
    assert p.title == "Put Bo Lund in touch with Anna Berg: allergener"
    assert "Anna Berg (Køkken Nord) knows about allergener" in p.reason
    (da,) = run(ANNA, BO, labels=MATCH, t=DA, today=SHOWN)
    assert da.title == "Sæt Bo Lund i kontakt med Anna Berg: allergener"


def test_connect_nearest_facts_that_do_not_trigger_it() -> None:
    assert run(ANNA, CAI, labels=[Label(1, "skill", "allergener"), Label(3, "interest", "allergener")],
               today=SHOWN) == []
    assert run(ANNA, BO, labels=[Label(1, "skill", "allergener"), Label(2, "skill", "allergener")],
               today=SHOWN) == []
    assert run(ANNA, replace(BO, person=replace(BO.person, archived=True)), labels=MATCH, today=SHOWN) == []
    assert run(ANNA, BO, labels=[Label(1, "skill", "allergener"), Label(2, "interest", "allergi")],
               today=SHOWN) == []
    assert run(ANNA, BO, labels=MATCH, today=SHOWN - timedelta(days=1)) == []  # not this pair's period


def test_connect_keeps_its_id_for_the_period_and_changes_with_the_next() -> None:
    settings = EngineSettings(connect_days=14)
    found = [run(ANNA, BO, labels=MATCH, today=SHOWN + timedelta(days=d), settings=settings) for d in range(14)]
    assert {p.id for (p,) in found} == {f"connect:p1:p2:{SHOWN.isoformat()}"}


def test_with_fewer_pairs_than_periods_a_pair_waits_out_the_window() -> None:
    settings = EngineSettings(connect_days=14, connect_window_days=70)  # five periods
    shown = []
    for period in range(10):
        day = date.fromordinal((TODAY.toordinal() // 14 + period) * 14)
        shown.append(bool(run(ANNA, BO, labels=MATCH, today=day, settings=settings)))
    assert sum(shown) == 2  # one pair: once per window
    first, second = [i for i, s in enumerate(shown) if s]
    assert second - first == 5


def test_many_pairs_never_repeat_within_the_window() -> None:
    people = [person(i, f"P{i:02}", f"Site {i % 2}") for i in range(1, 13)]
    labels = [Label(i, "skill" if i % 2 else "interest", "vagtplan") for i in range(1, 13)]
    settings = EngineSettings(connect_days=7, connect_window_days=56)  # eight periods
    picks = []
    for period in range(30):
        day = date.fromordinal((TODAY.toordinal() // 7 + period) * 7)
        found = run(*people, labels=labels, today=day, settings=settings)
        picks.append(found[0].id.split(":")[1:3] if found else None)
    for i, pick in enumerate(picks):
        assert pick is not None
        assert pick not in picks[max(0, i - 7):i]


def test_a_pair_marked_done_is_skipped_within_the_window() -> None:
    """With a window of one period the rotation offers the only pair every period; once marked
    done it stays away for the window, then comes back."""
    every = EngineSettings(connect_days=14, connect_window_days=14)
    (first,) = run(ANNA, BO, labels=MATCH, settings=every, today=SHOWN)
    done = {first.id: PromptState("done")}
    assert run(ANNA, BO, labels=MATCH, settings=every, today=SHOWN + timedelta(days=3), states=done) == []
    next_period = SHOWN + timedelta(days=14)
    assert run(ANNA, BO, labels=MATCH, settings=every, today=next_period) != []  # unmarked: offered
    assert run(ANNA, BO, labels=MATCH, settings=every, today=next_period, states=done) == []
    (back,) = run(ANNA, BO, labels=MATCH, settings=every, today=SHOWN + timedelta(days=28), states=done)
    assert back.id == f"connect:p1:p2:{(SHOWN + timedelta(days=28)).isoformat()}"


def test_connect_id_names_both_people_and_the_period() -> None:
    assert connect_id(Connection(7, 3, "x", False), date(2026, 11, 16)) == "connect:p3:p7:2026-11-16"


# -- the buddy rotation prompt -----------------------------------------------------------

ROUND = BuddyRound(4, date(2026, 8, 23), ((1, 2),))


def test_buddy_rotation_when_the_round_is_three_months_old() -> None:
    (p,) = run(ANNA, BO, buddy_round=ROUND)
    assert p.kind == "buddy_rotation" and p.person_id is None and p.id == "buddy_rotation:round4"
    assert p.title == "Pair up new buddies"
    assert "3 months" in p.reason
    (da,) = run(ANNA, BO, buddy_round=ROUND, t=DA)
    assert da.title == "Sæt nye buddy-par sammen" and "3 måneder" in da.reason


def test_buddy_rotation_nearest_facts_that_do_not_trigger_it() -> None:
    assert run(ANNA, BO, buddy_round=None) == []  # the scheme has not started
    assert run(ANNA, BO, buddy_round=replace(ROUND, started=date(2026, 8, 24))) == []  # due tomorrow
    assert run(ANNA, buddy_round=ROUND) == []  # one person: nobody to pair
    assert run(ANNA, BO, buddy_round=ROUND, settings=EngineSettings(buddy_months=4)) == []


def test_buddy_rotation_done_stays_hidden_until_a_new_round() -> None:
    states = {"buddy_rotation:round4": PromptState("done")}
    assert run(ANNA, BO, buddy_round=ROUND, states=states) == []
    assert kinds(run(ANNA, BO, buddy_round=replace(ROUND, id=5, started=date(2026, 5, 1)), states=states)) == [
        "buddy_rotation"]


def test_team_prompts_rank_below_the_person_prompts() -> None:
    late = replace(BO, last_in_person=SHOWN - timedelta(days=45), recent_contacts=())
    found = kinds(run(ANNA, late, labels=MATCH, buddy_round=ROUND, today=SHOWN, everything=True))
    assert "not_seen" in found or "no_contact" in found
    assert found[-2:] == ["buddy_rotation", "connect"]
