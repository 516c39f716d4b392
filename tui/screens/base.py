"""What every main screen shares: header and translated footer, reload-when-stale, worker errors.

A screen renders from what is stored: ``reload()`` reads (or starts a worker that
reads) and renders. The app bumps a generation number after every write (its own or
another process's); a screen that was hidden reloads when it is shown again, and one
whose language changed recomposes first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.screen import Screen
from textual.widgets import Header
from textual.worker import Worker, WorkerState

from naervaer.tui.widgets.footer import TranslatedFooter

if TYPE_CHECKING:
    from naervaer.tui.app import NaervaerApp


class OnApp:
    """The app, typed: every screen and form of Nærvær runs inside a ``NaervaerApp``."""

    @property
    def napp(self) -> NaervaerApp:
        return cast("NaervaerApp", self.app)  # type: ignore[attr-defined]


class BaseScreen(OnApp, Screen[None]):
    """A full screen of the app. Subclasses set ``TITLE_KEY`` and implement ``reload``."""

    TITLE_KEY = "screen.today"

    def __init__(self) -> None:
        super().__init__()
        self._generation = -1
        self._lang = ""

    def header(self) -> Header:
        return Header(show_clock=False, icon="◉")

    def footer(self) -> TranslatedFooter:
        return TranslatedFooter(compact=True)

    def update_titles(self) -> None:
        t = self.napp.t
        name = t("tui." + self.TITLE_KEY)
        if self.napp.demo:  # so no real note ends up among invented people
            name += " · " + t("tui.demo_mark")
        if self.napp.presentation:
            name += " · " + t("tui.presentation.on")
        self.sub_title = name

    def reload(self) -> None:
        """Read what is stored and render it."""

    async def refresh_if_stale(self) -> None:
        self.update_titles()
        if self._lang != self.napp.t.lang:
            if self._lang:
                await self.recompose()
                found = self.query(self.AUTO_FOCUS) if self.AUTO_FOCUS else None
                self.set_focus(found.first() if found else None)
            self._lang = self.napp.t.lang
            self.update_titles()
            self._generation = -1
        if self._generation != self.napp.generation:
            self._generation = self.napp.generation
            self.reload()

    async def on_screen_resume(self) -> None:
        await self.refresh_if_stale()

    @on(Worker.StateChanged)
    def report_worker_error(self, event: Worker.StateChanged) -> None:
        """The one place a failed read is reported: a notification, the screen stays usable."""
        if event.state == WorkerState.ERROR:
            self.napp.report_error(event.worker.error)
