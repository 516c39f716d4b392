"""Tests for naervaer.content.text: folding, matching, neutralising."""

from __future__ import annotations

import ast
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from naervaer.content import errors as errors_mod
from naervaer.content import text as text_mod
from naervaer.content.text import (
    MatchError,
    find_all,
    find_one,
    first_line,
    fold,
    fold_variants,
    neutralise,
    one_line,
)

PEOPLE = ["Søren Ålund", "Anna Berg", "Annabel Holm", "Æbelø Jensen", "Bo Ørsted", "Mette Berg"]


def ident(s: str) -> str:
    return s


@pytest.mark.parametrize(
    "raw, folded",
    [
        ("Søren", "soren"),
        ("ÅLUND", "alund"),
        ("Æble", "aeble"),
        ("  Bo   Ørsted \t", "bo orsted"),
        ("Zoë Müller", "zoe muller"),
        ("Straße", "strasse"),
        ("", ""),
        ("José\u0301", "jose"),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


@pytest.mark.parametrize(
    "raw, variants",
    [
        ("Søren Ålund", ("soren alund", "soeren aalund")),
        ("Anna", ("anna",)),
        ("Æble", ("aeble",)),
        ("Århus", ("arhus", "aarhus")),
    ],
)
def test_fold_variants(raw: str, variants: tuple[str, ...]) -> None:
    assert fold_variants(raw) == variants


@pytest.mark.parametrize(
    "query, expected",
    [
        ("soren", "Søren Ålund"),
        ("SØREN", "Søren Ålund"),
        ("soeren", "Søren Ålund"),
        ("alund", "Søren Ålund"),
        ("aalund", "Søren Ålund"),
        ("Ålund", "Søren Ålund"),
        ("søren ålund", "Søren Ålund"),
        ("ANNA", "Anna Berg"),  # whole word beats the prefix of "Annabel"
        ("annab", "Annabel Holm"),
        ("holm", "Annabel Holm"),
        ("aebelo", "Æbelø Jensen"),
        ("æbeløe", None),
        ("orsted", "Bo Ørsted"),
        ("oersted", "Bo Ørsted"),
        ("mette", "Mette Berg"),
        ("tte b", "Mette Berg"),  # substring stage
        ("  Anna   Berg ", "Anna Berg"),
    ],
)
def test_find_one(query: str, expected: str | None) -> None:
    if expected is None:
        with pytest.raises(MatchError) as info:
            find_one(query, PEOPLE, ident)
        assert info.value.key == "text.no_match"
    else:
        assert find_one(query, PEOPLE, ident) == expected


def test_find_one_exact_full_name_wins_over_word() -> None:
    names = ["Anna", "Anna Berg"]
    assert find_one("anna", names, ident) == "Anna"


@pytest.mark.parametrize("query, matched", [("berg", ["Anna Berg", "Mette Berg"]), ("ann", ["Anna Berg", "Annabel Holm"]), ("e", None)])
def test_find_one_ambiguous(query: str, matched: list[str] | None) -> None:
    with pytest.raises(MatchError) as info:
        find_one(query, PEOPLE, ident)
    assert info.value.key == "text.ambiguous"
    assert info.value.query == query
    if matched is not None:
        assert info.value.candidates == matched


def test_find_one_no_match_suggests_close_names() -> None:
    with pytest.raises(MatchError) as info:
        find_one("Sørn Alnd", PEOPLE, ident)
    err = info.value
    assert err.key == "text.no_match"
    assert "Søren Ålund" in err.candidates
    assert len(err.candidates) <= 5
    assert isinstance(err, ValueError)


@pytest.mark.parametrize("query", ["", "   ", "zzz"])
def test_find_one_nothing(query: str) -> None:
    with pytest.raises(MatchError) as info:
        find_one(query, PEOPLE, ident)
    assert info.value.key == "text.no_match"


def test_find_one_with_key_function() -> None:
    rows = [{"id": 1, "name": "Søren Ålund"}, {"id": 2, "name": "Anna Berg"}]
    assert find_one("aalund", rows, lambda r: r["name"])["id"] == 1


def test_find_all_sites() -> None:
    sites = ["Århus Nord", "Århus Syd", "Odense", "Aalborg"]
    assert find_all("aarhus", sites, ident) == ["Århus Nord", "Århus Syd"]
    assert find_all("arhus nord", sites, ident) == ["Århus Nord"]
    assert find_all("aalborg", sites, ident) == ["Aalborg"]
    assert find_all("xyz", sites, ident) == []
    assert find_all("", sites, ident) == []


def test_duplicate_names_are_ambiguous() -> None:
    with pytest.raises(MatchError) as info:
        find_one("anna berg", ["Anna Berg", "Anna Berg"], ident)
    assert info.value.key == "text.ambiguous"


@given(st.sampled_from(PEOPLE), st.data())
def test_find_one_case_and_diacritic_insensitive(name: str, data: st.DataObject) -> None:
    flips = data.draw(st.lists(st.booleans(), min_size=len(name), max_size=len(name)))
    query = "".join(c.upper() if f else c.lower() for c, f in zip(name, flips))
    assert find_one(query, PEOPLE, ident) == name
    assert find_one(fold(name), PEOPLE, ident) == name
    assert find_one(fold_variants(name)[-1], PEOPLE, ident) == name


# --- neutralise ---------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("\x1b[31mred", "␛[31mred"),
        ("a\x00b", "a␀b"),
        ("bell\x07", "bell␇"),
        ("cr\rlf", "cr␍lf"),
        ("del\x7f", "del␡"),
        ("csi\x9b2J", "csi⟨U+009B⟩2J"),
        ("\x80\x9f", "⟨U+0080⟩⟨U+009F⟩"),
        ("evil\u202eexe.txt", "evil⟨U+202E⟩exe.txt"),
        ("\u202a\u202b\u202c\u202d", "⟨U+202A⟩⟨U+202B⟩⟨U+202C⟩⟨U+202D⟩"),
        ("\u2066x\u2069", "⟨U+2066⟩x⟨U+2069⟩"),
        ("lone\ud800", "lone\ufffd"),
        ("\udfff", "\ufffd"),
        ("keep\nand\ttab", "keep\nand\ttab"),
        ("👩\u200d👩\u200d👧 family", "👩\u200d👩\u200d👧 family"),
        ("e\u0301", "e\u0301"),
        ("שלום مرحبا", "שלום مرحبا"),
        ("Søren Ålund ÆØÅ", "Søren Ålund ÆØÅ"),
    ],
)
def test_neutralise(raw: str, shown: str) -> None:
    assert neutralise(raw) == shown


