"""A Footer whose key descriptions are translation keys, looked up in the app's language.

Bindings are declared once per class with a key such as ``"key.today"``; this footer
shows ``t("tui.key.today")``, so switching language re-labels every key without
re-declaring bindings. On a narrow terminal (80 columns) it leaves out, in this order,
the keys that are reachable some other way until the rest fits: the palette key (ctrl+p
still works), the key of the screen you are on, presentation mode, the other screens'
keys (all in the palette and on the help screen), then the screen's own last keys.
Help and quit always stay.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


ALWAYS_SHOWN = frozenset({"help", "quit"})


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
    _shown: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        self._shown = self._what_it_shows()
        widgets = list(super().compose())
        for widget in widgets:
            label = getattr(widget, "description", None)
            if isinstance(label, str) and label:
                widget.description = describe(self.app, label)  # type: ignore[attr-defined]
        yield from self._fitting(widgets)

    def _what_it_shows(self) -> tuple[object, ...]:
        """Everything compose depends on: the keys, their state, the width, language and screen."""
        keys = tuple(
            (binding.key, binding.description, binding.action, enabled, tooltip)
            for _, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        ) if self._bindings_ready else None
        app = self.app
        return keys, app.size.width, getattr(getattr(app, "t", None), "lang", None), getattr(app, "current_mode", None)

    async def recompose(self) -> None:
        # Bindings are "updated" several times while a screen starts (mount, focus, ...),
        # mostly to the same keys; rebuilding a dozen keys each time delayed the first frame.
        if self.is_attached and self._what_it_shows() == self._shown:
            return
        await super().recompose()

    def _fitting(self, widgets: list[Widget]) -> list[Widget]:
        width = self.app.size.width
        current = f"go('{getattr(self.app, 'current_mode', '')}')"
        droppable = [
            lambda w: w.has_class("-command-palette"),
            lambda w: getattr(w, "action", None) == current,
            lambda w: getattr(w, "action", None) == "toggle_presentation",
            lambda w: str(getattr(w, "action", "")).startswith("go("),
        ]
        kept = widgets
        for rule in droppable:
            if sum(_cells(w) for w in kept) <= width:
                return kept
            kept = [w for w in kept if not rule(w)]
        # Still too wide (a screen with many keys of its own): its last keys give way.
        while sum(_cells(w) for w in kept) > width:
            last = [w for w in kept if getattr(w, "action", None) not in ALWAYS_SHOWN]
            if not last:
                break
            kept.remove(last[-1])
        return kept

    def on_resize(self, event: Resize) -> None:
        self.refresh(recompose=True)
