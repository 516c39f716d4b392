"""The app factory and its import hygiene: no work at import, Babel only when needed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tui_support import TODAY, make_app, settle

from naervaer.storage.store import Store
from naervaer.tui.app import create_app


def test_importing_the_app_does_no_work_and_loads_no_babel(tmp_path: Path) -> None:
    code = (
        "import json, sys, naervaer.tui.app, naervaer.tui.screens.today; "
        "print(json.dumps([m for m in sys.modules if m.split('.')[0] in ('babel', 'naervaer')]))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=tmp_path, timeout=60)
    loaded = json.loads(done.stdout)
    assert not [m for m in loaded if m.startswith("babel")]
    assert "naervaer.content.engine" not in loaded
    assert list(tmp_path.iterdir()) == []


def test_language_comes_from_the_setting_when_not_given(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.set_setting("lang", "da")
    assert create_app(db_path, today=TODAY).t.lang == "da"
    assert create_app(db_path, today=TODAY, lang="en").t.lang == "en"


async def test_today_may_be_a_clock(db_path: Path) -> None:
    with Store.open(db_path, clock=lambda: TODAY) as store:
        store.add_person("Anna Berg")
    app = create_app(db_path, today=lambda: TODAY, lang="en", watch_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.today() == TODAY
        assert "Monday 23 November 2026" in str(app.screen.query_one("#today-head").visual)


async def test_every_binding_has_a_translated_description(db_path: Path) -> None:
    with Store.open(db_path, clock=lambda: TODAY) as store:
        store.add_person("Anna Berg")
    for lang in ("en", "da"):
        app = make_app(db_path, lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            for key in ("1", "2", "3", "slash", "n"):
                await pilot.press(key)
                await settle(pilot)
                shown = [a.binding for a in app.screen.active_bindings.values()
                         if a.binding.show or a.binding.action == "command_palette"]
                assert shown
                for binding in shown:
                    assert binding.description.startswith("key."), (key, binding)
                    assert app.t("tui." + binding.description)
                if key == "n":
                    await pilot.press("escape")
                    await settle(pilot)


async def test_the_app_writes_the_daily_backup_after_start(tmp_path: Path) -> None:
    from naervaer.storage.backup import daily_path

    db = tmp_path / "n.db"
    with Store.open(db) as s:
        s.add_person("Anna Berg")
    app = create_app(db, today=TODAY, lang="en", watch_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        assert not daily_path(db, TODAY).exists()
        await pilot.pause(1.5)  # the backup waits a second so the first screen comes first
        await app.workers.wait_for_complete()
    assert daily_path(db, TODAY).is_file()
