"""Parity checks for every locale namespace, present and future.

Each JSON file under ``content/locales/en/`` must have a twin under ``da/`` (and
vice versa) with the same shape, the same ``{placeholders}`` in every string, no
empty strings and no forgotten (untranslated) English text in Danish.
"""

from __future__ import annotations

import io
import json
import re
import string
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

LOCALES = Path(__file__).resolve().parents[2] / "content" / "locales"
LANGS = ("en", "da")

# Danish strings longer than 12 characters that may legitimately equal the English
# text (names, codes). Entries are "namespace:dotted.path".
IDENTICAL_OK: frozenset[str] = frozenset({"dates:month_year", "safety:prune_person"})  # "{month} {year}", "  {name}: {notes}"
SHORT_LIMIT = 12
# Keys whose values are identifiers, not prose: they must be the SAME in every language.
IDENTIFIER_KEYS = frozenset({"id", "source"})


def _namespaces(lang: str) -> set[str]:
    return {p.relative_to(LOCALES / lang).as_posix() for p in (LOCALES / lang).rglob("*.json")}


ALL_NAMESPACES = sorted(_namespaces("en") | _namespaces("da"))


def _load(lang: str, name: str) -> Any:
    raw = (LOCALES / lang / name).read_bytes()
    return json.loads(raw.decode("utf-8"))


