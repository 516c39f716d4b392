"""How stored text and dates look on screen: neutralised, masked when private, localised.

Every widget that shows a note, a name or a personal date goes through here, so the
privacy rules (private notes masked until revealed; presentation mode masks all note
text and personal dates) live in one place.
"""

from __future__ import annotations

from datetime import date

from textual.content import Content

from naervaer.content import datefmt
from naervaer.content.facts import Note
from naervaer.content.i18n import Translator
from naervaer.content.text import first_line, neutralise, one_line

PRIVATE = "private"
MASK = "••••"
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
        return f"{MASK} {t('tui.mask.presentation')}"
    return f"{MASK} {t('tui.mask.private')}"


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