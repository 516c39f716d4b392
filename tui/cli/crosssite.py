"""``naervaer skills``, ``naervaer who`` and ``naervaer buddies``: the team across its sites.

They call the use cases the "Who can help?" and Buddies screens call
(``storage.usecases.crosssite``); the JSON documents are ``content.formats.crosssite``.
"""

from __future__ import annotations

import click

from naervaer.content import datefmt
from naervaer.content.crosssite_views import ShownRound
from naervaer.content.errors import InputError
from naervaer.content.formats.crosssite import buddies_doc, skills_doc, who_doc
from naervaer.content.i18n import Translator
from naervaer.content.phrasing import counts
from naervaer.storage import crosssite
from naervaer.storage.usecases.crosssite import accept, buddy_view, proposal, who_view
from naervaer.tui.cli.env import Env
from naervaer.tui.cli.helptext import HelpCommand
from naervaer.tui.cli.output import echo, echo_json

pass_env = click.make_pass_decorator(Env)
FORMAT = click.Choice(["text", "json"])


@click.command(cls=HelpCommand)
@click.argument("name")
@click.argument("action", required=False, type=click.Choice(["add", "remove"]))
@click.argument("label", required=False)
@click.option("--interest", is_flag=True)
@click.option("--format", "fmt", type=FORMAT, default="text", show_default=True)
@pass_env
def skills(env: Env, name: str, action: str | None, label: str | None, interest: bool, fmt: str) -> None:
    store = env.store
    person = store.find_person(name)
    kind = "interest" if interest else "skill"
    if action is not None and label is None:
        raise InputError("skills.label_missing")
    if action == "add":
        added = crosssite.add_label(store, person.id, kind, label or "")
        echo(env.t(f"skills.added_{kind}", name=person.name, label=added.label))
    elif action == "remove":
        removed = crosssite.remove_label(store, person.id, kind, label or "")
        echo(env.t(f"skills.removed_{kind}", name=person.name, label=removed.label))
    labels = crosssite.labels_of(store, person.id)
    if fmt == "json":
        echo_json(skills_doc(person, labels))
        return
    if action is None:
        echo(person.name)
    for key, kind_ in (("skills.skills", "skill"), ("skills.interests", "interest")):
        shown = ", ".join(lab.label for lab in labels if lab.kind == kind_) or env.t("skills.none")
        echo(f"{env.t(key)}: {shown}")


@click.command(cls=HelpCommand)
@click.argument("label")
@click.option("--format", "fmt", type=FORMAT, default="text", show_default=True)
@pass_env
def who(env: Env, label: str, fmt: str) -> None:
    view = who_view(env.store, label)
    if fmt == "json":
        echo_json(who_doc(view))
        return
    t = env.t
    if not view.sites:
        echo(t("skills.who_none", query=label))
        return
    echo(t("skills.who_header", query=label, **counts(t, people=view.people, sites=len(view.sites))))
    for site, found in view.sites:
        echo("")
        echo(site or t("prompts.no_site"))
        for f in found:
            echo(f"  {f.person.name} · {f.label} ({t('skills.kind_' + f.kind)})")


def round_lines(rnd: ShownRound, t: Translator) -> list[str]:
    lines = []
    for group in rnd.groups:
        names = " + ".join(f"{p.name} ({p.site or t('prompts.no_site')})" for p in group)
        if len(group) == 1:
            names += f" · {t('buddies.alone')}"
        elif len(group) > 2:
            names += f" · {t('buddies.trio')}"
        lines.append(f"  {names}")
    return lines


@click.command(cls=HelpCommand)
@click.option("--propose", "mode", flag_value="propose")
@click.option("--accept", "mode", flag_value="accept")
@click.option("--format", "fmt", type=FORMAT, default="text", show_default=True)
@pass_env
def buddies(env: Env, mode: str | None, fmt: str) -> None:
    store, t, today = env.store, env.t, env.today
    if mode == "accept":
        stored = accept(store, today)
        view = buddy_view(store)
        if fmt == "json":
            echo_json(buddies_doc(today, view))
            return
        echo(t("buddies.accepted", date=datefmt.short_day(stored.started, t, today),
               pairs=t.plural("buddies.pairs", len(stored.groups))))
        if view.current:
            for line in round_lines(view.current, t):
                echo(line)
        return
    view = buddy_view(store)
    proposed = proposal(store, today) if mode == "propose" else None
    if fmt == "json":
        echo_json(buddies_doc(today, view, proposed))
        return
    if proposed is not None:
        if not proposed.groups:
            echo(t("buddies.too_few"))
            return
        echo(t("buddies.proposed"))
        for line in round_lines(proposed, t):
            echo(line)
        echo(t("buddies.accept_hint"))
        return
    if view.current is None:
        echo(t("buddies.none"))
        echo(t("buddies.cli_hint"))
        return
    echo(t("buddies.current", date=datefmt.short_day(view.current.started, t, today)))
    for line in round_lines(view.current, t):
        echo(line)
    if view.history:
        echo("")
        echo(t("buddies.history"))
        for rnd in view.history:
            echo("  " + t("buddies.history_item", date=datefmt.short_day(rnd.started, t, today),
                          pairs=t.plural("buddies.pairs", len(rnd.groups))))
