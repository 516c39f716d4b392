"""``naervaer remind`` (issue 14, item 7): today's top prompts in two or three lines, and JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from naervaer.storage.demo import write_demo
from naervaer.storage.store import Store
from conftest import TODAY


def _demo(db_path: Path) -> None:
    with Store.open(db_path, clock=lambda: TODAY) as s:
        write_demo(s, TODAY)


def test_two_or_three_lines_led_by_the_count(run, db_path: Path) -> None:
    _demo(db_path)
    result = run("remind")
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and 2 <= len(lines) <= 3
    assert lines[0].startswith("Nærvær, Mon 23 Nov: ") and lines[0].endswith("prompts")
    assert lines[-1].endswith("more)")
    today = run("today", "--format", "json").stdout
    first = json.loads(today)["prompts"][0]["title"]
    assert lines[1] == f"• {first}"


def test_danish_and_json(run, db_path: Path) -> None:
    _demo(db_path)
    assert run("remind", lang="da").stdout.startswith("Nærvær, man. 23. nov.: ")
    doc = json.loads(run("remind", "--format", "json").stdout)
    assert doc["date"] == TODAY.isoformat() and doc["count"] >= len(doc["top"]) == 2
    assert {"id", "kind", "title", "person"} <= set(doc["top"][0])


def test_an_empty_database_has_nothing_waiting(run) -> None:
    result = run("remind")
    assert result.stdout.splitlines()[1] == "Nothing needs you today."


def test_remind_loads_no_textual_and_no_calendar_library(db_path: Path) -> None:
    _demo(db_path)
    code = ("import sys; from naervaer.tui.cli import cli\n"
            f"try: cli.main(args=['--db', {str(db_path)!r}, 'remind'], prog_name='naervaer')\n"
            "except SystemExit: pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'icalendar')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"NAERVAER_TODAY": TODAY.isoformat(), "PATH": "/usr/bin:/bin",
                              "NAERVAER_HOME": str(db_path.parent / "home")})
    assert out.stdout.strip().splitlines()[-1] == "[]"
