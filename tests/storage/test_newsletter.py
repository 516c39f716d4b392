"""The weekly success newsletter (issue 14, item 5; tip 7): this week's successes in, private
notes and other weeks out, nobody listed for having none, in both languages and three formats."""

from __future__ import annotations

import email
from datetime import date, timedelta
from email import policy
from pathlib import Path

import pytest

from naervaer.content.errors import InputError
from naervaer.content.formats.newsletter import newsletter_eml, newsletter_lines
from naervaer.content.i18n import Translator
from naervaer.content.newsletter import parse_week, shifted, since, week_of
from naervaer.storage.store import Store
from naervaer.storage.usecases.newsletter import load_newsletter
from conftest import TODAY, refused_in_one_line
from hostile import DATES

MONDAY = TODAY  # 2026-11-23, week 48


@pytest.fixture
def team(store: Store) -> Store:
    anna = store.add_person("Anna Berg", site="Køkken Nord")
    soren = store.add_person("Søren Ålund", site="Køkken Nord")
    mette = store.add_person("Mette Holm", site="Porters")
    store.add_person("Ole Nobody", site="Porters")  # no success this week: never named
    store.add_note(anna.id, MONDAY, "phone", "Anna ran the new rota without a hitch", ["success"])
    store.add_note(soren.id, MONDAY, "in_person", "Søren trained two new colleagues", ["success"])
    store.add_note(soren.id, MONDAY, "phone", "PRIVATE success about Søren's health", ["success", "private"])
    store.add_note(mette.id, MONDAY - timedelta(days=1), "phone", "LASTWEEK Mette's win", ["success"])
    store.add_note(mette.id, MONDAY, "phone", "NOTASUCCESS an ordinary call", [])
    return store


def _text(store: Store, lang: str, **kw) -> str:
    letter = load_newsletter(store, week_of(MONDAY))
    return "\n".join(newsletter_lines(letter, Translator(lang), md=kw.get("md", False)))


@pytest.mark.parametrize("lang", ["en", "da"])
def test_this_weeks_successes_by_site_and_person(team: Store, lang: str) -> None:
    text = _text(team, lang)
    assert "Anna ran the new rota" in text and "Søren trained two new colleagues" in text
    assert "PRIVATE" not in text and "LASTWEEK" not in text and "NOTASUCCESS" not in text
    assert "Ole Nobody" not in text and "Mette Holm" not in text and "Porters" not in text
    assert text.index("Køkken Nord") < text.index("Anna Berg") < text.index("Søren Ålund")
    title = {"en": "Successes, week 48", "da": "Ugens succeser, uge 48"}[lang]
    assert text.startswith(title)
    assert {"en": "2 successes noted", "da": "2 succeser noteret"}[lang] in text


@pytest.mark.parametrize(("lang", "said"), [("en", "No successes noted this week."),
                                            ("da", "Ingen succeser noteret i denne uge.")])
def test_a_week_without_successes_says_so_plainly(team: Store, lang: str, said: str) -> None:
    letter = load_newsletter(team, week_of(MONDAY + timedelta(days=14)))
    lines = newsletter_lines(letter, Translator(lang), md=False)
    assert said in lines
    assert not any("Berg" in line or "Ålund" in line for line in lines)


def test_last_week_is_one_week_back(team: Store) -> None:
    letter = load_newsletter(team, shifted(week_of(MONDAY), -1))
    assert [p.name for s in letter.sites for p in s.people] == ["Mette Holm"]


def test_markdown_escapes_stored_text(store: Store) -> None:
    p = store.add_person("Anna *Berg*", site="[Nord](http://evil.example)")
    store.add_note(p.id, MONDAY, "phone", "**bold** <script>x</script> \x1b[31mred", ["success"])
    md = "\n".join(newsletter_lines(load_newsletter(store, week_of(MONDAY)), Translator("en"), md=True))
    assert "**Anna \\*Berg\\***" in md
    assert "\\*\\*bold\\*\\*" in md and "\\<script\\>" in md
    assert "\x1b" not in md and "␛" in md
    assert "## \\[Nord\\](http://evil.example)" in md


