"""``naervaer skills``, ``who`` and ``buddies`` as a user types them, in both languages."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import dump, refused_in_one_line


def team(run) -> None:
    for name, site in (("Anna Berg", "Køkken Nord"), ("Bo Lund", "Køkken Syd"), ("Cai Holm", "Køkken Nord")):
        assert run("person", "add", name, "--site", site).exit_code == 0


def test_skills_add_list_remove(run) -> None:
    team(run)
    added = run("skills", "anna", "add", "Allergener")
    assert added.exit_code == 0 and "Skill added for Anna Berg: Allergener" in added.stdout
    assert run("skills", "bo", "add", "allergener", "--interest").stdout.startswith(
        "Interest added for Bo Lund: Allergener")  # the spelling already in use
    shown = run("skills", "anna")
    assert shown.stdout == "Anna Berg\nSkills: Allergener\nInterests: none yet\n"
    doc = json.loads(run("skills", "bo", "--format", "json").stdout)
    assert doc == {"person": "Bo Lund", "person_id": 2, "skills": [], "interests": ["Allergener"]}
    removed = run("skills", "anna", "remove", "ALLERGENER")
    assert "Skill removed for Anna Berg: Allergener" in removed.stdout


def test_skills_refusals_are_one_line_and_change_nothing(run, db_path: Path) -> None:
    team(run)
    before = dump(db_path)
    refused_in_one_line(run("skills", "nobody", "add", "x"))
    refused_in_one_line(run("skills", "anna", "add"), "label")
    refused_in_one_line(run("skills", "anna", "add", "   "), "label")
    refused_in_one_line(run("skills", "anna", "add", "x" * 41), "40")
    refused_in_one_line(run("skills", "anna", "remove", "bagning"), "bagning")
    assert dump(db_path) == before


def test_who_groups_by_site_text_and_json(run) -> None:
    team(run)
    run("skills", "anna", "add", "allergener")
    run("skills", "bo", "add", "Allergener", "--interest")
    run("skills", "cai", "add", "vagtplan")
    text = run("who", "ALLERG").stdout
    assert text.splitlines() == [
        "2 people at 2 sites: ALLERG", "", "Køkken Nord", "  Anna Berg · allergener (skill)",
        "", "Køkken Syd", "  Bo Lund · allergener (interest)"]
    doc = json.loads(run("who", "allergener", "--format", "json").stdout)
    assert [s["site"] for s in doc["sites"]] == ["Køkken Nord", "Køkken Syd"]
    assert doc["sites"][1]["people"][0] == {"person": "Bo Lund", "person_id": 2, "kind": "interest",
                                           "label": "allergener"}
    assert run("who", "bagning").stdout == "Nobody has a skill or interest that starts with bagning.\n"


def test_who_in_danish(run) -> None:
    team(run)
    run("skills", "anna", "add", "allergener")
    text = run("--lang", "da", "who", "allergener").stdout
    assert text.splitlines()[0] == "1 medarbejder på 1 arbejdssted: allergener"
    assert "Anna Berg · allergener (kompetence)" in text


def test_buddies_propose_accept_and_history(run) -> None:
    team(run)
    assert run("person", "add", "Dea Bak", "--site", "Køkken Syd").exit_code == 0
    none = run("buddies")
    assert none.stdout.startswith("No buddy round yet.")
    proposed = run("buddies", "--propose")
    assert proposed.stdout.splitlines()[0] == "Proposed buddy pairs"
    assert run("buddies").stdout.startswith("No buddy round yet.")  # proposing stores nothing
    accepted = run("buddies", "--accept")
    assert accepted.exit_code == 0 and accepted.stdout.startswith("New buddy round from Mon 23 Nov: 2 buddy pairs.")
    assert proposed.stdout.splitlines()[1:3] == accepted.stdout.splitlines()[1:3]
    doc = json.loads(run("buddies", "--format", "json").stdout)
    assert doc["current"]["started"] == "2026-11-23" and doc["history"] == []
    groups = doc["current"]["groups"]
    assert all(len({p["site"] for p in g}) == 2 for g in groups)
    second = json.loads(run("buddies", "--propose", "--format", "json").stdout)["proposed"]["groups"]
    pairs = lambda gs: {frozenset(p["person_id"] for p in g) for g in gs}  # noqa: E731
    assert not pairs(groups) & pairs(second)  # nobody with last round's buddy


def test_buddies_in_danish_and_with_too_few(run, db_path: Path) -> None:
    assert run("person", "add", "Anna Berg").exit_code == 0
    before = dump(db_path)
    assert run("--lang", "da", "buddies", "--propose").stdout == "En buddy-runde kræver mindst to aktive medarbejdere.\n"
    refused_in_one_line(run("buddies", "--accept"), "two active people")
    assert dump(db_path) == before
    assert run("person", "add", "Bo Lund").exit_code == 0
    assert run("--lang", "da", "buddies", "--accept").stdout.startswith("Ny buddy-runde fra man. 23. nov.: 1 buddy-par.")
