"""The app factory and its import hygiene: no work at import, Babel only when needed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tui_support import TODAY, demo_database, make_app, press, settle, text_of

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


async def test_today_first_frame_has_the_prompts_read_before_it(tmp_path: Path, monkeypatch) -> None:
    from textual.widgets import OptionList

    from naervaer.storage.usecases.today import load_today_list
    from naervaer.tui.screens.today import TodayScreen

    db = demo_database(tmp_path / "demo.db")
    workers: list[str] = []
    monkeypatch.setattr(TodayScreen, "load_prompts", lambda self: workers.append("today"))
    mounted: list[int] = []
    monkeypatch.setattr(TodayScreen, "on_mount",
                        lambda self: mounted.append(self.query_one(OptionList).option_count), raising=False)
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        with Store.open(db, clock=lambda: TODAY) as store:
            expected = [e.title for e in load_today_list(store, TODAY, app.t).top]
        shown = text_of(app.screen.query_one(OptionList))
    assert workers == []  # no second read on start
    assert mounted and mounted[0] == len(expected)  # in the list before the first frame
    assert expected and all(title in shown for title in expected)


async def test_a_failed_early_read_is_reported_and_today_stays_usable(tmp_path: Path, monkeypatch) -> None:
    from naervaer.content.errors import StoreError
    from naervaer.tui.screens import today

    db = demo_database(tmp_path / "demo.db")

    def broken(*args: object) -> None:
        raise StoreError("store.busy", path=str(db))

    monkeypatch.setattr(today, "load_today", broken)
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert app.t("store.busy", path=str(db)) in " ".join(messages)
        assert app.screen.query_one("#today-head").visual is not None
        await pilot.press("2")
        await settle(pilot)
        assert type(app.screen).__name__ == "TeamScreen"


async def test_footer_keys_are_rebuilt_only_when_what_they_show_changes(tmp_path: Path) -> None:
    from textual.widgets._footer import FooterKey

    db = demo_database(tmp_path / "demo.db")
    app = make_app(db)
    async with app.run_test(size=(130, 24)) as pilot:  # wide enough for every key, the palette's too
        await settle(pilot)
        before = list(app.screen.query(FooterKey))
        app.screen.refresh_bindings()  # the same keys "updated"
        await settle(pilot)
        assert list(app.screen.query(FooterKey)) == before
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        after = list(app.screen.query(FooterKey))
        assert after and not set(after) & set(before)
        assert not [k for k in after if k.has_class("-command-palette")]  # dropped to fit 80 columns
        assert [k for k in before if k.has_class("-command-palette")]


async def test_at_80_columns_every_main_screen_footer_fits_and_keeps_help_and_quit(tmp_path: Path) -> None:
    from textual.widgets._footer import FooterKey

    db = demo_database(tmp_path / "demo.db")
    for lang in ("en", "da"):
        app = make_app(db, lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            for keys in ([], ["2"], ["enter"], ["3"]):  # Today, Team, a Person (from Team), Month
                await press(pilot, *keys)
                shown = list(app.screen.query(FooterKey))
                actions = {k.action for k in shown}
                assert {"help", "quit"} <= actions, (lang, type(app.screen).__name__, actions)
                width = sum(len(k.key_display) + 1 + len(k.description) + 1 for k in shown)
                assert width <= 80, (lang, type(app.screen).__name__, width)
