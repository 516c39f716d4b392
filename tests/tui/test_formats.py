"""The output formats, tested once on pure use-case results: ``content.formats`` (the JSON
documents, the text and Markdown lines) and what presentation mode hides of a prompt
(``tui.widgets.display``). The CLI tests check the same documents end to end."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from naervaer.content.briefing import site_briefing
from naervaer.content.engine import Group, TodayList
from naervaer.content.engine_facts import LastNote, PersonFacts, TeamFacts
from naervaer.content.facts import Person, Promise
from naervaer.content.formats.documents import briefing_doc, checklist_doc, today_doc
from naervaer.content.formats.reading import briefing_lines, today_lines
from naervaer.content.i18n import Translator
from naervaer.content.rules import Prompt
from naervaer.content.views import MonthChecklist, MonthEntry
from naervaer.tui.widgets.display import MASK, PLAIN_PROMPT_KINDS, group_names_shown, prompt_text

TODAY = date(2026, 11, 23)
EN = Translator("en")


def prompt(pid: int, kind: str = "not_seen", person: str = "Anna") -> Prompt:
    return Prompt(f"{kind}:{pid}", kind, pid, person, "Nord", "1", 100 - pid, f"See {person}", f"why {pid}")


TIP = Prompt("tip_of_the_day:x", "tip_of_the_day", None, None, None, "2", 0, "Tip 2", "Reflect")


def listed(limit: int = 2) -> TodayList:
    group = Group("not_seen", "3 people unseen", (prompt(1), prompt(2, person="Bo"), prompt(3, person="Cy")))
    return TodayList((prompt(9, "promise_due"), group, prompt(10, "milestone")), TIP, limit)


def test_today_doc_puts_a_groups_members_in_its_place_then_the_tip_and_no_more() -> None:
    doc = today_doc(TODAY, listed())
    assert doc["date"] == "2026-11-23"
    assert [p["id"] for p in doc["prompts"]] == [
        "promise_due:9", "not_seen:1", "not_seen:2", "not_seen:3", "tip_of_the_day:x"]
    assert list(doc["prompts"][0]) == ["id", "kind", "person", "tip", "priority", "title", "reason"]
    assert doc["prompts"][-1]["person"] is None
    json.dumps(doc)  # plain data only


def test_today_lines_text_and_markdown_show_the_same_entries() -> None:
    text = today_lines(TODAY, listed(), EN, md=False)
    md = today_lines(TODAY, listed(), EN, md=True)
    assert text[2] == " 1. See Anna" and text[5].startswith(" 2. 3 people unseen")
    assert "    - See Bo · not_seen:2" in text
    assert md[0].startswith("# ") and "   - See Bo · `not_seen:2`" in md
    # one entry left out: said in both
    more = EN.plural("coach.today_more", 1)
    assert more in text and more in md
    assert text[-1] == EN("coach.act_hint") and md[-1].endswith("Tip 2**  \nReflect")


def test_today_lines_say_when_there_is_nothing() -> None:
    empty = TodayList((), TIP, 5)
    lines = today_lines(TODAY, empty, EN, md=False)
    assert EN("coach.nothing_today") in lines and EN("coach.act_hint") not in lines


def briefing():
    anna = PersonFacts(
        person=Person(1, "Anna", site="Nord"), last_in_person=None,
        open_promises=(Promise(7, 1, "Send the rota", None),),
        last_note=LastNote(3, TODAY - timedelta(days=2), "Talked about the rota"),
    )
    return site_briefing(TODAY, "Nord", TeamFacts((anna,)), EN)


def test_briefing_doc_dates_are_iso_or_null() -> None:
    (person,) = briefing_doc(briefing())["people"]
    assert person["last_in_person"] is None and person["days_since_in_person"] is None
    assert person["open_promises"] == [{"id": 7, "text": "Send the rota", "due": None}]
    assert person["last_note"] == {"date": "2026-11-21", "text": "Talked about the rota"}


def test_briefing_lines_leave_empty_sections_out() -> None:
    text = briefing_lines(briefing(), EN, md=False)
    md = briefing_lines(briefing(), EN, md=True)
    assert text[2] == f"Anna: {EN('coach.seen_never')}" and md[2] == f"## Anna: {EN('coach.seen_never')}"
    # promises and the last note; no empty "coming up", "recently" or "away" section
    assert len(text) == 5 and len(md) == 5
    assert text[3].startswith(f"    {EN('coach.promises')}: ") and md[3].startswith(f"- **{EN('coach.promises')}**: ")
    assert text[4].endswith(": Talked about the rota")


def test_checklist_doc_names_no_site_as_null() -> None:
    entry = MonthEntry(Person(1, "Anna"), None, True, False)
    doc = checklist_doc(MonthChecklist(2026, 11, (("", (entry,)),), None))
    assert doc["sites"] == [{"site": None, "people": [
        {"person": "Anna", "person_id": 1, "seen_on": None, "carried_over": True, "away": False}]}]
    assert doc["month"] == "2026-11" and doc["signed_off"] is None


@pytest.mark.parametrize("kind", sorted(PLAIN_PROMPT_KINDS))
def test_presentation_keeps_a_rhythm_prompts_title_only(kind: str) -> None:
    title, reason = prompt_text(prompt(1, kind), EN, presentation=True)
    assert title == "See Anna" and MASK in reason and "why" not in reason
    assert group_names_shown(kind, presentation=True)


@pytest.mark.parametrize("kind", ["after_fire", "promise_due", "milestone", "misunderstanding", "connect",
                                  "pulse_falling", "check_in"])
def test_presentation_hides_what_any_other_prompt_is_about(kind: str) -> None:
    title, reason = prompt_text(prompt(1, kind), EN, presentation=True)
    assert title == f"Anna: {MASK}" and "why" not in reason
    assert not group_names_shown(kind, presentation=True)
    assert prompt_text(prompt(1, kind), EN, presentation=False) == ("See Anna", "why 1")


def test_json_escapes_what_json_dumps_leaves_raw() -> None:
    """DEL reached the terminal through `sites --format json` (the CI hostile sweep): json.dumps
    escapes only C0, so DEL, C1 and the bidi marks are escaped here, and still decode exactly."""
    import json

    from naervaer.tui.cli.output import to_json

    data = {"site": "a\x7fb\x9b31m\u202ec"}
    text = to_json(data)
    assert not any(c in text for c in "\x7f\x9b\u202e")
    assert json.loads(text) == data
