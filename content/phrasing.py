"""Small translated phrases the prompts and the briefing share: dates, "3 days ago", channels.

Dates in words come from ``content.datefmt`` (names in the language layer, never the
system locale).
"""

from __future__ import annotations

from datetime import date

from naervaer.content import datefmt
from naervaer.content.i18n import Translator


day = datefmt.short_day
long_day = datefmt.long_day


def ago(d: date, today: date, t: Translator) -> str:
    """How long ago (or ahead) ``d`` is, seen from ``today``."""
    days = (today - d).days
    if days == 0:
        return t("prompts.ago.today")
    if days == 1:
        return t("prompts.ago.yesterday")
    if days == -1:
        return t("prompts.ago.tomorrow")
    if days < 0:
        return t.plural("prompts.ago.in_days", -days)
    return t.plural("prompts.ago.days", days)


def channel(name: str | None, t: Translator) -> str:
    return t(f"vocab.channel_{name}") if name else t("vocab.channel_none")


def last_contact(when: date | None, how: str | None, today: date, t: Translator) -> str:
    """ "last contact: 12 days ago by phone" or "no contact noted yet"."""
    if when is None:
        return t("prompts.last_contact_none")
    how_key = f"prompts.by_channel.{how}" if how else "prompts.by_channel.none"
    return t("prompts.last_contact", ago=ago(when, today, t), channel=t(how_key))


def site(name: str | None, t: Translator) -> str:
    return name if name else t("prompts.no_site")
