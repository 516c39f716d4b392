"""The import-linter contracts in pyproject.toml hold, and they would catch a broken floor.

The contracts: content < storage < tui (nothing imports upward), the command line never
imports the screens or the app (but for the one lazy entry point), and no import cycles
between storage modules or between command-line modules. The control tests run the same
contracts on a copy of the source with one forbidden import added, and see it refused.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
FLOORS = ("content", "storage", "tui")


def lint_imports(cwd: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if pythonpath is not None:
        # ahead of the editable install: the copy is what gets analysed
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache", "--no-logo"],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
    )


def test_the_contracts_hold() -> None:
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.fixture
def source_copy(tmp_path: Path) -> Path:
    """The three floors copied under ``naervaer`` (a namespace, as installed), on a path of their own."""
    package = tmp_path / "src" / "naervaer"
    package.mkdir(parents=True)
    for floor in FLOORS:
        shutil.copytree(ROOT / floor, package / floor, ignore=shutil.ignore_patterns("__pycache__", "*.json", "*.tcss"))
    return tmp_path / "src"


# what is added where, and the line of lint-imports' report that names it
VIOLATIONS = {
    "content imports storage": ("content/zz_upward.py", "from naervaer.storage import store\n",
                                "naervaer.content.zz_upward -> naervaer.storage.store"),
    "storage imports the app": ("storage/zz_upward.py", "def f():\n    import naervaer.tui.widgets\n",
                                "naervaer.storage.zz_upward -> naervaer.tui.widgets"),
    "the command line imports a screen": ("tui/cli/zz_screen.py", "from naervaer.tui.screens import today\n",
                                          "naervaer.tui.cli.zz_screen -> naervaer.tui.screens.today"),
    "a cycle between storage modules": ("storage/paths.py", "\ndef f():\n    from naervaer.storage import store\n",
                                        "No cycles are allowed in naervaer.storage."),
}


@pytest.mark.parametrize("case", sorted(VIOLATIONS))
def test_a_violation_is_caught(source_copy: Path, tmp_path: Path, case: str) -> None:
    where, code, reported = VIOLATIONS[case]
    with (source_copy / "naervaer" / where).open("a", encoding="utf-8") as out:
        out.write(code)
    broken = lint_imports(tmp_path, pythonpath=source_copy)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "1 broken" in broken.stdout and reported in broken.stdout, broken.stdout
