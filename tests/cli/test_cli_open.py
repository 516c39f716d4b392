"""Bare ``naervaer`` opens the app; ``naervaer --demo`` first writes the demo team if it has none."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from naervaer.storage.store import Store
from naervaer.tui.cli import cli


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list:
    calls: list = []
    monkeypatch.setattr("naervaer.tui.cli.open_app.open_app", lambda env: calls.append(env.db_path))
    return calls


def test_demo_is_written_on_first_open_beside_the_real_db(isolated_home: Path, opened: list):
    result = CliRunner().invoke(cli, ["--demo"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (path,) = opened
    assert path == isolated_home / "naervaer-demo.db"
    assert not (isolated_home / "naervaer.db").exists(), "the real database must not be touched"
    with Store.open(path) as s:
        assert len(s.people()) == 40
        count = len(s.notes())
    CliRunner().invoke(cli, ["--demo"], catch_exceptions=False)  # a second open keeps the data
    with Store.open(path) as s:
        assert len(s.notes()) == count


def test_bare_command_opens_the_app_on_the_real_db(isolated_home: Path, opened: list):
    assert CliRunner().invoke(cli, [], catch_exceptions=False).exit_code == 0
    assert opened == [isolated_home / "naervaer.db"]


def test_broken_database_is_a_clear_error_before_the_app(tmp_path: Path, opened: list):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 50)
    result = CliRunner().invoke(cli, ["--db", str(bad)])
    assert opened == []
    assert result.exit_code == 3 and "not a Nærvær database" in result.stderr
    assert bad.read_bytes() == b"not a database at all" * 50


@pytest.mark.parametrize("lang", ["en", "da"])
def test_demo_command_on_a_fresh_machine_shows_the_demo_team(isolated_home: Path, lang: str):
    result = CliRunner().invoke(cli, ["--demo", "--lang", lang, "today"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "No people yet" not in result.stdout and "Ingen medarbejdere endnu" not in result.stdout
    with Store.open(isolated_home / "naervaer-demo.db") as s:
        assert len(s.people()) == 40
        names = {p.name for p in s.people()}
    assert sum(name in result.stdout for name in names) >= 3
    assert not (isolated_home / "naervaer.db").exists()
