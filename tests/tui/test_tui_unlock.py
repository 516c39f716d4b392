"""An encrypted database in the app: the passphrase before the first frame, the idle lock."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.widgets import Input
from tui_support import TODAY, demo_database, keys_for, make_app, screen_text, settle

from naervaer.storage import cipher
from naervaer.storage.encryption import encrypt
from naervaer.tui.screens.unlock import LockScreen, UnlockApp

PASSPHRASE = "kaffe og kage"


@pytest.fixture(scope="module")
def encrypted_demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    path = demo_database(tmp_path_factory.mktemp("enc") / "demo.db")
    header = cipher.Header.new()
    key = header.derive(PASSPHRASE)
    encrypt(path, key, header, backups=True)
    return path, key


async def type_passphrase(pilot, text: str) -> None:  # noqa: ANN001 - the pilot
    for key in keys_for(text):
        await pilot.press(key)
    await pilot.press("enter")
    for _ in range(60):  # the derivation runs in a thread: about half a second
        await pilot.pause(0.1)
        if pilot.app.return_value is not None:
            return  # unlocked: the unlock app has exited
        field = pilot.app.screen.query(Input)
        if not field or not field.first().disabled:
            break
    await pilot.pause()


async def test_the_passphrase_is_asked_first_and_a_wrong_one_is_said_beside_the_field(encrypted_demo) -> None:
    path, key = encrypted_demo
    app = UnlockApp(path, "da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Nærvær er låst" in screen_text(app)
        await type_passphrase(pilot, "forkert gæt")
        assert "Forkert adgangssætning. Prøv igen." in screen_text(app)
        assert app.is_running and app.query_one(Input).value == ""
        await type_passphrase(pilot, PASSPHRASE)
    assert app.return_value == key


async def test_the_app_opens_with_the_key_and_locks_when_idle(encrypted_demo) -> None:
    path, key = encrypted_demo
    app = make_app(path, key=key)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Today" in screen_text(app)
        app.lock_if_idle()  # not idle yet: nothing happens
        assert not isinstance(app.screen, LockScreen)
        app._last_input = time.monotonic() - 16 * 60  # the default lock_minutes is 15
        app.lock_if_idle()
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)
        shown = screen_text(app)
        assert "Nærvær is locked" in shown and "15 minutes" in shown
        assert "Søren" not in shown and "hard day" not in shown  # nothing of the data
        await type_passphrase(pilot, "not it at all")
        assert isinstance(app.screen, LockScreen) and "Wrong passphrase" in screen_text(app)
        await type_passphrase(pilot, PASSPHRASE)
        await settle(pilot)
        assert not isinstance(app.screen, LockScreen)
        assert "Today" in screen_text(app)


async def test_a_plain_database_never_locks(tmp_path: Path) -> None:
    app = make_app(demo_database(tmp_path / "plain.db"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app._last_input = time.monotonic() - 24 * 3600
        app.lock_if_idle()
        await settle(pilot)
        assert not isinstance(app.screen, LockScreen)


@pytest.mark.parametrize("lang", ("en", "da"))
def test_unlock_snapshot(snap_compare, encrypted_demo, lang: str) -> None:
    path, _ = encrypted_demo

    async def still(pilot) -> None:  # noqa: ANN001 - the pilot
        await settle(pilot)
        pilot.app.query_one(Input).cursor_blink = False
        await pilot.pause()

    assert snap_compare(UnlockApp(path, lang), terminal_size=(80, 24), run_before=still)
