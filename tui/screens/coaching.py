"""Coaching: all of the research in the app, section by section, each citing its source.

The ten tips, the principles, more ideas, the nine challenges, the trust formula, the short
talk, the belonging figures, the seven expectations and the reflection questions: the same
book ``naervaer tips --all`` prints (``content.coaching_book``). The sections are listed on
the left (``↑``/``↓``); the text of the highlighted one fills the right, ``tab`` scrolls it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from naervaer.content.coaching_book import Section, book
from naervaer.tui.screens.base import BaseScreen


class CoachingScreen(BaseScreen):
    TITLE_KEY = "screen.coaching"
    AUTO_FOCUS = "#coaching-sections"
    CSS_PATH = "coaching.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "key.back", id="coaching-back")]

    def __init__(self) -> None:
        super().__init__()
        self.sections: tuple[Section, ...] = ()

    def compose(self) -> ComposeResult:
        self.sections = book(self.napp.t)
        yield self.header()
        with Horizontal(id="coaching-body"):
            yield OptionList(*[Option(Content(s.title), id=s.id) for s in self.sections], id="coaching-sections")
            with VerticalScroll(id="coaching-text"):
                yield Static(id="coaching-section")
        yield self.footer()

    def on_mount(self) -> None:
        listed = self.query_one("#coaching-sections", OptionList)
        listed.highlighted = 0
        self.show(0)

    @on(OptionList.OptionHighlighted, "#coaching-sections")
    def section_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show(event.option_index)

    def show(self, index: int) -> None:
        section = self.sections[index]
        parts = [Content(section.title).stylize("bold"), Content(section.source).stylize("italic")]
        if section.intro:
            parts += [Content(""), Content(section.intro)]
        listed = False  # steps and questions follow each other line by line
        for entry in section.entries:
            if len(entry.title) > 3:  # a titled entry, after a blank line
                parts += [Content(""), Content(entry.title).stylize("bold"), Content(entry.text)]
                listed = False
            else:
                parts += [] if listed else [Content("")]
                parts.append(Content(f"{entry.title or '•'} {entry.text}"))
                listed = True
            if entry.source:
                parts.append(Content(entry.source).stylize("italic"))
            if entry.question:
                parts.append(Content.assemble(("? ", "bold"), (entry.question, "italic")))
        self.query_one("#coaching-section", Static).update(Content("\n").join(parts))
        self.query_one("#coaching-text", VerticalScroll).scroll_home(animate=False)
