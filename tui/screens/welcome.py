"""The first screen on an empty database: load the demo team, add a person, or import."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from naervaer.content.errors import NaervaerError
from naervaer.tui.screens.base import OnApp
from naervaer.tui.widgets.footer import TranslatedFooter


class WelcomeScreen(OnApp, Screen[None]):
    CSS_PATH = "welcome.tcss"
    BINDINGS = [
        Binding("d", "demo", "key.demo", id="welcome-demo"),
        Binding("a", "add_person", "key.add_person", id="welcome-add"),
        Binding("i", "import", "key.import", id="welcome-import"),
        Binding("q", "app.quit", "key.quit", id="welcome-quit"),
    ]

    def compose(self) -> ComposeResult:
        t = self.napp.t
        yield Header(show_clock=False, icon="◉")
        with Vertical(id="welcome-box"):
            yield Static(t("tui.welcome.title"), id="welcome-title")
            yield Static(t("tui.welcome.text"), id="welcome-text")
            yield Static(t("tui.welcome.own_team"), id="welcome-own")
            yield Button(t("tui.welcome.demo"), id="welcome-demo", variant="primary")
            yield Button(t("tui.welcome.add"), id="welcome-add")
            yield Button(t("tui.welcome.import"), id="welcome-import")
        yield TranslatedFooter(compact=True)

    def on_mount(self) -> None:
        t = self.napp.t
        self.sub_title = t("tui.screen.welcome") + (" · " + t("tui.demo_mark") if self.napp.demo else "")

    @on(Button.Pressed, "#welcome-demo")
    def action_demo(self) -> None:
        if self.napp.demo:
            self.load_demo(True)
            return
        from naervaer.tui.screens.confirm import ConfirmScreen

        t = self.napp.t
        self.app.push_screen(
            ConfirmScreen(t("tui.welcome.demo_question"), t("tui.welcome.demo_yes"), t("tui.welcome.demo_no")),
            self.load_demo,
        )

    def load_demo(self, yes: bool | None) -> None:
        if not yes:
            return
        from naervaer.storage.demo import write_demo

        app = self.napp
        try:
            write_demo(app.store, app.today(), lang=app.t.lang)
        except NaervaerError as exc:
            app.report_error(exc)
            return
        self.notify(app.t("tui.welcome.demo_loaded"), markup=False)
        self.dismiss()
        app.data_changed()

    @on(Button.Pressed, "#welcome-add")
    def action_add_person(self) -> None:
        from naervaer.tui.screens.person_form import PersonFormScreen

        def saved(message: str | None) -> None:
            if message:
                self.notify(message, markup=False)
                self.dismiss()
                self.napp.data_changed()

        self.app.push_screen(PersonFormScreen(), saved)

    @on(Button.Pressed, "#welcome-import")
    def action_import(self) -> None:
        from naervaer.tui.screens.import_people import ImportScreen

        def imported(message: str | None) -> None:
            if message:
                self.notify(message, markup=False)
                self.dismiss()
                self.napp.data_changed()

        self.app.push_screen(ImportScreen(), imported)
