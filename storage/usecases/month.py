"""The monthly checklist: who was seen in person in a month (``naervaer seen``, Month).

The checklist, its sign-off and the heatmap are ``storage.views`` reads and writes; the
typed month (``2026-11``) is checked here, once: never a month still to come.
"""

from __future__ import annotations

import re
from datetime import date

from naervaer.content.errors import InputError
from naervaer.content.views import MonthChecklist
from naervaer.storage.store import Store
from naervaer.storage.views import heatmap, month_checklist, sign_off_month


def parse_month(text: str | None, today: date) -> tuple[int, int]:
    """``YYYY-MM`` as (year, month); None is this month."""
    if text is None:
        return today.year, today.month
    found = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text)
    if not found or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 1900:
        raise InputError("views.bad_month", value=text)
    year, month = int(found.group(1)), int(found.group(2))
    if (year, month) > (today.year, today.month):
        raise InputError("views.future_month", month=f"{year:04d}-{month:02d}")
    return year, month


def month_view(store: Store, year: int, month: int, today: date, *, sign_off: bool = False) -> MonthChecklist:
    """The checklist of ``year-month``, signed off first when asked."""
    if sign_off:
        sign_off_month(store, year, month, today)
    return month_checklist(store, year, month, today)


def month_with_heat(store: Store, year: int, month: int, today: date,
                    months: int) -> tuple[MonthChecklist, dict[int, list[int]]]:
    """The Month screen's data: the checklist and ``months`` months of in-person counts."""
    return month_checklist(store, year, month, today), heatmap(store, year, month, months)
