"""A typed, read-only view of the ``coaching`` namespace.

The texts live in ``locales/<lang>/coaching.json``; this module only turns them into
frozen dataclasses so callers do not index raw dicts. Pure: no UI or storage imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from naervaer.content.i18n import Translator


@dataclass(frozen=True)
class Tip:
    id: str
    title: str
    explanation: str
    reflection: str


@dataclass(frozen=True)
class Principle:
    id: str
    source: str
    title: str
    explanation: str
    reflection: str


@dataclass(frozen=True)
class Item:
    """A titled text: an extra idea, a challenge, a trust element or an expectation."""

    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Challenges:
    intro: str
    themes: tuple[Theme, ...]

    @property
    def all_items(self) -> tuple[Item, ...]:
        return tuple(item for theme in self.themes for item in theme.items)


@dataclass(frozen=True)
class TrustFormula:
    title: str
    text: str
    elements: tuple[Item, ...]


@dataclass(frozen=True)
class CheckIn:
    title: str
    text: str
    steps: tuple[str, ...]


@dataclass(frozen=True)
class Belonging:
    title: str
    text: str


@dataclass(frozen=True)
class Expectations:
    title: str
    items: tuple[Item, ...]


def _items(rows: list[dict[str, Any]]) -> tuple[Item, ...]:
    return tuple(Item(id=r["id"], title=r["title"], text=r["text"]) for r in rows)


class Coaching:
    """Coaching content for one language; each section loads on first use."""

    def __init__(self, translator: Translator | str = "en") -> None:
        self._t = translator if isinstance(translator, Translator) else Translator(translator)

    @property
    def lang(self) -> str:
        return self._t.lang

    def tips(self) -> tuple[Tip, ...]:
        return tuple(Tip(**row) for row in self._t.raw("coaching.tips"))

    def tip(self, tip_id: str) -> Tip:
        for tip in self.tips():
            if tip.id == tip_id:
                return tip
        raise KeyError(tip_id)

    def principles(self) -> tuple[Principle, ...]:
        return tuple(Principle(**row) for row in self._t.raw("coaching.principles"))

    def principle(self, principle_id: str) -> Principle:
        for principle in self.principles():
            if principle.id == principle_id:
                return principle
        raise KeyError(principle_id)

    def extras(self) -> tuple[Item, ...]:
        return _items(self._t.raw("coaching.extras"))

    def challenges(self) -> Challenges:
        raw = self._t.raw("coaching.challenges")
        themes = tuple(
            Theme(id=t["id"], title=t["title"], items=_items(t["items"])) for t in raw["themes"]
        )
        return Challenges(intro=raw["intro"], themes=themes)

    def trust_formula(self) -> TrustFormula:
        raw = self._t.raw("coaching.trust_formula")
        return TrustFormula(title=raw["title"], text=raw["text"], elements=_items(raw["elements"]))

    def checkin(self) -> CheckIn:
        raw = self._t.raw("coaching.checkin")
        return CheckIn(title=raw["title"], text=raw["text"], steps=tuple(raw["steps"]))

    def belonging(self) -> Belonging:
        raw = self._t.raw("coaching.belonging")
        return Belonging(title=raw["title"], text=raw["text"])

    def expectations(self) -> Expectations:
        raw = self._t.raw("coaching.expectations")
        return Expectations(title=raw["title"], items=_items(raw["items"]))

    def reflections(self) -> tuple[str, ...]:
        """Every reflection question: the tips', the principles' and the extra ones."""
        return (
            tuple(t.reflection for t in self.tips())
            + tuple(p.reflection for p in self.principles())
            + tuple(self._t.raw("coaching.reflections"))
        )
