"""Whole numbers typed on the command line (ids and limits), kept within SQLite's INTEGER.

A number SQLite cannot hold used to reach the driver and crash with ``OverflowError``.
Limits are click ranges ending at SQLite's largest integer; an id is ASCII digits only
(``int`` would also take ``١٢``, ``+1`` and ``1_0``), and one too large to exist names
no row, which is what the user is told.
"""

from __future__ import annotations

import click

from naervaer.content.errors import InputError
from naervaer.content.text import one_line

SQLITE_INT_MAX = 2**63 - 1


class CountRange(click.IntRange):
    """A count or limit from ``low`` up to the largest integer SQLite stores.

    A bad value is one line naming the range (bad input, exit 2), like a bad id or date.
    """

    def __init__(self, low: int = 0) -> None:
        super().__init__(low, SQLITE_INT_MAX)

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            option = param.opts[0] if param is not None and param.opts else "--limit"
            # the top is SQLite's largest integer: no news to the user, so only the bottom is named
            raise InputError("cli.bad_count", option=option, value=one_line(str(value), 40), min=self.min) from None


def count_range(low: int = 0) -> CountRange:
    return CountRange(low)


def row_id(value: str, *, bad_key: str, missing_key: str) -> int:
    """The id ``value`` names; ``bad_key`` if it is no number, ``missing_key`` if no row can have it."""
    digits = value.strip()
    if not (digits.isascii() and digits.isdigit()):
        raise InputError(bad_key, value=value)
    significant = digits.lstrip("0")
    if len(significant) > len(str(SQLITE_INT_MAX)) or int(significant or "0") > SQLITE_INT_MAX:
        raise InputError(missing_key, id=one_line(significant, 40))
    return int(significant or "0")