def _walk(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Yield (dotted path, leaf) for every non-container leaf."""
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from _walk(sub, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            yield from _walk(sub, f"{path}[{index}]")
    else:
        yield path, value


def _shape_errors(en: Any, da: Any, path: str = "") -> list[str]:
    where = path or "<root>"
    if type(en) is not type(da):
        return [f"{where}: en is {type(en).__name__}, da is {type(da).__name__}"]
    if isinstance(en, dict):
        errors = []
        if set(en) != set(da):
            only_en = sorted(set(en) - set(da))
            only_da = sorted(set(da) - set(en))
            errors.append(f"{where}: keys only in en {only_en}, only in da {only_da}")
        for key in sorted(set(en) & set(da)):
            errors += _shape_errors(en[key], da[key], f"{path}.{key}" if path else key)
        return errors
    if isinstance(en, list):
        errors = []
        if len(en) != len(da):
            errors.append(f"{where}: en has {len(en)} items, da has {len(da)}")
        for index, (a, b) in enumerate(zip(en, da)):
            errors += _shape_errors(a, b, f"{path}[{index}]")
        return errors
    return []


def _is_identifier(path: str) -> bool:
    return path.rsplit(".", 1)[-1] in IDENTIFIER_KEYS


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_there_are_namespaces() -> None:
    assert ALL_NAMESPACES, "no locale files found"


@pytest.mark.parametrize("name", ALL_NAMESPACES)
def test_file_exists_in_both_languages(name: str) -> None:
    missing = [lang for lang in LANGS if not (LOCALES / lang / name).is_file()]
    assert not missing, f"{name} is missing in {missing}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ALL_NAMESPACES)
def test_parses_as_utf8_json(lang: str, name: str) -> None:
    path = LOCALES / lang / name
    if not path.is_file():
        pytest.skip(f"{lang}/{name} missing (reported by the existence test)")
    _load(lang, name)


def _pair(name: str) -> tuple[Any, Any]:
    if not all((LOCALES / lang / name).is_file() for lang in LANGS):
        pytest.skip(f"{name} missing in a language (reported by the existence test)")
    return _load("en", name), _load("da", name)


@pytest.mark.parametrize("name", ALL_NAMESPACES)
def test_same_structure(name: str) -> None:
    en, da = _pair(name)
    errors = _shape_errors(en, da)
    assert not errors, f"{name}:\n" + "\n".join(errors)


@pytest.mark.parametrize("name", ALL_NAMESPACES)
def test_same_placeholders(name: str) -> None:
    en, da = _pair(name)
    da_leaves = dict(_walk(da))
    errors = []
    for path, text in _walk(en):
        other = da_leaves.get(path)
        if isinstance(text, str) and isinstance(other, str):
            try:
                a, b = _placeholders(text), _placeholders(other)
            except ValueError as exc:
                errors.append(f"{path}: malformed format string ({exc})")
                continue
            if a != b:
                errors.append(f"{path}: en {sorted(a)} vs da {sorted(b)}")
    assert not errors, f"{name}:\n" + "\n".join(errors)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ALL_NAMESPACES)
def test_no_empty_strings(lang: str, name: str) -> None:
    path = LOCALES / lang / name
    if not path.is_file():
        pytest.skip(f"{lang}/{name} missing (reported by the existence test)")
    empty = [p for p, v in _walk(_load(lang, name)) if isinstance(v, str) and not v.strip()]
    assert not empty, f"{lang}/{name}: empty strings at {empty}"


@pytest.mark.parametrize("name", ALL_NAMESPACES)
def test_danish_is_translated(name: str) -> None:
    en, da = _pair(name)
    da_leaves = dict(_walk(da))
    stem = name.removesuffix(".json")
    same = [
        path
        for path, text in _walk(en)
        if isinstance(text, str)
        and len(text) > SHORT_LIMIT
        and not _is_identifier(path)
        and da_leaves.get(path) == text
        and f"{stem}:{path}" not in IDENTICAL_OK
    ]
    assert not same, f"{name}: Danish identical to English at {same}"


@pytest.mark.parametrize("name", ALL_NAMESPACES)
def test_identifiers_match(name: str) -> None:
    en, da = _pair(name)
    da_leaves = dict(_walk(da))
    differ = [
        path for path, value in _walk(en) if _is_identifier(path) and da_leaves.get(path) != value
    ]
    assert not differ, f"{name}: identifiers differ between languages at {differ}"


# --- the coaching namespace ---------------------------------------------------


@pytest.fixture(params=LANGS)
def coaching(request: pytest.FixtureRequest) -> dict[str, Any]:
    return _load(request.param, "coaching.json")


def test_ten_tips_in_order(coaching: dict[str, Any]) -> None:
    assert [tip["id"] for tip in coaching["tips"]] == [str(i) for i in range(1, 11)]
    for tip in coaching["tips"]:
        assert set(tip) == {"id", "title", "explanation", "reflection"}
        assert len(tip["title"]) <= 40, tip["title"]


def test_nine_challenges_in_two_themes(coaching: dict[str, Any]) -> None:
    themes = coaching["challenges"]["themes"]
    assert [t["id"] for t in themes] == ["self_leadership", "communication_presence"]
    assert [len(t["items"]) for t in themes] == [5, 4]
    ids = [item["id"] for t in themes for item in t["items"]]
    assert len(set(ids)) == 9


def test_seven_expectations(coaching: dict[str, Any]) -> None:
    items = coaching["expectations"]["items"]
    assert len(items) == 7
    assert len({i["id"] for i in items}) == 7


def test_four_trust_elements(coaching: dict[str, Any]) -> None:
    assert len(coaching["trust_formula"]["elements"]) == 4


def test_principles_and_extras(coaching: dict[str, Any]) -> None:
    assert {p["id"] for p in coaching["principles"]} == {
        "keep_promises",
        "everyone_seen",
        "eye_contact_monthly",
        "call_without_reason",
        "welcome_back",
        "care_hard_times",
        "fair_across_sites",
        "presence_in_change",
        "wellbeing_survey",
    }
    assert {e["id"] for e in coaching["extras"]} == {
        "buddy_rotation",
        "wellbeing_survey",
        "birthday_colleague",
        "friday_fun",
        "it_superuser",
    }


def test_enough_reflections(coaching: dict[str, Any]) -> None:
    reflections = coaching["reflections"]
    assert len(reflections) >= 20
    assert len(set(reflections)) == len(reflections)
    assert all(r.rstrip().endswith("?") for r in reflections)


def test_belonging_figures(coaching: dict[str, Any]) -> None:
    text = coaching["belonging"]["text"].replace("\u00a0", " ")
    for figure in ("40", "50", "75", "56"):  # the slides also give "performance up to 56 %"
        assert figure in text


# -- every string on a terminal that cannot show it (ISO-8859-1, ASCII) ----------------------

NARROW = ("iso-8859-1", "ascii")
_ESCAPE = re.compile(r"\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})|\\u([0-9a-f]{4})")


def _unescape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        if m[3]:
            return chr(int(m[3], 16))
        return chr(0x10000 + ((int(m[1], 16) - 0xD800) << 10) + (int(m[2], 16) - 0xDC00))

    return _ESCAPE.sub(one, text)


@pytest.mark.parametrize("charset", NARROW)
@pytest.mark.parametrize("lang", LANGS)
def test_every_string_prints_on_a_narrow_terminal(lang: str, charset: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each string, as the CLI's streams print it under ``charset``: never a crash, and what
    the encoding cannot show is an escape that reads back to the exact text."""
    from naervaer.tui.cli import setup_streams

    out = io.TextIOWrapper(io.BytesIO(), encoding=charset)
    monkeypatch.setattr(sys, "stdout", out)
    setup_streams()
    strings = [leaf for name in ALL_NAMESPACES if (LOCALES / lang / name).is_file()
               for _, leaf in _walk(_load(lang, name)) if isinstance(leaf, str)]
    assert any(not s.isascii() for s in strings)
    for text in strings:
        out.write(text + "\n")
    out.flush()
    printed = out.buffer.getvalue().decode(charset).split("\n")[:-1]
    assert [_unescape(p) for p in printed] == [s for text in strings for s in text.split("\n")]
