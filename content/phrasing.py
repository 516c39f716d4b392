"""Small translated phrases the prompts and the briefing share: dates, "3 days ago", channels.

Dates in words come from ``content.datefmt`` (names in the language layer, never the
system locale).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from naervaer.content import datefmt, humanize
from naervaer.content.i18n import Translator


day = datefmt.short_day
long_day = datefmt.long_day


ago = humanize.days_ago
channel = humanize.channel_name


def last_contact(when: date | None, how: str | None, today: date, t: Translator) -> str:
    """ "last contact: 12 days ago by phone" or "no contact noted yet"."""
    if when is None:
        return t("prompts.last_contact_none")
    how_key = f"prompts.by_channel.{how}" if how else "prompts.by_channel.none"
    return t("prompts.last_contact", ago=ago(when, today, t), channel=t(how_key))


def site(name: str | None, t: Translator) -> str:
    return name if name else t("prompts.no_site")


def counts(t: Translator, **numbers: int) -> dict[str, str]:
    """Each count as a counted noun ("1 note", "3 personal dates"): ``views.count.<name>``."""
    return {name: t.plural(f"views.count.{name}", n) for name, n in numbers.items()}


def listing(t: Translator, numbers: Mapping[str, int]) -> str:
    """The counts that are not zero, as one phrase: "3 notes, 1 promise and 2 skills".

    What a person owns grows with every feature; a sentence naming each kind, zeros included,
    would grow with it.
    """
    said = [t.plural(f"views.count.{name}", n) for name, n in numbers.items() if n]
    if not said:
        return t("views.count_nothing")
    if len(said) == 1:
        return said[0]
    return t("views.count_list", head=", ".join(said[:-1]), last=said[-1])
