"""An error as one line for the screen: the shared wording (``content.errors.message``), made safe to show."""

from __future__ import annotations

from naervaer.content.errors import message
from naervaer.content.i18n import Translator
from naervaer.content.text import neutralise


def message_for(t: Translator, exc: BaseException) -> str:
    """What to tell the user about ``exc``, with what they typed shown, not obeyed."""
    return neutralise(message(t, exc, face="app"))