@pytest.mark.parametrize("lang", ["en", "da"])
def test_the_eml_is_an_unsent_draft_with_plain_and_html_parts(team: Store, lang: str) -> None:
    raw = newsletter_eml(load_newsletter(team, week_of(MONDAY)), Translator(lang))
    assert raw.isascii()
    msg = email.message_from_string(raw, policy=policy.default)
    assert msg["X-Unsent"] == "1"
    assert msg["Subject"].startswith({"en": "Successes, week 48", "da": "Ugens succeser, uge 48"}[lang])
    assert msg.get_content_type() == "multipart/alternative"
    plain = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert "Søren trained two new colleagues" in plain and "Søren trained two new colleagues" in html
    assert "PRIVATE" not in raw and "PRIVATE" not in plain + html


def test_html_part_escapes_stored_text(store: Store) -> None:
    p = store.add_person("Eve <b>", site="<i>x</i>")
    store.add_note(p.id, MONDAY, "phone", "<script>alert(1)</script>", ["success"])
    msg = email.message_from_string(newsletter_eml(load_newsletter(store, week_of(MONDAY)), Translator("en")),
                                    policy=policy.default)
    html = msg.get_body(("html",)).get_content()
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>" not in html.replace("<b>Eve", "")


@pytest.mark.parametrize(("typed", "start"), [
    ("2026-W48", date(2026, 11, 23)), ("2026-48", date(2026, 11, 23)), ("W48", date(2026, 11, 23)),
    ("48", date(2026, 11, 23)), ("w1", date(2025, 12, 29)), ("2020-W53", date(2020, 12, 28)),
])
def test_weeks_as_typed(typed: str, start: date) -> None:
    period = parse_week(typed, TODAY)
    assert (period.start, period.end) == (start, start + timedelta(days=6))


@pytest.mark.parametrize("typed", ["", "W54", "2025-W53", "0", "next", "2026-13-01", "\x1b[31m48", "9999-W52", "0000-W01"])
def test_bad_weeks_are_refused(typed: str) -> None:
    with pytest.raises(InputError):
        parse_week(typed, TODAY)


def test_since_a_day_in_the_future_is_refused() -> None:
    with pytest.raises(InputError):
        since(TODAY + timedelta(days=1), TODAY)


def test_cli_formats_and_files(run, tmp_path: Path) -> None:
    assert run("person", "add", "Anna Berg", "--site", "Køkken Nord").exit_code == 0
    assert run("log", "anna", "Anna ran the rota", "--tag", "success").exit_code == 0
    md = run("newsletter")
    assert md.exit_code == 0 and md.stdout.startswith("# Successes, week 48")
    da = run("newsletter", "--format", "text", lang="da")
    assert da.stdout.startswith("Ugens succeser, uge 48") and "Anna ran the rota" in da.stdout
    assert "Ingen succeser" in run("newsletter", "--week", "47", lang="da").stdout
    assert "Anna ran the rota" in run("newsletter", "--since", "-30d").stdout
    out = tmp_path / "news.eml"
    saved = run("newsletter", "--format", "eml", "-o", str(out))
    assert saved.exit_code == 0 and "X-Unsent: 1" in out.read_text()
    refused_in_one_line(run("newsletter", "--week", "99"), "not a week")
    refused_in_one_line(run("newsletter", "--week", "48", "--since", "-3d"), "not both")
    refused_in_one_line(run("newsletter", "--since", "+3d"))


@pytest.mark.parametrize("hostile", DATES, ids=lambda h: h.id)
def test_hostile_weeks_and_dates_are_one_line_or_a_newsletter(run, hostile) -> None:
    for option in ("--week", "--since"):
        result = run("newsletter", option, hostile.text)
        assert result.exit_code in (0, 2), (option, result.stderr)
        assert "Traceback" not in result.stderr
        if result.exit_code == 2:
            assert len(result.stderr.strip().splitlines()) == 1
            assert "\x1b" not in result.stderr and "\x00" not in result.stderr
