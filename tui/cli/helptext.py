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
``group()`` make them, so only top-level ones need ``cls=``); tests/cli/test_cli_help.py walks
the tree and names any command, key or class that is missing. The text is looked up when
help is formatted, in the language the command runs in, so nothing is read on the
capture path and listing the commands imports none of them.

Click's usage errors (an unknown option or command, a missing or bad value) are told in the
same language, from "words.errors": ``parse_args`` and ``resolve_command`` catch them and
raise a ``TranslatedUsageError`` (exit code 2, click's layout). A message is translated only
when the English text, given the same pieces, reproduces click's own message word for word;
anything else (a custom message, a wording from another click version) is shown as click wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

import click
from click.utils import format_filename

from naervaer.content.i18n import Translator
from naervaer.content.text import neutralise
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
    """A command whose help page, usage line and usage errors come from the ``help`` locale."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        t = translator(ctx)
        pieces = [t("help.words.options_metavar")] if self.options_metavar else []
        for param in self.get_params(ctx):
            pieces += [metavars(piece, t) for piece in param.get_usage_pieces(ctx)]
        formatter.write_usage(ctx.command_path, " ".join(pieces + self.usage_tail(t)),
                              prefix=t("help.words.usage") + " ")

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        given = list(args)  # the parser consumes ``args``
        try:
            return super().parse_args(ctx, args)
        except (click.exceptions.NoArgsIsHelpError, TranslatedUsageError):
            raise
        except click.UsageError as exc:
            if ctx.parent is None:
                # the root stopped before reading --lang and --db: read them leniently
                probe = self.make_context(ctx.info_name, list(given), resilient_parsing=True)
                ctx.meta[_TRANSLATOR] = translator(probe)
            raise TranslatedUsageError.of(exc, ctx, parse_readings(exc, self, ctx, given)) from exc

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        t, key = translator(ctx), command_key(ctx)
        params = self.get_params(ctx)
        self.format_usage(ctx, formatter)
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
        # like click: the command is optional in the usage line when the group runs without one
        optional = "optional_" if self.invoke_without_command else ""
        return [t(f"help.words.{optional}command_metavar")]

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except TranslatedUsageError:
            raise
        except click.UsageError as exc:  # NoSuchCommand since click 8.4, a plain UsageError before
            name, possibilities = args[0], getattr(exc, "possibilities", None)
            reading = unknown("no_such_command", name, possibilities)
            raise TranslatedUsageError.of(exc, ctx, [reading]) from exc

    def command_rows(self, ctx: click.Context, t: Translator, key: str) -> list[tuple[str, str]]:
        # names only: a lazy group lists its commands without importing them
        return [(name, lookup(t, f"{key} {name}", "short") or "") for name in self.list_commands(ctx)]


_METAVAR = re.compile(r"\b[A-Z][A-Z_]*\b")
_RANGE = re.compile(r"\b(INTEGER|FLOAT) RANGE\b")  # click's name for a range; the [1<=x<=…] note says it


def metavars(text: str, t: Translator) -> str:
    """Click's placeholders (NAME, TEXT, WHEN …) in the user's language: help.words.metavars."""
    table = t.raw("help.words.metavars")
    return _METAVAR.sub(lambda m: table.get(m.group(0), m.group(0)), _RANGE.sub(r"\1", text))


def argument_row(argument: click.Argument, ctx: click.Context, t: Translator, key: str) -> tuple[str, str]:
    shown = metavars(" ".join(argument.get_usage_pieces(ctx)), t)
    return shown, lookup(t, key, "arguments", argument.human_readable_name) or ""


def option_row(option: click.Option, ctx: click.Context, t: Translator, key: str) -> tuple[str, str]:
    """Click's left column (flags and metavar); the help and the [default: …] notes translated."""
    spec = metavars(option.get_help_record(ctx)[0], t)  # type: ignore[index]  (None only when hidden)
    text = option_help(t, key, option_key(option)) or ""
    extra = option.get_help_extra(ctx)
    notes = []
    if "envvars" in extra:
        notes.append(t("help.words.env_var", names=", ".join(extra["envvars"])))
    if "default" in extra:
        notes.append(t("help.words.default", value=extra["default"]))
    if "range" in extra and isinstance(option.type, click.IntRange | click.FloatRange):
        notes.append(describe_range(option.type))
    if "required" in extra:
        notes.append(t("help.words.required"))
    if notes:
        text = f"{text}  [{'; '.join(notes)}]".lstrip()
    return spec, text


# -- usage errors --------------------------------------------------------------------------

Reading = Callable[[Translator], str]  # one way to say an error, in any language


class TranslatedUsageError(click.UsageError):
    """Click's usage error in the user's language: the same layout and exit code (2)."""

    def __init__(self, message: str, ctx: click.Context, show_usage: bool) -> None:
        super().__init__(message, ctx)
        self.show_usage = show_usage

    @classmethod
    def of(cls, exc: click.UsageError, ctx: click.Context, readings: Iterable[Reading]) -> TranslatedUsageError:
        """The first reading whose English is click's message, in the user's language; else click's text."""
        english, clicks = Translator("en"), exc.format_message()
        t = translator(ctx)
        message = next((read(t) for read in readings if read(english) == clicks), clicks)
        # click shows the usage line only when it knew the context; so do we
        return cls(message, ctx, show_usage=exc.ctx is not None)

    def show(self, file: IO[Any] | None = None) -> None:
        ctx = self.ctx
        assert ctx is not None  # always given, see __init__
        t = translator(ctx)
        if self.show_usage:
            hint = ""
            if ctx.command.get_help_option(ctx) is not None:
                option = max(ctx.command.get_help_option_names(ctx), key=len)
                hint = t("help.words.errors.try_help", command=ctx.command_path, option=option) + "\n"
            click.echo(f"{ctx.get_usage()}\n{hint}", file=file, err=True, color=ctx.color)
        # click quotes what was typed with repr(); neutralised too, as every error line is
        click.echo(neutralise(t("cli.error", message=self.message)), file=file, err=True, color=ctx.color)


def error(key: str, **params: Any) -> Reading:
    return lambda t: t(f"help.words.errors.{key}", **params)


def unknown(key: str, name: str, possibilities: list[str] | None) -> Reading:
    """ "No such option/command 'x'." and click's suggestions, if it made any."""
    def read(t: Translator) -> str:
        text = t(f"help.words.errors.{key}", name=repr(name))
        if not possibilities:
            return text
        quoted = ", ".join(repr(p) for p in sorted(possibilities))
        if len(possibilities) == 1:
            return f"{text} {t('help.words.errors.did_you_mean', possibility=quoted)}"
        return f"{text} {t('help.words.errors.did_you_mean_one_of', possibilities=quoted)}"
    return read


def parse_readings(exc: click.UsageError, command: click.Command, ctx: click.Context, given: list[str]) -> Iterator[Reading]:
    """What click may have meant by an error raised while parsing ``given``."""
    if isinstance(exc, click.NoSuchOption):
        yield unknown("no_such_option", exc.option_name, exc.possibilities)
    elif isinstance(exc, click.BadOptionUsage):
        yield error("requires_value", name=repr(exc.option_name))
        yield error("takes_no_value", name=repr(exc.option_name))
    elif isinstance(exc, click.MissingParameter):
        if exc.param is not None and not exc.param_hint:
            kind = exc.param_type or exc.param.param_type_name
            if kind in ("argument", "option"):
                hint = exc.param.get_error_hint(ctx)
                yield lambda t, k=kind, h=hint: t(f"help.words.errors.missing_{k}", name=metavars(h, t))
    elif isinstance(exc, click.BadParameter):
        hint = exc.param.get_error_hint(ctx) if exc.param is not None and not exc.param_hint else None
        for inner in bad_value_readings(exc, command, ctx, given):
            if hint:
                yield lambda t, inner=inner: t("help.words.errors.invalid_value", name=metavars(hint, t),
                                               message=inner(t))
    elif type(exc) is click.UsageError:
        args = exc.message.partition("(")[2].rpartition(")")[0]  # "Got unexpected extra argument (x)"
        yield error("extra_argument", args=args)
        yield error("extra_arguments", args=args)


def bad_value_readings(exc: click.BadParameter, command: click.Command, ctx: click.Context, given: list[str]) -> Iterator[Reading]:
    """Click's own types explain a bad value from the type and the value: say it from them."""
    param = exc.param
    if param is None:
        return
    opts = command.make_parser(ctx).parse_args(args=list(given))[0]  # parsed fine the first time
    raw = opts.get(param.name)
    values = list(raw) if isinstance(raw, (list, tuple)) else [raw]
    values.append(param.resolve_envvar_value(ctx))
    kind = param.type
    for value in (v for v in values if isinstance(v, str)):
        if isinstance(kind, click.Choice):
            choices = ", ".join(repr(c) for c in kind.choices)
            yield error("not_one_of", value=repr(value), choices=choices)
        elif isinstance(kind, (click.types.IntParamType, click.types.FloatParamType)):
            yield lambda t, value=value: t("help.words.errors.not_a", value=repr(value),
                                           kind=t(f"help.words.errors.kinds.{kind.name}"))
            if isinstance(kind, (click.IntRange, click.FloatRange)):
                yield error("out_of_range", value=value, range=describe_range(kind))
        elif isinstance(kind, click.Path) and kind.name in ("file", "directory", "path"):
            filename = repr(format_filename(value))
            for key in ("path_missing", "path_is_directory", "path_is_file"):
                yield lambda t, key=key, filename=filename: t(
                    f"help.words.errors.{key}", filename=filename, kind=t(f"help.words.errors.kinds.{kind.name}"))


def describe_range(kind: click.IntRange | click.FloatRange) -> str:
    """Click's notation for a range (``1<=x<=3650``, ``x>=1``): plain maths in any language."""
    low, high = ("<" if kind.min_open else "<="), ("<" if kind.max_open else "<=")
    # a count with no limit of its own ends at SQLite's largest integer (params.SQLITE_INT_MAX,
    # not imported: the root help stays light): no news to the user
    if kind.max == 2**63 - 1:
        return f"x{low.replace('<', '>')}{kind.min}"
    if kind.min is None:
        return f"x{high}{kind.max}"
    if kind.max is None:
        return f"x{low.replace('<', '>')}{kind.min}"
    return f"{kind.min}{low}x{high}{kind.max}"
