"""The closed vocabularies of a note: channels and built-in tags, with the words people type.

Canonical ids are stored; aliases in English and Danish are accepted on input.
"""

from __future__ import annotations

import re

from naervaer.content.errors import InputError
from naervaer.content.text import plain_number

CHANNELS = ("in_person", "video", "phone", "message")
IN_PERSON = "in_person"

_CHANNEL_ALIASES = {
    "in_person": ("in-person", "inperson", "in person", "person", "ip", "f2f", "face",
                  "fysisk", "personligt", "ansigt", "møde", "moede"),
    "video": ("v", "teams", "zoom", "videomøde", "videomoede"),
    "phone": ("p", "call", "tel", "telefon", "tlf", "opkald", "ring"),
    "message": ("m", "msg", "sms", "text", "chat", "mail", "email", "e-mail", "besked", "skriv"),
}
_NO_CHANNEL = ("none", "-", "observation", "ingen", "note")

# every label the app shows (locales' vocab "tag_*") is here too, so what is read can be typed
BUILTIN_TAGS = ("fire", "success", "private", "milestone", "misunderstanding", "problem", "informal")
_TAG_ALIASES = {
    "fire": ("ild", "brand", "ilden", "i ilden", "hard", "svær", "svaer"),
    "success": ("succes", "win", "sejr", "ros"),
    "private": ("privat", "personal", "personlig"),
    "milestone": ("milepæl", "milepael", "jubilæum", "jubilaeum"),
    "misunderstanding": ("misforståelse", "misforstaaelse", "misunderstood", "mis"),
    "problem": ("problemer", "issue", "bekymring"),
    "informal": ("uformel", "uformelt", "social", "chitchat", "snak"),
}
# how the person seemed (1–5): the words of the scale in both languages, as typed
_PULSE_WORDS = {
    1: ("strained", "presset"),
    2: ("a bit strained", "a-bit-strained", "lidt presset", "lidt-presset"),
    3: ("okay", "ok"),
    4: ("good", "godt", "god"),
    5: ("very good", "very-good", "rigtig godt", "rigtig-godt", "meget godt"),
}
_TAG_RE = re.compile(r"^[\w][\w\-]{0,31}$")


class VocabError(InputError, ValueError):
    """A channel or tag that is not accepted; ``key`` names the message.

    Also a ValueError, as every parser's refusal is (callers catch either).
    """

    def __init__(self, key: str, value: str) -> None:
        super().__init__(key, value=value)
        self.value = value


def _lookup(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    out = {canon: canon for canon in table}
    for canon, aliases in table.items():
        out.update({alias: canon for alias in aliases})
    return out


_CHANNEL_LOOKUP = _lookup(_CHANNEL_ALIASES)
_TAG_LOOKUP = _lookup(_TAG_ALIASES)


def parse_channel(text: str | None) -> str | None:
    """A channel id from what was typed; ``None`` means a plain observation."""
    if text is None:
        return None
    word = " ".join(text.strip().casefold().replace("_", "-").split())
    if word in _NO_CHANNEL:
        return None
    found = _CHANNEL_LOOKUP.get(word) or _CHANNEL_LOOKUP.get(word.replace("-", " "))
    if found is None:
        raise VocabError("vocab.bad_channel", text)
    return found


def parse_pulse(text: str) -> int | None:
    """How the person seemed: 1–5 or a word of the scale; blank is "not noted"."""
    word = " ".join(text.strip().casefold().split())
    if not word:
        return None
    number = plain_number(word)
    if number is not None and 1 <= number <= 5:
        return number
    for value, words in _PULSE_WORDS.items():
        if word in words:
            return value
    raise VocabError("vocab.bad_pulse", text)


def parse_tag(text: str) -> str:
    """A built-in tag id for a known word in either language, else a validated custom tag."""
    word = " ".join(text.casefold().lstrip().lstrip("#").split())
    if word in _TAG_LOOKUP:
        return _TAG_LOOKUP[word]
    if not _TAG_RE.match(word):
        raise VocabError("vocab.bad_tag", text)
    return word


def parse_tags(values: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Tags in the order given, split on commas, without repeats."""
    out: list[str] = []
    for value in values:
        for part in value.split(","):
            if part.strip():
                tag = parse_tag(part)
                if tag not in out:
                    out.append(tag)
    return tuple(out)
