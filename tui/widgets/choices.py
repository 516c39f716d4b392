"""A focusable row of choices, each picked with one letter: channels (one of) and tags (any of).

Letters only act while this row has focus, so typing in a text field is never hijacked.
While it has focus, the row says under its choices which keys do what. A key it does not
know (``h``, a space, a capital) means the leader is writing, not choosing: the row takes
back whatever its letters changed since it got focus, rings, and posts ``Strayed`` with
everything typed there, so a form can move it into its text (the quick note does).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.geometry import Size
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

    @dataclass
    class Strayed(Message):
        """A key the row does not know: ``typed`` is all typed here since it got focus."""

        row: ChoiceRow
        typed: str

    def __init__(
        self,
        choices: list[Choice],
        *,
        multi: bool,
        selected: tuple[str, ...] = (),
        optional: bool = False,
        keys_help: str = "",
        gap: int = 2,
        id: str | None = None,
    ) -> None:
        """``optional``: a single choice that its own letter clears again (nothing picked).
        ``gap``: cells between two choices (a long scale fits one line with one)."""
        super().__init__(id=id)
        self.optional = optional
        self.gap = gap
        self.choices = choices
        self.multi = multi
        self.selected: tuple[str, ...] = selected
        self.keys_help = keys_help  # shown under the choices while the row has focus
        self.at_focus: tuple[str, ...] = selected  # what was chosen when focus came
        self.typed = ""  # the letters typed since then

    def lines(self, width: int) -> list[Content]:
        """The choices packed into lines of ``width``: a line breaks between two choices, never
        inside one ("u ☐" at one line's end, "misforståelse" on the next, read as two)."""
        lines: list[Content] = []
        line = Content("")
        for choice in self.choices:
            on = choice.value in self.selected
            mark = ("☑" if on else "☐") if self.multi else ("●" if on else "○")
            part = Content.assemble((choice.letter, "bold underline"), " ", f"{mark} {choice.label}")
            part = part.stylize("bold", 0) if on else part
            if line.cell_length and line.cell_length + self.gap + part.cell_length > width:
                lines.append(line)
                line = Content("")
            line = Content.assemble(line, " " * self.gap, part) if line.cell_length else part
        return [*lines, line]

    def shown(self, width: int) -> Content:
        lines = self.lines(width)
        if self.has_focus and self.keys_help:
            lines.append(Content.styled(self.keys_help, "italic"))
        return Content("\n").join(lines)

    def render(self) -> Content:
        return self.shown(self.content_region.width or self.size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.shown(width).wrap(max(width, 1)))

    def pick(self, value: str) -> None:
        if self.multi:
            chosen = list(self.selected)
            if value in chosen:
                chosen.remove(value)
            else:
                chosen.append(value)
            self.choose(tuple(chosen))
        elif self.optional and self.selected == (value,):
            self.choose(())
        else:
            self.choose((value,))

    def choose(self, selected: tuple[str, ...]) -> None:
        self.selected = selected
        self.refresh(layout=True)
        self.post_message(self.Changed(self, self.selected))

    def on_focus(self) -> None:
        self.at_focus, self.typed = self.selected, ""
        self.refresh(layout=True)

    def on_blur(self) -> None:
        self.refresh(layout=True)

    def on_key(self, event: events.Key) -> None:
        character = event.character
        if not event.is_printable or character is None:
            return
        event.stop()
        event.prevent_default()
        choice = next((c for c in self.choices if c.letter == character), None)
        if choice is not None:
            self.typed += character
            self.pick(choice.value)
            return
        typed, self.typed = self.typed + character, ""
        if self.selected != self.at_focus:
            self.choose(self.at_focus)
        self.app.bell()
        self.post_message(self.Strayed(self, typed))
