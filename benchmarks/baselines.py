"""The jrnl baseline: jrnl 4.6 in a throwaway virtual environment under benchmarks/data.

jrnl writing one entry on an empty journal is the capture tool Nærvær is compared
with. It is installed with pip into its own venv (never the project's); when that is
not possible, the issue's reference figure stands in and the table says so.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from benchmarks.measure import ProcessFailed, Sample, run_process

JRNL_VERSION = "4.6"
JRNL_REFERENCE_MS = 123.0  # issue 7: jrnl 4.6, one entry, empty journal, this kind of machine
_CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: v{version}
"""


def _install(venv: Path) -> bool:
    jrnl = venv / "bin" / "jrnl"
    if jrnl.exists():
        return True
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=120)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", f"jrnl=={JRNL_VERSION}"],
                       check=True, capture_output=True, timeout=600)
    except (subprocess.SubprocessError, OSError):
        return False
    return jrnl.exists()


def jrnl_runner(data: Path, env: dict[str, str]) -> Callable[[], Sample] | None:
    """A runner that writes one entry to an emptied journal, or None if jrnl cannot run here."""
    venv = data / "jrnl-venv"
    if not _install(venv):
        return None
    home = data / "jrnl"
    home.mkdir(exist_ok=True)
    journal = home / "journal.txt"
    config = home / "jrnl.yaml"
    config.write_text(_CONFIG.format(journal=journal, version=JRNL_VERSION), encoding="utf-8")
    argv = [str(venv / "bin" / "jrnl"), "--config-file", str(config), "Kaffe med Søren i køkkenet. @success"]

    def empty() -> None:
        journal.write_text("", encoding="utf-8")

    try:
        run_process(argv, env, empty)
    except ProcessFailed:
        return None
    return lambda: run_process(argv, env, empty)
