"""Questions as typed modals: ``ConfirmScreen`` dismisses with True or False, ``AskScreen``
with the value of the answer chosen (or None).

Yes is the language's own key (``y``; in Danish ``j``, and ``y`` too); ``n`` and ``escape``
say no. Each button shows its key (``j  Arkivér``, ``n  Annullér``), as ``AskScreen``'s do,
so nobody has to guess which letter answers. Focus starts on the no button, so ``enter``
alone never erases anything.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
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
                yes_key = self.app.t("tui.confirm.yes_keys").split(",")[0]  # type: ignore[attr-defined]
                yield Button(Content(f"{yes_key}  {self.yes}"), variant="error", id="confirm-yes")
                yield Button(Content(f"n  {self.no}"), variant="primary", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def on_key(self, event: events.Key) -> None:
        if event.key in self.app.t("tui.confirm.yes_keys").split(","):  # type: ignore[attr-defined]
            event.stop()
            self.dismiss(True)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


def dismiss_after_asking(form: Screen, question_key: str) -> None:
    """A form's esc with typed changes: ask whether to discard them, and close only on yes."""
    t = form.app.t  # type: ignore[attr-defined]

    def answered(discard: bool | None) -> None:
        if discard:
            form.dismiss(None)

    form.app.push_screen(ConfirmScreen(t(question_key), t("tui.note.discard"), t("tui.note.keep")), answered)


class AskScreen(ModalScreen[str | None]):
    """A question with a few answers, each a button and a letter; dismisses with the answer's value.

    ``escape`` dismisses with None: nothing is done.
    """

    CSS_PATH = "confirm.tcss"
    BINDINGS = [Binding("escape", "answer('')", "key.cancel", show=False)]

    def __init__(self, question: str, answers: list[tuple[str, str, str]]) -> None:
        """``answers``: (value, letter, label) each."""
        super().__init__()
        self.question, self.answers = question, answers

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Content(self.question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                for index, (value, letter, label) in enumerate(self.answers):
                    yield Button(Content(f"{letter}  {label}"), variant="primary" if index == 0 else "default",
                                 id=f"answer-{value}")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_key(self, event: events.Key) -> None:
        for value, letter, _label in self.answers:
            if event.character == letter:
                event.stop()
                self.dismiss(value)
                return

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("answer-"))

    def action_answer(self, value: str) -> None:
        self.dismiss(value or None)
