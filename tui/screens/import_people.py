"""Import people from a file: choose it, see what each row would do, then import it.

The same plan as ``naervaer import people --dry-run`` (``storage.usecases.people_import``):
each row is new, unchanged, would update, or an error with its line and column. Reading
and planning run in a thread worker with its own connection; ``ctrl+s`` stores the
previewed file in one transaction on the main thread (re-planned inside it, so what another
window did meanwhile is seen), and nothing at all while any row has an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Checkbox, DataTable, Input, Label, Static
from textual.worker import Worker, WorkerState

from naervaer.content.errors import NaervaerError
from naervaer.content.formats import people_table as shape
from naervaer.content.formats.people_file import FileRecords
from naervaer.content.people_import import ImportPlan
from naervaer.content.text import neutralise
from naervaer.storage.store import Store
from naervaer.storage.usecases import people_import as use
from naervaer.tui.screens.base import OnApp
from naervaer.tui.widgets.errors import message_for
from naervaer.tui.widgets.footer import TranslatedFooter


SHOWN_PROBLEMS = 20  # beyond that the file needs the command line's full list anyway


class ImportScreen(OnApp, ModalScreen[str | None]):
    """Dismisses with what was imported (a summary line), or None when cancelled."""

    CSS_PATH = "import_people.tcss"
    BINDINGS = [
        Binding("ctrl+s", "import", "key.import", priority=True, id="import-confirm"),
        Binding("escape", "cancel", "key.cancel", priority=True, id="import-cancel"),
    ]

    @dataclass
    class Previewed(Message):
        """A worker read and planned a file (or could not: ``error``)."""

        path: str
        update: bool
        found: FileRecords | None
        plan: ImportPlan | None
        error: NaervaerError | None = None

    def __init__(self) -> None:
        super().__init__()
        self.previewed: ImportScreen.Previewed | None = None

    def compose(self) -> ComposeResult:
        t = self.napp.t
        with Vertical(id="import-box"):
            yield Label(t("importing.screen.title"), id="import-title")
            with Horizontal(classes="form-row"):
                yield Label(t("importing.screen.file"), classes="form-label")
                yield Input(placeholder=t("importing.screen.file_hint"), id="import-path")
            yield Static(id="import-error", classes="form-error")
            yield Checkbox(t("importing.screen.update"), id="import-update")
            yield Static(t("importing.screen.help"), id="import-help")
            yield DataTable(id="import-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="import-problems")
            yield Static(id="import-summary")
        yield TranslatedFooter(compact=True)

    def on_mount(self) -> None:
        t = self.napp.t
        table = self.query_one(DataTable)
        for key in ("line", "status", "name", "changes"):
            table.add_column(Text(t(f"importing.screen.col_{key}")), key=key)
        table.display = False
        self.query_one("#import-problems").display = False
        self.query_one("#import-path", Input).focus()

    # -- preview --------------------------------------------------------------------

    @on(Input.Submitted, "#import-path")
    @on(Checkbox.Changed, "#import-update")
    def start_preview(self) -> None:
        path = self.query_one("#import-path", Input).value.strip()
        if not path:
            return
        self.previewed = None
        self.show_error("")
        self.query_one("#import-summary", Static).update(self.napp.t("importing.screen.reading"))
        self.preview_worker(path, self.query_one(Checkbox).value)

    @work(thread=True, exclusive=True, group="import-preview", exit_on_error=False)
    def preview_worker(self, path: str, update: bool) -> None:
        app = self.napp
        try:
            found = use.read_file(Path(path))
            with Store.open(app.db_path, clock=app.today, key=app.key) as store:  # a thread's own connection
                plan = use.preview(store, found, app.today(), update=update,
                                   anniversary_label=app.t("importing.anniversary_label"))
        except NaervaerError as exc:
            self.post_message(self.Previewed(path, update, None, None, exc))
            return
        self.post_message(self.Previewed(path, update, found, plan))

    @on(Previewed)
    def show_preview(self, message: Previewed) -> None:
        if message.path != self.query_one("#import-path", Input).value.strip():
            return  # typed on since: a newer preview is on its way
        if message.error is not None or message.plan is None:
            self.show_plan(None)
            self.show_error(message_for(self.napp.t, message.error) if message.error else "")
            return
        self.previewed = message
        self.show_plan(message.plan)

    @on(Worker.StateChanged)
    def report_worker_error(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.napp.report_error(event.worker.error)

    def show_plan(self, plan: ImportPlan | None) -> None:
        t = self.napp.t
        table = self.query_one(DataTable)
        table.clear()
        table.display = plan is not None
        problems = self.query_one("#import-problems", Static)
        problems.display = bool(plan and plan.problems)
        self.query_one("#import-help").display = plan is None
        if plan is None:
            self.query_one("#import-summary", Static).update("")
            return
        for step in plan.steps:
            status = shape.status_word(t, step, dry_run=True, face="app")
            if step.status == "error":
                detail = ", ".join(p.column for p in step.problems)
            else:
                detail = shape.changes_text(t, step) if step.status in ("update", "differs") else ""
            style = "bold red" if step.status == "error" else ""
            table.add_row(Text(str(step.line)), Text(status, style=style), Text(neutralise(step.name)),
                          Text(neutralise(detail)))
        lines = [neutralise(shape.problem_line(t, p, face="app")) for p in plan.problems[:SHOWN_PROBLEMS]]
        problems.update(Content("\n".join(lines)))
        text = shape.summary(t, plan, dry_run=True, face="app")
        if plan.ignored:
            text += "\n" + t("importing.ignored", columns=", ".join(plan.ignored))
        self.query_one("#import-summary", Static).update(Content(neutralise(text)))

    def show_error(self, text: str) -> None:
        line = self.query_one("#import-error", Static)
        line.update(Content(text))
        line.display = bool(text)

    # -- import -----------------------------------------------------------------------

    def action_import(self) -> None:
        t = self.napp.t
        shown = self.previewed
        if (shown is None or shown.found is None or shown.plan is None
                or shown.path != self.query_one("#import-path", Input).value.strip()
                or shown.update != self.query_one(Checkbox).value):
            self.show_error(t("importing.screen.preview_first"))
            return
        if shown.plan.problems:
            self.show_error(t("importing.screen.has_errors"))
            return
        if not shown.plan.writes:
            self.show_error(t("importing.screen.nothing"))
            return
        app = self.napp
        try:
            plan = use.import_people(app.store, shown.found, app.today(), update=shown.update,
                                     anniversary_label=t("importing.anniversary_label"))
        except NaervaerError as exc:  # a full disk, a locked file: nothing was stored
            self.show_error(message_for(t, exc))
            return
        if plan.problems:  # another window added a name since the preview: show it again
            self.show_plan(plan)
            self.show_error(t("importing.screen.has_errors"))
            return
        self.dismiss(shape.summary(t, plan, dry_run=False, face="app"))

    def action_cancel(self) -> None:
        self.dismiss(None)
