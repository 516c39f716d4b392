"""``naervaer note edit`` and ``naervaer note delete``: correct or erase one note.

The rights to rectification and erasure for a single note (``forget`` erases a whole
person, ``prune`` old notes). The id is the ``#12`` that ``naervaer notes`` shows. Every
value is parsed and checked before anything is written; the store does the rest
(``Store.update_note`` / ``Store.delete_note``).
"""

from __future__ import annotations

import click

from naervaer.content.errors import InputError, first_refusal
from naervaer.content.facts import Note
from naervaer.content.humanize import channel_name
from naervaer.content.note_draft import TypedNote, note_draft
from naervaer.storage.connection import pending_marker
from naervaer.tui.cli.env import Env
from naervaer.tui.cli.helptext import HelpGroup
from naervaer.tui.cli.notes import describe_note, read_text
from naervaer.tui.cli.output import echo
from naervaer.tui.cli.params import row_id
from naervaer.tui.cli.safety import confirm_or_refuse

pass_env = click.make_pass_decorator(Env)
READ_TEXT = "-"  # --text - reads the text like `log` does: from a pipe, or asked for


def note_id_of(value: str) -> int:
    """The number ``notes`` shows before each note."""
    return row_id(value, bad_key="cli.bad_note_id", missing_key="store.no_note")


@click.group(cls=HelpGroup)
def note() -> None:
    pass


@note.command("edit")
@click.argument("note_id", metavar="ID")
@click.option("--text")
@click.option("--person", "name")
@click.option("--channel", "-c")
@click.option("--date", "-d", "when")
@click.option("--tag", "-t", "tags", multiple=True)
@click.option("--no-tags", is_flag=True)
@pass_env
def note_edit(env: Env, note_id: str, text: str | None, name: str | None, channel: str | None,
              when: str | None, tags: tuple[str, ...], no_tags: bool) -> None:
    number = note_id_of(note_id)
    if tags and no_tags:
        raise InputError("cli.note_tags_conflict")
    typed = TypedNote(made_on=env.today, when=when, channel=channel, tags=tags if tags or no_tags else None)
    changes = first_refusal(*note_draft(typed, env.today))
    if when is None:  # the draft's date is made_on: the stored date stays
        del changes["date"]
    if not changes and name is None and text is None:
        raise InputError("cli.note_nothing_to_change")
    store = env.store
    store.note(number)  # an unknown id is refused before the text is asked for
    if name is not None:
        changes["person_id"] = store.find_person_exactly(name).id
    if text is not None:
        changes["text"] = read_text(env, None if text == READ_TEXT else text)
    changed = store.update_note(number, **changes)
    echo(describe_note(env, store.names()[changed.person_id], changed, key="cli.note_changed"))


def _about(env: Env, found: Note, name: str) -> dict[str, object]:
    return {"id": found.id, "name": name, "date": env.day(found.date),
            "channel": channel_name(found.channel, env.t)}


@note.command("delete")
@click.argument("note_id", metavar="ID")
@click.option("--yes", is_flag=True)
@pass_env
def note_delete(env: Env, note_id: str, yes: bool) -> None:
    from naervaer.storage.backup import list_backups

    store = env.store
    found = store.note(note_id_of(note_id))
    about = _about(env, found, store.names()[found.person_id])
    confirm_or_refuse(env, yes, env.t("cli.note_delete_confirm", **about), "cli.note_delete_needs_yes")
    store.delete_note(found.id)
    echo(env.t("cli.note_deleted", **about))
    if pending_marker(store.path).exists():
        echo(env.t("safety.wal_pending", path=str(store.path)), err=True)
    if list_backups(store.path):
        echo(env.t("cli.note_backups_keep"))
