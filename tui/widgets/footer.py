"""A Footer whose key descriptions are translation keys, looked up in the app's language.

Bindings are declared once per class with a key such as ``"key.today"``; this footer
shows ``t("tui.key.today")``, so switching language re-labels every key without
re-declaring bindings.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer


def describe(app: object, description: str) -> str:
    """The visible label for a binding description (a ``key.*`` id, or plain text)."""
    translate = getattr(app, "t", None)
    if translate is not None and description.startswith("key."):
        return translate("tui." + description)
    return description


class TranslatedFooter(Footer):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            label = getattr(widget, "description", None)
            if isinstance(label, str) and label:
                widget.description = describe(self.app, label)  # type: ignore[attr-defined]
            yield widget
