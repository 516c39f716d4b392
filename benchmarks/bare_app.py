"""The baseline app from issue 7: Header, a 40-row DataTable, Footer; exits after its first refresh.

Run headless as a whole process (``python benchmarks/bare_app.py``), measured exactly
like the Nærvær TUI in ``tui_today.py``.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

SIZE = (120, 40)


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Name", "Site", "Last seen", "Last contact")
        for i in range(40):
            table.add_row(f"Person {i}", f"Site {i % 8}", f"2026-11-{1 + i % 28:02d}", f"2026-11-{1 + i % 20:02d}")
        self.call_after_refresh(self.exit)


if __name__ == "__main__":
    BareApp().run(headless=True, size=SIZE)
