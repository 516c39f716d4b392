"""Text helpers: folding names for matching, and making stored text safe to print.

Pure and stdlib-only, because the capture path imports it and must start fast.

* ``fold`` / ``fold_variants`` turn names into comparable keys, so "soren",
  "Søren" and "SOEREN" all reach the same person; ``name_key`` is the stricter key
  that decides two names are one ("Søren Ålund" = "Søren Aalund" = "Soren Alund").
* ``clean_name`` is what a typed name is stored as: invisible characters gone.
* ``find_one`` / ``find_all`` pick candidates by a typed fragment (everyday commands);
  ``find_exact`` only by a whole name or an id (commands that erase or re-identify).
* ``collate`` is THE sort key wherever people (or sites) are listed: Danish order, with
  æ, ø and å after z ("Anna Hansen" before "Anna Ålund").
* ``neutralise`` is THE function every piece of user text passes through before
  it reaches a terminal: it makes control characters, bidi overrides and lone
  surrogates visible instead of letting them act on the terminal.
"""

from __future__ import annotations

import difflib
from functools import lru_cache
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import TypeVar

from naervaer.content.errors import InputError

T = TypeVar("T")

# æ and ø have no Unicode decomposition, so NFKD alone would keep them; å would
# decompose to "a" anyway, but mapping it explicitly keeps both tables symmetric.
_DANISH = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})
# The other spelling Danes use when a keyboard lacks the letters ("Aalund").
_DANISH_ALT = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_SPACE = re.compile(r"\s+")
# "#12": a person's id as `person list` shows it (ASCII digits only: int() takes "١٢" too)
_ID_REF = re.compile(r"#([0-9]+)", re.ASCII)


def plain_number(text: str) -> int | None:
    """The number ``text`` spells in ASCII digits, else None: ``str.isdigit`` also says yes to
    "²" (which ``int`` refuses) and to "٣" (which ``int`` reads as 3)."""
    if not (text.isascii() and text.isdigit()):
        return None
    try:
        return int(text)
    except ValueError:  # past int()'s 4,300-digit limit: no number anyone means
        return None


def _invisible(c: str) -> bool:
    # Cf: zero-width space/joiners, bidi marks/embeddings/isolates, BOM, word joiner, soft hyphen
    return unicodedata.category(c) == "Cf"


def clean_name(s: str) -> str:
    """A typed name as stored: invisible (format) characters dropped, whitespace collapsed.

    Two names that look the same must be the same name, or neither can be typed exactly.
    """
    return " ".join("".join(c for c in s if not _invisible(c)).split())


def _fold_with(s: str, table: dict[int, str]) -> str:
    s = "".join(c for c in s.casefold() if not _invisible(c)).translate(table)
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


@lru_cache(maxsize=4096)  # an import of 1,000 people folds each name three times
def name_key(s: str) -> str:
    """What makes two names one name: ``fold``, and "aa" counted as the "å" it spells.

    "Søren Ålund", "Søren Aalund" and "Soren Alund" share a key. "oe" is not folded to
    "o": Joensen and Jonsen are different Danish families.
    """
    return fold(s).replace("aa", "a")


def _pair(s: str) -> tuple[str, str]:
    # Unlike fold_variants, always two entries, so index k on the query side
    # compares with index k on the candidate side ("same-kind" variants).
    return fold(s), _fold_with(s, _DANISH_ALT)


class MatchError(InputError, ValueError):
    """No candidate, or several, matched; ``key`` names the refusal.

    ``candidates`` are display labels: the name, and " (#id)" when ids are known.
    Also a ValueError, as every parser's refusal is (callers catch either).
    """

    def __init__(self, key: str, query: str, candidates: list[str]) -> None:
        super().__init__(key, query=query, candidates=", ".join(candidates))
        self.query = query
        self.candidates = candidates

    def shown_key(self) -> str:
        """With nobody to list, the "nobody matches" wording (``errors.WORDING``)."""
        return self.key if self.candidates else f"{self.key}_none"


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


def id_ref(query: str) -> int | None:
    """The id in "#12" (spaces around allowed), or None when ``query`` is not one."""
    found = _ID_REF.fullmatch(query.strip())
    return int(found.group(1)) if found else None


