"""Newsletter: this week's successes to share (tip 7), as ``naervaer newsletter`` shows them.

``[`` and ``]`` step a week back and forward; ``s`` saves it as Markdown and ``e`` as an
e-mail draft (``.eml``, which Outlook opens ready to address) in the Documents folder.
The letter is read in a thread worker with its own connection (``storage.usecases.newsletter``);
in presentation mode the notes' text is masked (the app reloads every screen when it toggles).
In presentation mode the notes' text is masked, as everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from naervaer.content.errors import NaervaerError, message
from naervaer.content.formats.newsletter import newsletter_lines
from naervaer.content.newsletter import Newsletter, Period, shifted, week_of
from naervaer.storage.store import Store
from naervaer.tui.screens.base import BaseScreen
from naervaer.tui.widgets.display import MASK


def for_screen(letter: Newsletter, presentation: bool) -> Newsletter:
    """The letter as the screen may show it: every note's text masked in presentation mode."""
    if not presentation:
        return letter
    return replace(letter, sites=tuple(
        replace(site, people=tuple(
            replace(person, notes=tuple(replace(n, text=MASK) for n in person.notes))
            for person in site.people))
        for site in letter.sites))


class NewsletterScreen(BaseScreen):
    TITLE_KEY = "screen.newsletter"
    AUTO_FOCUS = "#news-scroll"
    CSS_PATH = "newsletter.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back", id="news-back"),
        Binding("left_square_bracket", "week(-1)", "key.week_before", key_display="[", id="news-before"),
        Binding("right_square_bracket", "week(1)", "key.week_after", key_display="]", id="news-after"),
        Binding("s", "save('md')", "key.save_md", id="news-save-md"),
        Binding("e", "save('eml')", "key.save_eml", id="news-save-eml"),
    ]

    @dataclass
    class Loaded(Message):
        letter: Newsletter

    def __init__(self, period: Period | None = None) -> None:
        super().__init__()
        self.period = period
        self.letter: Newsletter | None = None

    def compose(self) -> ComposeResult:
        yield self.header()
        with VerticalScroll(id="news-scroll"):
            yield Static(id="news-body", markup=False)
        yield self.footer()

    def reload(self) -> None:
        if self.period is None:
            self.period = week_of(self.napp.today())
        self.load_letter()

    @work(thread=True, exclusive=True, group="newsletter", exit_on_error=False)
    def load_letter(self) -> None:
        from naervaer.storage.usecases.newsletter import load_newsletter

        app = self.napp
        assert self.period is not None
        with Store.open(app.db_path, clock=app.today, key=app.key) as store:
            letter = load_newsletter(store, self.period)
        self.post_message(self.Loaded(letter))

    @on(Loaded)
    def show(self, loaded: Loaded) -> None:
        self.letter = loaded.letter
        self.render_letter()

    def render_letter(self) -> None:
        assert self.letter is not None
        shown = for_screen(self.letter, self.napp.presentation)
        self.query_one("#news-body", Static).update(Content("\n".join(newsletter_lines(shown, self.napp.t, md=False))))

    def action_week(self, step: int) -> None:
        assert self.period is not None
        try:
            self.period = shifted(self.period, step)
        except OverflowError:  # past year 9999: stay
            return
        self.load_letter()

    def action_save(self, fmt: str) -> None:
        from naervaer.storage.paths import documents_dir
        from naervaer.storage.usecases.newsletter import save_newsletter

        if self.letter is None:
            return
        t = self.napp.t
        try:
            path = save_newsletter(self.letter, t, fmt, documents_dir())
        except NaervaerError as exc:
            self.notify(message(t, exc, "app"), severity="error", markup=False)
            return
        self.notify(t("exchange.news_saved", path=str(path)), markup=False)
