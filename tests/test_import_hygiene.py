"""The layer rule and the fast capture path, checked in fresh interpreters.

``content/`` and ``storage/`` never import Textual or Rich; neither does the ``log``
command path. A real ``naervaer log`` on an already-migrated database, without
``--date``, also leaves sqlite-utils and dateutil's parser unloaded (they cost ~80 ms
and ~36 ms). Every module under ``content/`` and ``storage/`` is walked, so new ones are
covered as they appear. The controls prove the checks can see an import when it happens.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TODAY
from naervaer.storage.store import Store

UI_LIBRARIES = ("textual", "rich")
SLOW_ON_CAPTURE = ("sqlite_utils", "dateutil.parser")
# encryption at rest is an optional extra: a plain database never loads it (nor the keyring)
ENCRYPTION = ("sqlcipher3", "keyring")

# Imports each module in turn; prints {module: [forbidden modules loaded after it]}.
_WALK = """
import importlib, json, pkgutil, sys
forbidden = tuple(sys.argv[1].split(","))
def loaded():
    return sorted(m for m in sys.modules if m.split(".")[0] in forbidden or m in forbidden)
out = {}
for package in sys.argv[2:]:
    pkg = importlib.import_module(package)
    names = [package] + [m.name for m in pkgutil.walk_packages(pkg.__path__, package + ".")]
    for name in names:
        importlib.import_module(name)
        out[name] = loaded()
print(json.dumps(out))
"""

# Runs the real command line in this process, then dumps sys.modules to a file.
_RUN_CLI = """
import json, sys
dump, args = sys.argv[1], sys.argv[2:]
from naervaer.tui.cli import main
sys.argv = ["naervaer", *args]
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code or 0
with open(dump, "w") as f:
    json.dump({"code": code, "modules": sorted(sys.modules)}, f)
"""


def _fresh(code: str, *args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _offenders(loaded: list[str], names: tuple[str, ...]) -> list[str]:
    return [m for m in loaded if any(m == n or m.startswith(n + ".") for n in names)]


@pytest.mark.parametrize("package", ["naervaer.content", "naervaer.storage"])
def test_pure_layers_import_no_ui(package: str) -> None:
    walked = json.loads(_fresh(_WALK, ",".join(UI_LIBRARIES), package))
    assert len(walked) > 3, walked
    bad = {module: found for module, found in walked.items() if found}
    assert not bad, f"first module that loads a UI library: {next(iter(bad))} -> {bad[next(iter(bad))]}"


def test_capture_path_modules_import_no_ui_and_no_slow_parsers() -> None:
    code = (
        "import sys, json\n"
        "import naervaer.tui.cli, naervaer.tui.cli.notes, naervaer.tui.cli.env, naervaer.tui.cli.output\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    loaded = json.loads(_fresh(code))
    assert _offenders(loaded, UI_LIBRARIES + SLOW_ON_CAPTURE) == []


def _cli_modules(tmp_path: Path, db: Path, *args: str) -> tuple[int, list[str]]:
    dump = tmp_path / "modules.json"
    env = {**os.environ, "NAERVAER_TODAY": TODAY.isoformat(), "NAERVAER_HOME": str(tmp_path / "home")}
    env.pop("NAERVAER_DB", None)
    _fresh(_RUN_CLI, str(dump), "--db", str(db), "--lang", "en", *args, env=env)
    result = json.loads(dump.read_text())
    return result["code"], result["modules"]


def test_a_real_log_stays_light(tmp_path: Path) -> None:
    db = tmp_path / "data" / "naervaer.db"
    with Store.open(db, clock=lambda: TODAY) as store:
        store.add_person("Søren Ålund", site="Køkken Nord")
    code, loaded = _cli_modules(tmp_path, db, "log", "soren", "Kaffe i køkkenet",
                                "--channel", "in-person", "--tag", "success")
    assert code == 0
    assert _offenders(loaded, UI_LIBRARIES + SLOW_ON_CAPTURE + ENCRYPTION + ("naervaer.storage.demo",)) == []
    with Store.open(db, clock=lambda: TODAY) as store:
        assert [n.text for n in store.notes()] == ["Kaffe i køkkenet"]


def test_control_an_encrypted_log_loads_sqlcipher_and_not_the_keyring_with_a_key_file(tmp_path: Path) -> None:
    """The same check sees SQLCipher when the file is encrypted; a key file skips the keyring."""
    from cipher_support import KEY, make_encrypted

    db = tmp_path / "data" / "naervaer.db"
    with pytest.MonkeyPatch.context() as mp:
        make_encrypted(db, tmp_path, mp)
        with Store.open(db, key=KEY) as store:
            store.add_person("Søren Ålund")
        code, loaded = _cli_modules(tmp_path, db, "log", "soren", "Kaffe i køkkenet")
    assert code == 0
    assert "sqlcipher3" in loaded
    assert _offenders(loaded, UI_LIBRARIES + SLOW_ON_CAPTURE + ("keyring",)) == []


def test_control_a_first_run_migrates_and_that_is_seen(tmp_path: Path) -> None:
    """The same check sees sqlite-utils when it is really needed: a new file is migrated."""
    code, loaded = _cli_modules(tmp_path, tmp_path / "new.db", "person", "add", "Anna")
    assert code == 0
    assert "sqlite_utils" in loaded
    assert _offenders(loaded, UI_LIBRARIES) == []


def test_control_the_walk_sees_an_import() -> None:
    """The walk reports a library a module really imports (the schema needs sqlite-utils)."""
    walked = json.loads(_fresh(_WALK, "sqlite_utils", "naervaer.storage"))
    assert "sqlite_utils" in walked["naervaer.storage.schema"]
