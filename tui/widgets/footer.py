"""A Footer whose key descriptions are translation keys, looked up in the app's language.

Bindings are declared once per class with a key such as ``"key.today"``; this footer
shows ``t("tui.key.today")``, so switching language re-labels every key without
re-declaring bindings. On a narrow terminal (80 columns) it leaves out, in this order,
the keys that are reachable some other way until the rest fits: the palette key (ctrl+p
still works), the key of the screen you are on, presentation mode (palette and help).
Help and quit always stay.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


def describe(app: object, description: str) -> str:
    """The visible label for a binding description (a ``key.*`` id, or plain text)."""
    translate = getattr(app, "t", None)
    if translate is not None and description.startswith("key."):
        return translate("tui." + description)
    return description


def _cells(widget: Widget) -> int:
    """Columns a compact footer key takes: "k Label" plus its one-column margin."""
    if isinstance(widget, FooterKey):
        return len(widget.key_display) + 1 + len(widget.description) + 1
    return 0


class TranslatedFooter(Footer):
    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        for widget in widgets:
            label = getattr(widget, "description", None)
            if isinstance(label, str) and label:
                widget.description = describe(self.app, label)  # type: ignore[attr-defined]
        yield from self._fitting(widgets)

    def _fitting(self, widgets: list[Widget]) -> list[Widget]:
        width = self.app.size.width
        current = f"go('{getattr(self.app, 'current_mode', '')}')"
        droppable = [
            lambda w: w.has_class("-command-palette"),
            lambda w: getattr(w, "action", None) == current,
            lambda w: getattr(w, "action", None) == "toggle_presentation",
        ]
        kept = widgets
        for rule in droppable:
            if sum(_cells(w) for w in kept) <= width:
                break
            kept = [w for w in kept if not rule(w)]
        return kept

    def on_resize(self, event: Resize) -> None:
        if event.size.width != getattr(self, "_composed_width", None):
            self._composed_width = event.size.width
            self.refresh(recompose=True)
