"""``naervaer log``, ``naervaer notes`` and ``naervaer promise``: the capture path and its reads.

``log`` is the hot path: it imports the store and text helpers only; the date parser
loads when ``--date``/``--due`` is given.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from naervaer.content.errors import InputError, first_refusal
from naervaer.content.facts import Note, Promise
from naervaer.content.humanize import channel_name, tag_names
from naervaer.content.i18n import Translator
from naervaer.content.note_draft import TypedNote, note_draft, note_text
from naervaer.content.text import MAX_TEXT_CHARS
from naervaer.content.vocab import IN_PERSON
from naervaer.tui.cli.env import Env
from naervaer.tui.cli.helptext import HelpCommand, HelpGroup
from naervaer.tui.cli.output import echo, echo_json
from naervaer.tui.cli.params import count_range, row_id

pass_env = click.make_pass_decorator(Env)


def read_text(env: Env, given: str | None) -> str:
    """The note's text: the argument, else stdin when piped, else asked for (off the shell history).

    The note draft refuses blank text (``note_draft.note_text``).
    """
    text = given if given is not None else _read_text(env)
    return note_text(text)


def _read_text(env: Env) -> str:
    if not sys.stdin.isatty():
        raw = sys.stdin.buffer.read(MAX_TEXT_CHARS * 4 + 1)  # UTF-8: at most 4 bytes a character
        try:
            # a pipe ends with the line break that `echo` or an editor adds: not part of the note
            return raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            raise InputError("cli.not_utf8") from None
    click.echo(env.t("cli.text_prompt"), err=True)
    lines: list[str] = []
    while True:
        try:
            line = input()
        except EOFError:
            break
        if not line:
            break
        lines.append(line)
    return "\n".join(lines)


def describe_note(env: Env, name: str, note: Note, key: str = "cli.logged") -> str:
    """One line saying what was stored (never the text: it may be private)."""
    t = env.t
    channel = channel_name(note.channel, t)
    days = (env.today - note.date).days
    when = env.day(note.date) + (f" ({t('cli.today')})" if days == 0 else "")
    tags = tag_names(note.tags, t) or "—"
    return t(key, id=note.id, name=name, date=when, channel=channel, tags=tags) + talk_marks(note, t)


def talk_marks(note: Note, t: Translator) -> str:
    """" · one-to-one · seemed: good" for a one-to-one and a pulse; nothing otherwise."""
    marks = [t("vocab.one_to_one")] if note.kind else []
    if note.pulse is not None:
        marks.append(t("cli.pulse_mark", pulse=t(f"vocab.pulse_{note.pulse}")))
    return "".join(" · " + mark for mark in marks)


@click.command(cls=HelpCommand)
@click.argument("name")
@click.argument("text", required=False)
@click.option("--channel", "-c")
@click.option("--tag", "-t", "tags", multiple=True)
@click.option("--date", "-d", "when")
@click.option("--promise", "promise_text")
@click.option("--due")
@click.option("--one-to-one", "-1", "one_to_one", is_flag=True)
@click.option("--pulse")
@pass_env
def log(env: Env, name: str, text: str | None, channel: str | None, tags: tuple[str, ...],
        when: str | None, promise_text: str | None, due: str | None, one_to_one: bool,
        pulse: str | None) -> None:
    # an empty --date, --promise or --due is as good as not given
    typed = TypedNote(made_on=env.today, when=when or None, channel=channel, tags=tags,
                      promise=promise_text or None, due=due or None, one_to_one=one_to_one,
                      pulse=pulse)
    draft = first_refusal(*note_draft(typed, env.today))
    found = env.store.find_person(name)
    # the way this person prefers to be reached; in person only if they prefer it or say nothing
    chan = draft["channel"] if channel is not None else found.prefers or IN_PERSON
    body = read_text(env, text)  # after the person: a name that matches nobody is said before the text is asked for
    note, made = env.store.add_note(found.id, draft["date"], chan, body, draft["tags"], draft.get("promise"),
                                    kind=draft.get("kind"), pulse=draft.get("pulse"))
    echo(describe_note(env, found.name, note))
    if made:
        if made.due is None:
            echo(env.t("cli.promise_made_no_due", id=made.id))
        else:
            key = "cli.promise_made_overdue" if made.due < env.today else "cli.promise_made"
            echo(env.t(key, id=made.id, due=env.day(made.due)))


def note_json(note: Note, names: dict[int, str]) -> dict[str, Any]:
    return {
        "id": note.id,
        "person": names.get(note.person_id),
        "person_id": note.person_id,
        "date": note.date.isoformat(),
        "channel": note.channel,
        "tags": list(note.tags),
        "kind": note.kind,
        "pulse": note.pulse,
        "text": note.text,
    }


@click.command(cls=HelpCommand)
@click.option("--person", "name")
@click.option("--search")
@click.option("--since")
@click.option("--limit", type=count_range(0), default=100, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_env
def notes(env: Env, name: str | None, search: str | None, since: str | None, limit: int, fmt: str) -> None:
    store = env.store
    person_id = store.find_person(name, include_archived=True).id if name else None
    since_day = None
    if since:
        from naervaer.content.when import parse_any_date

        since_day = parse_any_date(since, env.today)
    if search is not None:
        found = store.search_notes(search, person_id=person_id, since=since_day, limit=limit or 1_000_000_000)
    else:
        found = store.notes(person_id=person_id, since=since_day, limit=limit or None)
    names = store.names()
    if fmt == "json":
        echo_json([note_json(n, names) for n in found])
        return
    if not found:
        echo(env.t("cli.no_notes"))
        return
    t = env.t
    for n in found:
        channel = channel_name(n.channel, t)
        tags = tag_names(n.tags, t)
        echo(f"#{n.id}  {env.day(n.date)}  {names.get(n.person_id, '?')} · {channel}" + (f" · {tags}" if tags else "")
             + talk_marks(n, t))
        for line in n.text.splitlines() or [""]:
            echo("    " + line)


@click.group(cls=HelpGroup)
def promise() -> None:
    pass


def promise_json(p: Promise, names: dict[int, str]) -> dict[str, Any]:
    return {
        "id": p.id,
        "person": names.get(p.person_id),
        "person_id": p.person_id,
        "text": p.text,
        "due": p.due.isoformat() if p.due else None,
        "done": p.done.isoformat() if p.done else None,
        "note_id": p.note_id,
        "created": p.created.isoformat() if p.created else None,
    }


@promise.command("list")
@click.option("--open", "open_only", is_flag=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_env
def promise_list(env: Env, open_only: bool, fmt: str) -> None:
    found = env.store.promises(open_only=open_only)
    names = env.store.names()
    if fmt == "json":
        echo_json([promise_json(p, names) for p in found])
        return
    if not found:
        echo(env.t("cli.no_promises"))
        return
    t = env.t
    for p in found:
        if p.done:
            state = t("cli.promise_kept", date=env.day(p.done))
        elif p.due is None:
            state = t("cli.promise_no_due")
        elif p.due < env.today:
            state = t("cli.promise_overdue", date=env.day(p.due))
        else:
            state = t("cli.promise_due", date=env.day(p.due))
        echo(f"#{p.id}  {names.get(p.person_id, '?')}: {p.text}  [{state}]")


@promise.command("done")
@click.argument("promise_id", metavar="ID")
@pass_env
def promise_done(env: Env, promise_id: str) -> None:
    number = row_id(promise_id, bad_key="cli.bad_promise_id", missing_key="store.no_promise")
    kept = env.store.complete_promise(number)
    echo(env.t("cli.promise_done", id=kept.id, text=kept.text))
