"""The demo team: every situation the prompts need is in the stored data, on any day.

Situations are checked from the rows themselves (not from the generator's plan), for
several "today"s including month starts and a leap day, so a change to the generator
that loses one is caught. The bulk writer is compared with per-row inserts.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from naervaer.content.errors import InputError
from naervaer.content.vocab import BUILTIN_TAGS, CHANNELS
from naervaer.storage.demo import write_demo
from naervaer.storage.paths import demo_db
from naervaer.storage.store import Store
from conftest import TODAY

DAYS = [TODAY, date(2027, 3, 1), date(2028, 2, 26), date(2026, 12, 31), date(2027, 1, 4)]


def _open(path: Path, today: date) -> Store:
    return Store.open(path, clock=lambda: today)


# (day, language, people): the default team on several days, and the smallest and a large team
VARIANTS = [(d, lang, 40) for lang in ("en", "da") for d in DAYS] + [(TODAY, "en", 24), (DAYS[1], "da", 300)]


@pytest.fixture(scope="module")
def demos(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[date, str, int], Path]:
    """Each variant written once for all the situation tests."""
    out = {}
    for day, lang, people in VARIANTS:
        path = tmp_path_factory.mktemp("demo") / f"{day}-{lang}-{people}.db"
        with _open(path, day) as store:
            write_demo(store, day, lang=lang, people=people)
        out[day, lang, people] = path
    return out


@pytest.fixture(params=VARIANTS, ids=lambda p: f"{p[0]}-{p[1]}-{p[2]}")
def demo(request: pytest.FixtureRequest, demos: dict[tuple[date, str, int], Path]) -> tuple[sqlite3.Connection, date]:
    conn = sqlite3.connect(demos[request.param])
    request.addfinalizer(conn.close)
    return conn, request.param[0]


def _contacts(conn: sqlite3.Connection, person: int) -> list[tuple[str, list[str]]]:
    found = conn.execute(
        "SELECT date, tags FROM notes WHERE person_id = ? AND channel IS NOT NULL ORDER BY date DESC, id DESC",
        [person],
    ).fetchall()
    return [(d, json.loads(t)) for d, t in found]


def test_a_recent_fire_with_no_contact_since(demo) -> None:
    conn, today = demo
    fires = conn.execute(
        "SELECT person_id, max(date) FROM note_tags WHERE tag = 'fire' AND date BETWEEN ? AND ? GROUP BY person_id",
        [(today - timedelta(days=4)).isoformat(), (today - timedelta(days=2)).isoformat()],
    ).fetchall()
    untouched = [
        p for p, day in fires
        if not conn.execute("SELECT 1 FROM notes WHERE person_id = ? AND date > ? AND channel IS NOT NULL",
                            [p, day]).fetchone()
    ]
    assert untouched


def test_overdue_and_upcoming_promises(demo) -> None:
    conn, today = demo
    iso = today.isoformat()
    overdue = conn.execute("SELECT count(*) FROM promises WHERE done IS NULL AND due < ?", [iso]).fetchone()[0]
    upcoming = conn.execute("SELECT count(*) FROM promises WHERE done IS NULL AND due >= ?", [iso]).fetchone()[0]
    kept = conn.execute("SELECT count(*) FROM promises WHERE done IS NOT NULL AND done <= ?", [iso]).fetchone()[0]
    assert overdue >= 2 and upcoming >= 2 and kept >= 1
    linked = conn.execute("SELECT count(*) FROM promises p JOIN notes n ON n.id = p.note_id").fetchone()[0]
    assert linked >= 4


def test_several_not_seen_in_person_for_months(demo) -> None:
    conn, today = demo
    cutoff = (today - timedelta(days=90)).isoformat()
    not_seen = conn.execute(
        "SELECT p.id FROM people p WHERE NOT EXISTS (SELECT 1 FROM notes n WHERE n.person_id = p.id "
        "AND n.channel = 'in_person' AND n.date >= ?) AND NOT EXISTS (SELECT 1 FROM away a "
        "WHERE a.person_id = p.id AND a.start <= ? AND (a.\"end\" IS NULL OR a.\"end\" >= ?)) "
        "AND EXISTS (SELECT 1 FROM notes n WHERE n.person_id = p.id AND n.channel IS NOT NULL AND n.date >= ?)",
        [cutoff, today.isoformat(), today.isoformat(), cutoff],
    ).fetchall()
    assert len(not_seen) >= 3


def test_exactly_one_person_contacted_only_about_problems(demo) -> None:
    conn, _today = demo
    only_problems = []
    for (person,) in conn.execute("SELECT id FROM people").fetchall():
        last = _contacts(conn, person)[:3]
        if len(last) == 3 and all("problem" in tags for _, tags in last):
            only_problems.append(person)
    assert len(only_problems) == 1


def test_one_on_leave_returns_within_a_week(demo) -> None:
    conn, today = demo
    back = conn.execute(
        'SELECT person_id FROM away WHERE start <= ? AND "end" BETWEEN ? AND ?',
        [today.isoformat(), today.isoformat(), (today + timedelta(days=7)).isoformat()],
    ).fetchall()
    assert len(back) == 1
    person, = back[0]
    during = conn.execute(
        'SELECT count(*) FROM notes n JOIN away a ON a.person_id = n.person_id '
        'WHERE n.person_id = ? AND n.date BETWEEN a.start AND a."end"', [person]
    ).fetchone()[0]
    assert during == 0


def test_one_started_last_month(demo) -> None:
    conn, today = demo
    last_month = (today.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    starters = conn.execute("SELECT id FROM people WHERE substr(started, 1, 7) = ?", [last_month]).fetchall()
    assert len(starters) == 1
    first_note = conn.execute("SELECT min(date) FROM notes WHERE person_id = ?", starters[0]).fetchone()[0]
    assert first_note[:7] >= last_month


def test_a_misunderstanding_without_follow_up(demo) -> None:
    conn, _today = demo
    found = conn.execute(
        "SELECT t.person_id FROM note_tags t WHERE t.tag = 'misunderstanding' AND NOT EXISTS "
        "(SELECT 1 FROM notes n WHERE n.person_id = t.person_id AND n.date > t.date)"
    ).fetchall()
    assert found


def test_birthdays_soon_and_on_29_february(demo) -> None:
    conn, today = demo
    soon = {((today + timedelta(days=i)).month, (today + timedelta(days=i)).day) for i in range(8)}
    birthdays = conn.execute("SELECT birthday_month, birthday_day FROM people").fetchall()
    assert soon & set(birthdays)
    assert (2, 29) in birthdays


def test_success_this_week(demo) -> None:
    conn, today = demo
    monday = today - timedelta(days=today.weekday())
    found = conn.execute(
        "SELECT count(DISTINCT person_id) FROM note_tags WHERE tag = 'success' AND date BETWEEN ? AND ?",
        [monday.isoformat(), today.isoformat()],
    ).fetchone()[0]
    assert found >= 2


def test_monthly_checklist_is_mixed(demo) -> None:
    conn, today = demo
    month = today.strftime("%Y-%m")
    seen = conn.execute(
        "SELECT DISTINCT p.id, p.site FROM people p JOIN notes n ON n.person_id = p.id "
        "WHERE n.channel = 'in_person' AND substr(n.date, 1, 7) = ?", [month]
    ).fetchall()
    sites = conn.execute("SELECT count(DISTINCT site) FROM people").fetchone()[0]
    people = conn.execute("SELECT count(*) FROM people").fetchone()[0]
    assert 0 < len(seen) < people
    if today.day >= 7:
        assert len({site for _, site in seen}) > sites / 2


@pytest.mark.parametrize("people", [24, 40])
def test_the_first_of_a_month_has_not_seen_every_site_today(tmp_path: Path, people: int) -> None:
    """A leader reaches a couple of sites a day, so on the 1st of a month the demo's "seen this
    month" visits were mostly last month (they all fell on that day, and Sites said every site
    had been visited today)."""
    first = date(2026, 12, 1)
    with _open(tmp_path / "demo.db", first) as store:
        write_demo(store, first, people=people, seed=1)
    conn = sqlite3.connect(tmp_path / "demo.db")
    try:
        sites, visited_today = conn.execute(
            "SELECT (SELECT count(DISTINCT site) FROM people), (SELECT count(DISTINCT p.site) "
            "FROM people p JOIN notes n ON n.person_id = p.id WHERE n.channel = 'in_person' AND n.date = ?)",
            [first.isoformat()],
        ).fetchone()
    finally:
        conn.close()
    assert visited_today < sites


def test_realistic_spread(demo) -> None:
    conn, today = demo
    people = conn.execute("SELECT count(*) FROM people").fetchone()[0]
    assert people in (24, 40, 300)
    assert conn.execute("SELECT count(DISTINCT site) FROM people").fetchone()[0] == min(8, people // 5)
    channels = {c for (c,) in conn.execute("SELECT DISTINCT channel FROM notes")}
    assert channels == {*CHANNELS, None}
    tags = {t for (t,) in conn.execute("SELECT DISTINCT tag FROM note_tags")}
    assert set(BUILTIN_TAGS) < tags  # and a tag of the user's own
    first, last, count = conn.execute("SELECT min(date), max(date), count(*) FROM notes").fetchone()
    assert last == today.isoformat()
    assert 700 <= (today - date.fromisoformat(first)).days <= 740
    assert 50 <= count / people <= 150  # two to five a month each, over about two years
    lengths = [n for (n,) in conn.execute("SELECT length(text) FROM notes")]
    assert min(lengths) >= 40 and max(lengths) <= 170 and 70 <= sum(lengths) / len(lengths) <= 120
    assert conn.execute("SELECT count(*) FROM notes WHERE date > ?", [today.isoformat()]).fetchone()[0] == 0
    yearly = {y for (y,) in conn.execute("SELECT DISTINCT yearly FROM personal_dates")}
    assert yearly == {0, 1}
    prefers = {p for (p,) in conn.execute("SELECT DISTINCT prefers FROM people")}
    assert set(CHANNELS) <= prefers
    assert conn.execute("SELECT count(*) FROM away").fetchone()[0] >= 2
    assert conn.execute("SELECT count(*) FROM people WHERE started IS NULL").fetchone()[0] == 0


def test_goals_and_talking_points_for_some_not_all(demo) -> None:
    """Tip 1 on Today: some people have no written goal, some goals are due a look together,
    and some people have talking points from the last three weeks; updates fit their status."""
    conn, today = demo
    people = conn.execute("SELECT count(*) FROM people WHERE started <= ?", [today.isoformat()]).fetchone()[0]
    with_goal = conn.execute("SELECT count(DISTINCT person_id) FROM goals WHERE status IN ('on_track', 'at_risk')").fetchone()[0]
    assert people // 2 < with_goal < people
    looked = conn.execute(
        "SELECT g.person_id, max(max(g.created), coalesce(max(u.date), '')) FROM goals g "
        "LEFT JOIN goal_updates u ON u.goal_id = g.id WHERE g.status IN ('on_track', 'at_risk') "
        "GROUP BY g.person_id").fetchall()
    stale = [p for p, last in looked if (today - date.fromisoformat(last)).days >= 90]
    assert 1 <= len(stale) < len(looked) // 2
    points = conn.execute("SELECT person_id, created FROM talking_points WHERE covered IS NULL").fetchall()
    assert len({p for p, _ in points}) >= people // 4
    assert all(0 <= (today - date.fromisoformat(c)).days <= 21 for _, c in points)
    mismatched = conn.execute(
        "SELECT count(*) FROM goals g WHERE EXISTS (SELECT 1 FROM goal_updates u WHERE u.goal_id = g.id) "
        "AND g.status != (SELECT u.status FROM goal_updates u WHERE u.goal_id = g.id ORDER BY u.date DESC, u.id DESC LIMIT 1)"
    ).fetchone()[0]
    assert mismatched == 0


def _dump(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        tables = ["people", "notes", "note_tags", "promises", "away", "personal_dates", "settings",
                  "goals", "goal_updates", "talking_points"]
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables}
    finally:
        conn.close()


def test_deterministic_for_the_same_inputs(tmp_path: Path) -> None:
    dumps = []
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        with _open(tmp_path / f"{name}.db", TODAY) as store:
            write_demo(store, TODAY, seed=seed, people=30, notes=2000)
        dumps.append(_dump(tmp_path / f"{name}.db"))
    assert dumps[0] == dumps[1]
    assert dumps[0]["notes"] != dumps[2]["notes"]
    assert len(dumps[0]["people"]) == 30 and len(dumps[0]["notes"]) == 2000


def test_languages_differ_in_words_not_in_shape(tmp_path: Path) -> None:
    dumps = {}
    for lang in ("en", "da"):
        with _open(tmp_path / f"{lang}.db", TODAY) as store:
            write_demo(store, TODAY, lang=lang)
        dumps[lang] = _dump(tmp_path / f"{lang}.db")
    shape = lambda rows: [(r[0], r[1], r[2], r[3]) for r in rows]  # noqa: E731 - id, person, date, channel
    assert shape(dumps["en"]["notes"]) == shape(dumps["da"]["notes"])
    assert dumps["en"]["notes"][0][5] != dumps["da"]["notes"][0][5]
    assert "Køkken Nord" in {p[3] for p in dumps["da"]["people"]}
    assert dumps["da"]["settings"] == [("lang", '"da"')]


def _triggers(conn: sqlite3.Connection) -> list[tuple]:
    return conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall()


def test_bulk_notes_match_per_row_inserts(tmp_path: Path) -> None:
    """The bulk path must leave exactly what the triggers would have written row by row."""
    bulk_path, row_path = tmp_path / "bulk.db", tmp_path / "rows.db"
    with _open(row_path, TODAY) as rows:
        triggers_before = _triggers(rows.conn)
    with _open(bulk_path, TODAY) as bulk:
        write_demo(bulk, TODAY, people=24, notes=400, seed=3)
        assert _triggers(bulk.conn) == triggers_before
        assert bulk.query("INSERT INTO notes_fts (notes_fts, rank) VALUES ('integrity-check', 1)") == []
        people = bulk.query("SELECT * FROM people ORDER BY id")
        notes = bulk.query("SELECT person_id, date, channel, text, tags FROM notes ORDER BY id")
        bulk_tags = bulk.query("SELECT * FROM note_tags ORDER BY 1, 2, 3, 4")
        words = ["rota", "vagtplan", "football", "resident", "Søren", "soren", "mette", "kitchen", "cried"]
        bulk_found = {w: [n.id for n in bulk.search_notes(w, limit=1000)] for w in words}
    with _open(row_path, TODAY) as rows:
        with rows.write() as conn:
            conn.executemany(f"INSERT INTO people VALUES ({', '.join('?' * len(people[0]))})", people)
        for person, day, channel, text, tags in notes:
            rows.add_note(person, date.fromisoformat(day), channel, text, json.loads(tags))
        assert rows.query("SELECT * FROM note_tags ORDER BY 1, 2, 3, 4") == bulk_tags
        assert {w: [n.id for n in rows.search_notes(w, limit=1000)] for w in words} == bulk_found
    assert any(bulk_found.values())


def test_a_database_with_data_is_refused_unless_replaced(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    with _open(path, TODAY) as store:
        anna = store.add_person("Anna Own", site="Mine")
        store.add_note(anna.id, TODAY, "phone", "my own note")
        store.set_setting("theme", "dark")
        before = _dump(path)
        triggers = _triggers(store.conn)
        with pytest.raises(InputError) as refused:
            write_demo(store, TODAY)
        assert refused.value.key == "demo.not_empty"
        assert _dump(path) == before and _triggers(store.conn) == triggers
        with pytest.raises(InputError):
            write_demo(store, TODAY, notes=5, replace=True)  # too few: nothing changes either
        assert _dump(path) == before
        summary = write_demo(store, TODAY, replace=True)
        assert _triggers(store.conn) == triggers
        assert store.search_notes("own") == []
        assert "Anna Own" not in {p.name for p in store.people()}
        assert store.get_setting("theme") is None
        assert summary.people == 40
        assert store.query("SELECT count(*) FROM notes")[0][0] == summary.notes


def test_unknown_language_or_size_is_refused_before_writing(store: Store) -> None:
    from naervaer.content.i18n import UnknownLanguage

    with pytest.raises(UnknownLanguage):
        write_demo(store, TODAY, lang="sv")
    with pytest.raises(InputError):
        write_demo(store, TODAY, people=5)
    assert store.is_empty()


def test_cli_writes_beside_the_real_database(isolated_home: Path) -> None:
    from click.testing import CliRunner

    from naervaer.tui.cli import cli

    runner = CliRunner()
    result = runner.invoke(cli, ["demo"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    demo_path = isolated_home / "naervaer-demo.db"
    assert demo_path.exists() and not (isolated_home / "naervaer.db").exists()
    assert str(demo_path) in result.stdout and "naervaer --demo" in result.stdout
    assert len(result.stdout.strip().splitlines()) == 1
    again = runner.invoke(cli, ["demo"])
    assert again.exit_code == 2 and "--force" in again.stderr
    listed = runner.invoke(cli, ["--demo", "person", "list", "--format", "json"], catch_exceptions=False)
    assert len(json.loads(listed.stdout)) == 40
    forced = runner.invoke(cli, ["--lang", "da", "demo", "--force", "--people", "30"], catch_exceptions=False)
    assert forced.exit_code == 0 and "30 medarbejdere" in forced.stdout


def test_cli_with_environment_db_keeps_the_demo_beside_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from naervaer.tui.cli import cli

    real = tmp_path / "mine" / "real.db"
    monkeypatch.setenv("NAERVAER_DB", str(real))
    result = CliRunner().invoke(cli, ["demo", "--notes", "500"], catch_exceptions=False)
    assert result.exit_code == 0
    assert demo_db(real).exists() and not real.exists()


def test_cli_with_explicit_db_and_options(run, db_path: Path) -> None:
    result = run("demo", "--people", "50", "--notes", "1234", "--seed", "2")
    assert result.exit_code == 0, result.output
    with _open(db_path, TODAY) as store:
        assert store.query("SELECT count(*) FROM notes")[0][0] == 1234
        assert len(store.people()) == 50
    assert f"naervaer --db {db_path}" in result.stdout
    few = run("demo", "--force", "--notes", "3")
    assert few.exit_code == 2 and "at least" in few.stderr
    small = run("demo", "--force", "--people", "3")
    assert small.exit_code == 2


def test_ages_are_possible(demo: tuple[sqlite3.Connection, date]) -> None:
    conn, _ = demo
    rows = conn.execute("SELECT name, birthday_year, started FROM people WHERE birthday_year IS NOT NULL").fetchall()
    assert rows
    young = [(name, year, started) for name, year, started in rows if date.fromisoformat(started).year - year < 18]
    assert young == []


def test_in_person_notes_read_as_in_person(demo: tuple[sqlite3.Connection, date]) -> None:
    from naervaer.content.i18n import load_namespace

    conn, _ = demo
    face_to_face = [tpl for lang in ("en", "da") for tpl in load_namespace(lang, "demo")["notes"]["informal"]]
    stems = [tpl.split("{")[0] for tpl in face_to_face if not tpl.startswith("{")]
    wrong = conn.execute(
        "SELECT channel, text FROM notes WHERE channel IS NOT 'in_person' AND (" + " OR ".join("text LIKE ?" for _ in stems) + ")",
        [s + "%" for s in stems]).fetchall()
    assert wrong == []


def test_one_to_ones_a_few_lapsed_and_one_falling_pulse(demo) -> None:
    """Most people have had a one-to-one within about five weeks, a few none for months, and
    exactly one person's pulse falls (so Today shows both new prompts on the demo team)."""
    conn, day = demo
    from naervaer.content.engine_facts import Pulse
    from naervaer.content.rules_talks import is_falling

    people = [r[0] for r in conn.execute("SELECT id FROM people WHERE archived = 0")]
    last = dict(conn.execute("SELECT person_id, max(date) FROM notes WHERE kind = 'one_to_one' GROUP BY person_id"))
    gaps = [(day - date.fromisoformat(last[p])).days if p in last else 10**6 for p in people]
    assert sum(g <= 40 for g in gaps) >= len(people) // 2
    assert sum(g > 60 for g in gaps) >= 2
    assert conn.execute("SELECT count(*) FROM notes WHERE kind = 'one_to_one' AND channel = 'message'").fetchone() == (0,)
    since = (day - timedelta(days=183)).isoformat()
    falling = []
    for p in people:
        rows = conn.execute("SELECT id, date, pulse FROM notes WHERE person_id = ? AND pulse IS NOT NULL "
                            "AND date BETWEEN ? AND ?", [p, since, day.isoformat()]).fetchall()
        if is_falling(Pulse(i, date.fromisoformat(d), v) for i, d, v in rows):
            falling.append(p)
    assert len(falling) == 1
