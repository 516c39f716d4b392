"""People as a table for spreadsheets, and an import plan in words: both faces' one shape.

``people_rows`` is what ``export people --format csv`` writes: a header in the user's
language that the import reads back (``people_file.HEADERS`` knows each word), dates
day-first as a Danish spreadsheet shows them. Making the cells safe for a spreadsheet and a
terminal is the writer's job (``tui.cli.output.to_csv``).

``step_line``, ``problem_line`` and ``summary`` put an import plan into words for the
command line (``--dry-run``) and the import screen alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from naervaer.content.errors import Face, message
from naervaer.content.facts import Birthday, Person
from naervaer.content.i18n import Translator
from naervaer.content.people_import import ImportPlan, Problem, Step

EXPORT_FIELDS = ("name", "site", "team", "role", "prefers", "birthday", "started", "email", "phone")


def birthday_cell(b: Birthday | None) -> str:
    if b is None:
        return ""
    return f"{b.day}/{b.month}" + (f"/{b.year}" if b.year else "")


def people_rows(t: Translator, people: Sequence[Person]) -> tuple[list[str], list[list[Any]]]:
    """(header, rows) of the people CSV in ``t``'s language."""
    header = [t(f"cli.col_{f}") for f in EXPORT_FIELDS]
    rows = [
        [p.name, p.site, p.team, p.role,
         t(f"vocab.channel_{p.prefers}") if p.prefers else "",
         birthday_cell(p.birthday),
         p.started.isoformat() if p.started else "", p.email, p.phone]
        for p in people
    ]
    return header, rows


def status_word(t: Translator, step: Step, *, dry_run: bool, face: Face = "cli") -> str:
    if step.status == "update" and not dry_run:
        return t("importing.status.updated")
    if step.status == "differs" and dry_run:
        return t(f"importing.status.differs_{'dry' if face == 'cli' else 'app'}")
    return t(f"importing.status.{step.status}")


def changes_text(t: Translator, step: Step) -> str:
    return ", ".join(
        t("importing.anniversary_field") if f == "dates" else t(f"cli.col_{f}").lower() for f in step.changed
    )


def problem_line(t: Translator, problem: Problem, face: Face = "cli") -> str:
    """Where (line, column), what was wrong and what is accepted (the error's own words)."""
    return t("importing.problem", line=problem.line, column=problem.column,
             message=message(t, problem.error, face))


def step_line(t: Translator, step: Step, *, dry_run: bool) -> str:
    """One row of the command line's preview: the line, what happens, who (and what changes)."""
    status = status_word(t, step, dry_run=dry_run)
    if step.status == "error":
        return "\n".join(problem_line(t, p) for p in step.problems)
    if step.status in ("update", "differs"):
        return t("importing.row_changes", line=step.line, status=status, name=step.name, changes=changes_text(t, step))
    return t("importing.row", line=step.line, status=status, name=step.name)


def summary(t: Translator, plan: ImportPlan, *, dry_run: bool, face: Face = "cli") -> str:
    """The last line: how many of each, and whether anything was stored."""
    if plan.problems:
        rows = sum(1 for s in plan.steps if s.status == "error")
        return t.plural("importing.refused" + ("_app" if face == "app" else ""), rows)
    counts = {
        "new": t.plural("importing.count.new", plan.count("new")),
        "update": t.plural("importing.count.update_dry" if dry_run else "importing.count.update",
                           plan.count("update")),
        "unchanged": t.plural("importing.count.unchanged", plan.count("unchanged")),
    }
    head = "summary" if not dry_run else "summary_dry" if face == "cli" else "summary_preview"
    text = t(f"importing.{head}", **counts)
    differs = plan.count("differs")
    if differs:
        text += " " + t.plural("importing.differs_hint" + ("_app" if face == "app" else ""), differs)
    return text
