"""The passphrase, asked in the app's own style: before the first frame, and after N idle minutes.

``UnlockApp`` is a small app of its own that runs before ``NaervaerApp`` when the database
is encrypted and no key is stored (keyring, key file): nothing of the database is read
until it returns the key, so the main app's first frame already has its data. ``LockScreen``
covers the running app when it has been idle for the ``lock_minutes`` setting; only the
same passphrase takes it away. A wrong passphrase is said beside the field.

The key derivation (scrypt, about half a second) runs in a thread worker, so the field
stays responsive and says it is checking.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from naervaer.content.errors import NaervaerError
from naervaer.content.i18n import Translator
from naervaer.storage import keystore
from naervaer.tui.widgets.footer import TranslatedFooter


class UnlockPanel(Vertical):
    """Title, one line of help, the passphrase field and, beside it, why it was refused."""

    @dataclass
    class Tried(Message):
        key: bytes | None
        error: str = ""

    def __init__(self, t: Translator, db_path: Path, expected: bytes | None = None,
                 note: str = "") -> None:
        super().__init__(id="unlock-box")
        self.t, self.db_path, self.expected, self.note = t, db_path, expected, note

    def compose(self) -> ComposeResult:
        yield Static(self.t("cipher.unlock_title"), id="unlock-title", markup=False)
        if self.note:
            yield Static(self.note, classes="muted", markup=False)
        yield Static(self.t("cipher.unlock_help"), id="unlock-help", markup=False)
        yield Input(password=True, placeholder=self.t("cipher.unlock_placeholder"), id="passphrase")
        yield Static("", id="unlock-error", classes="error", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        if not event.value:
            return
        event.input.disabled = True
        self.query_one("#unlock-error", Static).update(self.t("cipher.unlock_checking"))
        self.check(event.value)

    @work(thread=True, exclusive=True, group="unlock")
    def check(self, passphrase: str) -> None:
        try:
            key = keystore.from_passphrase(self.db_path, passphrase)
        except NaervaerError as exc:
            wrong = exc.key == "cipher.wrong_passphrase"
            self.post_message(self.Tried(None, self.t("cipher.unlock_wrong") if wrong else self.t(exc.key, **exc.params)))
            return
        if self.expected is not None and not keystore.same_key(key, self.expected):
            self.post_message(self.Tried(None, self.t("cipher.unlock_wrong")))
            return
        self.post_message(self.Tried(key))

    @on(Tried)
    def tried(self, message: Tried) -> None:
        if message.key is not None:
            return  # the screen or app that holds this panel takes it from here
        field = self.query_one(Input)
        field.value = ""
        field.disabled = False
        field.focus()
        self.query_one("#unlock-error", Static).update(message.error)


class UnlockApp(App[bytes | None]):
    """Asks for the passphrase before the main app opens the database; returns the key, or None."""

    CSS_PATH = "unlock.tcss"
    TITLE = "Nærvær"
    BINDINGS = [Binding("escape", "quit", "key.quit", id="quit")]

    def __init__(self, db_path: Path, lang: str) -> None:
        super().__init__()
        self.db_path = db_path
        self.t = Translator(lang)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◉")
        yield UnlockPanel(self.t, self.db_path)
        yield TranslatedFooter()

    @on(UnlockPanel.Tried)
    def unlocked(self, message: UnlockPanel.Tried) -> None:
        if message.key is not None:
            self.exit(message.key)


class LockScreen(Screen[None]):
    """Covers the app after ``lock_minutes`` idle; the same passphrase takes it away."""

    CSS_PATH = "unlock.tcss"
    BINDINGS = [Binding("escape", "app.quit", "key.quit", id="lock-quit")]

    def __init__(self, t: Translator, db_path: Path, key: bytes, minutes: int) -> None:
        super().__init__()
        self.t, self.db_path, self.key, self.minutes = t, db_path, key, minutes

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◉")
        yield UnlockPanel(self.t, self.db_path, expected=self.key,
                          note=self.t("cipher.locked_after_idle", minutes=self.minutes))
        yield TranslatedFooter()

    @on(UnlockPanel.Tried)
    def unlocked(self, message: UnlockPanel.Tried) -> None:
        if message.key is not None:
            self.dismiss()
