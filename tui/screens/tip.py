"""The advice behind a prompt, shown over the current screen: one of the ten tips or one of
the principles (prompts such as "keep your promise" rest on a principle, not a numbered tip)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from naervaer.content.coaching import Coaching, Principle, Tip
from naervaer.tui.widgets.footer import TranslatedFooter

if TYPE_CHECKING:
    from naervaer.tui.app import NaervaerApp


class TipScreen(ModalScreen[None]):
    CSS_PATH = "tip.tcss"
    BINDINGS = [Binding("escape,t,enter", "app.pop_screen", "key.close")]

    def __init__(self, tip_id: str) -> None:
        super().__init__()
        self.tip_id = tip_id

    def compose(self) -> ComposeResult:
        app = cast("NaervaerApp", self.app)
        t = app.t
        coaching = Coaching(t)
        advice: Tip | Principle
        if self.tip_id.isdigit():
            advice = coaching.tip(self.tip_id)
            heading = t("tui.tip.title", id=advice.id)
        else:
            advice = coaching.principle(self.tip_id)
            heading = t("tui.tip.principle")
        with VerticalScroll(id="tip-box") as box:
            box.border_title = heading
            yield Static(Content(advice.title).stylize("bold"))
            yield Static(Content(advice.explanation), classes="tip-text")
            yield Static(Content(t("tui.tip.reflect")).stylize("bold"), classes="tip-text")
            yield Static(Content(advice.reflection))
        yield TranslatedFooter(compact=True)
