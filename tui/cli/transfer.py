"""``naervaer export all`` and ``naervaer import all``: everything, to move to a new laptop.

The document and its checks are ``storage.transfer``; this module reads and writes the
file and says what happened. The export is written like ``export person``: a new file,
readable only by you, never overwriting one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from naervaer.content import phrasing as say
from naervaer.content.errors import InputError
from naervaer.tui.cli.env import Env
from naervaer.tui.cli.helptext import HelpCommand
from naervaer.tui.cli.output import echo, to_json
from naervaer.tui.cli.safety import human_size, write_private

pass_env = click.make_pass_decorator(Env)


@click.command("all", cls=HelpCommand)
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path))
@pass_env
def export_all(env: Env, output: Path | None) -> None:
    from naervaer.storage.transfer import export_all as read_all

    document = read_all(env.store, env.today)
    text = document_text(document)
    if output is None:
        click.echo(text, nl=False)
        return
    write_private(output, text, env)
    tables = document["tables"]
    counts = say.counts(env.t, people=len(tables["people"]["rows"]), notes=len(tables["notes"]["rows"]))
    echo(env.t("exchange.all_written", path=str(output), size=human_size(output.stat().st_size), **counts),
         err=True)


def document_text(document: dict[str, Any]) -> str:
    """The document as JSON with one row per line: readable, greppable, and a third the size.

    The same JSON as ``to_json`` writes (exact text, terminal-active characters escaped),
    laid out by hand only around the rows.
    """
    def table(name: str, body: dict[str, Any]) -> str:
        rows = ",\n      ".join(to_json(row, indent=None) for row in body["rows"])
        return (f"    {to_json(name)}: {{\n      \"columns\": {to_json(body['columns'], indent=None)},\n"
                f"      \"rows\": [\n      {rows}\n      ]\n    }}" if rows else
                f"    {to_json(name)}: {{\"columns\": {to_json(body['columns'], indent=None)}, \"rows\": []}}")

    parts = []
    for key, value in document.items():
        if key == "tables":
            inner = ",\n".join(table(name, body) for name, body in value.items())
            parts.append(f'  "tables": {{\n{inner}\n  }}')
        else:
            parts.append(f"  {to_json(key)}: {to_json(value, indent=None)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def read_document(path: Path) -> object:
    """The JSON in ``path``, or one line saying why it cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError("exchange.cannot_read", path=str(path), detail=exc.strerror or str(exc)) from None
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InputError("exchange.all_not_json", path=str(path)) from None


@click.command("all", cls=HelpCommand)
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True)
@pass_env
def import_all(env: Env, source: Path, force: bool) -> None:
    from naervaer.storage.transfer import has_data
    from naervaer.storage.transfer import import_all as write_all

    document = read_document(source)
    kept = None
    if force and has_data(env.store.conn):
        from naervaer.storage.backup import backup_store

        kept = backup_store(env.store, env.today)  # --force replaces everything: keep it first
    done = write_all(env.store, document, force=force)
    echo(env.t("exchange.all_imported", path=str(source), **say.counts(env.t, people=done.people, notes=done.notes)))
    if kept is not None:
        echo(env.t("exchange.all_replaced_kept", path=str(kept)))
