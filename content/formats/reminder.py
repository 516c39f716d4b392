"""The morning reminder (``naervaer remind``): a header and the top prompts, short enough for a
desktop notification. JSON gives the same entries with their ids."""

from __future__ import annotations

from datetime import date
from typing import Any

from naervaer.content import datefmt
from naervaer.content.engine import Group, TodayList
from naervaer.content.i18n import Translator
from naervaer.content.text import one_line


def reminder_lines(day: date, listed: TodayList, t: Translator) -> list[str]:
    header = t.plural("exchange.remind_header", len(listed.entries), date=datefmt.short_day(day, t))
    if not listed.entries:
        return [header, t("exchange.remind_nothing")]
    lines = [header, *(f"• {one_line(e.title, 100)}" for e in listed.top)]
    if listed.more:
        lines[-1] += " " + t.plural("exchange.remind_more", listed.more)
    return lines


def reminder_doc(day: date, listed: TodayList) -> dict[str, Any]:
    return {
        "date": day.isoformat(),
        "count": len(listed.entries),
        "top": [
            {"id": e.id, "kind": e.kind, "title": e.title,
             "person": None if isinstance(e, Group) else e.person}
            for e in listed.top
        ],
    }