def _same(s: str) -> str:
    """A name as typed, compared exactly: only composed/decomposed letters and spacing differ."""
    return " ".join(unicodedata.normalize("NFC", s).split())


def _labels(found: Sequence[T], key: Callable[[T], str], ident: Callable[[T], int] | None) -> list[str]:
    return [f"{key(c)} (#{ident(c)})" if ident else key(c) for c in found]


def _by_id_or_exact_name(
    query: str, candidates: Sequence[T], key: Callable[[T], str], ident: Callable[[T], int] | None
) -> list[T] | None:
    """The candidates ``query`` names by id ("#12") or by exactly their stored name.

    None when ``query`` is not an id and no name is exactly it (the caller goes on folding).
    An id that nobody has raises: "#12" never falls back to name matching.
    """
    ref = id_ref(query) if ident else None
    if ref is not None and ident is not None:
        found = [c for c in candidates if ident(c) == ref]
        if not found:
            raise MatchError("text.no_id", query.strip(), [])
        return found
    typed = _same(query)
    found = [c for c in candidates if _same(key(c)) == typed]
    return found or None


def find_exact(
    query: str, candidates: Sequence[T], key: Callable[[T], str], ident: Callable[[T], int]
) -> T:
    """The single candidate ``query`` names exactly: by id, by its name, or by its folded name.

    For commands that erase a person or change who a note is about, where the next name
    down the alphabet must never be reached by a prefix. Tried in order, first decisive:

    1. "#12": the candidate with that id (none: ``MatchError("text.no_id")``);
    2. the stored name exactly (spacing and composed/decomposed letters aside), so
       people stored before names were compared by ``name_key`` stay reachable;
    3. the same ``name_key`` (case, diacritics, å/aa, invisible characters aside).

    Several at a stage raise ``text.ambiguous``; none raises ``text.not_exact`` listing
    the names ``find_all`` would have matched and the closest ones, with their ids.
    """
    found = _by_id_or_exact_name(query, candidates, key, ident)
    if found is None:
        typed = name_key(query)
        found = [c for c in candidates if typed and name_key(key(c)) == typed]
    if len(found) == 1:
        return found[0]
    if found:
        raise MatchError("text.ambiguous", query, _labels(found, key, ident))
    close = list(find_all(query, candidates, key))
    for near in _closest(query, candidates, key):
        if near not in close:
            close.append(near)
    raise MatchError("text.not_exact", query, _labels(close[:5], key, ident))


def _closest(query: str, candidates: Sequence[T], key: Callable[[T], str]) -> list[T]:
    """Up to five candidates whose folded name is nearest the folded query (difflib)."""
    by_fold: dict[str, T] = {}
    for cand in candidates:
        by_fold.setdefault(fold(key(cand)), cand)
    return [by_fold[c] for c in difflib.get_close_matches(fold(query), list(by_fold), n=5, cutoff=0.5)]


def find_one(
    query: str, candidates: Sequence[T], key: Callable[[T], str], ident: Callable[[T], int] | None = None
) -> T:
    """The single candidate ``query`` names; case- and diacritic-insensitive.

    With ``ident``, "#12" names the candidate with that id, and a query that is exactly
    one stored name names that one even when other names fold the same; candidates in
    messages then carry their ids.

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
    exact = _by_id_or_exact_name(query, candidates, key, ident) if ident else None
    found = exact if exact is not None and len(exact) == 1 else find_all(query, candidates, key)
    if len(found) == 1:
        return found[0]
    if found:
        raise MatchError("text.ambiguous", query, _labels(found, key, ident))
    raise MatchError("text.no_match", query, _labels(_closest(query, candidates, key), key, ident))


MAX_TEXT_CHARS = 1_000_000  # a note, not a document: bigger pastes are refused whole


def checked_text(value: str) -> str:
    """Text the store can hold: not huge, and UTF-8 (a lone surrogate from undecodable argv bytes is not)."""
    if len(value) > MAX_TEXT_CHARS:
        raise InputError("store.text_too_long", limit=f"{MAX_TEXT_CHARS:,}", length=f"{len(value):,}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("store.bad_characters") from None
    return value


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
