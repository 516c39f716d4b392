"""The JSON documents of ``skills``, ``who`` and ``buddies`` (``--format json``).

Keys and order are a contract with scripts, as in ``documents``. Dates are ISO strings.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from naervaer.content.crosssite_views import BuddyView, ShownRound, WhoView
from naervaer.content.facts import Person
from naervaer.content.skills import Label


def skills_doc(person: Person, labels: tuple[Label, ...] | list[Label]) -> dict[str, Any]:
    """``{"person", "person_id", "skills": [...], "interests": [...]}``"""
    return {
        "person": person.name, "person_id": person.id,
        "skills": [lab.label for lab in labels if lab.kind == "skill"],
        "interests": [lab.label for lab in labels if lab.kind == "interest"],
    }


def who_doc(view: WhoView) -> dict[str, Any]:
    """``{"query", "sites": [{"site", "people": [{"person", "person_id", "kind", "label"}]}]}``"""
    return {
        "query": view.query,
        "sites": [
            {"site": site, "people": [
                {"person": f.person.name, "person_id": f.person.id, "kind": f.kind, "label": f.label}
                for f in found
            ]}
            for site, found in view.sites
        ],
    }


def round_doc(rnd: ShownRound) -> dict[str, Any]:
    """``{"id", "started", "groups": [[{"person", "person_id", "site"}, ...], ...]}``"""
    return {
        "id": rnd.id,
        "started": rnd.started.isoformat(),
        "groups": [[{"person": p.name, "person_id": p.id, "site": p.site} for p in g] for g in rnd.groups],
    }


def buddies_doc(day: date, view: BuddyView, proposed: ShownRound | None = None) -> dict[str, Any]:
    """``{"date", "current": round | null, "history": [round, ...], "proposed": round | null}``"""
    return {
        "date": day.isoformat(),
        "current": round_doc(view.current) if view.current else None,
        "history": [round_doc(r) for r in view.history],
        "proposed": round_doc(proposed) if proposed else None,
    }
