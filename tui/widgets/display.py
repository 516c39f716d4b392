"""How stored text and dates look on screen: neutralised, masked when private, localised.

Every widget that shows a note, a name or a personal date goes through here, so the
privacy rules live in one place and screens only ask:

* a note tagged private is masked until revealed (``note_hidden``, ``note_body``, ``note_line``);
* presentation mode masks all note text, personal dates (``masked_date``) and every
  personal field: promise texts, date and leave labels, what is coming up, a birthday
  (``masked``);
* in presentation mode a prompt shows only who, and only the rhythm prompts
  (``PLAIN_PROMPT_KINDS``: "see Anna in person") keep their title (``prompt_text``,
  ``group_names_shown``).
"""

from __future__ import annotations

import textwrap
from datetime import date
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.content import Content

from naervaer.content import datefmt
from naervaer.content.facts import Note
from naervaer.content.i18n import Translator
from naervaer.content.text import first_line, neutralise, one_line

if TYPE_CHECKING:
    from naervaer.content.rules import Prompt

PRIVATE = "private"
MASK = "••••"
# The rhythm prompts say no more than "see Anna in person"; every other kind's title or
# reason names a hard day, a promise, a birthday or what happened.
# nothing personal in them; the team-wide ones name a site, the survey or the buddy round
PLAIN_PROMPT_KINDS = frozenset({"not_seen", "no_contact", "new_person", "one_to_one", "buddy_rotation",
                                "meeting_due", "survey_due", "site_behind"})
# A timeline shows the start of a very long note (a 10 MB paste would stall layout);
# the whole text stays stored and exported.
SHOWN_CHARS = 4000
SHOWN_LINES = 40


def text(value: str | None) -> Content:
    """User text as Content: never markup, controls made visible."""
    return Content(neutralise(value or ""))


def note_hidden(note: Note, *, presentation: bool, revealed: bool) -> bool:
    return presentation or (PRIVATE in note.tags and not revealed)


def mask_for(note: Note, t: Translator, *, presentation: bool) -> str:
    if presentation:
        return presentation_mask(t)
    return f"{MASK} {t('tui.mask.private')}"


def masked(shown: str, *, presentation: bool) -> str:
    """A personal field as the caller formats it (neutralised), or the mask in presentation mode."""
    return MASK if presentation else shown


def presentation_mask(t: Translator) -> str:
    return f"{MASK} {t('tui.mask.presentation')}"


def prompt_text(prompt: Prompt, t: Translator, *, presentation: bool) -> tuple[str, str]:
    """A prompt's title and reason; in presentation mode only who, and why only for the
    rhythm prompts."""
    if not presentation:
        return neutralise(prompt.title), neutralise(prompt.reason)
    hidden = presentation_mask(t)
    if prompt.kind in PLAIN_PROMPT_KINDS:
        return neutralise(prompt.title), hidden
    return neutralise(f"{prompt.person or ''}: {MASK}"), hidden


def group_names_shown(kind: str, *, presentation: bool) -> bool:
    """Whether a group's line may name its members: in presentation mode only the rhythm
    groups do, as their prompts do."""
    return not presentation or kind in PLAIN_PROMPT_KINDS


def note_body(note: Note, t: Translator, *, presentation: bool, revealed: bool) -> str:
    """The note's full text (neutralised), or its mask."""
    if note_hidden(note, presentation=presentation, revealed=revealed):
        return mask_for(note, t, presentation=presentation)
    lines = note.text[:SHOWN_CHARS].replace("\r\n", "\n").split("\n")[:SHOWN_LINES]
    shown = neutralise("\n".join(lines))
    return shown + (" …" if len(shown) < len(note.text) else "")


def note_line(note: Note, t: Translator, *, presentation: bool, revealed: bool, width: int = 70) -> str:
    """The note on one line (first line, cut), or its mask."""
    if note_hidden(note, presentation=presentation, revealed=revealed):
        return mask_for(note, t, presentation=presentation)
    return one_line(first_line(note.text[:SHOWN_CHARS]) or note.text[:SHOWN_CHARS], width)


def shown_date(day: date, t: Translator, today: date) -> str:
    """THE date style on every screen: "Wed 25 Nov" / "ons. 25. nov." (the year instead of the
    weekday when it is not this year); ISO dates only in what can be typed."""
    return datefmt.short_day(day, t, today)


def masked_date(day: date | None, t: Translator, today: date, *, presentation: bool) -> str:
    """A personal date, hidden in presentation mode."""
    if day is None:
        return "—"
    return MASK if presentation else shown_date(day, t, today)


def long_date(day: date, lang: str) -> str:
    """"Monday 23 November 2026" / "mandag den 23. november 2026"."""
    return datefmt.long_day(day, Translator(lang))


def month_name(year: int, month: int, lang: str) -> str:
    return datefmt.month_year(year, month, Translator(lang))


def month_initials(months: list[tuple[int, int]], lang: str) -> list[str]:
    t = Translator(lang)
    return [datefmt.month_initial(m, t) for _, m in months]

def cut(value: str, width: int) -> str:
    """``value`` in at most ``width`` terminal cells, ending in "…" when it had to be cut."""
    if cell_len(value) <= width:
        return value
    out = ""
    for ch in value:
        if cell_len(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


LAST_NOTE_LINES = 3  # the visit briefing's last note: its first line, wrapped, at most this many lines


def hanging(head: str, text: str, width: int, lines: int = LAST_NOTE_LINES) -> str:
    """``head`` then ``text``, wrapped to ``width``; wrapped lines start under the text's start."""
    indent = " " * min(len(head), max(width // 2, 1))
    wrapped = textwrap.wrap(head + text, width=max(width, len(indent) + 10), subsequent_indent=indent,
                            break_long_words=True, break_on_hyphens=False)
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: max(len(indent) + 1, width - 1)].rstrip() + "…"
    return "\n".join(wrapped)
