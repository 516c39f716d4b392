"""The JSON documents of ``--format json``: one function per use case's result.

Keys and order are a contract with scripts: change them only with a new key, never by
renaming. Dates are ISO strings (None when unknown); ids are the stored ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # each command imports only the result it shows (`team` needs no engine)
    from naervaer.content.briefing import SiteBriefing
    from naervaer.content.coaching import Principle, Tip
    from naervaer.content.coaching_book import Section
    from naervaer.content.engine import TodayList
    from naervaer.content.engine_facts import Meeting
    from naervaer.content.rules import Prompt
    from naervaer.content.rules_team import SitesView
    from naervaer.content.views import MonthChecklist, TeamRow


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def prompt_doc(p: Prompt) -> dict[str, Any]:
    return {"id": p.id, "kind": p.kind, "person": p.person, "tip": p.tip,
            "priority": p.priority, "title": p.title, "reason": p.reason}


def today_doc(day: date, listed: TodayList) -> dict[str, Any]:
    """The shown entries flattened (a group's members in its place), then the tip."""
    from naervaer.content.engine import Group

    flat = [p for e in listed.top for p in (e.prompts if isinstance(e, Group) else (e,))]
    return {"date": day.isoformat(), "prompts": [prompt_doc(p) for p in [*flat, listed.tip]]}


def briefing_doc(b: SiteBriefing) -> dict[str, Any]:
    return {
        "site": b.site,
        "date": b.date.isoformat(),
        "people": [
            {
                "id": bp.person.id,
                "name": bp.person.name,
                "last_in_person": _iso(bp.last_in_person),
                "days_since_in_person": bp.days_since_in_person,
                "open_promises": [{"id": p.id, "text": p.text, "due": _iso(p.due)} for p in bp.open_promises],
                "upcoming": [{"date": u.date.isoformat(), "kind": u.kind, "what": u.what} for u in bp.upcoming],
                "incidents": [{"kind": i.kind, "date": i.date.isoformat(), "note_id": i.note_id}
                              for i in bp.incidents],
                "away": [{"start": a.start.isoformat(), "end": _iso(a.end), "label": a.label} for a in bp.away],
                "last_note": ({"date": bp.last_note.date.isoformat(), "text": bp.last_note.first_line}
                              if bp.last_note else None),
                "talking_points": [{"id": p.id, "text": p.text, "created": p.created.isoformat()} for p in bp.points],
                "goals": [{"id": g.id, "text": g.text, "by": _iso(g.due), "status": g.status,
                           "updates": [{"date": u.date.isoformat(), "status": u.status, "text": u.text}
                                       for u in g.updates]} for g in bp.goals],
            }
            for bp in b.people
        ],
    }


def team_row_doc(row: TeamRow) -> dict[str, Any]:
    occ = row.next_occasion
    return {
        "person": row.person.name,
        "person_id": row.person.id,
        "site": row.person.site,
        "team": row.person.team,
        "last_in_person": _iso(row.last_in_person),
        "days_unseen": row.days_unseen,
        "in_person_days": row.person.in_person_days,
        "in_person_target": row.in_person_target,  # in_person_days, shortened in a change period
        "past_target": row.past_target,
        "last_contact": _iso(row.last_contact),
        "last_contact_channel": row.last_contact_channel,
        "seen_this_month": _iso(row.seen_this_month),
        "last_one_to_one": _iso(row.last_one_to_one),
        "one_to_one_days": row.person.one_to_one_days,
        "past_one_to_one": row.past_one_to_one,
        "next_occasion": (
            {"date": occ.day.isoformat(), "kind": occ.kind, "label": occ.label, "years": occ.years}
            if occ else None
        ),
        "open_promises": row.open_promises,
        "overdue_promises": row.overdue_promises,
        "away": row.away_now,
    }


def team_doc(day: date, rows: list[TeamRow]) -> dict[str, Any]:
    return {"date": day.isoformat(), "people": [team_row_doc(r) for r in rows]}


def checklist_doc(check: MonthChecklist) -> dict[str, Any]:
    return {
        "month": check.key,
        "seen": check.seen,
        "total": check.total,
        "signed_off": _iso(check.signed_off),
        "sites": [
            {
                "site": site or None,
                "people": [
                    {
                        "person": e.person.name,
                        "person_id": e.person.id,
                        "seen_on": _iso(e.seen_on),
                        "carried_over": e.carried_over,
                        "away": e.away_all_month,
                    }
                    for e in entries
                ],
            }
            for site, entries in check.sites
        ],
    }


def tips_doc(tips: Sequence[Tip], principles: Sequence[Principle]) -> dict[str, Any]:
    """The coaching library: every tip, then every principle (id, title, explanation, reflection)."""
    def item(x: Tip | Principle) -> dict[str, Any]:
        return {"id": x.id, "title": x.title, "explanation": x.explanation, "reflection": x.reflection}

    return {"tips": [item(x) for x in tips], "principles": [item(x) for x in principles]}


def book_doc(sections: Sequence[Section]) -> dict[str, Any]:
    """All of the coaching content (``naervaer tips --all --format json``), section by section."""
    return {"sections": [
        {"id": s.id, "title": s.title, "intro": s.intro, "source": s.source,
         "entries": [{"title": e.title, "text": e.text, "question": e.question, "source": e.source}
                     for e in s.entries]}
        for s in sections
    ]}


def sites_doc(view: SitesView) -> dict[str, Any]:
    """``naervaer sites --format json``."""
    today = view.date
    return {
        "date": today.isoformat(),
        "average_share_three_months": round(view.average_three, 3),
        "sentence": view.sentence,
        "sites": [
            {
                "site": r.name, "people": r.people, "seen_this_month": r.seen_this_month,
                "share_this_month": round(r.share_month, 3), "share_three_months": round(r.share_three, 3),
                "average_days_since_in_person": r.average_days, "never_seen": r.never_seen,
                "open_promises": r.open_promises, "overdue_promises": r.overdue_promises,
                "last_meeting": _iso(r.last_meeting), "last_visit": _iso(r.last_visit),
                "days_since_visit": r.days_since_visit(today), "helper": r.helper,
                "in_change": r.change is not None,
                "change_until": _iso(r.change.change.end) if r.change and r.change.change else None,
            }
            for r in view.rows
        ],
    }


def meetings_doc(found: Sequence[Meeting], names: dict[int, str]) -> list[dict[str, Any]]:
    """``naervaer meeting list --format json``: newest first."""
    return [
        {"id": m.id, "date": m.date.isoformat(), "site": m.site,
         "people": [{"person": names.get(pid), "person_id": pid} for pid in m.people]}
        for m in found
    ]
