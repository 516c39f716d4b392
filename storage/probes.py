"""Several one-value index probes asked in one statement.

A probe is a query that walks an index to a single value (a ``max``, a ``min``, an
``EXISTS``). Asked together as ``SELECT (…), (…), …`` they cost one statement instead of
one each, and every part keeps the query plan it has on its own: the facts behind Today
and the Team view ask about a dozen per person.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from naervaer.storage.store import Store

Probe = tuple[str, Sequence[object]]

# SQLite's smallest default limit on parameters in one statement (before 3.32)
MAX_PARAMS = 999


def ask(store: Store, probes: Sequence[Probe]) -> tuple:
    """The answer of each probe, in order."""
    sql = "SELECT " + ", ".join(f"({part})" for part, _ in probes)
    return tuple(store.query(sql, [p for _, params in probes for p in params])[0])


def newest(values: Iterable[str | None]) -> date | None:
    return max((date.fromisoformat(v) for v in values if v), default=None)


def oldest(values: Iterable[str | None]) -> date | None:
    return min((date.fromisoformat(v) for v in values if v), default=None)


def chunks(ids: Sequence[int], size: int = MAX_PARAMS - 10) -> Iterable[Sequence[int]]:
    """``ids`` in pieces small enough for ``person_id IN (…)`` beside a few more parameters."""
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def marks(ids: Sequence[int]) -> str:
    return ", ".join("?" for _ in ids)
