"""The standard streams, prepared once, before anything is parsed or printed.

A character the terminal's encoding cannot show is written as a ``\\uXXXX`` escape instead
of crashing (so JSON stays exact and decodable under any locale), and a closed stdin reads
as an empty one. The full-screen app replaces such a character with one "?" instead.
"""

from __future__ import annotations

import codecs
import io
import os
import sys

_UNSHOWABLE = "naervaer-escape"


def _escape_unshowable(exc: UnicodeError) -> tuple[str, int]:
    """What an encoding cannot show becomes ``\\uXXXX`` (a surrogate pair above U+FFFF).

    Readable on a terminal, and inside a JSON string the very escape JSON itself uses,
    so ``--format json`` and ``export`` decode to the exact text under any locale.
    """
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for char in exc.object[exc.start:exc.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), exc.end


codecs.register_error(_UNSHOWABLE, _escape_unshowable)


def setup_streams() -> None:
    """Prepare stdin, stdout and stderr once, before anything is parsed or printed."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors=_UNSHOWABLE)
    if sys.stdin is None:  # started with stdin closed (`<&-`): read as empty, like /dev/null
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - lives as long as the process


def setup_screen_streams() -> None:
    """For the full-screen app: one "?" per unshowable character keeps every cell in place."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
