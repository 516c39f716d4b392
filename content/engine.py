"""The daily prompt engine: ``today + facts + settings -> ranked prompts``. Pure.

The rules live in ``rules`` (events) and ``rules_rhythm`` (time passing); this module
decides which rules run for whom, resolves overlaps, hides done and snoozed prompts and
ranks what is left. Overlaps, so one person does not flood the list:

* while someone is away, ``not_seen``, ``no_contact``, ``only_problems``, ``new_person``
  and ``unrecognized`` are silent for them (and ``rules.running_days`` pauses those clocks
  for the days spent away);
* ``no_contact`` stands in for ``not_seen`` when both apply: a call can happen today while a
  visit must be planned, and its reason names the last in-person meeting. Once any contact
  is made, ``not_seen`` appears on its own if it still applies;
* ``new_person`` stands in for ``no_contact`` during the first weeks (weekly beats fortnightly);
* ``only_problems`` waits while an ``after_fire`` check-in is open: that check-in comes first.

Ranking: priority (highest first), then the kind order below, then the person's name, then
the id, so the same facts always give the same list.
"""

from __future__ import annotations

from datetime import date

from naervaer.content import rules, rules_rhythm
from naervaer.content.coaching import Coaching
from naervaer.content.engine_facts import PersonFacts, PromptState, TeamFacts
from naervaer.content.i18n import Translator
from naervaer.content.rules import Context, Prompt
from naervaer.content.settings import EngineSettings
from naervaer.content.text import fold

__all__ = ["KINDS", "Prompt", "build_prompts", "candidate_prompts", "rank", "tip_of_the_day"]

KINDS = (
    "after_fire", "misunderstanding", "promise_due", "welcome_back", "milestone", "new_person",
    "not_seen", "no_contact", "only_problems", "unrecognized", "success_digest", "tip_of_the_day",
)
_ORDER = {kind: index for index, kind in enumerate(KINDS)}
TIP_COUNT = 10


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
        return out
    newcomer = list(rules_rhythm.new_person(ctx, pf))
    quiet = [] if newcomer else list(rules_rhythm.no_contact(ctx, pf))
    unseen = [] if quiet else list(rules_rhythm.not_seen(ctx, pf))
    fire_open = any(p.kind == "after_fire" for p in out)
    problems = [] if fire_open else list(rules_rhythm.only_problems(ctx, pf))
    return [*out, *newcomer, *quiet, *unseen, *problems, *rules_rhythm.unrecognized(ctx, pf)]


def rank_key(p: Prompt) -> tuple:
    return (-p.priority, _ORDER.get(p.kind, len(_ORDER)), fold(p.person or ""), p.person_id or 0, p.id)


def rank(prompts: list[Prompt]) -> list[Prompt]:
    return sorted(prompts, key=rank_key)


def candidate_prompts(today: date, facts: TeamFacts, settings: EngineSettings,
                      t: Translator) -> list[Prompt]:
    """Every prompt that applies today, done and snoozed ones included, ranked; no tip."""
    ctx = Context(today, settings, t)
    found = [p for pf in facts.people for p in person_prompts(ctx, pf)]
    found += rules_rhythm.success_digest(ctx, facts.people)
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
    """Tip ``n`` on day ``ordinal % 10``: any ten consecutive days show all ten tips."""
    tip = Coaching(t).tips()[today.toordinal() % TIP_COUNT]
    return Prompt(
        id=f"tip_of_the_day:{today}:tip{tip.id}", kind="tip_of_the_day", person_id=None,
        person=None, site=None, tip=tip.id, priority=0,
        title=t("prompts.tip_of_the_day.title", id=tip.id, tip=tip.title),
        reason=tip.reflection,
    )
