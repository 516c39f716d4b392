"""GDPR: export round-trips a person; forget and prune leave no byte of them in any file."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from naervaer.storage import backup as bk
from naervaer.storage import erase, scrub
from naervaer.storage.connection import pending_marker
from naervaer.storage.store import Store
from cipher_support import connect_any, key_for, readable_bytes
from conftest import TODAY, dump


@pytest.fixture
def run(flavoured_run):
    """Every test here runs on a plain and on an encrypted database."""
    return flavoured_run

NAME = "Zorbalina Quixwell"
SECRETS = [
    "Divorcexq papers signed; she cried in the break room",
    "Sickchildzq at Rigshospitalet again, needs Fridays off",
    "Conflictvq with the night shift about Ølgaard's rota",
]
PROMISE = "Promisewq: ask HR about flexible hours"
DATE_LABEL = "Anniversaryzq of the accident"
AWAY_LABEL = "Sickleavexq stress"
SKILL_LABELS = ("Crochetzq patterns", "Tangoxq nights")  # a skill and an interest only she has
OTHER = ("Bo Hansen", "Bo fixed the dishwasher again")
EMAIL, PHONE = "zorbaqx@example.dk", "+45 98 76 54 32"  # contact details (migration 004)
POINT = "Pointzq: ask how the custody case went"
GOAL = "Goalxq: back on full hours by spring"
GOAL_NOTE = "Updatevq: two days a week so far"


def needles() -> list[bytes]:
    personal = [*SECRETS, PROMISE, DATE_LABEL, AWAY_LABEL, *SKILL_LABELS, POINT, GOAL, GOAL_NOTE]
    words = [w for text in personal for w in text.replace(":", "").split() if w.endswith("q")]
    texts = [NAME, *personal, EMAIL, PHONE, *words, *(w.casefold() for w in words)]
    return [t.encode("utf-8") for t in [*texts, NAME.casefold()]]


def scan(folder: Path, wanted: list[bytes]) -> dict[str, list[str]]:
    """Every file under ``folder``, raw bytes: which needles each one still holds."""
    hits: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = readable_bytes(path)  # an encrypted file: its decrypted pages too
            found = [n.decode() for n in wanted if n in data]
            if found:
                hits[str(path.relative_to(folder))] = found
    return hits


def populate(run) -> None:
    assert run("person", "add", NAME, "--site", "Plejecenter Nord", "--email", EMAIL, "--phone", PHONE).exit_code == 0
    assert run("person", "add", OTHER[0]).exit_code == 0
    assert run("log", OTHER[0], OTHER[1]).exit_code == 0
    for i, text in enumerate(SECRETS):
        assert run("log", "zorbalina", text, "--tag", "private", "--date", f"2026-11-{10 + i}").exit_code == 0
    assert run("log", "zorbalina", "kort snak", "--promise", PROMISE, "--due", "2026-12-01").exit_code == 0
    assert run("date", "add", "zorbalina", "3/4", DATE_LABEL).exit_code == 0
    assert run("away", "zorbalina", "--from", "2026-10-01", "--to", "2026-10-14", "--label", AWAY_LABEL).exit_code == 0
    assert run("skills", "zorbalina", "add", SKILL_LABELS[0]).exit_code == 0
    assert run("skills", "zorbalina", "add", SKILL_LABELS[1], "--interest").exit_code == 0
    assert run("buddies", "--accept").exit_code == 0  # a round: her and Bo
    assert run("point", "add", "zorbalina", POINT).exit_code == 0
    assert run("goal", "add", "zorbalina", GOAL, "--by", "31/3").exit_code == 0
    assert run("goal", "update", "1", "--status", "at-risk", "--note", GOAL_NOTE).exit_code == 0


def test_export_round_trips_everything_about_one_person(run, db_path: Path, tmp_path: Path) -> None:
    populate(run)
    out = tmp_path / "zorbalina.json"
    result = run("export", "person", NAME, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "naervaer-person-export"
    assert data["person"]["name"] == NAME
    assert data["person"]["site"] == "Plejecenter Nord"
    assert (data["person"]["email"], data["person"]["phone"]) == (EMAIL, PHONE)
    assert [n["text"] for n in data["notes"]] == [*SECRETS, "kort snak"]
    assert data["notes"][0]["tags"] == ["private"]
    assert [p["text"] for p in data["promises"]] == [PROMISE]
    assert [d["label"] for d in data["personal_dates"]] == [DATE_LABEL]
    assert [a["label"] for a in data["away"]] == [AWAY_LABEL]
    assert data["prompt_states"] == []
    assert [(s["kind"], s["label"]) for s in data["skills"]] == [("interest", SKILL_LABELS[1]), ("skill", SKILL_LABELS[0])]
    assert [r["started"] for r in data["buddy_rounds"]] == [TODAY.isoformat()]
    assert [p["text"] for p in data["talking_points"]] == [POINT]
    assert [(g["text"], g["due"], g["status"]) for g in data["goals"]] == [(GOAL, "2027-03-31", "at_risk")]
    assert [(u["text"], u["status"]) for u in data["goal_updates"]] == [(GOAL_NOTE, "at_risk")]
    assert OTHER[1] not in out.read_text(encoding="utf-8")
    # standard output carries the same document
    assert json.loads(run("export", "person", NAME).stdout) == data
    again = run("export", "person", NAME, "-o", str(out))
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_export_keeps_hostile_text_exact(run) -> None:
    text = "\x1b]52;c;SGVsbG8=\x07 [bold]x[/] \u202e evil \x9b31m"
    assert run("person", "add", "Eve").exit_code == 0
    assert run("log", "eve", text).exit_code == 0
    result = run("export", "person", "eve")
    assert "\x1b" not in result.stdout and "\x9b" not in result.stdout and "\u202e" not in result.stdout
    assert json.loads(result.stdout)["notes"][0]["text"] == text


def test_forget_leaves_no_byte_in_any_file(run, db_path: Path) -> None:
    populate(run)
    assert run("notes").exit_code == 0  # today's daily backup now holds her
    assert run("backup").exit_code == 0  # and a manual one
    folder = db_path.parent
    window = Store.open(db_path, clock=lambda: TODAY, key=key_for(db_path))  # an idle TUI window keeps the WAL alive
    try:
        window.add_note(2, TODAY, None, "Bo asked about the summer party")
        before = scan(folder, needles())
        assert any(name.endswith(".db") and "-backups" in name for name in before)
        assert "naervaer.db-wal" in before or "naervaer.db" in before  # the needles are really there
        others = [line for line in dump(db_path) if "Bo " in line]
        result = run("forget", NAME, "--yes")
        assert result.exit_code == 0, result.output
        said = result.stdout.splitlines()[0]
        assert said.startswith("Forgot Zorbalina Quixwell: 4 notes, 1 personal date, 1 promise, 1 away period")
        for counted in ("2 skills and interests", "1 buddy round", "1 talking point", "1 goal and", "1 goal update"):
            assert counted in said, said
        assert result.stdout.count("Erased from backup") == 2
        assert scan(folder, needles()) == {}
        assert [line for line in dump(db_path) if "Bo " in line] == others
        assert window.query("SELECT count(*) FROM buddy_members WHERE person_id = 1") == [(0,)]
        assert window.find_person("bo").name == OTHER[0]
        assert [n.text for n in window.search_notes("dishwasher")] == [OTHER[1]]
        assert window.search_notes("Divorcexq") == []
    finally:
        window.close()
    assert scan(folder, needles()) == {}
    for path in bk.list_backups(db_path):
        conn = connect_any(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert (NAME,) not in conn.execute("SELECT name FROM people").fetchall()
        conn.close()


def test_forget_asks_on_a_terminal_and_refuses_without_one(run, db_path: Path) -> None:
    populate(run)
    before = dump(db_path)
    result = run("forget", NAME)
    assert result.exit_code == 2
    assert "--yes" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert dump(db_path) == before


def test_forget_while_a_window_reads_says_so_and_finishes_later(run, db_path: Path, monkeypatch) -> None:
    populate(run)
    folder = db_path.parent
    window = Store.open(db_path, clock=lambda: TODAY, key=key_for(db_path))
    window.add_note(2, TODAY, None, "keeps the WAL in use")
    monkeypatch.setattr("naervaer.storage.connection.BUSY_TIMEOUT_MS", 200)
    window.conn.execute("BEGIN")
    window.conn.execute("SELECT count(*) FROM notes").fetchone()  # a read in progress
    try:
        result = run("forget", NAME, "--yes")
        assert result.exit_code == 0, result.output
        assert "Another Nærvær window is reading" in result.stderr
        assert pending_marker(db_path).exists()
        held = scan(folder, needles())
        assert held  # the WAL still holds her: said, not hidden
        for name in held:  # and the message names each file that still holds her
            assert re.search(re.escape(str(folder / name)) + r"(?!-wal|-shm)", result.stderr), name
    finally:
        window.conn.execute("COMMIT")
    try:
        assert run("notes").exit_code == 0  # the next command finishes the erasure
        assert not pending_marker(db_path).exists()
        assert scan(folder, needles()) == {}
    finally:
        window.close()


def test_prune_erases_old_notes_everywhere(run, db_path: Path) -> None:
    assert run("person", "add", "Anna").exit_code == 0
    old = ["Oldsecretxq from 2023 about the reorganisation", "Oldsecretvq loan trouble"]
    assert run("log", "anna", old[0], "--date", "2023-03-01").exit_code == 0
    assert run("log", "anna", old[1], "--date", "2024-11-22").exit_code == 0
    assert run("log", "anna", "recent and kept", "--date", "2024-11-23").exit_code == 0
    assert run("notes").exit_code == 0  # daily backup holds the old notes
    wanted = [t.encode() for t in [*old, "Oldsecretxq", "oldsecretxq", "Oldsecretvq", "oldsecretvq"]]
    assert scan(db_path.parent, wanted)
    before = dump(db_path)
    dry = run("prune", "--older-than", "24 months", "--dry-run")
    assert dry.exit_code == 0
    assert "Would erase 2 notes dated before 23 Nov 2024" in dry.stdout and "Anna: 2" in dry.stdout
    assert dump(db_path) == before
    assert run("prune", "--older-than", "24 months").exit_code == 2  # no terminal, no --yes
    window = Store.open(db_path, clock=lambda: TODAY, key=key_for(db_path))  # an idle TUI window: -wal and -shm stay
    try:
        window.add_note(1, TODAY, None, "written while the window is open")
        result = run("prune", "--older-than", "24 months", "--yes")
        assert result.exit_code == 0, result.output
        assert "Erased 2 notes dated before 23 Nov 2024" in result.stdout
        assert "Erased from backup" in result.stdout
        assert Path(f"{db_path}-wal").exists() and Path(f"{db_path}-shm").exists()
        assert scan(db_path.parent, wanted) == {}
    finally:
        window.close()
    assert scan(db_path.parent, wanted) == {}
    with Store.open(db_path, create=False, key=key_for(db_path)) as s:
        assert [n.text for n in s.notes()] == ["written while the window is open", "recent and kept"]


@pytest.mark.parametrize("given, expected", [
    ("24 months", date(2024, 11, 23)), ("2y", date(2024, 11, 23)), ("18m", date(2025, 5, 23)),
    ("2025-01-01", date(2025, 1, 1)), ("3 weeks ago", date(2026, 11, 2)),
])
def test_older_than_accepts_ages_and_dates(given: str, expected: date) -> None:
    from naervaer.tui.cli.safety import cutoff_date

    assert cutoff_date(given, TODAY) == expected


def test_prune_refuses_nonsense_and_the_future(run) -> None:
    assert run("person", "add", "Anna").exit_code == 0
    for bad in ["banana", "in 3 days", "2099-01-01", "99999 years"]:
        result = run("prune", "--older-than", bad, "--yes")
        assert result.exit_code == 2, bad
        assert len(result.stderr.strip().splitlines()) == 1


def test_prune_defaults_to_the_retention_setting(run, db_path: Path) -> None:
    assert run("person", "add", "Anna").exit_code == 0
    assert run("log", "anna", "old", "--date", "2025-01-01").exit_code == 0
    with Store.open(db_path, key=key_for(db_path)) as s:
        s.set_setting("retention_months", 12)
    result = run("prune", "--dry-run")
    assert "Would erase 1 note dated before 23 Nov 2025" in result.stdout and "Anna: 1" in result.stdout


def test_fts5_secure_delete_is_detected_not_assumed() -> None:
    assert scrub.fts5_secure_delete_available((3, 42, 0))
    assert not scrub.fts5_secure_delete_available((3, 40, 1))
    assert scrub.fts5_secure_delete_available() == (sqlite3.sqlite_version_info >= (3, 42, 0))


def test_an_unreadable_backup_is_named_not_silently_kept(run, db_path: Path) -> None:
    populate(run)
    folder = bk.backups_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    broken = folder / "naervaer-manual-2026-01-01-000000.db"
    broken.write_bytes(b"not sqlite at all" * 100)
    result = run("forget", NAME, "--yes")
    assert result.exit_code == 0
    assert "Could not check backup" in result.stderr and broken.name in result.stderr


def test_forget_erases_prompt_states_saved_with_or_without_the_person(run, db_path: Path) -> None:
    populate(run)
    with Store.open(db_path, key=key_for(db_path)) as s:
        zid = s.find_person("zorbalina").id
        note_id = s.notes(person_id=zid)[0].id
        other_note = s.notes(person_id=s.find_person("bo").id)[0].id
        with s.write() as conn:
            conn.executemany(
                "INSERT INTO prompt_state (prompt_id, person_id, state, until, set_on) VALUES (?, ?, 'done', NULL, ?)",
                [(f"milestone:p{zid}:birthday:2026", zid, "2026-11-23"),
                 (f"after_fire:note{note_id}:step1", None, "2026-11-23"),
                 (f"after_fire:note{other_note}:step1", None, "2026-11-23"),
                 (f"misunderstanding:note{note_id}0", None, "2026-11-23")],
            )
    result = run("forget", NAME, "--yes")
    assert "2 done or snoozed prompts" in result.stdout
    with Store.open(db_path, key=key_for(db_path)) as s:
        left = {r[0] for r in s.query("SELECT prompt_id FROM prompt_state")}
    assert left == {f"after_fire:note{other_note}:step1", f"misunderstanding:note{note_id}0"}


def test_prune_ignores_a_hand_edited_retention_setting(run, db_path: Path) -> None:
    assert run("person", "add", "Anna").exit_code == 0
    assert run("log", "anna", "old", "--date", "2024-01-01").exit_code == 0
    with Store.open(db_path, key=key_for(db_path)) as s:
        s.set_setting("retention_months", "two years")
    result = run("prune", "--dry-run")
    assert result.exit_code == 0 and "before 23 Nov 2024" in result.stdout  # the default, 24 months


def test_forget_interrupted_half_way_can_simply_run_again(run, db_path: Path, monkeypatch) -> None:
    populate(run)
    assert run("notes").exit_code == 0  # a daily backup holds her
    store = Store.open(db_path, clock=lambda: TODAY, key=key_for(db_path))
    zid = store.find_person("zorbalina").id

    def crash(*_: object) -> None:
        raise SystemExit("killed")  # the process dies between the backups and the live erasure

    monkeypatch.setattr(store, "write", crash)
    with pytest.raises(SystemExit):
        erase.forget_person(store, zid)
    store.close()
    assert run("person", "list").stdout.count("Zorbalina") == 1  # still findable, so:
    result = run("forget", NAME, "--yes")
    assert result.exit_code == 0, result.output
    assert scan(db_path.parent, needles()) == {}


def test_one_to_ones_and_pulses_are_exported_and_forgotten(run, db_path: Path) -> None:
    """The one-to-one mark and the pulse live on the note: the right of access shows them and
    forget takes them with the note (no row of the person's notes is left to carry them)."""
    assert run("person", "add", NAME).exit_code == 0
    assert run("person", "edit", NAME, "--one-to-one-days", "14").exit_code == 0
    assert run("log", "zorbalina", "Onetoonexq about the rota", "--one-to-one", "--pulse", "2").exit_code == 0
    assert run("log", "zorbalina", "Corridorxq hello", "--pulse", "good").exit_code == 0
    data = json.loads(run("export", "person", NAME).stdout)
    assert data["person"]["one_to_one_days"] == 14
    assert [(n["kind"], n["pulse"]) for n in data["notes"]] == [("one_to_one", 2), (None, 4)]
    assert run("forget", NAME, "--yes").exit_code == 0
    conn = connect_any(db_path)
    try:
        assert conn.execute("SELECT count(*) FROM notes WHERE kind IS NOT NULL OR pulse IS NOT NULL").fetchone() == (0,)
    finally:
        conn.close()
    assert scan(db_path.parent, [b"Onetoonexq", b"Corridorxq", NAME.encode()]) == {}
