"""The demo team's sites: team meetings at three of the sites, one site in change, local
helpers (one on the team, one outside it) and a wellbeing survey. Deterministic: the same
team and day give the same rows.

Only everyday members (no situation) come to the meetings, so a meeting never undoes a
situation the demo shows (someone not seen in person for months stays unseen).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from naervaer.content.engine_facts import site_key
from naervaer.storage.demo_team import Team

# days ago of each meeting, at the first, second and third site; the newest is 33 days
# old, so Today asks for the next one (at a site that has never hosted)
MEETING_DAYS_AGO = (100, 66, 33)
CHANGE_SITE, CHANGE_FROM, CHANGE_TO = 3, -10, 50
HELPER_ON_TEAM_SITE, HELPER_OUTSIDE_SITE = 1, 5
OUTSIDE_HELPER = "Lone Kjær"
SURVEY_DAYS_AGO = 150


@dataclass
class SitePlan:
    sites: list[tuple[Any, ...]] = field(default_factory=list)  # key, name, helper id, helper name, from, to
    meetings: list[tuple[Any, ...]] = field(default_factory=list)  # id, date, site, site_key
    attendance: list[tuple[Any, ...]] = field(default_factory=list)  # person_id, date, meeting_id
    surveys: list[tuple[Any, ...]] = field(default_factory=list)  # date


def plan_sites(team: Team, today: date) -> SitePlan:
    names = list(dict.fromkeys(m.site for m in team.members))
    everyday = [m for m in team.members if m.situation is None]
    plan = SitePlan()
    for meeting_id, (index, ago) in enumerate(zip(range(len(names)), MEETING_DAYS_AGO), start=1):
        day = (today - timedelta(days=ago)).isoformat()
        site = names[index]
        plan.meetings.append((meeting_id, day, site, site_key(site)))
        # the site's own everyday people and two from elsewhere
        came = [m for m in everyday if m.site == site][:4] + [m for m in everyday if m.site != site][index::7][:2]
        plan.attendance += [(m.id, day, meeting_id) for m in came]
    own: dict[int, tuple[Any, ...]] = {}
    if len(names) > CHANGE_SITE:
        site = names[CHANGE_SITE]
        own[CHANGE_SITE] = (site_key(site), site, None, None, (today + timedelta(days=CHANGE_FROM)).isoformat(),
                            (today + timedelta(days=CHANGE_TO)).isoformat())
    if len(names) > HELPER_ON_TEAM_SITE:
        site = names[HELPER_ON_TEAM_SITE]
        helper = next((m for m in everyday if m.site == site), None)
        if helper is not None:
            own[HELPER_ON_TEAM_SITE] = (site_key(site), site, helper.id, None, None, None)
    if len(names) > HELPER_OUTSIDE_SITE:
        site = names[HELPER_OUTSIDE_SITE]
        own[HELPER_OUTSIDE_SITE] = (site_key(site), site, None, OUTSIDE_HELPER, None, None)
    plan.sites = [own[i] for i in sorted(own)]
    plan.surveys = [((today - timedelta(days=SURVEY_DAYS_AGO)).isoformat(),)]
    return plan


def write_sites(conn: Any, plan: SitePlan) -> None:
    conn.executemany("INSERT INTO sites (key, name, helper_person_id, helper_name, change_from, change_to) "
                     "VALUES (?, ?, ?, ?, ?, ?)", plan.sites)
    conn.executemany("INSERT INTO meetings (id, date, site, site_key) VALUES (?, ?, ?, ?)", plan.meetings)
    conn.executemany("INSERT INTO meeting_people (person_id, date, meeting_id) VALUES (?, ?, ?)", plan.attendance)
    conn.executemany("INSERT INTO surveys (date) VALUES (?)", plan.surveys)
