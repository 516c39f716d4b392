"""One person: profile, one-to-one rhythm, pulse trend, personal dates, away periods, open
promises and the timeline.

How the person seemed (the pulse) is a Textual ``Sparkline`` of the last half year's notes,
with the first and latest word beside it; it is never shown in presentation mode.

Private notes show masked until ``r``; presentation mode masks every note and date.
The timeline is a list with one highlighted note (kept promises sit among the notes on
the day they were kept): ``e`` corrects the note in the quick note form, ``x``/``delete``
erases it after asking (rectification and erasure of one note). ``a`` logs a note with
this person and highlights it once stored, ``E`` edits the profile, ``X`` archives (or
brings back an archived person), ``k`` marks a promise kept, ``D`` adds, corrects and
deletes personal dates and away periods (``PersonItemsScreen``) and ``S`` edits skills and
interests (``SkillsFormScreen``); the profile shows them and the current buddy. ``t`` adds a
talking point for next time; ``g`` opens the goals and points to write, update, raise or make a promise of;
``C`` sets their own change period (shorter rhythms while it runs: the profile says so).
Point and goal texts are masked in presentation mode.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Sparkline, Static
from textual.widgets.option_list import Option

from naervaer.content import datefmt
from naervaer.content.errors import NaervaerError
from naervaer.content.facts import Note, Person, Promise
from naervaer.content.humanize import channel_name, days_ago, tag_names
from naervaer.content.text import neutralise, one_line
from naervaer.content.vocab import CHANNELS
from naervaer.storage.facts import pulses
from naervaer.storage.sites import change_for
from naervaer.storage.views import last_one_to_one
from naervaer.tui.screens.base import BaseScreen
from naervaer.tui.widgets.display import cut, masked, masked_date, note_body, note_hidden, shown_date

TIMELINE_LIMIT = 200
FIRST_PAINT = 30  # notes: more than a tall terminal shows
PULSE_BARS = 20  # the newest pulses in the chart (of the last half year)


def section(lines: list[Content], empty: str) -> Content:
    """A heading and its items; with none, "Heading: none" on one line, so that at 80×24 the
    sections after it (points, goals) stay in view."""
    if len(lines) > 1:
        return Content("\n").join(lines)
    return Content.assemble(lines[0], ": ", empty)


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
        Binding("k", "items('promise')", "key.kept", id="person-kept"),
        Binding("t", "add_point", "key.next_time", id="person-add-point"),
        Binding("g", "items('goal')", "key.goals", id="person-goals"),
        Binding("D", "items('date')", "key.details", show=False, id="person-details"),
        Binding("X", "archive", "key.archive", show=False, id="person-archive"),
        Binding("S", "skills", "key.skills", show=False, id="person-skills"),
        Binding("C", "change_period", "key.change_period", show=False, id="person-change"),
    ]

    def __init__(self, person_id: int) -> None:
        super().__init__()
        self.person_id = person_id
        self.revealed = False
        self.notes: list[Note] = []
        self.entries: list[Note | Promise] = []  # the timeline: notes and kept promises, newest first
        self.show_note: int | None = None  # a note to highlight at the next reload (one just added)

    def compose(self) -> ComposeResult:
        yield self.header()
        # the person on top (scrolls on its own when tall), the notes below with the highlight
        with VerticalScroll(id="person-about"):
            yield Static(id="person-profile")
            with Horizontal(id="person-pulse"):  # how they seemed: never in presentation mode
                yield Static(id="person-pulse-label")
                yield Sparkline(id="person-pulse-chart")
                yield Static(id="person-pulse-trend")
            yield Static(id="person-promises")  # before the dates: what the leader owes comes first
            yield Static(id="person-points")  # what to raise next time, then the goals (tip 1)
            yield Static(id="person-goals")
            yield Static(id="person-dates")
            yield Static(self.napp.t("tui.person.hint"), id="person-hint", classes="muted")
        yield Static(self.napp.t("tui.person.timeline"), classes="section-title", id="person-timeline-title")
        yield OptionList(id="person-timeline")
        yield self.footer()

    def reload(self) -> None:
        store = self.napp.store
        try:
            person = store.person(self.person_id)
        except NaervaerError as exc:
            if exc.key == "store.no_person_id":
                self.person_gone()
            else:
                self.napp.report_error(exc)
            return
        self.person = person
        self.render_profile(person)
        self.render_pulse()
        self.render_dates()
        self.render_promises()
        self.render_points()
        self.render_goals()
        kept = [p for p in store.promises(person_id=person.id) if p.done is not None]
        self.render_timeline(store.notes(person_id=person.id, limit=TIMELINE_LIMIT), kept)

    def person_gone(self) -> None:
        """Erased from another window (``forget``): show nothing of them, say why, and close.

        Ids are never reused, so the id cannot have come to name someone else meanwhile.
        """
        gone = getattr(self, "person", None)
        name = neutralise(gone.name) if gone is not None else f"#{self.person_id}"
        for part in ("#person-profile", "#person-dates", "#person-promises", "#person-points", "#person-goals"):
            self.query_one(part, Static).update("")
        self.notes = []
        self.query_one("#person-timeline", OptionList).clear_options()
        self.notify(self.napp.t("tui.person.gone", name=name), severity="warning", markup=False)
        if self.is_current:
            self.dismiss()

    def render_profile(self, p: Person) -> None:
        """Name, then work facts and personal facts on a line each, so the notes get the room."""
        t = self.napp.t
        prefers = channel_name(p.prefers, t) if p.prefers in CHANNELS else p.prefers
        birthday = None
        if p.birthday:
            # in the screen's date style ("19. sep."), with the year only when it is known;
            # 2000 is a leap year, so 29 February is a date to write out
            shown = datefmt.birthday(p.birthday.day, p.birthday.month, p.birthday.year, t)
            birthday = masked(shown, presentation=self.napp.presentation)
        rows = [
            [(t("tui.person.site"), p.site), (t("tui.person.team"), p.team), (t("tui.person.role"), p.role)],
            [(t("tui.person.prefers"), prefers), (t("tui.person.birthday"), birthday),
             (t("tui.person.started"), shown_date(p.started, t, self.napp.today()) if p.started else None)],
            # contact details are personal data: a screen share shows the mask
            [(t("tui.form.email"), p.email and masked(p.email, presentation=self.napp.presentation)),
             (t("tui.form.phone"), p.phone and masked(p.phone, presentation=self.napp.presentation))],
        ]
        lines = [Content(neutralise(p.name)).stylize("bold")]
        for row in rows:
            shown = [f"{label}: {neutralise(value)}" for label, value in row if value]
            if shown:
                lines.append(Content(" · ".join(shown)))
        targets = t("tui.person.targets", in_person=p.in_person_days, contact=p.contact_days)
        change = change_for(self.napp.store, p.id, p.site, self.napp.today())
        if change is not None:  # the rhythms Today holds them to are shorter now
            targets += " · " + (t("sites.view.in_change_until", date=shown_date(change.end, t, self.napp.today()))
                                if change.end else t("sites.view.in_change"))
        lines.append(Content(targets))
        lines.append(Content(self.one_to_one_line(p)))
        lines.extend(self.extras_lines(p))
        if p.archived:
            lines.append(Content(t("tui.person.archived")).stylize("bold"))
        self.query_one("#person-profile", Static).update(Content("\n").join(lines))

    def extras_lines(self, p: Person) -> list[Content]:
        """Skills, interests (tip 9) and the current buddy, on one line when there is any: at 80×24
        the talking points and goals below must still be in view."""
        from naervaer.storage.usecases.crosssite import person_extras

        t = self.napp.t
        extras = person_extras(self.napp.store, p.id)
        parts = []
        for kind, key in (("skill", "skills.skills"), ("interest", "skills.interests")):
            shown = ", ".join(neutralise(lab.label) for lab in extras.labels if lab.kind == kind)
            if shown:
                parts.append(f"{t(key)}: {shown}")
        if extras.buddies_since is not None:
            names = ", ".join(neutralise(b.name) for b in extras.buddies) or t("buddies.alone")
            parts.append(t("buddies.person", names=names,
                           date=shown_date(extras.buddies_since, t, self.napp.today())))
        return [Content(" · ".join(parts))] if parts else []

    def one_to_one_line(self, p: Person) -> str:
        t, today = self.napp.t, self.napp.today()
        if p.one_to_one_days <= 0:
            return t("tui.person.one_to_one_off")
        last = last_one_to_one(self.napp.store, p.id, today)
        when = (t("tui.person.one_to_one_last", date=shown_date(last, t, today), ago=days_ago(last, today, t))
                if last else t("tui.person.one_to_one_never"))
        return t("tui.person.one_to_one", days=p.one_to_one_days, last=when)

    def render_pulse(self) -> None:
        """The trend of how the person seemed, one bar per note (two cells wide); hidden when
        none is noted, and always in presentation mode."""
        t = self.napp.t
        found = [] if self.napp.presentation else pulses(self.napp.store, self.person_id, self.napp.today())
        row = self.query_one("#person-pulse")
        row.display = bool(found)
        self.query_one("#person-profile").set_class(bool(found), "-above-pulse")
        if not found:  # nothing of it kept behind the hidden row either
            self.query_one("#person-pulse-chart", Sparkline).data = []
            for part in ("#person-pulse-label", "#person-pulse-trend"):
                self.query_one(part, Static).update("")
            return
        values = [float(p.value) for p in found[-PULSE_BARS:]]
        chart = self.query_one("#person-pulse-chart", Sparkline)
        chart.data = [v for v in values for _ in (0, 1)]
        chart.styles.width = 2 * len(values)
        self.query_one("#person-pulse-label", Static).update(Content(t.plural("tui.person.pulse", len(found))))
        words = [t(f"vocab.pulse_{p.value}") for p in (found[0], found[-1])] if len(found) > 1 else [t(f"vocab.pulse_{found[-1].value}")]
        self.query_one("#person-pulse-trend", Static).update(Content(" → ".join(words)))

    def render_dates(self) -> None:
        t = self.napp.t
        presentation = self.napp.presentation
        dates = self.napp.store.personal_dates(self.person_id)
        lines = [Content(t("tui.person.dates")).stylize("bold")]
        for d in dates:
            label = masked(neutralise(d.label), presentation=presentation)
            yearly = " ↻" if d.yearly else ""
            lines.append(Content(f"  {masked_date(d.date, t, self.napp.today(), presentation=presentation)}{yearly}  {label}"))
        if not dates:
            lines.append(Content("  " + t("tui.person.none")))
        periods = self.napp.store.away_periods(self.person_id)
        lines.append(Content(t("tui.person.away")).stylize("bold"))
        for a in periods:
            end = shown_date(a.end, t, self.napp.today()) if a.end else "…"
            label = masked(neutralise(a.label), presentation=presentation)
            lines.append(Content(f"  {shown_date(a.start, t, self.napp.today())} – {end}  {label}".rstrip()))
        if not periods:
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
            text = masked(neutralise(p.text), presentation=self.napp.presentation)
            lines.append(Content(f"  • {text} ({due}){late}"))
        self.query_one("#person-promises", Static).update(section(lines, t("tui.person.none")))

    def render_points(self) -> None:
        """The talking points not yet raised, oldest first, each with its age."""
        t = self.napp.t
        today = self.napp.today()
        points = self.napp.store.points(person_id=self.person_id, open_only=True)
        lines = [Content(t("goals.tui.points")).stylize("bold")]
        for p in points:
            text = masked(neutralise(p.text), presentation=self.napp.presentation)
            lines.append(Content(f"  • {text} ({days_ago(p.created, today, t)})"))
        self.query_one("#person-points", Static).update(section(lines, t("goals.tui.none")))

    def render_goals(self) -> None:
        """Written goals (tip 1): text, status and date, and the last update under each."""
        t = self.napp.t
        today = self.napp.today()
        hide = self.napp.presentation
        goals = sorted(self.napp.store.goals(person_id=self.person_id), key=lambda g: (not g.is_active, g.id))
        lines = [Content(t("goals.tui.goals")).stylize("bold")]
        for g in goals:
            # the goal in the leader's words, then how it stands on one line under it
            line = Content(f"  • {masked(neutralise(g.text), presentation=hide)}")
            lines.append(line if g.is_active else line.stylize("dim"))
            facts = [t(f"goals.status.{g.status}")]
            if g.due:
                facts.append(t("goals.tui.by", date=shown_date(g.due, t, today)))
            last = g.last_update
            if last is not None:
                said = t("goals.tui.last_update", date=shown_date(last.date, t, today))
                if last.text:
                    said += ": " + masked(neutralise(one_line(last.text, 60)), presentation=hide)
                facts.append(said)
            lines.append(Content("    " + cut(" · ".join(facts), 72)).stylize("dim"))
        self.query_one("#person-goals", Static).update(section(lines, t("goals.tui.no_goals")))

    def render_timeline(self, notes: list[Note], kept: list[Promise]) -> None:
        """One option per note or kept promise; the highlight stays on the same note across reloads.

        The first screenful is laid out now and the rest joins right after that frame:
        measuring 200 wrapped notes delayed opening a person by ~75 ms at 500k notes.
        """
        timeline = self.query_one("#person-timeline", OptionList)
        wanted = self.show_note if self.show_note is not None else getattr(self.highlighted_note(), "id", None)
        self.show_note = None
        index = timeline.highlighted
        oldest = notes[-1].date if len(notes) == TIMELINE_LIMIT else None  # kept promises older than the notes shown wait
        shown_kept = [p for p in kept if p.done is not None and (oldest is None or p.done >= oldest)]
        entries: list[Note | Promise] = sorted(
            [*notes, *shown_kept], key=lambda e: (e.done if isinstance(e, Promise) else e.date), reverse=True)
        keys = [self.entry_key(e) for e in entries]
        same = keys.index(str(wanted)) if wanted is not None and str(wanted) in keys else None
        first = max(FIRST_PAINT, (same or 0) + 1)
        self.notes, self.entries = notes, entries
        if entries:
            timeline.set_options([self.entry_option(e) for e in entries[:first]])
            timeline.highlighted = same if same is not None else min(index or 0, len(entries) - 1, first - 1)
            if same is not None:
                timeline.scroll_to_highlight()
            if len(entries) > first:
                self.call_after_refresh(self.add_rest, entries, first)
        else:
            timeline.set_options([Option(Content(self.napp.t("tui.person.no_notes")), disabled=True)])
        self.refresh_bindings()

    @staticmethod
    def entry_key(entry: Note | Promise) -> str:
        return f"kept-{entry.id}" if isinstance(entry, Promise) else str(entry.id)

    def entry_option(self, entry: Note | Promise) -> Option:
        if isinstance(entry, Note):
            return self.note_option(entry)
        t = self.napp.t
        assert entry.done is not None
        text = masked(neutralise(entry.text), presentation=self.napp.presentation)
        head = f"{shown_date(entry.done, t, self.napp.today())} ({days_ago(entry.done, self.napp.today(), t)}) · ✓ "
        # shown, not chosen: the keys act on notes
        return Option(Content.assemble((head + t("tui.person.kept_entry", text=text), "italic")),
                      id=self.entry_key(entry), disabled=True)

    def note_option(self, n: Note) -> Option:
        t = self.napp.t
        tags = neutralise(tag_names(n.tags, t))
        head = f"{shown_date(n.date, t, self.napp.today())} ({days_ago(n.date, self.napp.today(), t)}) · {channel_name(n.channel, t)}"
        head += f" · {tags}" if tags else ""
        head += f" · {t('vocab.one_to_one')}" if n.kind else ""
        if n.pulse is not None and not note_hidden(n, presentation=self.napp.presentation, revealed=self.revealed):
            head += f" · {t('cli.pulse_mark', pulse=t(f'vocab.pulse_{n.pulse}'))}"
        body = note_body(n, t, presentation=self.napp.presentation, revealed=self.revealed)
        # not indented: its wrapped lines would start at the left edge anyway
        return Option(Content.assemble((head, "bold"), "\n", body), id=str(n.id))

    def add_rest(self, entries: list[Note | Promise], start: int) -> None:
        if entries is self.entries:  # not replaced by a newer reload meanwhile
            self.query_one("#person-timeline", OptionList).add_options(
                [self.entry_option(e) for e in entries[start:]])

    def highlighted_note(self) -> Note | None:
        index = self.query_one("#person-timeline", OptionList).highlighted
        entry = self.entries[index] if index is not None and index < len(self.entries) else None
        return entry if isinstance(entry, Note) else None

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
        """The quick note with this person; the note stored is highlighted when the timeline returns."""
        from naervaer.tui.screens.quick_note import QuickNoteScreen

        form = QuickNoteScreen(self.person_id)

        def saved(message: str | None) -> None:
            if message:
                if form.saved_note is not None and form.saved_note.person_id == self.person_id:
                    self.show_note = form.saved_note.id
                self.notify(message, markup=False)
                self.napp.data_changed()

        self.app.push_screen(form, saved)

    def action_add_point(self) -> None:
        from naervaer.tui.screens.goal_forms import PointFormScreen

        def saved(message: str | None) -> None:
            if message:
                self.notify(message, markup=False)
                self.napp.data_changed()

        self.app.push_screen(PointFormScreen(self.person_id), saved)

    def action_items(self, start: str) -> None:
        from naervaer.tui.screens.person_items import PersonItemsScreen

        def closed(changed: bool | None) -> None:
            if changed:
                self.napp.data_changed()

        self.app.push_screen(PersonItemsScreen(self.person_id, start=start), closed)

    def action_change_period(self) -> None:
        self.napp.edit_person_change(self.person_id)

    def action_skills(self) -> None:
        from naervaer.tui.screens.skills_form import SkillsFormScreen

        def closed(changed: bool | None) -> None:
            if changed:
                self.napp.data_changed()

        self.app.push_screen(SkillsFormScreen(self.person_id), closed)

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
        """Archive after asking; on an archived person, bring them back (also after asking)."""
        from naervaer.tui.screens.confirm import ConfirmScreen

        t = self.napp.t
        name = neutralise(self.person.name)
        back = self.person.archived

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.napp.store.update_person(self.person_id, archived=not back)
            except NaervaerError as exc:
                self.napp.report_error(exc)
                return
            self.notify(t("tui.person.unarchived_done" if back else "tui.person.archived_done", name=name), markup=False)
            self.napp.data_changed()
            if not back:
                self.app.pop_screen()

        if back:
            question = ConfirmScreen(t("tui.person.unarchive_question", name=name),
                                     t("tui.person.unarchive_yes"), t("tui.person.archive_no"))
        else:
            question = ConfirmScreen(t("tui.person.archive_question", name=name),
                                     t("tui.person.archive_yes"), t("tui.person.archive_no"))
        self.app.push_screen(question, answered)
