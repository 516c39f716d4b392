"""`t` opens the tip (or principle) behind every prompt kind, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_support import FRIDAY, every_kind_team
from tui_support import demo_database, make_app, press, screen_text, settle

from naervaer.content.engine import KINDS, build_prompts
from naervaer.content.i18n import Translator
from naervaer.content.settings import EngineSettings
from naervaer.tui.screens.tip import TipScreen


@pytest.mark.parametrize("lang", ["en", pytest.param("da", marks=pytest.mark.slow)])
async def test_the_tip_behind_every_prompt_kind_opens(db_path: Path, lang: str) -> None:
    t = Translator(lang)
    prompts = build_prompts(FRIDAY, every_kind_team(), EngineSettings(), t)
    assert {p.kind for p in prompts} == set(KINDS)  # the facts really cover every kind
    app = make_app(demo_database(db_path), lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for prompt in prompts:
            app.push_screen(TipScreen(prompt.tip))
            await settle(pilot)
            assert isinstance(app.screen, TipScreen), prompt.kind
            assert screen_text(app).strip(), prompt.kind
            await press(pilot, "escape")
            assert not isinstance(app.screen, TipScreen)
