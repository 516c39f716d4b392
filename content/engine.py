"""The daily prompt engine: ``today + facts + settings -> ranked prompts``. Pure.

The rules live in ``rules`` (events) and ``rules_rhythm`` (time passing); this module
decides which rules run for whom, resolves overlaps, hides done and snoozed prompts and
ranks what is left. Overlaps, so one person does not flood the list:

* while someone is away, ``not_seen``, ``no_contact``, ``only_problems``, ``new_person``
  and ``unrecognized`` are silent for them (and ``facts.running_days`` pauses those clocks
  for the days spent away);
* ``no_contact`` stands in for ``not_seen`` when both apply: a call can happen today while a
  visit must be planned, and its reason names the last in-person meeting. Once any contact
  is made, ``not_seen`` appears on its own if it still applies;
* ``new_person`` stands in for ``no_contact`` during the first weeks (weekly beats fortnightly);
* ``only_problems`` waits while an ``after_fire`` check-in is open: that check-in comes first;
* ``one_to_one`` waits while ``no_contact`` or ``new_person`` applies (a call comes first);
* a short talk (``check_in``) is suggested only to people with no other prompt today.
* ``no_goal`` and ``goal_review`` (tip 1) are silent while someone is away, like the rhythm;
* every prompt about a person carries their open talking points in its reason.

Ranking: priority (highest first), then the kind order below, then the longer-running clock
(``Prompt.days``), then the person's name, then the id, so the same facts always give the same list. The priority bands are listed in
``rules``; the rule in words is in the README ("How Today ranks").

Today shows the ranked list in ``today_list``: prompts that share a ``group`` (the same rhythm
kind and band) become one ``Group`` entry when there are ``GROUP_FROM`` or more of them, placed
where its highest-ranked member would stand; the first ``today_limit`` entries are the top.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from naervaer.content import rules, rules_goals, rules_rhythm, rules_talks, rules_team
from naervaer.content.coaching import Coaching
from naervaer.content.coaching_book import reflection_of_the_day
from naervaer.content.engine_facts import PersonFacts, PromptState, TeamFacts
from naervaer.content.i18n import Translator
from naervaer.content.rules import Context, Prompt
from naervaer.content.settings import EngineSettings
from naervaer.content.text import collate

__all__ = ["KINDS", "Entry", "Group", "Prompt", "TodayList", "build_prompts", "candidate_prompts",
           "group_prompts", "rank", "tip_of_the_day", "today_list"]

KINDS = (
    "after_fire", "misunderstanding", "promise_due", "welcome_back", "ask_helper", "pulse_falling",
    "milestone", "new_person", "not_seen", "one_to_one", "no_contact", "site_behind", "meeting_due",
    "check_in", "only_problems", "goal_review", "unrecognized", "no_goal", "survey_due",
    "success_digest", "buddy_rotation", "connect", "tip_of_the_day",
)
_ORDER = {kind: index for index, kind in enumerate(KINDS)}
TIP_COUNT = 10
GROUP_FROM = 3  # this many prompts of one group are shown as one entry


def person_prompts(ctx: Context, pf: PersonFacts) -> list[Prompt]:
    if pf.person.archived:
        return []
    out = [
        *rules.after_fire(ctx, pf),
        *rules.misunderstanding(ctx, pf),
        *rules.promise_due(ctx, pf),
        *rules.milestone(ctx, pf),
        *rules.welcome_back(ctx, pf),
    ]
    away_now = any(a.covers(ctx.today) for a in pf.away)
    started = pf.person.started
    if away_now or (started is not None and started > ctx.today):
        return rules_goals.with_points(ctx, pf, out)
    newcomer = list(rules_rhythm.new_person(ctx, pf))
    quiet = [] if newcomer else list(rules_rhythm.no_contact(ctx, pf))
    unseen = [] if quiet else list(rules_rhythm.not_seen(ctx, pf))
    fire_open = any(p.kind == "after_fire" for p in out)
    problems = [] if fire_open else list(rules_rhythm.only_problems(ctx, pf))
    # a call comes first (no_contact, new_person); then the one-to-one has its own clock
    talk = [] if newcomer or quiet else list(rules_talks.one_to_one(ctx, pf))
    goals = [*rules_goals.goal_review(ctx, pf), *rules_goals.no_goal(ctx, pf)]
    found = [*out, *newcomer, *quiet, *unseen, *talk, *problems, *rules_rhythm.unrecognized(ctx, pf),
             *rules_talks.pulse_falling(ctx, pf), *goals]
    return rules_goals.with_points(ctx, pf, found)


def rank_key(p: Prompt) -> tuple:
    return (-p.priority, _ORDER.get(p.kind, len(_ORDER)), -(p.days or 0), collate(p.person or ""),
            p.person_id or 0, p.id)


def rank(prompts: list[Prompt]) -> list[Prompt]:
    return sorted(prompts, key=rank_key)


GOAL_KINDS = frozenset({"no_goal", "goal_review"})


def candidate_prompts(today: date, facts: TeamFacts, settings: EngineSettings,
                      t: Translator) -> list[Prompt]:
    """Every prompt that applies today, done and snoozed ones included, ranked; no tip."""
    ctx = Context(today, settings, t)
    found = [p for pf in facts.people for p in person_prompts(ctx, pf)]
    # a prompt about a written goal is not a reason to reach out: it does not stand in for a talk
    prompted = {p.person_id for p in found if p.person_id is not None and p.kind not in GOAL_KINDS}
    found += rules_talks.check_ins(ctx, facts.people, prompted)  # only people with nothing else today
    found += rules_rhythm.success_digest(ctx, facts.people)
    found += rules_team.buddy_rotation(ctx, facts)
    found += rules_team.connect(ctx, facts)
    found += rules_team.team_prompts(ctx, facts)
    return rank(found)


def is_hidden(state: PromptState | None, today: date) -> bool:
    if state is None:
        return False
    if state.state == "done":
        return True
    return state.until is not None and state.until > today


def build_prompts(today: date, facts: TeamFacts, settings: EngineSettings,
                  t: Translator) -> list[Prompt]:
    """Today's prompts, ranked, without done or snoozed ones; the tip of the day comes last."""
    shown = [
        p for p in candidate_prompts(today, facts, settings, t)
        if not is_hidden(facts.states.get(p.id), today)
    ]
    return [*shown, tip_of_the_day(today, t)]


