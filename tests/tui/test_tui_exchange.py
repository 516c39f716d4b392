"""The app's side of issue 14 (item 9): the Newsletter screen and the calendar export in the palette."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import icalendar
import pytest
from tui_support import TODAY, keys_for, make_app, press, screen_text, settle

from naervaer.content.facts import Birthday
from naervaer.storage import paths
from naervaer.storage.store import Store
from naervaer.tui.screens.newsletter import NewsletterScreen


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr(paths, "documents_dir", lambda: folder)
    return folder


@pytest.fixture
def team_db(tmp_path: Path) -> Path:
    db = tmp_path / "team.db"
    with Store.open(db, clock=lambda: TODAY) as s:
        anna = s.add_person("Anna Berg", site="Køkken Nord", birthday=Birthday(3, 12, 1979))
        s.add_note(anna.id, TODAY, "phone", "Anna ran the new rota", ["success"])
        s.add_note(anna.id, TODAY, "phone", "PRIVATE about Anna", ["success", "private"])
        s.add_note(anna.id, TODAY - timedelta(days=7), "phone", "Anna's win last week", ["success"])
    return db


@pytest.mark.parametrize(("lang", "week", "none"), [
    ("en", "week", "No successes noted this week."),
    ("da", "uge", "Ingen succeser noteret i denne uge."),
])
async def test_the_newsletter_screen_shows_the_week_and_steps_through_weeks(
        team_db: Path, lang: str, week: str, none: str) -> None:
    app = make_app(team_db, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_newsletter()
        await settle(pilot)
        shown = screen_text(app)
        assert f"{week} 48" in shown and "Anna ran the new rota" in shown
        assert "PRIVATE" not in shown and "last week" not in shown
        await press(pilot, "left_square_bracket")
        assert "Anna's win last week" in screen_text(app) and f"{week} 47" in screen_text(app)
        await press(pilot, "right_square_bracket", "right_square_bracket")
        assert none in screen_text(app)


async def test_presentation_mode_masks_the_notes(team_db: Path) -> None:
    app = make_app(team_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_newsletter()
        await press(pilot, "p")
        shown = screen_text(app)
        assert "Anna ran the new rota" not in shown and "••••" in shown and "Anna Berg" in shown


async def test_saving_as_markdown_and_as_an_email_draft(team_db: Path, documents: Path) -> None:
    app = make_app(team_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_newsletter()
        await settle(pilot)
        await press(pilot, "s", "s", "e")
        names = sorted(p.name for p in documents.iterdir())
        assert names == ["naervaer-newsletter-2026-W48-2.md", "naervaer-newsletter-2026-W48.eml",
                         "naervaer-newsletter-2026-W48.md"]
        assert "X-Unsent: 1" in (documents / "naervaer-newsletter-2026-W48.eml").read_text()
        assert (documents / "naervaer-newsletter-2026-W48.md").read_text().startswith("# Successes, week 48")
        assert all((p.stat().st_mode & 0o777) == 0o600 for p in documents.iterdir())
        assert any("naervaer-newsletter-2026-W48.eml" in n.message for n in app._notifications)


async def test_the_palette_exports_the_calendar_and_says_where(team_db: Path, documents: Path) -> None:
    app = make_app(team_db, lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p", *keys_for("eksportér kalenderen"))
        await pilot.pause(0.5)
        await press(pilot, "enter")
        feed = documents / "naervaer.ics"
        cal = icalendar.Calendar.from_ical(feed.read_bytes())
        assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Anna Berg: fødselsdag"]
        assert any(str(feed) in n.message and "1 begivenhed" in n.message for n in app._notifications)


async def test_the_palette_opens_the_newsletter(team_db: Path) -> None:
    app = make_app(team_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p", *keys_for("newsletter"))
        await pilot.pause(0.5)
        await press(pilot, "enter")
        assert isinstance(app.screen, NewsletterScreen)
        await press(pilot, "escape")
        assert not isinstance(app.screen, NewsletterScreen)


async def test_enter_on_the_weekly_share_prompt_opens_the_newsletter(team_db: Path) -> None:
    from textual.widgets import OptionList

    with Store.open(team_db, clock=lambda: TODAY) as s:
        s.set_setting("digest_weekday", TODAY.weekday())
    app = make_app(team_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.query_one(OptionList).highlighted = next(
            i for i, p in enumerate(screen.prompts) if p.kind == "success_digest")
        await press(pilot, "enter")
        assert isinstance(app.screen, NewsletterScreen)
        assert "Anna ran the new rota" in screen_text(app)


async def test_the_apps_daily_backup_writes_the_subscribed_calendar_again(team_db: Path, tmp_path: Path) -> None:
    from naervaer.tui.app import create_app

    feed = tmp_path / "feed.ics"
    with Store.open(team_db) as s:
        s.set_setting("calendar_path", str(feed))
    app = create_app(team_db, today=TODAY, lang="da", watch_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(1.5)  # the backup waits a second so the first screen comes first
        await app.workers.wait_for_complete()
    assert "Anna Berg: fødselsdag" in feed.read_text()
