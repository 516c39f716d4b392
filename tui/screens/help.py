"""Help: the keys of the screen it was opened from, then the ten coaching tips."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from naervaer.content.coaching import Coaching
from naervaer.tui.widgets.footer import TranslatedFooter, describe

if TYPE_CHECKING:
    from naervaer.tui.app import NaervaerApp


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,question_mark", "app.pop_screen", "key.close")]

    def __init__(self, keys: list[Binding]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        app = cast("NaervaerApp", self.app)
        t = app.t
        keys = [Content(t("tui.help.keys")).stylize("bold")]
        for binding in self.keys:
            keys.append(Content(f"  {app.get_key_display(binding):>8}  {describe(app, binding.description)}"))
        tips = [Content(t("tui.help.tips")).stylize("bold")]
        for tip in Coaching(t).tips():
            tips.append(Content.assemble((f"{tip.id}. {tip.title}", "bold")))
            tips.append(Content(tip.explanation))
            tips.append(Content.assemble(("  ? ", "bold"), (tip.reflection, "italic")))
        with VerticalScroll(id="help-box") as box:
            box.border_title = t("tui.screen.help")
            yield Static(Content("\n").join(keys), id="help-keys")
            yield Static(Content("\n").join(tips), id="help-tips")
        yield TranslatedFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()
