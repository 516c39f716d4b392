"""The calendar feed: dates coming up, promises due and away periods, as an ``.ics`` file.

Reads the active people's records in one snapshot and hands them to the pure format
(``content.formats.calendar``). ``write_feed`` writes a file atomically (a subscribed
calendar never reads half a file); ``refresh_feed`` re-exports to the ``calendar_path``
setting, which the daily backup step calls on both faces.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

from dateutil.relativedelta import relativedelta

from naervaer.content.errors import InputError
from naervaer.content.formats.calendar import CalendarEvent, calendar_events, to_ics
from naervaer.content.i18n import Translator
from naervaer.content.settings import EngineSettings
from naervaer.storage import paths
from naervaer.storage.paths import FILE_MODE
from naervaer.storage.store import Store

DEFAULT_MONTHS = 12
FEED_NAME = "naervaer.ics"


def chosen_months(store: Store) -> int:
    """How far ahead the feed reaches: the ``calendar_months`` setting (12 unless chosen)."""
    return EngineSettings.from_stored(store.settings()).calendar_months


def feed_events(store: Store, today: date, t: Translator, months: int = DEFAULT_MONTHS) -> list[CalendarEvent]:
    """Every event of the feed; one-off ones from today to ``months`` ahead."""
    with store.snapshot():
        people = store.people()
        dates = store.personal_dates()
        promises = store.promises(open_only=True)
        away = store.away_periods()
        private = frozenset(r[0] for r in store.query(
            "SELECT DISTINCT note_id FROM note_tags WHERE tag = 'private'"))
    return calendar_events(people, dates, promises, away, private_notes=private, today=today,
                           last=today + relativedelta(months=months), t=t)


def calendar_feed(store: Store, today: date, t: Translator, months: int = DEFAULT_MONTHS,
                  now: datetime | None = None) -> tuple[bytes, int]:
    """The ``.ics`` bytes and how many events they hold."""
    events = feed_events(store, today, t, months)
    return to_ics(events, now or datetime.now(UTC), t), len(events)


def write_feed(path: Path, data: bytes) -> None:
    """Replace ``path`` atomically with ``data``, readable only by the user (names and birthdays)."""
    path = path.expanduser()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError("safety.cannot_write", path=str(path), detail=exc.strerror or str(exc)) from None


def refresh_feed(store: Store, today: date, t: Translator) -> Path | None:
    """Re-export to the ``calendar_path`` setting, if the leader chose one; the path written."""
    setting = store.get_setting("calendar_path")
    if not isinstance(setting, str) or not setting.strip():
        return None
    path = Path(setting).expanduser()
    data, _ = calendar_feed(store, today, t, chosen_months(store))
    write_feed(path, data)
    return path


def export_feed_file(store: Store, today: date, t: Translator) -> tuple[Path, int]:
    """The app's "Export the calendar": to the ``calendar_path`` setting, else Documents/naervaer.ics."""
    setting = store.get_setting("calendar_path")
    if isinstance(setting, str) and setting.strip():
        path = Path(setting).expanduser()
    else:
        path = paths.documents_dir() / FEED_NAME
    data, count = calendar_feed(store, today, t, chosen_months(store))
    write_feed(path, data)
    return path, count
