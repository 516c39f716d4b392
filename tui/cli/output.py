"""Printing to a terminal safely: every piece of stored text passes ``neutralise``.

Every text format (tables, CSV, Markdown, echoes, error lines) is neutralised, in a pipe
too: a pipe often ends in a terminal (``| cat``, ``| less -R``). JSON keeps the exact text
(it round-trips), but escapes every character a terminal could act on (C0/C1 controls,
bidi overrides, lone surrogates) as ``\\uXXXX``. The JSON formats and ``export`` are the
exact machine copies. The standard streams themselves are prepared in one place, ``naervaer.tui.cli.streams``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

import click

from naervaer.content.text import neutralise

# json.dumps escapes C0 controls itself; DEL, C1 and the bidi and line-separator marks it leaves raw
_UNSAFE_IN_JSON = re.compile("[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\u2028\u2029]")
# OWASP's CSV-injection list, plus the full-width forms some spreadsheets also run
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def echo(text: str = "", *, err: bool = False) -> None:
    click.echo(neutralise(text), err=err)


def echo_data(text: str) -> None:
    """Data formats (CSV) are neutralised wherever they go: ``| cat`` is a terminal too.

    The exact copy is ``--format json`` (escaped, decodable) or ``export``.
    """
    click.echo(neutralise(text), nl=False)


def to_json(data: Any, indent: int | None = 2) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def echo_json(data: Any) -> None:
    click.echo(to_json(data))


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]], *, delimiter: str = ",") -> str:
    """CSV for spreadsheets; a cell that a spreadsheet would run as a formula is quoted with '.

    Danish Excel reads ``;`` (``delimiter``). The caller still neutralises the result.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return buf.getvalue()


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    # leading spaces too: Google Sheets and LibreOffice trim them before reading a formula
    return "'" + text if text.lstrip(" \u00a0").startswith(_FORMULA_START) else text


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain aligned text table (no colour: it must survive pipes and screen readers)."""
    cells = [[neutralise(str(c)).replace("\n", " ") for c in row] for row in [header, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
