"""``naervaer backup``, ``restore``, ``export person``, ``forget`` and ``prune``, and the daily backup.

Erasure and export are in ``storage.erase`` / ``storage.export``; this module asks, prints
and decides exit codes. ``daily_backup`` writes the day's first backup when the store
opens; which commands take it is decided in the command group (``naervaer.tui.cli``).
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from naervaer.content import phrasing as say
from naervaer.content.errors import InputError, NaervaerError
from naervaer.content.text import neutralise
from naervaer.tui.cli.env import Env
from naervaer.tui.cli.helptext import HelpCommand
from naervaer.tui.cli.output import echo, to_json

if TYPE_CHECKING:
    from naervaer.storage.erase import Erased

pass_env = click.make_pass_decorator(Env)


# -- the daily backup -----------------------------------------------------------------


def daily_backup(env: Env) -> None:
    """Write today's backup if none was written today; warn, never fail."""
    from naervaer.storage.backup import maybe_daily_backup

    try:
        made = maybe_daily_backup(env.db_path, env.today, env.store.key)
    except (NaervaerError, OSError) as exc:
        message = env.t(exc.key, **exc.params) if isinstance(exc, NaervaerError) else str(exc)
        echo(env.t("safety.daily_failed", message=message), err=True)
        return
    if made is not None:
        warn_if_synced(env)
        refresh_calendar(env)


def refresh_calendar(env: Env) -> Path | None:
    """Re-export the calendar file the leader subscribes to (``calendar_path``), if there is one.

    With the day's backup, and after ``forget`` (the feed must not keep a forgotten person).
    """
    from naervaer.storage.usecases.calendar import refresh_feed

    try:
        return refresh_feed(env.store, env.today, env.t)
    except NaervaerError as exc:
        echo(env.t("exchange.calendar_failed", message=env.t(exc.key, **exc.params)), err=True)
        return None


def warn_if_synced(env: Env) -> None:
    from naervaer.storage.sync_folders import warning

    found = warning(env.db_path.parent)
    if found:
        echo(env.t(found[0], **found[1]), err=True)


# -- helpers --------------------------------------------------------------------------


def human_size(size: int) -> str:
    for unit in ("B", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return f"{size} B"


def confirm_or_refuse(env: Env, yes: bool, question: str, refusal_key: str) -> None:
    """Ask on a terminal; with no terminal, only ``--yes`` may erase."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise InputError(refusal_key)
    if not ask_yes_no(env, neutralise(question)):
        echo(env.t("safety.cancelled"), err=True)
        raise click.exceptions.Exit(1)


def ask_yes_no(env: Env, question: str) -> bool:
    """A yes/no in the user's language (click's confirm knows only y/yes); no is the default.

    Ctrl-C and ctrl-D answer no: the caller then says nothing was changed.
    """
    t = env.t
    answers = {word: True for word in t("safety.yes_words").split(",")}
    answers.update({word: False for word in t("safety.no_words").split(",")})
    while True:
        click.echo(f"{question} {t('safety.yes_no')}: ", nl=False, err=True)
        try:
            reply = input().strip().casefold()
        except (EOFError, KeyboardInterrupt):
            click.echo(err=True)  # the terminal's line was left open
            return False
        if not reply:
            return False
        if reply in answers:
            return answers[reply]
        click.echo(t("safety.yes_no_again"), err=True)


def write_private(path: Path, text: str, env: Env) -> None:
    """A new 0600 file; never overwrites (an export is personal data)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise InputError("safety.file_exists", path=str(path)) from None
    except OSError as exc:
        raise InputError("safety.cannot_write", path=str(path), detail=exc.strerror or str(exc)) from None
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())


def report_erasure(env: Env, erased: Erased) -> None:
    t = env.t
    for path in erased.removed:
        echo(t("safety.temps_removed", path=str(path)))
    for path in erased.rewritten:
        echo(t("safety.backup_rewritten", path=str(path)))
    for path in erased.unreadable:
        echo(t("safety.backup_unreadable", path=str(path)), err=True)
    if not erased.rewritten and not erased.unreadable and not erased.removed:
        echo(t("safety.no_backup_held"))
    if erased.wal_pending:
        echo(t("safety.wal_pending", path=str(env.db_path)), err=True)
    echo(t("safety.copies_elsewhere"))


# -- commands -------------------------------------------------------------------------


