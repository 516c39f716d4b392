"""Prompts about the team across its sites, not about one person's rhythm. Pure.

Meetings at every site in turn, the local helper and the birthday flag, the half-yearly
wellbeing survey and fairness across sites (``team_prompts``). They read ``TeamFacts.team`` (sites, meetings, the last survey) beside the people's facts and
run only when it is loaded (``storage.facts.load_team_facts`` always loads it). Priorities,
beside the bands in ``rules``:

  ask_helper 595–600 (in time for the day)  site_behind 350  meeting_due 320+
  survey_due 220

"The leader will not visit before the day" (``ask_helper``): Nærvær knows no visit plans, so
it reads the leader's habit. If you were at the site (an in-person note about anyone working
there, or a team meeting held there) within the last ``VISIT_HABIT_DAYS``, it counts on you
being there again in time; otherwise it asks the helper.

The competence map and the buddy scheme:

* ``connect`` (tip 9): now and then (once per ``connect_days`` period), put two people at
  different sites in touch, where one's skill is the other's interest or both share an
  interest. The pick goes round the candidate pairs period by period, so a pair comes back
  only after the others had their turn and never twice within ``connect_window_days``: with
  fewer pairs than periods in the window, the periods left over stay quiet. A pair marked
  done or snoozed within the window is skipped as well (the prompt id names the pair and
  the period it was shown in).
* ``buddy_rotation`` (the buddy extra): ``buddy_months`` after the current buddy round
  started, time for a new one. No round yet: no prompt (the leader starts the scheme).

Priorities: buddy_rotation 180, connect 150 (below the success digest, above the tip).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from naervaer.content import phrasing as say
from naervaer.content.engine_facts import PersonFacts, SiteFacts, TeamFacts, TeamLevel, site_key
from naervaer.content.facts import known_since
from naervaer.content.i18n import Translator
from naervaer.content.rules import Context, Prompt, capped, make, milestones
from naervaer.content.skills import Connection, connections
from naervaer.content.text import collate, one_line

VISIT_HABIT_DAYS = 7
MONTHS_COMPARED = 3  # fairness looks at this month and the two before
CONNECT_PRIORITY = 150
BUDDY_PRIORITY = 180


def add_months(day: date, months: int) -> date:
    """``day`` moved ``months`` ahead, on the last day of a shorter month (31 Aug + 6 = 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# -- sites, as the Sites view and the rules see them ----------------------------------


@dataclass(frozen=True, slots=True)
class SiteRow:
    """One site's presence figures (the Sites view, ``naervaer sites``, ``site_behind``)."""

    name: str
    people: int
    seen_this_month: int  # people seen in person this month
    share_month: float  # seen_this_month / people
    share_three: float  # person-months seen over this month and the two before / (people × 3)
    average_days: int | None  # mean days since each seen person's last in-person meeting
    never_seen: int
    open_promises: int
    overdue_promises: int
    last_meeting: date | None
    last_visit: date | None
    helper: str | None
    change: SiteFacts | None  # the site, when a change period covers today

    def days_since_visit(self, today: date) -> int | None:
        return (today - self.last_visit).days if self.last_visit else None


def site_rows(today: date, facts: TeamFacts) -> list[SiteRow]:
    """Every site with active people, the least seen in person first (three months, then this
    month, then the longest since a visit, then the name)."""
    team = facts.team or TeamLevel()
    groups: dict[str, list[PersonFacts]] = {}
    names: dict[str, str] = {}
    for pf in facts.people:
        if pf.person.archived or not pf.person.site:
            continue
        key = site_key(pf.person.site)
        groups.setdefault(key, []).append(pf)
        names.setdefault(key, pf.person.site)
    out = []
    for key, people in groups.items():
        site = next((s for s in team.sites if s.key == key), None)
        months = [pf.seen_months[:MONTHS_COMPARED] for pf in people]
        seen_now = sum(1 for m in months if m[:1] == (True,))
        seen_three = sum(sum(m) for m in months)
        seen_days = [(today - pf.last_in_person).days for pf in people if pf.last_in_person]
        last_seen = max((pf.last_in_person for pf in people if pf.last_in_person), default=None)
        meeting = site.last_meeting if site else None
        visit = max((d for d in (last_seen, meeting) if d is not None), default=None)
        dues = [p.due for pf in people for p in pf.open_promises]
        out.append(SiteRow(
            name=site.name if site else names[key], people=len(people), seen_this_month=seen_now,
            share_month=seen_now / len(people), share_three=seen_three / (len(people) * MONTHS_COMPARED),
            average_days=round(sum(seen_days) / len(seen_days)) if seen_days else None,
            never_seen=len(people) - len(seen_days), open_promises=len(dues),
            overdue_promises=sum(1 for d in dues if d is not None and d < today),
            last_meeting=meeting, last_visit=visit, helper=site.helper if site else None,
            change=site if site and site.change and site.change.covers(today) else None,
        ))
    return sorted(out, key=lambda r: (r.share_three, r.share_month,
                                      -(r.days_since_visit(today) or 10**6), collate(r.name)))


@dataclass(frozen=True, slots=True)
class SitesView:
    """What the Sites view shows: the rows, least seen first, and the plain sentence."""

    date: date
    rows: tuple[SiteRow, ...]
    average_three: float
    sentence: str  # how the least-seen site compares ("" with fewer than two sites)


def sites_view_of(today: date, facts: TeamFacts, t: Translator) -> SitesView:
    rows = site_rows(today, facts)
    sentence = compared(rows[0], rows, t) if len(rows) > 1 else ""
    return SitesView(today, tuple(rows), average_share(rows), sentence)


def average_share(rows: Sequence[SiteRow]) -> float:
    return sum(r.share_three for r in rows) / len(rows) if rows else 0.0


def compared(row: SiteRow, rows: Sequence[SiteRow], t: Translator) -> str:
    """The plain sentence: how much of you this site has had beside the average site."""
    mean = average_share(rows)
    ratio = row.share_three / mean if mean else 1.0
    for limit, word in ((0.1, "none"), (0.35, "quarter"), (0.6, "half"), (0.85, "less"),
                        (1.15, "same"), (1.6, "more")):
        if ratio < limit:
            break
    else:
        word = "double"
    return t(f"sites.compare.{word}", site=row.name, months=MONTHS_COMPARED)


# -- the rules -------------------------------------------------------------------------


def team_since(people: Sequence[PersonFacts]) -> date | None:
    """Since when the leader has led this team in Nærvær: the earliest a person was known
    (``facts.known_since``). The clocks with nothing recorded yet start there, so a new user
    is not greeted by a survey, a meeting and a fairness prompt at once."""
    return min((d for pf in people if (d := known_since(pf.person, pf.first_note)) is not None), default=None)


def team_prompts(ctx: Context, facts: TeamFacts) -> list[Prompt]:
    if facts.team is None:
        return []
    active = [pf for pf in facts.people if not pf.person.archived]
    return [
        *meeting_due(ctx, facts.team, active),
        *survey_due(ctx, facts.team, active),
        *site_behind(ctx, facts),
        *(p for pf in active for p in ask_helper(ctx, facts.team, pf, active)),
    ]


def _hosting_sites(team: TeamLevel, people: Sequence[PersonFacts]) -> list[tuple[str, date | None]]:
    """(name, last meeting there) of each site where someone active works."""
    seen: dict[str, tuple[str, date | None]] = {}
    for pf in people:
        if pf.person.site and site_key(pf.person.site) not in seen:
            site = team.site(pf.person.site)
            seen[site_key(pf.person.site)] = (site.name if site else pf.person.site,
                                              site.last_meeting if site else None)
    return list(seen.values())


def meeting_due(ctx: Context, team: TeamLevel, people: Sequence[PersonFacts]) -> Iterator[Prompt]:
    """The next team meeting, every ``meeting_days``, at the site whose turn it is: the one that
    hosted longest ago, or never (never first; ties by name)."""
    sites = _hosting_sites(team, people)
    if not sites:
        return
    last = team.last_meeting
    every = ctx.settings.meeting_days
    since = last[0] if last is not None else team_since(people)
    if since is None or (ctx.today - since).days < every:
        return
    turn, hosted = min(sites, key=lambda s: (s[1] is not None, s[1] or date.min, collate(s[0])))
    t = ctx.t
    when = (t("sites.prompt.meeting_due.hosted", date=say.day(hosted, t, ctx.today),
              ago=say.ago(hosted, ctx.today, t)) if hosted else t("sites.prompt.meeting_due.never_hosted"))
    if last is None:
        reason = t("sites.prompt.meeting_due.reason_first", site=turn, hosted=when, days=every)
        overdue = (ctx.today - since).days - every
    else:
        reason = t("sites.prompt.meeting_due.reason", date=say.day(last[0], t, ctx.today),
                   last_site=last[1], ago=say.ago(last[0], ctx.today, t), site=turn, hosted=when, days=every)
        overdue = (ctx.today - last[0]).days - every
    yield replace(make(ctx, None, "meeting_due", f"meeting_due:after{last[0] if last else 'never'}", "10",
                       320 + capped(overdue, 49), reason, title_key="sites.prompt.meeting_due.title", site=turn),
                  site=turn)


def survey_due(ctx: Context, team: TeamLevel, people: Sequence[PersonFacts]) -> Iterator[Prompt]:
    """The anonymous wellbeing survey, every ``survey_months`` from the last one recorded."""
    if not people:
        return
    months = ctx.settings.survey_months
    last = team.last_survey
    since = last if last is not None else team_since(people)
    if since is None or add_months(since, months) > ctx.today:
        return
    t = ctx.t
    if last is not None:
        reason = t("sites.prompt.survey_due.reason", date=say.day(last, t, ctx.today),
                   ago=say.ago(last, ctx.today, t), months=months)
    else:
        reason = t("sites.prompt.survey_due.reason_never", months=months)
    yield make(ctx, None, "survey_due", f"survey_due:after{last or 'never'}", "wellbeing_survey", 220,
               reason, title_key="sites.prompt.survey_due.title")


def site_behind(ctx: Context, facts: TeamFacts) -> Iterator[Prompt]:
    """The least-seen site, when its share seen in person over three months is below the average
    site's by more than ``fairness_margin`` percent."""
    rows = site_rows(ctx.today, facts)
    since = team_since([pf for pf in facts.people if not pf.person.archived])
    # three whole months to compare: the first of them must have begun after you started
    if len(rows) < 2 or since is None or since > add_months(ctx.today.replace(day=1), 1 - MONTHS_COMPARED):
        return
    mean = average_share(rows)
    low = rows[0]
    if mean <= 0 or low.share_three >= mean * (1 - ctx.settings.fairness_margin / 100):
        return
    t = ctx.t
    reason = compared(low, rows, t) + " " + t(
        "sites.prompt.site_behind.figures", share=round(low.share_three * 100), average=round(mean * 100),
        months=MONTHS_COMPARED)
    month = f"{ctx.today.year:04d}-{ctx.today.month:02d}"
    yield replace(make(ctx, None, "site_behind", f"site_behind:{site_key(low.name)}:{month}", "fair_across_sites",
                       350, reason, title_key="sites.prompt.site_behind.title", site=low.name), site=low.name)


FLAG_OCCASIONS = ("birthday", "anniversary")


def last_visit(site: str, team: TeamLevel, people: Sequence[PersonFacts]) -> date | None:
    """The leader's last visit to ``site``: an in-person meeting with anyone working there, or a
    team meeting held there."""
    key = site_key(site)
    found = [pf.last_in_person for pf in people
             if pf.person.site and site_key(pf.person.site) == key and pf.last_in_person]
    meeting = team.site(site).last_meeting if team.site(site) else None
    return max([*found, *([meeting] if meeting else [])], default=None)


def ask_helper(ctx: Context, team: TeamLevel, pf: PersonFacts,
               people: Sequence[PersonFacts]) -> Iterator[Prompt]:
    """A birthday or work anniversary within ``helper_days`` at a site you are not likely to visit
    before the day (see the module's rule): ask the site's local helper to put up the flag."""
    person = pf.person
    site = team.site(person.site)
    if site is None or not site.helper or site.helper_person_id == person.id:
        return
    if any(a.covers(ctx.today) for a in pf.away):
        return
    visit = last_visit(site.name, team, people)
    if visit is not None and (ctx.today - visit).days <= VISIT_HABIT_DAYS:
        return
    t = ctx.t
    for when, part, what_key, params in milestones(pf, ctx.today, ctx.settings.helper_days):
        if part not in FLAG_OCCASIONS:
            continue
        what = t(f"prompts.milestone.{what_key}", **params)
        been = (t("sites.prompt.ask_helper.visited", date=say.day(visit, t, ctx.today),
                  ago=say.ago(visit, ctx.today, t)) if visit else t("sites.prompt.ask_helper.never_visited"))
        reason = t("sites.prompt.ask_helper.reason", what=what, date=say.day(when, t, ctx.today),
                   when=say.ago(when, ctx.today, t), site=site.name, visited=been)
        ahead = (when - ctx.today).days
        yield make(ctx, pf, "ask_helper", f"ask_helper:p{person.id}:{part}:{when}", "3",
                   600 - capped(ahead, 5), reason, title_key="sites.prompt.ask_helper.title",
                   helper=one_line(site.helper, 40))


# -- the competence map and the buddy scheme -----------------------------------------


def connect_id(conn: Connection, period_start: date) -> str:
    a, b = conn.pair
    return f"connect:p{a}:p{b}:{period_start.isoformat()}"


def _recent_pairs(ctx: Context, facts: TeamFacts, period_start: date) -> set[tuple[int, int]]:
    """Pairs whose connect prompt was marked done or snoozed in an earlier period of the window."""
    since = ctx.today - timedelta(days=ctx.settings.connect_window_days)
    found: set[tuple[int, int]] = set()
    for prompt_id in facts.states:
        parts = prompt_id.split(":")
        if len(parts) != 4 or parts[0] != "connect":
            continue
        try:
            shown = date.fromisoformat(parts[3])
            pair = (int(parts[1].removeprefix("p")), int(parts[2].removeprefix("p")))
        except ValueError:
            continue
        if since <= shown < period_start:
            found.add(pair)
    return found


def connect(ctx: Context, facts: TeamFacts) -> Iterator[Prompt]:
    people = {pf.person.id: pf.person for pf in facts.people if not pf.person.archived}
    candidates = connections(facts.labels, {pid: p.site for pid, p in people.items()})
    if not candidates:
        return
    length = ctx.settings.connect_days
    period = ctx.today.toordinal() // length
    period_start = date.fromordinal(max(1, period * length))
    window = max(1, ctx.settings.connect_window_days // length)
    count = len(candidates)
    if count >= window:
        start = period % count
    elif period % window < count:
        start = period % window
    else:
        return
    skip = _recent_pairs(ctx, facts, period_start)
    pick = next((candidates[(start + i) % count] for i in range(count)
                 if candidates[(start + i) % count].pair not in skip), None)
    if pick is None:
        return
    helper, asker = people[pick.helper], people[pick.asker]
    key = "shared" if pick.shared else "skill"
    reason = ctx.t(f"skills.connect.reason_{key}", helper=helper.name, asker=asker.name,
                   helper_site=helper.site or "", asker_site=asker.site or "", label=pick.label)
    yield Prompt(
        id=connect_id(pick, period_start), kind="connect", person_id=asker.id, person=asker.name,
        site=asker.site, tip="9", priority=CONNECT_PRIORITY,
        title=ctx.t(f"skills.connect.title_{key}", helper=helper.name, asker=asker.name, label=pick.label),
        reason=reason,
    )


def buddy_rotation(ctx: Context, facts: TeamFacts) -> Iterator[Prompt]:
    current = facts.buddy_round
    active = sum(1 for pf in facts.people if not pf.person.archived)
    if current is None or active < 2:
        return
    months = ctx.settings.buddy_months
    due = add_months(current.started, months)
    if ctx.today < due:
        return
    yield Prompt(
        id=f"buddy_rotation:round{current.id}", kind="buddy_rotation", person_id=None, person=None,
        site=None, tip="9", priority=BUDDY_PRIORITY,
        title=ctx.t("buddies.prompt.title"),
        reason=ctx.t("buddies.prompt.reason", date=say.day(current.started, ctx.t, ctx.today),
                     ago=say.ago(current.started, ctx.today, ctx.t),
                     months=ctx.t.plural("buddies.months", months)),
        days=(ctx.today - due).days,
    )
