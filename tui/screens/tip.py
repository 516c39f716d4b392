"""One coaching tip, shown over the current screen: its explanation and reflection question."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from naervaer.content.coaching import Coaching
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
        tip = Coaching(t).tip(self.tip_id)
        with VerticalScroll(id="tip-box") as box:
            box.border_title = t("tui.tip.title", id=tip.id)
            yield Static(Content(tip.title).stylize("bold"))
            yield Static(Content(tip.explanation), classes="tip-text")
            yield Static(Content(t("tui.tip.reflect")).stylize("bold"), classes="tip-text")
            yield Static(Content(tip.reflection))
        yield TranslatedFooter(compact=True)
