"""One person: profile, personal dates, open promises and the timeline of notes.

Private notes show masked until ``r``; presentation mode masks every note and date.
The timeline is a list with one highlighted note: ``e`` corrects it in the quick note
form, ``x``/``delete`` erases it after asking (rectification and erasure of one note).
``a`` logs a note with this person, ``E`` edits the profile, ``X`` archives.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from naervaer.content.errors import NaervaerError
from naervaer.content.facts import Note, Person
from naervaer.content.humanize import channel_name, days_ago, tag_names
from naervaer.content.text import neutralise
from naervaer.content.vocab import CHANNELS
from naervaer.tui.screens.base import BaseScreen
from naervaer.tui.widgets.display import masked_date, note_body, note_hidden, shown_date

TIMELINE_LIMIT = 200
FIRST_PAINT = 30  # notes: more than a tall terminal shows


class PersonScreen(BaseScreen):
    TITLE_KEY = "screen.person"
    AUTO_FOCUS = "#person-timeline"
    CSS_PATH = "person.tcss"
    # The note keys act on the highlighted note; the person's own (rarer) keys are the
    # shifted letters, listed on the help screen: the footer has no room for them at 80 columns.
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back", id="person-back"),
        Binding("a", "add_note", "key.add_note", id="person-add"),
        Binding("e", "edit_note", "key.edit_note", id="person-edit-note"),
        Binding("x,delete", "delete_note", "key.delete_note", id="person-delete-note"),
        Binding("r", "reveal", "key.reveal", id="person-reveal"),
        Binding("E", "edit", "key.edit_person", show=False, id="person-edit"),
        Binding("X", "archive", "key.archive", show=False, id="person-archive"),
    ]

    def __init__(self, person_id: int) -> None:
        super().__init__()
        self.person_id = person_id
        self.revealed = False
        self.notes: list[Note] = []

    def compose(self) -> ComposeResult:
        yield self.header()
        # the person on top (scrolls on its own when tall), the notes below with the highlight
        with VerticalScroll(id="person-about"):
            yield Static(id="person-profile")
            yield Static(id="person-dates")
            yield Static(id="person-promises")
        yield Static(self.napp.t("tui.person.timeline"), classes="section-title", id="person-timeline-title")
        yield OptionList(id="person-timeline")
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
        """Name, then work facts and personal facts on a line each, so the notes get the room."""
        t = self.napp.t
        prefers = channel_name(p.prefers, t) if p.prefers in CHANNELS else p.prefers
        birthday = None
        if p.birthday:
            birthday = "••••" if self.napp.presentation else f"{p.birthday.day}/{p.birthday.month}" + (
                f" {p.birthday.year}" if p.birthday.year else "")
        rows = [
            [(t("tui.person.site"), p.site), (t("tui.person.team"), p.team), (t("tui.person.role"), p.role)],
            [(t("tui.person.prefers"), prefers), (t("tui.person.birthday"), birthday),
             (t("tui.person.started"), shown_date(p.started, t, self.napp.today()) if p.started else None)],
        ]
        lines = [Content(neutralise(p.name)).stylize("bold")]
        for row in rows:
            shown = [f"{label}: {neutralise(value)}" for label, value in row if value]
            if shown:
                lines.append(Content(" · ".join(shown)))
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
            lines.append(Content(f"  {masked_date(d.date, t, self.napp.today(), presentation=presentation)}{yearly}  {label}"))
        if not dates:
            lines.append(Content("  " + t("tui.person.none")))
        self.query_one("#person-dates", Static).update(Content("\n").join(lines))

    def render_promises(self) -> None:
        t = self.napp.t
        today = self.napp.today()
        promises = self.napp.store.promises(open_only=True, person_id=self.person_id)
        lines = [Content(t("tui.person.promises")).stylize("bold")]
        for p in promises:
            due = t("tui.person.due", date=shown_date(p.due, t, today)) if p.due else t("tui.person.no_due")
            late = " ⚠ " + t("tui.person.overdue") if p.due and p.due < today else ""
            text = "••••" if self.napp.presentation else neutralise(p.text)
            lines.append(Content(f"  • {text} ({due}){late}"))
        if not promises:
            lines.append(Content("  " + t("tui.person.none")))
        self.query_one("#person-promises", Static).update(Content("\n").join(lines))

    def render_timeline(self, notes: list[Note]) -> None:
        """One option per note; the highlight stays on the same note across reloads.

        The first screenful is laid out now and the rest joins right after that frame:
        measuring 200 wrapped notes delayed opening a person by ~75 ms at 500k notes.
        """
        timeline = self.query_one("#person-timeline", OptionList)
        kept = self.highlighted_note()
        index = timeline.highlighted
        ids = [n.id for n in notes]
        same = ids.index(kept.id) if kept is not None and kept.id in ids else None
        first = max(FIRST_PAINT, (same or 0) + 1)
        self.notes = notes
        if notes:
            timeline.set_options([self.note_option(n) for n in notes[:first]])
            timeline.highlighted = same if same is not None else min(index or 0, len(notes) - 1, first - 1)
            if len(notes) > first:
                self.call_after_refresh(self.add_rest, notes, first)
        else:
            timeline.set_options([Option(Content(self.napp.t("tui.person.no_notes")), disabled=True)])
        self.refresh_bindings()

    def note_option(self, n: Note) -> Option:
        t = self.napp.t
        tags = neutralise(tag_names(n.tags, t))
        head = f"{shown_date(n.date, t, self.napp.today())} ({days_ago(n.date, self.napp.today(), t)}) · {channel_name(n.channel, t)}"
        head += f" · {tags}" if tags else ""
        body = note_body(n, t, presentation=self.napp.presentation, revealed=self.revealed)
        # not indented: its wrapped lines would start at the left edge anyway
        return Option(Content.assemble((head, "bold"), "\n", body), id=str(n.id))

    def add_rest(self, notes: list[Note], start: int) -> None:
        if notes is self.notes:  # not replaced by a newer reload meanwhile
            self.query_one("#person-timeline", OptionList).add_options([self.note_option(n) for n in notes[start:]])

    def highlighted_note(self) -> Note | None:
        index = self.query_one("#person-timeline", OptionList).highlighted
        return self.notes[index] if index is not None and index < len(self.notes) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_note", "delete_note") and self.highlighted_note() is None:
            return None  # shown dimmed: there is no note to act on
        return True

    def action_edit_note(self) -> None:
        """Correct the highlighted note; a masked one must be revealed first (nothing shows unasked)."""
        note = self.highlighted_note()
        if note is None:
            return
        t = self.napp.t
        if note_hidden(note, presentation=self.napp.presentation, revealed=self.revealed):
            self.notify(t("tui.person.reveal_to_edit"), severity="warning", markup=False)
            return
        from naervaer.tui.screens.quick_note import QuickNoteScreen

        def saved(message: str | None) -> None:
            if message:
                self.notify(message, markup=False)
                self.napp.data_changed()

        self.app.push_screen(QuickNoteScreen(note=note), saved)

    def action_delete_note(self) -> None:
        """Erase the highlighted note after asking; the question names when and how, never the text."""
        note = self.highlighted_note()
        if note is None:
            return
        from naervaer.tui.screens.confirm import ConfirmScreen

        t = self.napp.t
        about = {"name": neutralise(self.person.name), "date": shown_date(note.date, t, self.napp.today()),
                 "channel": channel_name(note.channel, t)}

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                # expected: while the question was open the id may have gone to another note
                self.napp.store.delete_note(note.id, expected=note)
            except NaervaerError as exc:
                self.napp.report_error(exc)
                self.napp.data_changed()  # show the timeline as it now is
                return
            self.notify(t("tui.person.note_deleted", **about), markup=False)
            self.napp.data_changed()

        self.app.push_screen(ConfirmScreen(t("tui.person.delete_note_question", **about),
                                           t("tui.person.delete_note_yes"), t("tui.person.delete_note_no")), answered)

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


