"""A yes/no question as a typed modal: ``ConfirmScreen`` dismisses with True or False.

Yes is the language's own key (``y``; in Danish ``j``, and ``y`` too); ``n`` and ``escape``
say no. Focus starts on the no button, so ``enter`` alone never erases anything.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool]):
    CSS_PATH = "confirm.tcss"
    BINDINGS = [
        Binding("escape,n", "answer(False)", "key.no", show=False),
    ]

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Content(self.question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(Content(self.yes), variant="error", id="confirm-yes")
                yield Button(Content(self.no), variant="primary", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def on_key(self, event: Key) -> None:
        if event.key in self.app.t("tui.confirm.yes_keys").split(","):  # type: ignore[attr-defined]
            event.stop()
            self.dismiss(True)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