def test_neutralise_every_c0() -> None:
    for code in range(0x20):
        ch = chr(code)
        out = neutralise(ch)
        assert out == (ch if ch in "\n\t" else chr(0x2400 + code))


@given(st.text(alphabet=st.characters(codec=None)))
def test_neutralise_leaves_no_controls(s: str) -> None:
    out = neutralise(s)
    for ch in out:
        assert unicodedata.category(ch) not in ("Cc", "Cs") or ch in "\n\t"
        assert not ("\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069")


@given(st.text())
def test_neutralise_idempotent(s: str) -> None:
    once = neutralise(s)
    assert neutralise(once) == once


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")))
def test_neutralise_identity_on_printable(s: str) -> None:
    assert neutralise(s) == s


# --- one_line / first_line ------------------------------------------------------


@pytest.mark.parametrize(
    "raw, width, shown",
    [
        ("one\ntwo", None, "one ⏎ two"),
        ("a\r\nb", None, "a ⏎ b"),
        ("a\tb", None, "a b"),
        ("abcdef", 4, "abc…"),
        ("abcd", 4, "abcd"),
        ("abcdef", 1, "…"),
        ("abcdef", 0, ""),
        ("\x1b[2J", None, "␛[2J"),
        ("", 3, ""),
    ],
)
def test_one_line(raw: str, width: int | None, shown: str) -> None:
    assert one_line(raw, width) == shown


@given(st.text(), st.integers(min_value=1, max_value=80))
def test_one_line_fits(s: str, width: int) -> None:
    out = one_line(s, width)
    assert len(out) <= width
    assert "\n" not in out and "\t" not in out


@pytest.mark.parametrize(
    "raw, line",
    [
        ("\n\n  \nHello\nworld", "Hello"),
        ("  first  \nsecond", "first"),
        ("", ""),
        ("\n \t\n", ""),
        ("\x1b]0;title\x07\nnext", "␛]0;title␇"),
    ],
)
def test_first_line(raw: str, line: str) -> None:
    assert first_line(raw) == line


