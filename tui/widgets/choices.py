"""A focusable row of choices, each picked with one letter: channels (one of) and tags (any of).

Letters only act while this row has focus, so typing in a text field is never hijacked.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widget import Widget


@dataclass(frozen=True)
class Choice:
    value: str
    letter: str
    label: str


class ChoiceRow(Widget, can_focus=True):
    """Shows ``(i) in person ●``-style choices; a letter picks (single) or toggles (multi)."""

    DEFAULT_CSS = """
    ChoiceRow { height: auto; width: 1fr; }
    ChoiceRow:focus { background: $boost; }
    """

    @dataclass
    class Changed(Message):
        row: ChoiceRow
        selected: tuple[str, ...]

    def __init__(
        self,
        choices: list[Choice],
        *,
        multi: bool,
        optional: bool = False,
        selected: tuple[str, ...] = (),
        gap: int = 2,
        id: str | None = None,
    ) -> None:
        """``optional``: a single choice that its own letter clears again (nothing picked).
        ``gap``: spaces between choices (a long scale fits one line with one)."""
        super().__init__(id=id)
        self.gap = gap
        self.choices = choices
        self.multi = multi
        self.optional = optional
        self.selected: tuple[str, ...] = selected

    def render(self) -> Content:
        parts: list[Content] = []
        for choice in self.choices:
            on = choice.value in self.selected
            mark = ("☑" if on else "☐") if self.multi else ("●" if on else "○")
            part = Content.assemble(
                (f"{choice.letter}", "bold underline"), " ", f"{mark} {choice.label}"
            )
            parts.append(part.stylize("bold", 0) if on else part)
        return Content(" " * self.gap).join(parts)

    def pick(self, value: str) -> None:
        if self.multi:
            chosen = list(self.selected)
            if value in chosen:
                chosen.remove(value)
            else:
                chosen.append(value)
            self.selected = tuple(chosen)
        elif self.optional and self.selected == (value,):
            self.selected = ()
        else:
            self.selected = (value,)
        self.refresh(layout=True)
        self.post_message(self.Changed(self, self.selected))

    def on_key(self, event: events.Key) -> None:
        for choice in self.choices:
            if event.character == choice.letter:
                event.stop()
                event.prevent_default()
                self.pick(choice.value)
                return
