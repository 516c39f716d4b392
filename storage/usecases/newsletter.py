"""The weekly success newsletter (``naervaer newsletter``, the Newsletter screen).

Reads the period's success notes through the tag index (private ones are left out in the
query itself) and the active people, then groups them with ``content.newsletter``.
"""

from __future__ import annotations

from pathlib import Path

from naervaer.content.errors import InputError
from naervaer.content.i18n import Translator
from naervaer.content.newsletter import Newsletter, Period, newsletter
from naervaer.storage.paths import write_new_private
from naervaer.storage import rows
from naervaer.storage.store import Store

# the week's notes by the date index, then each one's tags by the note index
_SUCCESSES = f"""
    SELECT {rows.NOTE_COLUMNS} FROM notes n
    WHERE n.date BETWEEN ? AND ?
      AND EXISTS (SELECT 1 FROM note_tags s WHERE s.note_id = n.id AND s.tag = 'success')
      AND NOT EXISTS (SELECT 1 FROM note_tags p WHERE p.note_id = n.id AND p.tag = 'private')
"""


def load_newsletter(store: Store, period: Period) -> Newsletter:
    with store.snapshot():
        notes = [rows.note(r) for r in store.query(_SUCCESSES, [period.start.isoformat(), period.end.isoformat()])]
        people = store.people()
    return newsletter(period, people, notes)


def save_newsletter(letter: Newsletter, t: Translator, fmt: str, folder: Path) -> Path:
    """Write the newsletter as ``.md`` or ``.eml`` to a new file in ``folder`` (the app's save keys)."""
    from naervaer.content.formats.newsletter import newsletter_eml, newsletter_lines

    if fmt == "eml":
        data = newsletter_eml(letter, t).encode("ascii")
    else:
        data = ("\n".join(newsletter_lines(letter, t, md=True)) + "\n").encode("utf-8")
    p = letter.period
    stem = f"naervaer-newsletter-{p.start.isocalendar().year}-W{p.week:02d}" if p.week else \
        f"naervaer-newsletter-{p.start.isoformat()}"
    try:
        return write_new_private(folder, stem, f".{fmt}", data)
    except OSError as exc:
        raise InputError("safety.cannot_write", path=str(folder), detail=exc.strerror or str(exc)) from None
