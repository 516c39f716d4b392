"""Turning the errors the lower layers raise into one translated line for the screen."""

from __future__ import annotations

from naervaer.content.errors import NaervaerError
from naervaer.content.i18n import Translator
from naervaer.content.text import MatchError, neutralise


def message_for(t: Translator, exc: Exception) -> str:
    """What to tell the user about ``exc`` (an error that carries a message key)."""
    if isinstance(exc, MatchError):
        key = exc.key if exc.candidates else "tui.note.no_such_person"
        return neutralise(t(key, query=exc.query, candidates=", ".join(exc.candidates)))
    if isinstance(exc, NaervaerError):
        return neutralise(t(exc.key, **exc.params))
    key, params = getattr(exc, "key", None), getattr(exc, "params", None)
    if isinstance(key, str) and isinstance(params, dict):
        return neutralise(t(key, **params))
    return neutralise(t("tui.error.unexpected", detail=str(exc)))
