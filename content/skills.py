"""The competence map (tip 9): what each person can do (skills) and cares about (interests).

A label is a short free text ("allergener", "vagtplan"); ``label_key`` folds it the way
names are folded (case, accents, æ/ø/å and "aa"), so "Allergener" and "allergener" are one
label and the search finds either. ``connections`` lists the pairs of people at different
sites who could help each other: one's skill is the other's interest, or both share an
interest. Pure: the store keeps the labels, the prompt engine and the screens read them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from naervaer.content.errors import InputError
from naervaer.content.text import clean_name, collate, name_key

KINDS = ("skill", "interest")
MAX_LABEL_CHARS = 40


@dataclass(frozen=True, slots=True)
class Label:
    """One label on one person."""

    person_id: int
    kind: str  # "skill" | "interest"
    label: str

    @property
    def key(self) -> str:
        return label_key(self.label)


def label_key(text: str) -> str:
    """What makes two labels one: the name fold ("Allergener" = "allergener" = "ALLERGENER")."""
    return name_key(text)


def checked_label(text: str) -> str:
    """A typed label as stored: invisible characters gone, spaces collapsed, 1–40 characters."""
    label = clean_name(text)
    if not label_key(label):
        raise InputError("skills.label_missing")
    if len(label) > MAX_LABEL_CHARS:
        raise InputError("skills.label_too_long", limit=MAX_LABEL_CHARS, length=len(label))
    try:
        label.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("store.bad_characters") from None
    return label


def checked_kind(kind: str) -> str:
    if kind not in KINDS:
        raise InputError("skills.bad_kind", kind=kind, accepted=", ".join(KINDS))
    return kind


def suggestions(labels: Iterable[str]) -> list[str]:
    """The labels already used, one spelling per folded label, in Danish order (for autocomplete)."""
    by_key: dict[str, str] = {}
    for label in labels:
        by_key.setdefault(label_key(label), label)
    return sorted(by_key.values(), key=collate)


@dataclass(frozen=True, slots=True)
class Connection:
    """Two people at different sites who could help each other, and the label that links them.

    ``helper`` has the skill (or shares the interest); ``asker`` is interested in it. With a
    shared interest, ``shared`` is True and the two are in id order.
    """

    helper: int
    asker: int
    label: str
    shared: bool

    @property
    def pair(self) -> tuple[int, int]:
        return (min(self.helper, self.asker), max(self.helper, self.asker))


def connections(labels: Sequence[Label], sites: dict[int, str | None]) -> list[Connection]:
    """Every pair of people at different (known) sites that one label links, one per pair.

    A skill matching an interest comes before a shared interest (help beats small talk);
    then the label and the ids decide, so the same labels always give the same list.
    ``sites`` holds the people who may be connected (active ones); others are ignored.
    """
    skills: dict[str, list[Label]] = {}
    interests: dict[str, list[Label]] = {}
    for lab in labels:
        if lab.person_id in sites:
            (skills if lab.kind == "skill" else interests).setdefault(lab.key, []).append(lab)
    found: dict[tuple[int, int], tuple[tuple, Connection]] = {}

    def offer(rank: tuple, conn: Connection) -> None:
        a, b = sites.get(conn.helper), sites.get(conn.asker)
        if conn.helper == conn.asker or not a or not b or a == b:
            return
        if conn.pair not in found or rank < found[conn.pair][0]:
            found[conn.pair] = (rank, conn)

    for key, wanting in interests.items():
        for want in wanting:
            for have in skills.get(key, ()):
                offer((0, collate(have.label), have.person_id, want.person_id),
                      Connection(have.person_id, want.person_id, have.label, False))
            for other in wanting:
                if other.person_id < want.person_id:
                    offer((1, collate(want.label), other.person_id, want.person_id),
                          Connection(other.person_id, want.person_id, other.label, True))
    return [conn for _, conn in sorted(found.values(), key=lambda item: (item[0], item[1].pair))]
