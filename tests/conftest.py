"""Shared fixtures: every test runs in its own data directory on a pinned day.

Like llm's autouse fixture, the user directory is redirected (``NAERVAER_HOME``) so no
test can touch a real database, and ``NAERVAER_TODAY`` fixes the clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from naervaer.storage.store import Store
from naervaer.tui.cli import cli

TODAY = date(2026, 11, 23)  # a Monday


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("NAERVAER_HOME", str(home))
    monkeypatch.setenv("NAERVAER_TODAY", TODAY.isoformat())
    monkeypatch.delenv("NAERVAER_DB", raising=False)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    return home


@pytest.fixture(autouse=True, scope="session")
def quick_idle_polls() -> Iterator[None]:
    """Pilot decides that the app is idle by sleeping in 20 ms steps until a step used no CPU,
    twice per key pressed, so typing a sentence slept for over a second. Polling every 2 ms
    keeps the same rule ("a step in which the process did almost nothing") at a tenth of the
    wait; the tests still wait for the app's workers themselves (``tui_support.settle``)."""
    from textual import _wait

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_wait, "SLEEP_GRANULARITY", 0.002)
        yield


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "naervaer.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path, clock=lambda: TODAY) as s:
        yield s


class Cli:
    """Runs ``naervaer`` in-process on one database, the way a user types it."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, lang: str = "en") -> Result:
        return self.runner.invoke(
            cli, ["--db", str(self.db), "--lang", lang, *args], input=input, catch_exceptions=False
        )


@pytest.fixture
def run(db_path: Path) -> Cli:
    return Cli(db_path)


@pytest.fixture(params=["plain", "encrypted"])
def flavoured_run(request: pytest.FixtureRequest, db_path: Path, tmp_path: Path,
                  monkeypatch: pytest.MonkeyPatch) -> Cli:
    """``run`` on a plain database, then on an encrypted one (a module opts in: run = flavoured_run)."""
    if request.param == "encrypted":
        from cipher_support import make_encrypted

        make_encrypted(db_path, tmp_path, monkeypatch)
    return Cli(db_path)


def refused_in_one_line(result: Result, fragment: str = "") -> None:
    """Bad input: exit 2 and one clear line on stderr that names what was wrong."""
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert fragment.lower() in result.stderr.lower()
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def dump(path: Path) -> list[str]:
    """Every row of every table, to prove that a refused command changed nothing."""
    from cipher_support import connect_any

    conn = connect_any(path)  # a SQLCipher connection has no iterdump: the schema, then every row
    try:
        lines = [sql for (sql,) in conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")]
        tables = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            lines += [f'INSERT INTO "{table}" VALUES{row!r}' for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1')]
        return lines
    finally:
        conn.close()
