"""The Nærvær app: modes for the main screens, the store on the main thread, app-wide keys.

Built by ``create_app`` (tests and ``run_app`` both use it); nothing happens at import.
The app's ``Store`` lives on the main thread for short writes; screens read slow things
in thread workers with their own connection. After every write the app bumps
``generation`` and screens reload from what was stored; a timer polls
``PRAGMA data_version`` so writes from the CLI show up without a restart.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from datetime import date
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from naervaer.content.errors import NaervaerError
from naervaer.content.settings import EngineSettings
from naervaer.content.i18n import LANGUAGES, Translator, normalise_language, system_language
from naervaer.storage.store import Store
from naervaer.storage.watch import ChangeWatch
from naervaer.tui.commands import NaervaerCommands
from naervaer.tui.screens.base import BaseScreen

THEMES = ("textual-dark", "textual-light")
MAIN_MODES = ("today", "team", "month", "sites", "search")
IDLE_CHECK_SECONDS = 15.0


class NaervaerApp(App[None]):
    # The first screen's styles load with the app's: a screen's own CSS_PATH makes
    # Textual re-parse and re-apply every style sheet when that screen first shows, ~6%
    # of start-up (benchmarks/tui_today.py). Loading every screen's here costs more.
    CSS_PATH = ["app.tcss", "screens/today.tcss"]
    TITLE = "Nærvær"
    DEFAULT_MODE = "today"
    COMMANDS = App.COMMANDS | {NaervaerCommands}
    BINDINGS = [
        Binding("1", "go('today')", "key.today", id="go-today"),
        Binding("2", "go('team')", "key.team", id="go-team"),
        Binding("3", "go('month')", "key.month", id="go-month"),
        Binding("4", "go('sites')", "key.sites", id="go-sites"),
        Binding("slash", "go('search')", "key.search", key_display="/", id="go-search"),
        Binding("n", "quick_note", "key.note", id="quick-note"),
        Binding("p", "toggle_presentation", "key.presentation", id="presentation"),
        Binding("c", "coaching", "key.coaching", show=False, id="coaching"),
        Binding("question_mark", "help", "key.help", key_display="?", id="help"),
        Binding("q", "quit", "key.quit", id="quit"),
        Binding("ctrl+p", "command_palette", "key.palette", show=False, priority=True, id="palette"),
    ]
    presentation: reactive[bool] = reactive(False, init=False)

    def __init__(
        self,
        db_path: Path,
        *,
        today: date | Callable[[], date],
        lang: str,
        demo: bool = False,
        watch_seconds: float = 2.0,
        key: bytes | None = None,
    ) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self._today = today
        self.demo = demo
        self.t = Translator(lang)
        self.store = Store.open(self.db_path, clock=self.today, key=key)
        self.key = self.store.key  # an encrypted database's: every connection of the app uses it
        self._last_input = time.monotonic()
        self.generation = 0
        self._watch_seconds = watch_seconds
        self._watch: ChangeWatch | None = None
        stored_theme = self.store.get_setting("theme")
        self.theme = stored_theme if stored_theme in THEMES else THEMES[0]
        for mode in MAIN_MODES:
            self.add_mode(mode, partial(main_screen, mode))
        self._early_today = self._start_early_today()

    def _start_early_today(self) -> Future[Any] | None:
        """Read Today's prompts now, before the first frame, so it paints with them.

        Synchronous on purpose: about 10 ms at 500k notes, while a thread doing the same
        contends with Textual's start-up for the GIL and painted ~200 ms later (measured
        with benchmarks/tui_today.py). Later reloads run in the screen's worker. A failure
        is kept in the future for that worker to report. Skipped on an empty database.
        """
        if self.store.is_empty():
            return None
        from naervaer.tui.screens.today import load_today

        early: Future[Any] = Future()
        try:
            early.set_result(load_today(self.db_path, self.today, self.t, self.key))
        except Exception as exc:  # reported by the Today screen's worker, like any failed load
            early.set_exception(exc)
        return early

    def take_early_today(self) -> Future[Any] | None:
        """The early read, once, if nothing changed since it started."""
        early, self._early_today = self._early_today, None
        fresh = self.generation == 0 and early is not None
        return early if fresh else None

    def today(self) -> date:
        return self._today() if callable(self._today) else self._today

    # -- lifecycle ------------------------------------------------------------------

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._store_theme)
        self._watch = ChangeWatch(self.store)
        if self._watch_seconds:
            self.set_interval(self._watch_seconds, self.check_outside_writes)
        if self.store.is_empty():
            from naervaer.tui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen())
        if not self.demo:
            # after the first screen is up: the day's backup must not delay it
            self.set_timer(1.0, self._daily_safety)
        if self.key is not None:
            self.set_interval(IDLE_CHECK_SECONDS, self.lock_if_idle)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)):
            self._last_input = time.monotonic()
        await super().on_event(event)

    def lock_if_idle(self) -> None:
        """An encrypted database's app covers itself after ``lock_minutes`` without input (0: never)."""
        from naervaer.tui.screens.unlock import LockScreen

        if self.key is None or isinstance(self.screen, LockScreen):
            return
        minutes = EngineSettings.from_stored(self.store.settings()).lock_minutes
        if minutes and time.monotonic() - self._last_input >= minutes * 60:
            self.push_screen(LockScreen(self.t, self.db_path, self.key, minutes))

    def _daily_safety(self) -> None:
        self.run_worker(self._backup_and_check, thread=True, group="safety", exit_on_error=False)

    def _backup_and_check(self) -> None:
        """The first start of a day writes the daily backup (its own connection); warn about sync folders."""
        from naervaer.storage.backup import maybe_daily_backup
        from naervaer.storage.sync_folders import warning

        found = warning(self.db_path.parent)
        if found is not None:
            key, params = found
            self.call_from_thread(self.notify, self.t(key, **params), severity="warning", markup=False, timeout=20)
        try:
            made = maybe_daily_backup(self.db_path, self.today(), self.key)
        except NaervaerError as exc:
            message = self.t("safety.daily_failed", message=self.t(exc.key, **exc.params))
            self.call_from_thread(self.notify, message, severity="warning", markup=False)
            return
        if made is not None:
            self._refresh_calendar()

    def _refresh_calendar(self) -> None:
        """With the day's backup, the calendar file the leader subscribes to (``calendar_path``)."""
        from naervaer.storage.usecases.calendar import refresh_feed

        try:
            with Store.open(self.db_path, clock=self.today, key=self.key) as store:  # this worker thread's own
                refresh_feed(store, self.today(), self.t)
        except NaervaerError as exc:
            message = self.t("exchange.calendar_failed", message=self.t(exc.key, **exc.params))
            self.call_from_thread(self.notify, message, severity="warning", markup=False)

    def on_unmount(self) -> None:
        self.store.close()

    def check_outside_writes(self) -> None:
        """Reload when another process committed (cheap: one PRAGMA)."""
        if self._watch is not None and self._watch.changed():
            self.data_changed()

    def data_changed(self) -> None:
        """Something was stored: every screen reloads (the visible one now, others when shown)."""
        self.generation += 1
        self.call_later(self._refresh_visible)

    async def _refresh_visible(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, BaseScreen) and screen.is_current:
                await screen.refresh_if_stale()

    def report_error(self, error: BaseException | None) -> None:
        if isinstance(error, NaervaerError):
            message = self.t(error.key, **error.params)
        else:
            message = self.t("tui.error.unexpected", detail=str(error))
        self.notify(message, title=self.t("tui.error.title"), severity="error", markup=False)

    # -- settings: language, theme, presentation --------------------------------------

    def set_language(self, lang: str) -> None:
        """Switch every visible string; the choice is stored as the ``lang`` setting."""
        if lang not in LANGUAGES or lang == self.t.lang:
            return
        self.store.set_setting("lang", lang)
        self.t = Translator(lang)
        self._early_today = None
        self.call_later(self._retranslate)

    async def _retranslate(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, BaseScreen):
                await screen.refresh_if_stale()
        self.screen.refresh_bindings()

    def _store_theme(self, theme: Any) -> None:
        if theme.name in THEMES and self.store.get_setting("theme") != theme.name:
            self.store.set_setting("theme", theme.name)

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]

    def action_toggle_presentation(self) -> None:
        self.presentation = not self.presentation

    def watch_presentation(self) -> None:
        self.generation += 1
        self.call_later(self._refresh_visible)
        state = "tui.presentation.on" if self.presentation else "tui.presentation.off"
        self.notify(self.t(state), markup=False)

    # -- navigation -----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The main keys work on the main screens only: behind a modal (the quick note, a
        # confirmation) and on the welcome screen (nobody to write about yet) they rest.
        if action in {"go", "quick_note", "toggle_presentation", "help", "add_person", "coaching"}:
            return isinstance(self.screen, BaseScreen)
        return True

    def action_go(self, mode: str) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.switch_mode(mode)

    def show_archived(self) -> None:
        """Team, showing the archived people (where they can be opened and brought back)."""
        self.action_go("team")
        self.call_after_refresh(self._archived_on_team)

    def _archived_on_team(self) -> None:
        from naervaer.tui.screens.team import TeamScreen

        if isinstance(self.screen, TeamScreen) and not self.screen.archived:
            self.screen.action_archived()

    def action_coaching(self) -> None:
        from naervaer.tui.screens.coaching import CoachingScreen

        self.push_screen(CoachingScreen())

    def open_person(self, person_id: int) -> None:
        from naervaer.tui.screens.person import PersonScreen

        self.push_screen(PersonScreen(person_id))

    def open_who(self) -> None:
        from naervaer.tui.screens.who import WhoScreen

        self.push_screen(WhoScreen())

    def open_buddies(self) -> None:
        from naervaer.tui.screens.buddies import BuddiesScreen

        self.push_screen(BuddiesScreen())

    def open_visit(self, site: str) -> None:
        from naervaer.tui.screens.visit import VisitScreen

        self.push_screen(VisitScreen(site))

    def push_form(self, form: Screen[str | None]) -> None:
        """A form that dismisses with the message to show once it saved (None: cancelled); a
        save refreshes every screen."""

        def saved(message: str | None) -> None:
            if message:
                self.notify(message, markup=False)
                self.data_changed()

        self.push_screen(form, saved)

    def record_meeting(self, site: str | None = None) -> None:
        """The team meeting form (at ``site`` when given); a saved meeting refreshes every screen."""
        from naervaer.tui.screens.meeting_form import MeetingFormScreen

        self.push_form(MeetingFormScreen(site))

    def edit_site(self, site: str) -> None:
        """The site form: its local helper and change period; a save refreshes every screen."""
        from naervaer.tui.screens.site_form import SiteFormScreen

        self.push_form(SiteFormScreen.of(self.store, site))

    def edit_person_change(self, person_id: int) -> None:
        """One person's own change period; a save refreshes every screen."""
        from naervaer.tui.screens.person_change_form import PersonChangeFormScreen

        self.push_form(PersonChangeFormScreen.of(self.store, person_id))

    def open_newsletter(self) -> None:
        from naervaer.tui.screens.newsletter import NewsletterScreen

        self.push_screen(NewsletterScreen())

    def export_calendar(self) -> None:
        """Write the calendar file (the ``calendar_path`` setting, else Documents) and say where."""
        from naervaer.storage.usecases.calendar import export_feed_file

        try:
            path, count = export_feed_file(self.store, self.today(), self.t)
        except NaervaerError as exc:
            self.report_error(exc)
            return
        self.notify(self.t("exchange.calendar_saved", path=str(path),
                           events=self.t.plural("exchange.events", count)), markup=False)

    def action_quick_note(self, person_id: int | None = None, *, kind: str | None = None,
                          tags: tuple[str, ...] = ()) -> None:
        from naervaer.tui.screens.quick_note import QuickNoteScreen

        self.push_form(QuickNoteScreen(person_id, kind=kind, tags=tags))

    def open_goal_form(self, kind: str, person_id: int) -> None:
        """The talking-point form (``kind`` "point") or the written-goal form ("goal") for one person."""
        from naervaer.tui.screens.goal_forms import GoalFormScreen, PointFormScreen

        form = PointFormScreen(person_id) if kind == "point" else GoalFormScreen(person_id)
        self.push_form(form)

    def action_add_person(self) -> None:
        """The person form, from any main screen; a saved person opens on their own screen."""
        from naervaer.tui.screens.person_form import PersonFormScreen

        self.push_form(PersonFormScreen())

    def action_import_people(self) -> None:
        """The import screen (people from a CSV file or contact cards), from the palette."""
        from naervaer.tui.screens.import_people import ImportScreen

        def imported(message: str | None) -> None:
            if message:
                self.notify(message, markup=False)
                self.data_changed()

        self.push_screen(ImportScreen(), imported)

    # -- the command palette: Textual's own entries, in the user's language -------------

    def action_command_palette(self) -> None:
        from naervaer.tui.commands import TranslatedPalette

        if self.use_command_palette and not TranslatedPalette.is_open(self):
            self.push_screen(TranslatedPalette(no_matches=self.t("tui.palette.no_matches"),
                                               placeholder=self.t("tui.palette.placeholder")))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's entries, translated. Left out: "Theme" (our own light/dark entry is the one
        that is remembered), "Keys" (its panel shows untranslated key ids; help is here instead)
        and "Screenshot": it writes the screen, notes and all, to an SVG file in whatever folder
        the app was started from, where neither forget nor the backups' erasure can reach it."""
        t = self.t
        yield SystemCommand(t("tui.palette.help"), t("tui.palette.help_help"), self.action_help)
        if screen.maximized is not None:
            yield SystemCommand(t("tui.palette.minimize"), t("tui.palette.minimize_help"), screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(t("tui.palette.maximize"), t("tui.palette.maximize_help"), screen.action_maximize)
        yield SystemCommand(t("tui.palette.quit"), t("tui.palette.quit_help"), self.action_quit)

    def action_help(self) -> None:
        from naervaer.tui.screens.help import HelpScreen

        # Our own keys, collected while this screen is active (behind the help they rest);
        # Textual's scrolling and focus keys are the usual ones and only have English names.
        keys = [a.binding for a in self.screen.active_bindings.values() if a.binding.description.startswith("key.")]
        self.push_screen(HelpScreen(keys))


def main_screen(mode: str) -> Screen:
    """A main screen, imported when first shown (only Today is on the startup path)."""
    module = import_module(f"naervaer.tui.screens.{mode}")
    return getattr(module, f"{mode.capitalize()}Screen")()


def resolve_language(store_lang: Any, given: str | None) -> str:
    return given or normalise_language(store_lang) or system_language()


def create_app(
    db_path: Path,
    *,
    today: date | Callable[[], date],
    lang: str | None = None,
    demo: bool = False,
    watch_seconds: float = 2.0,
    key: bytes | None = None,
) -> NaervaerApp:
    """The app on ``db_path``. ``lang`` None means the stored setting, else the system's."""
    if lang is None:
        with Store.open(db_path, key=key) as store:
            lang = resolve_language(store.get_setting("lang"), None)
    return NaervaerApp(db_path, today=today, lang=lang, demo=demo, watch_seconds=watch_seconds, key=key)


def unlock(db_path: Path, lang: str | None) -> bytes | None:
    """An encrypted database's key: stored (keyring, key file), else asked in ``UnlockApp``.

    None for a plain database; ``Quit`` on the passphrase screen raises ``SystemExit(1)``.
    """
    from naervaer.storage import cipher, keystore

    if not cipher.is_encrypted(db_path):
        return None
    key = keystore.stored_key(db_path)
    if key is not None:
        return key
    from naervaer.tui.screens.unlock import UnlockApp

    key = UnlockApp(db_path, lang or system_language()).run()
    if key is None:
        raise SystemExit(1)
    return key


def run_app(
    db_path: Path, *, today: date | Callable[[], date], lang: str | None = None, demo: bool = False,
    key: bytes | None = None,
) -> None:
    """Build the app on ``db_path`` and run it until the user quits (asking for the passphrase first)."""
    key = key or unlock(db_path, lang)
    create_app(db_path, today=today, lang=lang, demo=demo, key=key).run()
