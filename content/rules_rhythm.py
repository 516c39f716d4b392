"""The rhythm rules: prompts that come from time passing without something happening.

``not_seen``, ``no_contact``, ``only_problems``, ``new_person`` and ``unrecognized`` per
person, and the team's ``success_digest``. The engine calls the per-person ones only while
the person is not away; ``facts.running_days`` pauses their clocks for days spent away.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from naervaer.content import phrasing as say
from naervaer.content.engine_facts import PROBLEM_TAGS, PersonFacts, shortened
from naervaer.content.facts import running_days
from naervaer.content.rules import Context, Prompt, capped, clock_start, make, rhythm_rank
from naervaer.content.vocab import IN_PERSON


def _clock(pf: PersonFacts, last: date | None, today: date) -> tuple[date | None, int | None]:
    """(since, days counting) from the last event, else from where the clocks start."""
    since = last if last is not None else clock_start(pf)
    return since, (running_days(pf.away, since, today) if since is not None else None)


def _paused(pf: PersonFacts, since: date | None, days: int | None, today: date) -> int:
    return 0 if since is None or days is None else (today - since).days - days


def in_change(ctx: Context, pf: PersonFacts) -> bool:
    return pf.change is not None and pf.change.covers(ctx.today)


def target(ctx: Context, pf: PersonFacts, usual: int) -> int:
    """A rhythm in days; shorter by the ``change_factor`` while the person's site is in change."""
    return shortened(usual, ctx.settings.change_factor) if in_change(ctx, pf) else usual


def _change_note(ctx: Context, pf: PersonFacts, usual: int) -> str:
    """Why the rhythm is shorter: Today says so in the reason."""
    if not in_change(ctx, pf) or pf.change is None:
        return ""
    t = ctx.t
    if pf.change.end is None:
        return " " + t("sites.prompt.in_change_open", site=pf.change.site, usual=usual)
    return " " + t("sites.prompt.in_change", site=pf.change.site, usual=usual,
                   date=say.day(pf.change.end, t, ctx.today))


def not_seen(ctx: Context, pf: PersonFacts) -> Iterator[Prompt]:
    p = pf.person
    rhythm = target(ctx, pf, p.in_person_days)
    since, days = _clock(pf, pf.last_in_person, ctx.today)
    if days is not None and days <= rhythm:
        return
    t = ctx.t
    params = dict(site=say.site(p.site, t), target=rhythm,
                  paused=_paused(pf, since, days, ctx.today))
    if pf.last_in_person is not None:
        key = "prompts.not_seen.reason"
        params.update(date=say.day(pf.last_in_person, t, ctx.today), ago=say.ago(pf.last_in_person, ctx.today, t))
    elif since is not None:
        key = "prompts.not_seen.reason_never"
        params.update(date=say.day(since, t, ctx.today), ago=say.ago(since, ctx.today, t))
    else:
        key = "prompts.not_seen.reason_unknown"
    reason = t(key, **params) + _change_note(ctx, pf, p.in_person_days)
    if params["paused"]:
        reason += " " + t("prompts.paused", days=params["paused"])
    priority, group = rhythm_rank("not_seen", days, rhythm, 400) if days is not None else (400, "")
    yield make(ctx, pf, "not_seen", f"not_seen:p{p.id}:since{pf.last_in_person or 'never'}", "5",
               priority, reason, group=group, clock_days=days)


def no_contact(ctx: Context, pf: PersonFacts) -> Iterator[Prompt]:
    """No contact of any kind for too long. Its reason also names the last in-person meeting,
    because the engine lets it stand in for ``not_seen`` when both apply."""
    p = pf.person
    rhythm = target(ctx, pf, p.contact_days)
    last = pf.last_contact
    since, days = _clock(pf, last.date if last else None, ctx.today)
    if days is not None and days <= rhythm:
        return
    t = ctx.t
    if last is not None:
        reason = t("prompts.no_contact.reason", target=rhythm,
                   spoke=say.last_contact(last.date, last.channel, ctx.today, t))
    else:
        reason = t("prompts.no_contact.reason_never", days=days if days is not None else "?",
                   target=rhythm)
    reason += _change_note(ctx, pf, p.contact_days)
    if pf.last_in_person is None:
        reason += " " + t("prompts.no_contact.never_seen", site=say.site(p.site, t))
    elif last is None or last.channel != IN_PERSON:
        reason += " " + t("prompts.no_contact.seen", date=say.day(pf.last_in_person, t, ctx.today),
                          site=say.site(p.site, t))
    paused = _paused(pf, since, days, ctx.today)
    if paused:
        reason += " " + t("prompts.paused", days=paused)
    priority, group = rhythm_rank("no_contact", days, rhythm, 380) if days is not None else (380, "")
    yield make(ctx, pf, "no_contact", f"no_contact:p{p.id}:since{last.date if last else 'never'}",
               "call_without_reason", priority, reason, group=group, clock_days=days)


