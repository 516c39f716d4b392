"""Small phrases built from facts in the user's language: "12 days ago", "in 3 days"."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from naervaer.content.i18n import Translator


def days_ago(day: date | None, today: date, t: Translator) -> str:
    """How long ago (or ahead) ``day`` is, seen from ``today``; "never" for no date."""
    if day is None:
        return t("views.never")
    days = (today - day).days
    if days == 0:
        return t("views.today")
    if days == 1:
        return t("views.yesterday")
    if days == -1:
        return t("views.tomorrow")
    if days < 0:
        return t.plural("views.in_days", -days)
    return t.plural("views.days_ago", days)


def channel_name(channel: str | None, t: Translator) -> str:
    return t(f"vocab.channel_{channel}") if channel else t("vocab.channel_none")


def tag_names(tags: Iterable[str], t: Translator) -> str:
    """Tags as read in the user's language: built-in ones translated, one's own as typed."""
    from naervaer.content.vocab import BUILTIN_TAGS

    return ", ".join(t(f"vocab.tag_{tag}") if tag in BUILTIN_TAGS else tag for tag in tags)


def occasion_text(t: Translator, kind: str, label: str, years: int | None) -> str:
    if kind == "personal":
        return label
    if years:
        return t(f"views.occasion_{kind}_years", years=years)
    return t(f"views.occasion_{kind}")
