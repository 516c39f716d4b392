"""One person: profile, personal dates, open promises and the timeline of notes.

Private notes show masked until ``r``; presentation mode masks every note and date.
``a`` logs a note with this person, ``e`` edits the profile, ``x`` archives.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from naervaer.content.errors import NaervaerError
from naervaer.content.facts import Note, Person
from naervaer.content.humanize import channel_name, days_ago
from naervaer.content.text import neutralise
from naervaer.content.vocab import CHANNELS
from naervaer.tui.screens.base import BaseScreen
from naervaer.tui.widgets.display import masked_date, note_body

TIMELINE_LIMIT = 200


class PersonScreen(BaseScreen):
    TITLE_KEY = "screen.person"
    AUTO_FOCUS = "#person-body"
    CSS_PATH = "person.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back", id="person-back"),
        Binding("a", "add_note", "key.add_note", id="person-add"),
        Binding("e", "edit", "key.edit", id="person-edit"),
        Binding("x", "archive", "key.archive", id="person-archive"),
        Binding("r", "reveal", "key.reveal", id="person-reveal"),
    ]

    def __init__(self, person_id: int) -> None:
        super().__init__()
        self.person_id = person_id
        self.revealed = False

    def compose(self) -> ComposeResult:
        yield self.header()
        with VerticalScroll(id="person-body"):
            yield Static(id="person-profile")
            yield Static(id="person-dates")
            yield Static(id="person-promises")
            yield Static(self.napp.t("tui.person.timeline"), classes="section-title")
            yield Static(id="person-timeline")
        yield self.footer()

    def reload(self) -> None:
        store = self.napp.store
        try:
            person = store.person(self.person_id)
        except NaervaerError as exc:
            self.napp.report_error(exc)
            return
        self.person = person
        self.render_profile(person)
        self.render_dates()
        self.render_promises()
        self.render_timeline(store.notes(person_id=person.id, limit=TIMELINE_LIMIT))

    def render_profile(self, p: Person) -> None:
        t = self.napp.t
        presentation = self.napp.presentation
        lines = [Content(neutralise(p.name)).stylize("bold")]
        prefers = channel_name(p.prefers, t) if p.prefers in CHANNELS else p.prefers
        facts = [
            (t("tui.person.site"), p.site), (t("tui.person.team"), p.team),
            (t("tui.person.role"), p.role), (t("tui.person.prefers"), prefers),
        ]
        for label, value in facts:
            if value:
                lines.append(Content(f"{label}: {neutralise(value)}"))
        if p.birthday:
            shown = "••••" if presentation else f"{p.birthday.day}/{p.birthday.month}" + (f" {p.birthday.year}" if p.birthday.year else "")
            lines.append(Content(f"{t('tui.person.birthday')}: {shown}"))
        if p.started:
            lines.append(Content(f"{t('tui.person.started')}: {p.started.isoformat()}"))
        lines.append(Content(t("tui.person.targets", in_person=p.in_person_days, contact=p.contact_days)))
        if p.archived:
            lines.append(Content(t("tui.person.archived")).stylize("bold"))
        self.query_one("#person-profile", Static).update(Content("\n").join(lines))

    def render_dates(self) -> None:
        t = self.napp.t
        presentation = self.napp.presentation
        dates = self.napp.store.personal_dates(self.person_id)
        lines = [Content(t("tui.person.dates")).stylize("bold")]
        for d in dates:
            label = "••••" if presentation else neutralise(d.label)
            yearly = " ↻" if d.yearly else ""
            lines.append(Content(f"  {masked_date(d.date, presentation=presentation)}{yearly}  {label}"))
        if not dates:
            lines.append(Content("  " + t("tui.person.none")))
        self.query_one("#person-dates", Static).update(Content("\n").join(lines))

    def render_promises(self) -> None:
        t = self.napp.t
        today = self.napp.today()
        promises = self.napp.store.promises(open_only=True, person_id=self.person_id)
        lines = [Content(t("tui.person.promises")).stylize("bold")]
        for p in promises:
            due = t("tui.person.due", date=p.due.isoformat()) if p.due else t("tui.person.no_due")
            late = " ⚠ " + t("tui.person.overdue") if p.due and p.due < today else ""
            text = "••••" if self.napp.presentation else neutralise(p.text)
            lines.append(Content(f"  • {text} ({due}){late}"))
        if not promises:
            lines.append(Content("  " + t("tui.person.none")))
        self.query_one("#person-promises", Static).update(Content("\n").join(lines))

    def render_timeline(self, notes: list[Note]) -> None:
        t = self.napp.t
        today = self.napp.today()
        blocks: list[Content] = []
        for n in notes:
            tags = " ".join("#" + neutralise(tag) for tag in n.tags)
            head = f"{n.date.isoformat()} ({days_ago(n.date, today, t)}) · {channel_name(n.channel, t)} {tags}".rstrip()
            body = note_body(n, t, presentation=self.napp.presentation, revealed=self.revealed)
            indented = "\n".join("    " + line for line in body.split("\n"))
            blocks.append(Content.assemble((head, "bold"), "\n", indented))
        if not notes:
            blocks.append(Content(t("tui.person.no_notes")))
        self.query_one("#person-timeline", Static).update(Content("\n").join(blocks))

    def action_add_note(self) -> None:
        self.napp.action_quick_note(self.person_id)

    def action_reveal(self) -> None:
        self.revealed = not self.revealed
        self.reload()

    def action_edit(self) -> None:
        from naervaer.tui.screens.person_form import PersonFormScreen

        def saved(message: str | None) -> None:
            if message:
                self.notify(message, markup=False)
                self.napp.data_changed()

        self.app.push_screen(PersonFormScreen(self.person_id), saved)

    def action_archive(self) -> None:
        from naervaer.tui.screens.confirm import ConfirmScreen

        t = self.napp.t
        name = neutralise(self.person.name)

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.napp.store.update_person(self.person_id, archived=True)
            except NaervaerError as exc:
                self.napp.report_error(exc)
                return
            self.notify(t("tui.person.archived_done", name=name), markup=False)
            self.napp.data_changed()
            self.app.pop_screen()

        self.app.push_screen(ConfirmScreen(t("tui.person.archive_question", name=name),
                                           t("tui.person.archive_yes"), t("tui.person.archive_no")), answered)


