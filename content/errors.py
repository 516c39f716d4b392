"""Errors that reach the user, and the one place that turns them into a message.

Every refusal carries a message key and its parameters. ``InputError`` is the family of
"what was typed cannot be used" (a date, a channel or tag, a name that matches nobody,
a draft field); ``StoreError`` means the database file cannot be used. ``exit_code`` is
what the command line exits with (2: the input was wrong, 3: the database cannot be used).

``message`` is the only translation of an error into words, for the command line and
the app alike: a few refusals are worded per face, because the command line names its
options (``--due``) where the app names its fields.
"""

from __future__ import annotations

from typing import Any, Literal, Protocol

Face = Literal["cli", "app"]


class Translate(Protocol):
    """A ``content.i18n.Translator`` (this module stays a stdlib-only leaf: ``text`` imports it)."""

    def __call__(self, key: str, /, **params: Any) -> str: ...


class NaervaerError(Exception):
    exit_code = 2

    def __init__(self, key: str, /, **params: Any) -> None:
        super().__init__(f"{key} {params}" if params else key)
        self.key = key
        self.params = params

    def shown_key(self) -> str:
        """The message key to show (a subclass may pick a variant of ``key``)."""
        return self.key


class InputError(NaervaerError):
    """What the user asked for cannot be done as given; nothing was changed."""


class StoreError(NaervaerError):
    """The database file cannot be used (foreign, newer, damaged, read-only, full)."""

    exit_code = 3


def first_refusal(values: dict[str, Any], errors: dict[str, InputError]) -> dict[str, Any]:
    """A draft's values, or its first refusal raised (the command line says one thing at a time)."""
    for error in errors.values():
        raise error
    return values


# Face-neutral keys raised by the drafts and the matcher -> the wording each face shows.
# A key not listed here is shown as it is on both faces.
WORDING: dict[str, dict[Face, str]] = {
    "note.text_missing": {"cli": "cli.text_missing", "app": "tui.note.text_missing"},
    "note.due_without_promise": {"cli": "cli.due_without_promise", "app": "tui.note.due_without_promise"},
    # nobody matched: the command line says how to list everyone, the app has the list on screen
    "text.no_match_none": {"cli": "text.no_match_none", "app": "tui.note.no_such_person"},
    "text.not_exact_none": {"cli": "text.not_exact_none", "app": "tui.note.no_such_person"},
    "text.no_id_none": {"cli": "text.no_id", "app": "tui.note.no_such_person"},
}


def message(t: Translate, exc: BaseException, face: Face = "cli") -> str:
    """What to tell the user about ``exc``, in ``t``'s language, worded for ``face``.

    Anything that is not a ``NaervaerError`` is a bug: the app shows it as unexpected,
    the command line lets it keep its traceback (it never asks for its message).
    """
    if not isinstance(exc, NaervaerError):
        return t("tui.error.unexpected", detail=str(exc))
    key = exc.shown_key()
    return t(WORDING.get(key, {}).get(face, key), **exc.params)