@click.command(cls=HelpCommand)
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path))
@pass_env
def backup(env: Env, output: Path | None) -> None:
    from naervaer.storage.backup import backup_store

    if output is not None and output.exists():
        raise InputError("safety.backup_exists", path=str(output))
    store = env.store
    made = backup_store(store, env.today, output)
    echo(env.t("safety.backup_written", path=str(made), size=human_size(made.stat().st_size)))
    warn_if_synced(env)


@click.command(cls=HelpCommand)
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@pass_env
def restore(env: Env, source: Path) -> None:
    from naervaer.storage.backup import restore as restore_file

    done = restore_file(env.db_path, source, env.today, env.key())
    echo(env.t("safety.restored", path=str(env.db_path), source=str(source),
               people=done.info.people, notes=done.info.notes))
    if done.info.recovered is not None:
        echo(env.t(f"safety.restore_recovered_{done.info.recovered}", source=str(source)))
    if done.replaced is not None:
        echo(env.t("safety.replaced_kept", replaced=str(done.replaced)))


@click.command("person", cls=HelpCommand)
@click.argument("name")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path))
@pass_env
def export_person(env: Env, name: str, output: Path | None) -> None:
    from naervaer.storage.usecases.export import person_export

    found, document = person_export(env.store, name, env.today)
    text = to_json(document) + "\n"
    if env.store.key is not None:  # the database is encrypted; what leaves it here is not
        echo(env.t("cipher.export_plain"), err=True)
    if output is None:
        click.echo(text, nl=False)
        return
    write_private(output, text, env)
    echo(env.t("safety.export_written", name=found.name, path=str(output)), err=True)


@click.command(cls=HelpCommand)
@click.argument("name")
@click.option("--yes", is_flag=True)
@pass_env
def forget(env: Env, name: str, yes: bool) -> None:
    from naervaer.storage.erase import forget_person, person_counts

    store = env.store
    found = store.find_person_exactly(name, include_archived=True)  # never the next name by prefix
    counts = person_counts(store, found.id)
    confirm_or_refuse(env, yes, env.t("safety.forget_confirm", name=found.name, what=say.listing(env.t, counts)),
                      "safety.forget_needs_yes")
    mentions = [n for n in store.search_notes(found.name, limit=10_000) if n.person_id != found.id]
    erased = forget_person(store, found.id)
    echo(env.t("safety.forgotten", name=found.name, what=say.listing(env.t, erased.counts)))
    report_erasure(env, erased)
    feed = refresh_calendar(env)
    if feed is not None:
        echo(env.t("exchange.calendar_refreshed", path=str(feed)))
    if mentions:
        echo(env.t("safety.other_mentions", count=len(mentions), name=found.name))


def cutoff_date(text: str, today: date) -> date:
    """``--older-than``: a date ("2024-01-01"), or an age ("24 months", "2y", "18m")."""
    from naervaer.content.when import WhenError, parse_when

    try:
        return parse_when(text, today)
    except WhenError as first:
        try:
            return parse_when("-" + text.strip(), today)
        except WhenError:
            raise first from None


@click.command(cls=HelpCommand)
@click.option("--older-than", "older_than")
@click.option("--dry-run", is_flag=True)
@click.option("--yes", is_flag=True)
@pass_env
def prune(env: Env, older_than: str | None, dry_run: bool, yes: bool) -> None:
    from naervaer.storage.erase import notes_before, prune_notes

    store = env.store
    if older_than is None:
        from naervaer.content.settings import EngineSettings

        # validated: a hand-edited value falls back to the default instead of failing
        older_than = f"{EngineSettings.from_stored(store.settings()).retention_months} months"
    before = cutoff_date(older_than, env.today)
    if before > env.today:
        raise InputError("safety.prune_future", date=env.day(before))
    per_person = notes_before(store, before)
    total = sum(per_person.values())
    if not total:
        echo(env.t("safety.prune_none", date=env.day(before)))
        return
    if dry_run:
        names = {p.id: p.name for p in store.people(include_archived=True)}
        echo(env.t("safety.prune_would", date=env.day(before), **say.counts(env.t, notes=total)))
        for pid, count in sorted(per_person.items(), key=lambda kv: names.get(kv[0], "")):
            echo(env.t("safety.prune_person", name=names.get(pid, "?"), **say.counts(env.t, notes=count)))
        return
    confirm_or_refuse(env, yes, env.t("safety.prune_confirm", date=env.day(before), **say.counts(env.t, notes=total)),
                      "safety.prune_needs_yes")
    erased = prune_notes(store, before)
    echo(env.t("safety.pruned", date=env.day(before), **say.counts(env.t, notes=erased.counts["notes"])))
    report_erasure(env, erased)
