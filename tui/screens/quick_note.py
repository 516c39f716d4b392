"""The quick note: log a touchpoint in a few keys, from any screen.

``n``, two or three letters of the name, ``enter``, the text, ``ctrl+s``. The channel
defaults to the one the person prefers (in person only when they prefer it, have no
preference, or it is picked), said in a line under it; the date defaults to today.
When the person has open promises, a row lets the note mark them kept; when they have
talking points not yet raised, a row (``1``–``9``, each with its age) ticks the ones this
contact raised, and a "next time" field adds a new one. ``1`` in the tags row marks a
one-to-one (the note's kind); an optional row notes how the person seemed (1–5; hidden in
presentation mode). Every field is checked by the note draft (``content/note_draft.py``)
before anything is stored, and one ``Store.add_note`` call stores the note, its promise,
the promises it kept, the points it raised and the next one together (all or nothing). If
the store refuses (a full disk), the form and its text stay.

Given an existing note, the same form corrects it: every field starts as stored (the
promise row is hidden: a promise is kept apart from the note) and saving goes through
one ``Store.update_note`` call.
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea

from naervaer.content.errors import InputError, NaervaerError
from naervaer.content.facts import ONE_TO_ONE, PULSES, Note, Person, Promise
from naervaer.content.goals import TalkingPoint
from naervaer.content.humanize import days_ago
from naervaer.content.note_draft import TypedNote, note_draft
from naervaer.content.text import find_all, find_one, neutralise
from naervaer.content.vocab import BUILTIN_TAGS, CHANNELS
from naervaer.tui.screens.base import OnApp
from naervaer.tui.widgets.choices import Choice, ChoiceRow
from naervaer.tui.widgets.errors import message_for
from naervaer.tui.widgets.display import shown_date
from naervaer.tui.widgets.footer import TranslatedFooter


CHANNEL_LETTERS = {"in_person": "i", "video": "v", "phone": "t", "message": "m", "": "o"}
# the tags row also marks a one-to-one (stored as the note's kind, not as a tag)
ONE_TO_ONE_LETTER = "1"
TAG_LETTERS = {"fire": "f", "success": "s", "private": "p", "milestone": "l",
               "misunderstanding": "u", "problem": "b", "informal": "a"}


class PersonInput(Input):
    """The name field; ``up``/``down`` move through the suggestions."""

    BINDINGS = [
        Binding("down", "screen.suggest(1)", "key.next_match", show=False),
        Binding("up", "screen.suggest(-1)", "key.previous_match", show=False),
    ]


class QuickNoteScreen(OnApp, ModalScreen[str | None]):
    """Dismisses with the "saved" message, or None when cancelled. ``note`` opens it to correct that note."""

    CSS_PATH = "quick_note.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", priority=True, id="note-save"),
        Binding("escape", "cancel", "key.cancel", priority=True, id="note-cancel"),
    ]

    def __init__(self, person_id: int | None = None, *, note: Note | None = None,
                 kind: str | None = None, tags: tuple[str, ...] = ()) -> None:
        """``kind`` and ``tags`` start a new note ticked (a one-to-one prompt, a short talk)."""
        super().__init__()
        self.preset = ((note.kind,) if note.kind else ()) + note.tags if note else ((kind,) if kind else ()) + tags
        self.editing = note
        self.prefill = note.person_id if note is not None else person_id
        self.people: list[Person] = []
        self.matches: list[Person] = []
        self.index = 0
        self.loaded_text = ""  # the note's text as the editor holds it (its line breaks all \n)
        self.chosen: Person | None = None
        self.channel_picked = note is not None  # a correction keeps its channel; a new note follows the person
        self.open_promises: list[Promise] = []
        self.open_points: list[TalkingPoint] = []
        self.followed: Person | None = None  # the person the channel and kept row were last set for
        self.saved_note: Note | None = None  # what ``ctrl+s`` stored (the Person screen highlights it)

    def compose(self) -> ComposeResult:
        t = self.napp.t
        channels = [Choice(c, CHANNEL_LETTERS[c], t(f"vocab.channel_{c}")) for c in CHANNELS]
        channels.append(Choice("", CHANNEL_LETTERS[""], t("vocab.channel_none")))
        tags = [Choice(tag, TAG_LETTERS[tag], t(f"vocab.tag_{tag}")) for tag in BUILTIN_TAGS]
        tags.append(Choice(ONE_TO_ONE, ONE_TO_ONE_LETTER, t("vocab.one_to_one")))
        pulses = [Choice(str(n), str(n), t(f"vocab.pulse_{n}")) for n in PULSES]
        note = self.editing
        with Vertical(id="note-form"):
            yield Label(t("tui.note.edit_title" if note else "tui.note.title"), id="note-title")
            yield PersonInput(placeholder=t("tui.note.person_placeholder"), id="note-person")
            yield Static(id="note-person-help", classes="hint")
            # stored text is shown neutralised, like everywhere (an editor would draw ESC raw);
            # saved untouched, the stored text is kept exactly (see action_save)
            shown = neutralise(note.text.replace("\r\n", "\n")) if note else ""
            yield TextArea(shown, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static(id="note-text-error", classes="error")
            with Horizontal(classes="row"):
                yield Label(t("tui.note.channel"), classes="field-label")
                channel = ((note.channel or "") if note else "in_person",)
                yield ChoiceRow(channels, multi=False, selected=channel, keys_help=t("tui.choice.channel"), id="note-channel")
            yield Static(id="note-channel-hint", classes="hint")
            with Horizontal(classes="row", id="note-kept-row") as kept_row:
                kept_row.display = False
                yield Label(t("tui.note.kept"), classes="field-label")
                yield ChoiceRow([], multi=True, keys_help=t("tui.choice.kept"), id="note-kept")
            with Horizontal(classes="row", id="note-raised-row") as raised_row:
                raised_row.display = False
                yield Label(t("goals.tui.note_raised"), classes="field-label")
                yield ChoiceRow([], multi=True, keys_help=t("tui.choice.raised"), id="note-raised")
            with Horizontal(classes="row"):
                yield Label(t("tui.note.tags"), classes="field-label")
                ticked = tuple(tag for tag in self.preset if tag in (*BUILTIN_TAGS, ONE_TO_ONE))
                yield ChoiceRow(tags, multi=True, selected=ticked, keys_help=t("tui.choice.tags"), id="note-tags")
            with Horizontal(classes="row"):
                yield Label(t("tui.note.date"), classes="field-label")
                yield Input(note.date.isoformat() if note else "", placeholder=t("tui.note.date_placeholder"), id="note-date")
            yield Static(id="note-date-error", classes="error")
            with Horizontal(classes="row", id="note-promise-row") as promise_row:
                promise_row.display = note is None
                yield Label(t("tui.note.promise"), classes="field-label")
                yield Input(placeholder=t("tui.note.promise_placeholder"), id="note-promise")
                yield Input(placeholder=t("tui.note.due_placeholder"), id="note-due")
            yield Static(id="note-promise-error", classes="error")
            with Horizontal(classes="row", id="note-next-row") as next_row:
                next_row.display = note is None
                yield Label(t("goals.tui.note_next"), classes="field-label")
                yield Input(placeholder=t("goals.tui.note_next_placeholder"), id="note-next")
            yield Static(id="note-next-error", classes="error")
            with Horizontal(classes="row", id="note-pulse-row"):
                yield Label(t("tui.note.pulse"), classes="field-label")
                pulse = (str(note.pulse),) if note and note.pulse else ()
                # last, being optional: the same number again clears it; presentation mode hides the row
                yield ChoiceRow(pulses, multi=False, optional=True, selected=pulse, gap=1,
                                keys_help=t("tui.choice.pulse"), id="note-pulse")
            yield Static(id="note-status", classes="error")
        yield TranslatedFooter(compact=True)

    def on_mount(self) -> None:
        self.people = self.napp.store.people()
        if self.editing is not None and all(p.id != self.prefill for p in self.people):
            self.people.append(self.napp.store.person(self.editing.person_id))  # archived since
        text = self.query_one("#note-text", TextArea)
        text.border_title = self.napp.t("tui.note.text")
        text.move_cursor(text.document.end)  # a correction usually goes on where the text ends
        self.query_one("#note-pulse-row").display = not self.napp.presentation  # never on a shared screen
        self.loaded_text = text.text
        self.show_channel_hint()
        if self.prefill is not None:
            found = next((p for p in self.people if p.id == self.prefill), None)
            if found is not None:
                self.chosen = found
                person = self.query_one("#note-person", Input)
                with person.prevent(Input.Changed):
                    person.value = neutralise(found.name)  # an Input draws ESC raw
                self.show_person_help()
                text.focus()
                return
        self.query_one("#note-person", Input).focus()
        self.show_person_help()

    # -- the person field -------------------------------------------------------------

    @on(Input.Changed, "#note-person")
    def person_typed(self, event: Input.Changed) -> None:
        self.chosen = None
        self.index = 0
        self.matches = find_all(event.value, self.people, key=lambda p: p.name)[:5] if event.value.strip() else []
        self.show_person_help()

    def action_suggest(self, step: int) -> None:
        if self.matches:
            self.index = (self.index + step) % len(self.matches)
            self.show_person_help()

    @on(ChoiceRow.Changed)
    def choice_changed(self, event: ChoiceRow.Changed) -> None:
        if event.row.id == "note-channel":
            # a row taking back a stray letter's pick leaves the channel following the person
            self.channel_picked = self.editing is not None or event.selected != self.default_channel()
            self.show_channel_hint()

    def default_channel(self) -> tuple[str]:
        """The channel a new note starts with: the chosen person's preferred one, else in person."""
        return ((self.chosen.prefers if self.chosen else None) or "in_person",)

    @on(ChoiceRow.Strayed)
    def typed_past_a_row(self, event: ChoiceRow.Strayed) -> None:
        """Letters typed on a row after ``tab`` were meant for the note: they go into its text
        (the row has taken back what they changed)."""
        text = self.query_one("#note-text", TextArea)
        text.focus()
        text.insert(event.typed)

    def follow_person(self) -> None:
        """The chosen person's preferred channel (unless one was picked) and open promises."""
        person = self.chosen
        if person is not None and not self.channel_picked:
            row = self.query_one("#note-channel", ChoiceRow)
            row.selected = self.default_channel()
            row.refresh()
        self.open_promises = (
            self.napp.store.promises(open_only=True, person_id=person.id)
            if person is not None and self.editing is None else [])
        kept = self.query_one("#note-kept", ChoiceRow)
        hide = self.napp.presentation  # a shared screen shows no promise text
        kept.choices = [Choice(str(p.id), str(i), "••••" if hide else neutralise(p.text))
                        for i, p in enumerate(self.open_promises[:9], 1)]
        kept.selected = ()
        kept.refresh(layout=True)
        self.query_one("#note-kept-row").display = bool(kept.choices)
        self.open_points = (
            self.napp.store.points(person_id=person.id, open_only=True)
            if person is not None and self.editing is None else [])
        raised = self.query_one("#note-raised", ChoiceRow)
        today = self.napp.today()
        raised.choices = [
            Choice(str(p.id), str(i), f"{'••••' if hide else neutralise(p.text)} ({days_ago(p.created, today, self.napp.t)})")
            for i, p in enumerate(self.open_points[:9], 1)]
        raised.selected = ()
        raised.refresh(layout=True)
        self.query_one("#note-raised-row").display = bool(raised.choices)
        self.show_channel_hint()

    def show_channel_hint(self) -> None:
        t = self.napp.t
        channel = self.query_one("#note-channel", ChoiceRow).selected[0]
        shown = t(f"vocab.channel_{channel}") if channel else t("vocab.channel_none")
        person = self.chosen
        if self.channel_picked or person is None:
            hint = t("tui.note.channel_is", channel=shown)
        elif person.prefers:
            hint = t("tui.note.channel_preferred", channel=shown, name=neutralise(person.name))
        else:
            hint = t("tui.note.channel_no_preference", channel=shown, name=neutralise(person.name))
        self.query_one("#note-channel-hint", Static).update(Content(hint))

    def show_person_help(self) -> None:
        t = self.napp.t
        help_line = self.query_one("#note-person-help", Static)
        if self.chosen is not None:
            site = f" · {self.chosen.site}" if self.chosen.site else ""
            help_line.update(Content("✓ " + neutralise(self.chosen.name + site)))
        elif self.matches:
            parts = [Content("→ ")]
            for i, p in enumerate(self.matches):
                name = Content(neutralise(p.name))
                parts.append(name.stylize("reverse") if i == self.index else name)
                parts.append(Content("  "))
            help_line.update(Content("").join(parts))
        else:
            help_line.update(Content(t("tui.note.person_help")))
        help_line.remove_class("error")
        if self.chosen is not self.followed:
            self.followed = self.chosen
            self.follow_person()

    @on(Input.Submitted, "#note-person")
    def person_chosen(self) -> None:
        if self.matches:
            self.chosen = self.matches[self.index]
            person = self.query_one("#note-person", Input)
            with person.prevent(Input.Changed):
                person.value = neutralise(self.chosen.name)
            self.show_person_help()
            self.query_one("#note-text", TextArea).focus()
        else:
            self.resolve_person()

    def resolve_person(self) -> Person | None:
        if self.chosen is not None:
            return self.chosen
        typed = self.query_one("#note-person", Input).value
        help_line = self.query_one("#note-person-help", Static)
        try:
            if typed.strip():
                self.chosen = find_one(typed, self.people, key=lambda p: p.name)
        except InputError as exc:  # a MatchError: nobody, or several
            message = message_for(self.napp.t, exc)
        else:
            message = "" if self.chosen else self.napp.t("tui.note.person_missing")
        if message:
            help_line.update(Content(message))
            help_line.add_class("error")
            return None
        self.show_person_help()
        return self.chosen

    # -- saving -----------------------------------------------------------------------

    def _fail(self, widget_id: str, message: str) -> None:
        """Say what is wrong right under the field (an empty message hides the line)."""
        line = self.query_one(widget_id, Static)
        line.update(Content(message))
        line.display = bool(message)

    def action_save(self) -> None:
        t = self.napp.t
        today: date = self.napp.today()
        for widget_id in ("#note-text-error", "#note-date-error", "#note-promise-error", "#note-next-error",
                          "#note-status"):
            self._fail(widget_id, "")
        ok = True
        person = self.resolve_person()
        ok &= person is not None
        body = self.query_one("#note-text", TextArea).text
        when = self.query_one("#note-date", Input).value
        promise_text = self.query_one("#note-promise", Input).value.strip()
        due_text = self.query_one("#note-due", Input).value
        typed = TypedNote(
            made_on=self.editing.date if self.editing else today, text=body,
            when=when if when.strip() else None, promise=promise_text or None,
            due=due_text if due_text.strip() else None,
        )
        draft, errors = note_draft(typed, today)
        for field, widget_id in (("text", "#note-text-error"), ("date", "#note-date-error"), ("due", "#note-promise-error")):
            if field in errors:
                self._fail(widget_id, message_for(t, errors[field]))
                ok = False
        day = draft["date"]
        if not ok or person is None:
            return
        channel = self.query_one("#note-channel", ChoiceRow).selected[0] or None
        tags = self.chosen_tags()
        kind, pulse = self.chosen_kind(), self.chosen_pulse()
        promise = draft.get("promise")
        keep = [int(i) for i in self.query_one("#note-kept", ChoiceRow).selected] if self.editing is None else []
        raised = [int(i) for i in self.query_one("#note-raised", ChoiceRow).selected] if self.editing is None else []
        next_time = self.query_one("#note-next", Input).value if self.editing is None else ""
        store = self.napp.store
        try:
            if self.editing is None:
                self.saved_note, _ = store.add_note(person.id, day, channel, body, tags, promise, keep=keep,
                                                    kind=kind, pulse=pulse, raised=raised,
                                                    next_time=next_time)
            else:
                # an untouched text is kept as stored, line breaks (\r\n, \x0b …) and all
                text = self.editing.text if body == self.loaded_text else body
                # expected: the id alone may name another note by now (SQLite reuses the newest id)
                store.update_note(self.editing.id, expected=self.editing, person_id=person.id, date=day,
                                  channel=channel, text=text, tags=tags, kind=kind, pulse=pulse)
        except (NaervaerError, ValueError) as exc:  # the form stays, with all typed, and says why
            if getattr(exc, "key", None) == "store.no_person_id":
                self.person_gone(person)
            else:
                self._fail("#note-status", message_for(t, exc))
            return
        done = "tui.note.updated" if self.editing else "tui.note.saved"
        self.dismiss(t(done, name=neutralise(person.name), date=shown_date(day, t, self.napp.today())))

    def person_gone(self, person: Person) -> None:
        """The person this note was for was erased meanwhile: keep the text, let another be chosen."""
        message = self.napp.t("tui.note.person_gone", name=neutralise(person.name))
        self._fail("#note-status", message)
        self.people = [p for p in self.napp.store.people() if p.id != person.id]
        self.chosen = None
        help_line = self.query_one("#note-person-help", Static)
        help_line.update(Content(message))
        help_line.add_class("error")

    def chosen_tags(self) -> tuple[str, ...]:
        """The ticked built-in tags, plus a corrected note's own tags (the form has no boxes for them)."""
        ticked = tuple(tag for tag in self.query_one("#note-tags", ChoiceRow).selected if tag != ONE_TO_ONE)
        own = tuple(tag for tag in self.editing.tags if tag not in BUILTIN_TAGS) if self.editing else ()
        return (*ticked, *own)

    def chosen_kind(self) -> str | None:
        return ONE_TO_ONE if ONE_TO_ONE in self.query_one("#note-tags", ChoiceRow).selected else None

    def chosen_pulse(self) -> int | None:
        if self.editing is not None and self.napp.presentation:
            return self.editing.pulse  # hidden on a shared screen: kept as stored
        picked = self.query_one("#note-pulse", ChoiceRow).selected
        return int(picked[0]) if picked else None

    def changed_anything(self) -> bool:
        """Whether esc would lose anything: typed text for a new note, any difference for a correction."""
        note = self.editing
        if note is None:
            return self.typed_anything()
        chosen = self.chosen.id if self.chosen else None
        return (
            self.query_one("#note-text", TextArea).text != self.loaded_text
            or chosen != note.person_id
            or self.query_one("#note-date", Input).value.strip() != note.date.isoformat()
            or (self.query_one("#note-channel", ChoiceRow).selected[0] or None) != note.channel
            or set(self.chosen_tags()) != set(note.tags)
            or self.chosen_kind() != note.kind
            or self.chosen_pulse() != note.pulse
        )

    def typed_anything(self) -> bool:
        fields = [self.query_one(f"#note-{f}", Input).value for f in ("date", "promise", "due", "next")]
        typed_name = self.query_one("#note-person", Input).value if self.prefill is None else ""
        return bool(self.query_one("#note-text", TextArea).text.strip() or typed_name.strip() or any(f.strip() for f in fields))

    def action_cancel(self) -> None:
        if not self.changed_anything():
            self.dismiss(None)
            return
        from naervaer.tui.screens.confirm import dismiss_after_asking

        dismiss_after_asking(self, "tui.note.discard_changes" if self.editing else "tui.note.discard_question")
