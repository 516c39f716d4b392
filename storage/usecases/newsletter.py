"""The weekly success newsletter (``naervaer newsletter``, the Newsletter screen).

Reads the period's success notes through the tag index (private ones are left out in the
query itself) and the active people, then groups them with ``content.newsletter``.
"""

from __future__ import annotations

from naervaer.content.newsletter import Newsletter, Period, newsletter
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
