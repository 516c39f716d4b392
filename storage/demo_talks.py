"""The demo's one-to-ones and pulses, laid over the planned notes without a random draw.

Most people have a one-to-one about every four to five weeks (any channel but a message),
a few have none in the last months (so the one-to-one prompt shows), and one person's
pulse falls over the last months (so "ask how … is doing" shows). How someone seemed is
noted on every one-to-one. Deterministic from the rows and the team alone: adding this
pass changed no draw of the plan, so the rest of the demo stays as it was.
"""

from __future__ import annotations

from typing import Any

from naervaer.content.facts import ONE_TO_ONE
from naervaer.storage.demo_team import Member, Situation

_TALK_CHANNELS = ("in_person", "video", "phone")
_NOT_A_TALK = ('"fire"', '"misunderstanding"')  # a hard moment is not a planned one-to-one
LAPSED_EVERY = 6  # every sixth person has had no one-to-one for the last LAPSED_DAYS
LAPSED_DAYS = 75
FALLING = (4, 4, 3, 2)  # the falling person's last pulses, oldest first


def plan_talks(notes: list[list[Any]], members: list[Member], span: int) -> list[tuple[str | None, int | None]]:
    """(kind, pulse) for each row of ``notes`` ([day offset, person, channel, tags, text], in order)."""
    by_id = {m.id: m for m in members}
    last: dict[int, int] = {}
    count: dict[int, int] = {}
    out: list[tuple[str | None, int | None]] = []
    for off, person, channel, tags, _text in notes:
        member = by_id[person]
        gap = 28 + (member.id * 7) % 11  # 28–38 days
        lapsed = member.id % LAPSED_EVERY == 0 and off > span - LAPSED_DAYS
        talk = (channel in _TALK_CHANNELS and not any(t in tags for t in _NOT_A_TALK) and not lapsed
                and off - last.get(person, -gap) >= gap)
        if not talk:
            out.append((None, None))
            continue
        last[person] = off
        n = count[person] = count.get(person, 0) + 1
        out.append((ONE_TO_ONE, 3 + (member.id + n) % 3))  # okay, good, very good in turn
    falling = next((m for m in members if m.situation is Situation.PROBLEMS), None)
    if falling is not None:
        contacts = [i for i, row in enumerate(notes) if row[1] == falling.id and row[2] in _TALK_CHANNELS]
        for index, pulse in zip(contacts[-len(FALLING):], FALLING, strict=False):
            out[index] = (out[index][0], pulse)
    return out
