"""The command palette (ctrl+p): go to a person, log a note, add a talking point or a written
goal for someone, add a person, see the archived people, switch screen, language, theme,
presentation mode, plan a visit to a site, open Coaching.

Names and sites are user text: hits display them as plain ``Content`` (the fuzzy
matcher's own highlighter parses markup, so it is not used on them).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.widgets.option_list import Option

from naervaer.content.text import neutralise

if TYPE_CHECKING:
    from naervaer.tui.app import NaervaerApp

Command = tuple[str, Callable[[], object], str]


class TranslatedPalette(CommandPalette):
    """Textual's palette with its one sentence of its own ("No matches found") in the user's
    language; the placeholder is a parameter already, this sentence is not."""

    def __init__(self, *, no_matches: str, placeholder: str) -> None:
        super().__init__(id="--command-palette", placeholder=placeholder)
        self.no_matches = no_matches

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual 8.2.8's own method (textual is pinned), with the sentence translated
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:  # an empty search is discovery: nothing to say
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(self.no_matches, style="not bold")), disabled=True, id=self._NO_MATCHES))
            self._list_visible = bool(search_value)

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


class NaervaerCommands(Provider):
    async def startup(self) -> None:
        app = cast("NaervaerApp", self.app)
        self._people = [(p.id, p.name) for p in app.store.people()]
        self._sites = app.store.sites()

    def _fixed(self) -> list[Command]:
        app = cast("NaervaerApp", self.app)
        t = app.t
        out: list[Command] = [
            (t("tui.palette.log_note"), app.action_quick_note, t("tui.palette.log_note_help")),
            (t("tui.palette.add_person"), app.action_add_person, t("tui.palette.add_person_help")),
            (t("tui.palette.archived"), app.show_archived, t("tui.palette.archived_help")),
            (t("exchange.palette_newsletter"), app.open_newsletter, t("exchange.palette_newsletter_help")),
            (t("exchange.palette_calendar"), app.export_calendar, t("exchange.palette_calendar_help")),
            (t("tui.palette.who"), app.open_who, t("tui.palette.who_help")),
            (t("tui.palette.buddies"), app.open_buddies, t("tui.palette.buddies_help")),
            (t("importing.screen.palette"), app.action_import_people, t("importing.screen.palette_help")),
            (t("tui.palette.record_meeting"), app.record_meeting, t("tui.palette.record_meeting_help")),
        ]
        for mode in ("today", "team", "month", "sites", "search"):
            out.append((t("tui.palette.goto_screen", screen=t(f"tui.screen.{mode}")),
                        partial(app.action_go, mode), t("tui.palette.goto_screen_help")))
        for lang in ("en", "da"):
            out.append((t("tui.palette.language", language=t(f"tui.language.{lang}")),
                        partial(app.set_language, lang), t("tui.palette.language_help")))
        out.append((t("tui.palette.coaching"), app.action_coaching, t("tui.palette.coaching_help")))
        out.append((t("tui.palette.theme"), app.action_toggle_theme, t("tui.palette.theme_help")))
        out.append((t("tui.palette.presentation"), app.action_toggle_presentation,
                    t("tui.palette.presentation_help")))
        return out

    def _dynamic(self) -> list[Command]:
        app = cast("NaervaerApp", self.app)
        t = app.t
        out: list[Command] = []
        for person_id, name in self._people:
            shown = neutralise(name)
            out.append((t("tui.palette.goto_person", name=shown),
                        partial(app.open_person, person_id), t("tui.palette.goto_person_help")))
            out.append((t("tui.palette.log_with", name=shown),
                        partial(app.action_quick_note, person_id), t("tui.palette.log_note_help")))
            out.append((t("goals.tui.palette_point", name=shown),
                        partial(app.open_goal_form, "point", person_id), t("goals.tui.palette_point_help")))
            out.append((t("goals.tui.palette_goal", name=shown),
                        partial(app.open_goal_form, "goal", person_id), t("goals.tui.palette_goal_help")))
            out.append((t("tui.palette.person_change", name=shown),
                        partial(app.edit_person_change, person_id), t("tui.palette.person_change_help")))
        for site in self._sites:
            out.append((t("tui.palette.visit", site=neutralise(site)),
                        partial(app.open_visit, site), t("tui.palette.visit_help")))
            out.append((t("tui.palette.meeting_at", site=neutralise(site)),
                        partial(app.record_meeting, site), t("tui.palette.record_meeting_help")))
            out.append((t("tui.palette.edit_site", site=neutralise(site)),
                        partial(app.edit_site, site), t("tui.palette.edit_site_help")))
        return out

    async def discover(self) -> Hits:
        for text, command, help_text in self._fixed():
            yield DiscoveryHit(Content(text), command, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in [*self._fixed(), *self._dynamic()]:
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, Content(text), command, text=text, help=help_text)