def only_problems(ctx: Context, pf: PersonFacts) -> Iterator[Prompt]:
    count = ctx.settings.only_problems_count
    latest = sorted(pf.recent_contacts, key=lambda c: c.key, reverse=True)[:count]
    if len(latest) < count or not all(PROBLEM_TAGS & set(c.tags) for c in latest):
        return
    tags = sorted({tag for c in latest for tag in c.tags if tag in PROBLEM_TAGS})
    words = ", ".join(ctx.t(f"vocab.tag_{tag}") for tag in tags)
    reason = ctx.t("prompts.only_problems.reason", count=count, tags=words,
                   since=say.day(latest[-1].date, ctx.t, ctx.today))
    yield make(ctx, pf, "only_problems", f"only_problems:p{pf.person.id}:note{latest[0].note_id}",
                "4", 300, reason)


def new_person(ctx: Context, pf: PersonFacts) -> Iterator[Prompt]:
    """Weekly contact in the first weeks: nothing in the last ``new_person_contact_days``."""
    started = pf.person.started
    if started is None or not 0 <= (ctx.today - started).days < ctx.settings.new_person_days:
        return
    last = pf.last_contact
    quiet = (ctx.today - last.date).days if last else (ctx.today - started).days + 1
    if last is not None and quiet < ctx.settings.new_person_contact_days:
        return
    t = ctx.t
    spoke = say.last_contact(last.date if last else None, last.channel if last else None, ctx.today, t)
    reason = t("prompts.new_person.reason", date=say.day(started, t, ctx.today),
               ago=say.ago(started, ctx.today, t), spoke=spoke)
    yield make(ctx, pf, "new_person", f"new_person:p{pf.person.id}:since{last.date if last else 'never'}",
                "2", 500 + capped(quiet - ctx.settings.new_person_contact_days), reason,
                group="new_person", clock_days=quiet)


def unrecognized(ctx: Context, pf: PersonFacts) -> Iterator[Prompt]:
    start = clock_start(pf)
    marks = [d for d in (pf.last_success, start) if d is not None]
    since = max(marks) if marks else None
    if since is None:
        return
    days = running_days(pf.away, since, ctx.today)
    limit = ctx.settings.unrecognized_days
    if days <= limit:
        return
    t = ctx.t
    if pf.last_success is not None and pf.last_success >= since:
        reason = t("prompts.unrecognized.reason", date=say.day(pf.last_success, t, ctx.today), days=days)
    else:
        reason = t("prompts.unrecognized.reason_never", days=days)
    yield make(ctx, pf, "unrecognized", f"unrecognized:p{pf.person.id}:since{since}", "7",
                250 + capped(days - limit, 49), reason, group="unrecognized", clock_days=days)


def success_digest(ctx: Context, people: tuple[PersonFacts, ...]) -> Iterator[Prompt]:
    """On the digest weekday: share this week's successes, or ask for some if none lately."""
    today, s, t = ctx.today, ctx.settings, ctx.t
    if today.weekday() != s.digest_weekday:
        return
    monday = today - timedelta(days=today.weekday())
    active = [pf for pf in people if not pf.person.archived]
    week = sorted(
        ((sn.date, sn.note_id, pf.person.name) for pf in active for sn in pf.recent_successes
         if monday <= sn.date <= today),
    )
    if week:
        names: dict[str, int] = {}
        for _, _, name in week:
            names[name] = names.get(name, 0) + 1
        listed = ", ".join(name if n == 1 else f"{name} ({n})" for name, n in names.items())
        reason = t.plural("prompts.success_digest.share_reason", len(week), names=listed)
        yield make(ctx, None, "success_digest", f"success_digest:{monday}:share", "7", 200,
                    reason, title_key="prompts.success_digest.share_title")
        return
    recent = [pf.last_success for pf in active if pf.last_success is not None]
    last = max(recent, default=None)
    if last is not None and (today - last).days < s.digest_lookback_days:
        return
    reason = t("prompts.success_digest.ask_reason", days=s.digest_lookback_days)
    yield make(ctx, None, "success_digest", f"success_digest:{monday}:ask", "7", 200, reason,
                title_key="prompts.success_digest.ask_title")
