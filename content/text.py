"""Text helpers: folding names for matching, and making stored text safe to print.

Pure and stdlib-only, because the capture path imports it and must start fast.

* ``fold`` / ``fold_variants`` turn names into comparable keys, so "soren",
  "Søren" and "SOEREN" all reach the same person.
* ``find_one`` / ``find_all`` pick candidates by a typed fragment.
* ``collate`` is THE sort key wherever people (or sites) are listed: Danish order, with
  æ, ø and å after z ("Anna Hansen" before "Anna Ålund").
* ``neutralise`` is THE function every piece of user text passes through before
  it reaches a terminal: it makes control characters, bidi overrides and lone
  surrogates visible instead of letting them act on the terminal.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

# æ and ø have no Unicode decomposition, so NFKD alone would keep them; å would
# decompose to "a" anyway, but mapping it explicitly keeps both tables symmetric.
_DANISH = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})
# The other spelling Danes use when a keyboard lacks the letters ("Aalund").
_DANISH_ALT = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_SPACE = re.compile(r"\s+")


def _fold_with(s: str, table: dict[int, str]) -> str:
    s = s.casefold().translate(table)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return _SPACE.sub(" ", s).strip()


def fold(s: str) -> str:
    """Matching key: casefolded, diacritics dropped, æ→ae ø→o å→a, spaces collapsed."""
    return _fold_with(s, _DANISH)


# Danish alphabet order: æ, ø, å after z (ä and ö sort with æ and ø, as in Danish
# dictionaries). The three characters after "z" in ASCII keep that order in plain string sorting.
_AFTER_Z = str.maketrans({"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"})


def collate(s: str) -> str:
    """Sort key in Danish order: case and other accents ignored, æ ø å last."""
    s = unicodedata.normalize("NFC", s).casefold().translate(_AFTER_Z)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return _SPACE.sub(" ", s).strip()


def fold_variants(s: str) -> tuple[str, ...]:
    """``fold(s)`` plus the å→aa, ø→oe transliteration, without duplicates."""
    plain, alt = fold(s), _fold_with(s, _DANISH_ALT)
    return (plain,) if plain == alt else (plain, alt)


def _pair(s: str) -> tuple[str, str]:
    # Unlike fold_variants, always two entries, so index k on the query side
    # compares with index k on the candidate side ("same-kind" variants).
    return fold(s), _fold_with(s, _DANISH_ALT)


class MatchError(ValueError):
    """No candidate, or several, matched; ``key`` is the message key to show."""

    def __init__(self, key: str, query: str, candidates: list[str]) -> None:
        self.key = key
        self.query = query
        self.candidates = candidates
        super().__init__(f"{key}: {query!r} -> {candidates!r}")


def _stages(q: str, name: str) -> int | None:
    """The best (lowest) stage at which folded query ``q`` matches folded ``name``."""
    if q == name:
        return 0
    words = name.split(" ")
    if q in words:
        return 1
    if name.startswith(q) or any(w.startswith(q) for w in words):
        return 2
    if q in name:
        return 3
    return None


def _ranked(query: str, candidates: Sequence[T], key: Callable[[T], str]) -> list[list[T]]:
    """Candidates bucketed by the stage at which they match (index 0..3)."""
    buckets: list[list[T]] = [[], [], [], []]
    qs = _pair(query)
    if not qs[0]:
        return buckets
    for cand in candidates:
        cs = _pair(key(cand))
        hits = [s for q, c in zip(qs, cs) if (s := _stages(q, c)) is not None]
        if hits:
            buckets[min(hits)].append(cand)
    return buckets


def find_all(query: str, candidates: Sequence[T], key: Callable[[T], str]) -> list[T]:
    """All candidates matching at the first stage that has any (see ``find_one``)."""
    for bucket in _ranked(query, candidates, key):
        if bucket:
            return bucket
    return []


def find_one(query: str, candidates: Sequence[T], key: Callable[[T], str]) -> T:
    """The single candidate ``query`` names; case- and diacritic-insensitive.

    Both sides are folded (``fold``) and also compared in the aa/oe spelling, so
    "soren", "alund" and "aalund" all find "Søren Ålund". Stages, first decisive:

    0. the whole folded name equals the query;
    1. the query equals one whole word of the name ("anna" → "Anna Berg",
       even though "Annabel Holm" exists);
    2. the name or one of its words starts with the query;
    3. the name contains the query anywhere.

    The first stage with any hit decides: one hit is returned, several raise
    ``MatchError("text.ambiguous")`` listing them. No hit at all raises
    ``MatchError("text.no_match")`` with up to five closest names (difflib).
    """
    found = find_all(query, candidates, key)
    if len(found) == 1:
        return found[0]
    if found:
        raise MatchError("text.ambiguous", query, [key(c) for c in found])
    names = [key(c) for c in candidates]
    by_fold: dict[str, str] = {}
    for name in names:
        by_fold.setdefault(fold(name), name)
    close = difflib.get_close_matches(fold(query), list(by_fold), n=5, cutoff=0.5)
    raise MatchError("text.no_match", query, [by_fold[c] for c in close])


def _visible(code: int) -> str:
    return f"⟨U+{code:04X}⟩"


def _build_table() -> dict[int, str]:
    table = {c: chr(0x2400 + c) for c in range(0x20) if chr(c) not in "\n\t"}
    table[0x7F] = "\u2421"  # ␡
    # C1 controls (e.g. U+009B, a one-byte CSI) and bidi overrides/isolates
    # (which can reorder what a reader sees, "Trojan Source") become a visible tag.
    for code in [*range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]:
        table[code] = _visible(code)
    return table


_TABLE = _build_table()
_SURROGATE = re.compile("[\ud800-\udfff]")


def neutralise(text: str) -> str:
    """``text`` made safe for a terminal: controls shown, not obeyed.

    C0 controls except newline and tab become Control Pictures (ESC → "␛"),
    DEL → "␡", C1 controls and bidi embeddings/overrides/isolates → "⟨U+202E⟩",
    lone surrogates → U+FFFD. Everything else (emoji, ZWJ, combining marks,
    right-to-left letters) is kept. Idempotent.
    """
    text = text.translate(_TABLE)
    return _SURROGATE.sub("\ufffd", text)


def one_line(text: str, width: int | None = None) -> str:
    """``text`` on one line: newlines → " ⏎ ", tabs → " "; cut to ``width`` with "…".

    ``width`` counts code points, not terminal cells.
    """
    # A Windows line break is one break, not a ␍ followed by a ⏎.
    flat = neutralise(text.replace("\r\n", "\n")).replace("\n", " ⏎ ").replace("\t", " ")
    if width is None or len(flat) <= width:
        return flat
    return flat[: width - 1] + "…" if width > 0 else ""


def first_line(text: str) -> str:
    """The first line with something on it, stripped and neutralised ("" if none)."""
    for line in neutralise(text.replace("\r\n", "\n")).split("\n"):
        if line.strip():
            return line.strip()
    return ""
