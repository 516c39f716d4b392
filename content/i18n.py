"""The language layer: every user-facing string is looked up here.

Strings live as JSON files under ``locales/<lang>/<namespace>.json``; a key is
``"namespace.name"``. Namespaces load lazily, so the capture path (``naervaer log``)
reads only the few strings it prints. A test keeps the languages' keys and
placeholders identical, so there is no silent fallback between languages.
"""

from __future__ import annotations

import json
from datetime import date
import os
from pathlib import Path
from typing import Any

LANGUAGES = ("en", "da")
DEFAULT_LANGUAGE = "en"
LOCALES_DIR = Path(__file__).parent / "locales"


class UnknownLanguage(ValueError):
    """Raised for a language code Nærvær has no content for."""


def normalise_language(code: str | None) -> str | None:
    """Map ``"da_DK.UTF-8"``, ``"DA"`` or ``"en-GB"`` to a supported code, else None."""
    if not code:
        return None
    short = code.strip().lower().replace("-", "_").split("_")[0].split(".")[0]
    return short if short in LANGUAGES else None


def system_language(environ: os._Environ[str] | dict[str, str] | None = None) -> str:
    """The language the user's locale asks for, as POSIX tools read it."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var)
        if value:
            for part in value.split(":"):
                found = normalise_language(part)
                if found:
                    return found
            if var != "LANGUAGE":
                break
    return DEFAULT_LANGUAGE


def load_namespace(lang: str, namespace: str) -> dict[str, Any]:
    path = LOCALES_DIR / lang / f"{namespace}.json"
    return json.loads(path.read_text(encoding="utf-8"))


class Translator:
    """Looks up ``namespace.key`` strings for one language and fills ``{placeholders}``."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE) -> None:
        if lang not in LANGUAGES:
            raise UnknownLanguage(lang)
        self.lang = lang
        self._namespaces: dict[str, dict[str, Any]] = {}

    def raw(self, key: str) -> Any:
        """The value stored under ``key``: a string, list or mapping."""
        namespace, _, name = key.partition(".")
        table = self._namespaces.get(namespace)
        if table is None:
            table = self._namespaces[namespace] = load_namespace(self.lang, namespace)
        value: Any = table
        for part in name.split("."):
            value = value[part]
        return value

    def __call__(self, key: str, /, **params: Any) -> str:
        text = self.raw(key)
        if not isinstance(text, str):
            raise TypeError(f"{key} is not a string")
        return text.format(**self._shown(params)) if params else text

    def _shown(self, params: dict[str, Any]) -> dict[str, Any]:
        """A date given as a value shows in the language's date style, with its year
        ("23. nov. 2026"), never as ISO: an error raised below the language layer (the store's
        "no away period open on …") carries the date itself."""
        return {k: self._day(v) if isinstance(v, date) else v for k, v in params.items()}

    def _day(self, d: date) -> str:
        # datefmt's day_year, here because datefmt builds on this class
        return self.raw("dates.day_year").format(day=d.day, mon=self.raw("dates.months_short")[d.month - 1],
                                                 year=d.year)

    def plural(self, key: str, count: int, /, **params: Any) -> str:
        """``key`` holds ``{"one": …, "other": …}``; both languages pluralise alike."""
        forms = self.raw(key)
        return forms["one" if count == 1 else "other"].format(count=count, **self._shown(params))
