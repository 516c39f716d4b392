"""Help in the user's language: every ``--help`` page and command list comes from the ``help`` locale.

Key scheme (content/locales/<lang>/help.json): one entry per command, named by the command
as typed, without its arguments: "naervaer", "naervaer person", "naervaer person add".

    "naervaer person add": {
        "short": "one line for the parent's command list (every command but the root)",
        "help": "the text under the usage line",
        "arguments": {"<as the usage line names it: NAME, ID>": "..."},
        "options": {"<longest flag without dashes>": "..."}
    }

An option is looked up at its command, then at each group above it up to "naervaer", so
help that several commands share (--help, --format, the person fields) is written once,
at the lowest group they share. Click's own words ("Usage:", "Options" …) are under "words".

Every command is a ``HelpCommand`` or a ``HelpGroup`` (a group's ``command()`` and
``group()`` make them, so only top-level ones need ``cls=``); tests/test_cli_help.py walks
the tree and names any command, key or class that is missing. The text is looked up when
help is formatted, in the language the command runs in, so nothing is read on the
capture path and listing the commands imports none of them.
"""

from __future__ import annotations

from typing import Any

import click

from naervaer.content.i18n import Translator
from naervaer.tui.cli.env import help_language

ROOT = "naervaer"
_TRANSLATOR = "naervaer.help_translator"  # in ctx.meta, which all nested contexts share


def translator(ctx: click.Context) -> Translator:
    """The language of the command being run: ``--lang``, else the stored setting, else the system's."""
    found = ctx.meta.get(_TRANSLATOR)
    if found is None:
        params = ctx.find_root().params
        found = ctx.meta[_TRANSLATOR] = Translator(
            help_language(params.get("db"), bool(params.get("demo")), params.get("lang"))
        )
    return found


def command_key(ctx: click.Context) -> str:
    """ "naervaer person add": the root's own name is left out, as tests run it as "cli"."""
    names: list[str] = []
    while ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join([ROOT, *reversed(names)])


def option_key(option: click.Parameter) -> str:
    return max(option.opts, key=len).lstrip("-/")


def lookup(t: Translator, key: str, *path: str) -> str | None:
    """The text at ``help.<key>.<path…>``, or None when the locale has none."""
    try:
        value: Any = t.raw(f"help.{key}")
    except KeyError:
        return None
    for part in path:
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value if isinstance(value, str) else None


def option_help(t: Translator, key: str, name: str) -> str | None:
    """An option's help at its command, else at the nearest group above it that has one."""
    while True:
        found = lookup(t, key, "options", name)
        if found is not None or key == ROOT:
            return found
        key = key.rsplit(" ", 1)[0]


class HelpCommand(click.Command):
    """A command whose help page is read from the ``help`` locale when it is shown.

    Click's parse errors keep click's own usage line (``format_usage``): they are in
    English throughout, rather than half translated.
    """

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        t, key = translator(ctx), command_key(ctx)
        params = self.get_params(ctx)
        pieces = [t("help.words.options_metavar")] if self.options_metavar else []
        for param in params:
            pieces += param.get_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces + self.usage_tail(t)),
                              prefix=t("help.words.usage") + " ")
        text = lookup(t, key, "help")
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)
        sections = {
            "arguments": [argument_row(p, ctx, t, key) for p in params if isinstance(p, click.Argument)],
            "options": [option_row(p, ctx, t, key) for p in params if isinstance(p, click.Option) and not p.hidden],
            "commands": self.command_rows(ctx, t, key),
        }
        for heading, rows in sections.items():
            if rows:
                with formatter.section(t(f"help.words.{heading}")):
                    formatter.write_dl(rows)

    def usage_tail(self, t: Translator) -> list[str]:
        return []

    def command_rows(self, ctx: click.Context, t: Translator, key: str) -> list[tuple[str, str]]:
        return []


class HelpGroup(click.Group, HelpCommand):
    """A group whose help lists its commands with their short help from the locale."""

    command_class = HelpCommand
    group_class = type  # subgroups are HelpGroups too

    def usage_tail(self, t: Translator) -> list[str]:
        return [t("help.words.command_metavar")]

    def command_rows(self, ctx: click.Context, t: Translator, key: str) -> list[tuple[str, str]]:
        # names only: a lazy group lists its commands without importing them
        return [(name, lookup(t, f"{key} {name}", "short") or "") for name in self.list_commands(ctx)]


def argument_row(argument: click.Argument, ctx: click.Context, t: Translator, key: str) -> tuple[str, str]:
    return " ".join(argument.get_usage_pieces(ctx)), lookup(t, key, "arguments", argument.human_readable_name) or ""


def option_row(option: click.Option, ctx: click.Context, t: Translator, key: str) -> tuple[str, str]:
    """Click's left column (flags and metavar); the help and the [default: …] notes translated."""
    spec = option.get_help_record(ctx)[0]  # type: ignore[index]  (None only when hidden)
    text = option_help(t, key, option_key(option)) or ""
    extra = option.get_help_extra(ctx)
    notes = []
    if "envvars" in extra:
        notes.append(t("help.words.env_var", names=", ".join(extra["envvars"])))
    if "default" in extra:
        notes.append(t("help.words.default", value=extra["default"]))
    if "range" in extra:
        notes.append(extra["range"])
    if "required" in extra:
        notes.append(t("help.words.required"))
    if notes:
        text = f"{text}  [{'; '.join(notes)}]".lstrip()
    return spec, text