@pytest.mark.parametrize("module", [text_mod, errors_mod])
def test_text_imports_only_stdlib(module) -> None:
    """text.py (and the error family it raises) stay leaves: the stdlib, and errors.py."""
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "no relative imports"
            if node.module != "naervaer.content.errors":
                modules.add((node.module or "").split(".")[0])
    assert modules <= set(sys.stdlib_module_names) | {"__future__"}, modules


def test_collate_sorts_the_danish_way() -> None:
    from naervaer.content.text import collate

    names = ["Anna Ålund", "Anna Hansen", "Øjvind", "Ærø Bo", "Zara", "anna hansen", "Åse", "Émile", "Aage"]
    assert sorted(names, key=collate) == [
        "Aage", "Anna Hansen", "anna hansen", "Anna Ålund", "Émile", "Zara", "Ærø Bo", "Øjvind", "Åse"]
    # decomposed input (a + combining ring) sorts as the composed letter
    assert collate("A\u030Ase") == collate("Åse")
# -- exact resolution and the name key (issue 11, items 3 and 5) ---------------------------

from dataclasses import dataclass as _dataclass  # noqa: E402

from naervaer.content.text import clean_name, find_exact, id_ref, name_key  # noqa: E402


@_dataclass(frozen=True)
class P:
    id: int
    name: str


TEAM = [P(1, "Anna Berg"), P(2, "Anna Bergstrøm"), P(3, "Søren Ålund"), P(4, "Annabel Holm")]


def exact(query: str, people=TEAM) -> P:
    return find_exact(query, people, key=lambda p: p.name, ident=lambda p: p.id)


@pytest.mark.parametrize("query, found", [
    ("Anna Berg", 1), ("anna berg", 1), ("ANNA  BERG", 1), ("Anna Bergstrom", 2),
    ("soren alund", 3), ("Søren Aalund", 3), ("Sø\u200bren Ålund", 3), ("#4", 4), (" #2 ", 2),
])
def test_find_exact_takes_a_folded_full_name_or_an_id(query: str, found: int) -> None:
    assert exact(query).id == found


@pytest.mark.parametrize("query", ["Anna", "anna b", "Bergstrøm", "Anna Berg Holm", "#9", "#", "#1a", "12", ""])
def test_find_exact_never_takes_a_fragment(query: str) -> None:
    with pytest.raises(MatchError) as info:
        exact(query)
    assert info.value.key in ("text.not_exact", "text.no_id")


def test_find_exact_lists_close_candidates_with_ids() -> None:
    with pytest.raises(MatchError) as info:
        exact("anna")
    assert info.value.candidates == ["Anna Berg (#1)", "Anna Bergstrøm (#2)", "Annabel Holm (#4)"]


def test_an_exact_stored_name_wins_over_names_that_fold_the_same() -> None:
    stored = [P(1, "Søren Ålund"), P(2, "Søren Aalund"), P(3, "Soren Alund")]
    for person in stored:
        assert exact(person.name, stored) == person
        assert find_one(person.name, stored, key=lambda p: p.name, ident=lambda p: p.id) == person
    with pytest.raises(MatchError) as info:
        exact("SOREN ALUND", stored)
    assert info.value.key == "text.ambiguous"
    assert info.value.candidates == ["Søren Ålund (#1)", "Søren Aalund (#2)", "Soren Alund (#3)"]


def test_find_one_takes_an_id_and_never_falls_back_from_one() -> None:
    assert find_one("#3", TEAM, key=lambda p: p.name, ident=lambda p: p.id).id == 3
    with pytest.raises(MatchError) as info:
        find_one("#99", TEAM, key=lambda p: p.name, ident=lambda p: p.id)
    assert info.value.key == "text.no_id"


def test_name_key_and_clean_name() -> None:
    assert name_key("Søren Ålund") == name_key("Søren Aalund") == name_key("Soren Alund") == "soren alund"
    assert name_key("Jonas Joensen") != name_key("Jonas Jonsen")
    assert clean_name("\u202eAn\u200bna\u00a0 Berg\u2069") == "Anna Berg"
    assert id_ref("#12") == 12 and id_ref("#١٢") is None and id_ref("12") is None