def tip_of_the_day(today: date, t: Translator) -> Prompt:
    """Tip ``n`` on day ``ordinal % 10``: any ten consecutive days show all ten tips. Its
    question is the day's reflection (``coaching_book.reflection_of_the_day``)."""
    tip = Coaching(t).tips()[today.toordinal() % TIP_COUNT]
    return Prompt(
        id=f"tip_of_the_day:{today}:tip{tip.id}", kind="tip_of_the_day", person_id=None,
        person=None, site=None, tip=tip.id, priority=0,
        title=t("prompts.tip_of_the_day.title", id=tip.id, tip=tip.title),
        reason=reflection_of_the_day(today, t),  # every reflection question comes round in turn
    )


@dataclass(frozen=True, slots=True)
class Group:
    """Several prompts of one kind shown as one entry; each member stays reachable."""

    key: str
    title: str
    prompts: tuple[Prompt, ...]

    @property
    def id(self) -> str:
        return f"group:{self.key}"

    @property
    def kind(self) -> str:
        return self.prompts[0].kind


Entry = Prompt | Group


@dataclass(frozen=True, slots=True)
class TodayList:
    """Today's entries, ranked and grouped; the first ``limit`` are the top."""

    entries: tuple[Entry, ...]
    tip: Prompt
    limit: int

    @property
    def top(self) -> tuple[Entry, ...]:
        return self.entries[: self.limit]

    @property
    def more(self) -> int:
        return len(self.entries) - len(self.top)


def group_title(key: str, members: list[Prompt], t: Translator) -> str:
    """"5 people you have not seen in person for 70–110 days": the range the members span
    (counting from the smallest alone read as if all were that far behind)."""
    days = [p.days for p in members if p.days is not None]
    low, high = min(days, default=0), max(days, default=0)
    return t.plural(f"prompts.group.{members[0].kind}", len(members), days=f"{low}–{high}" if high > low else low)


def group_prompts(prompts: list[Prompt], t: Translator, min_size: int = GROUP_FROM) -> list[Entry]:
    """Ranked prompts to entries: each big enough group in place of its first member."""
    members: dict[str, list[Prompt]] = {}
    for p in prompts:
        if p.group:
            members.setdefault(p.group, []).append(p)
    out: list[Entry] = []
    placed: set[str] = set()
    for p in prompts:
        if not p.group or len(members[p.group]) < min_size:
            out.append(p)
        elif p.group not in placed:
            placed.add(p.group)
            out.append(Group(p.group, group_title(p.group, members[p.group], t), tuple(members[p.group])))
    return out


def today_list(today: date, facts: TeamFacts, settings: EngineSettings, t: Translator,
               limit: int | None = None) -> TodayList:
    """What Today shows, in the app and on the command line alike."""
    *actions, tip = build_prompts(today, facts, settings, t)
    return TodayList(tuple(group_prompts(actions, t)), tip, limit or settings.today_limit)
