"""Click's usage errors in the user's language: the usage line, the hint and the message.

English must read exactly as click writes it (the English locale reproduces click's wording,
which is also how a click message is recognised); Danish must carry no English left over.
Every refusal exits 2 and leaves the database as it was.
"""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from conftest import dump
from naervaer.storage.store import Store
from naervaer.tui.cli import cli
from naervaer.tui.cli.helptext import TranslatedUsageError

# click's English phrases that must not survive in Danish output
ENGLISH = ("Usage:", "Try '", "Error:", "No such", "Missing argument", "Missing option",
           "is not one of", "is not a valid", "not in the range", "Invalid value", "unexpected extra",
           "requires an argument", "does not take", "Did you mean", "[OPTIONS]")

# (arguments, Danish message, click's English message, whether click shows the usage line)
CASES = [
    (["log", "Anna", "hej", "--chanel", "phone"],
     "Fejl: Ukendt tilvalg '--chanel'. (Mente du en af disse: '--channel', '--help'?)",
     "Error: No such option '--chanel'. (Did you mean one of: '--channel', '--help'?)", True),
    (["notes", "--formt", "json"],
     "Fejl: Ukendt tilvalg '--formt'. Mente du '--format'?",
     "Error: No such option '--formt'. Did you mean '--format'?", True),
    (["log"], "Fejl: Argumentet 'NAVN' mangler.", "Error: Missing argument 'NAME'.", True),
    (["notes", "--format", "xml"],
     "Fejl: Ugyldig værdi for '--format': 'xml' er ikke blandt valgene 'text', 'json'.",
     "Error: Invalid value for '--format': 'xml' is not one of 'text', 'json'.", True),
    (["demo", "--notes", "x"],
     "Fejl: Ugyldig værdi for '--notes': 'x' er ikke et heltal.",
     "Error: Invalid value for '--notes': 'x' is not a valid integer range.", True),
    (["demo", "--seed", "x"],
     "Fejl: Ugyldig værdi for '--seed': 'x' er ikke et heltal.",
     "Error: Invalid value for '--seed': 'x' is not a valid integer.", True),
    (["demo", "--notes", "0"],
     "Fejl: Ugyldig værdi for '--notes': 0 ligger uden for intervallet x>=1.",
     "Error: Invalid value for '--notes': 0 is not in the range x>=1.", True),
    (["demo", "--people", "2"],
     "Fejl: Ugyldig værdi for '--people': 2 ligger uden for intervallet 24<=x<=1000.",
     "Error: Invalid value for '--people': 2 is not in the range 24<=x<=1000.", True),
    (["seen", "Anna"], "Fejl: Der er et argument for meget: Anna",
     "Error: Got unexpected extra argument (Anna)", True),
    (["seen", "Anna", "Berg"], "Fejl: Der er argumenter for meget: Anna Berg",
     "Error: Got unexpected extra arguments (Anna Berg)", True),
    (["lgo"], "Fejl: Ukendt kommando 'lgo'.", "Error: No such command 'lgo'.", True),
    (["person", "frob"], "Fejl: Ukendt kommando 'frob'.", "Error: No such command 'frob'.", True),
    (["log", "Anna", "hej", "--channel"], "Fejl: Tilvalget '--channel' skal have en værdi.",
     "Error: Option '--channel' requires an argument.", False),
    (["log", "Anna", "--help=yes"], "Fejl: Tilvalget '--help' tager ikke nogen værdi.",
     "Error: Option '--help' does not take a value.", False),
]
IDS = [" ".join(args) for args, *_ in CASES]


@pytest.fixture
def team(run, store: Store) -> object:
    store.set_setting("lang", "en")  # the database exists and has a row to keep
    return run


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="naervaer", catch_exceptions=False)


def error_line(result: Result) -> str:
    return result.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize(("args", "danish", "english", "usage"), CASES, ids=IDS)
def test_a_usage_error_is_danish_exits_2_and_changes_nothing(team, db_path, args, danish, english, usage) -> None:
    before = dump(db_path)
    result = team(*args, lang="da")
    assert result.exit_code == 2
    assert error_line(result) == danish
    assert (result.stderr.startswith("Brug: ")) is usage
    for phrase in ENGLISH:
        assert phrase not in result.output, phrase
    assert dump(db_path) == before


@pytest.mark.parametrize(("args", "danish", "english", "usage"), CASES, ids=IDS)
def test_a_usage_error_in_english_reads_as_click_writes_it(team, db_path, args, danish, english, usage) -> None:
    before = dump(db_path)
    result = team(*args, lang="en")
    assert result.exit_code == 2
    assert error_line(result) == english
    assert result.stderr.startswith("Usage: ") is usage
    assert dump(db_path) == before


# Ids and limits are refused in one line, like a bad id or date: they reach SQLite, whose
# INTEGER ends at 2**63 - 1, and that range is what the line names.
ONE_LINE = [
    (["notes", "--limit", "x"], "Fejl: --limit skal være et helt tal på 0 eller derover, ikke “x”.",
     "Error: --limit takes a whole number of 0 or more, not “x”."),
    (["today", "-n", "0"], "Fejl: --limit skal være et helt tal på 1 eller derover, ikke “0”.",
     "Error: --limit takes a whole number of 1 or more, not “0”."),
    (["promise", "done", "x"],
     "Fejl: 'x' er ikke et løfte-id: brug tallet, som naervaer promise list viser foran hvert løfte (#3 er 3).",
     "Error: 'x' is not a promise id: use the number naervaer promise list shows before each promise (#3 is 3)."),
]


@pytest.mark.parametrize(("args", "danish", "english"), ONE_LINE, ids=[" ".join(a) for a, *_ in ONE_LINE])
def test_a_bad_id_or_limit_is_one_line_in_either_language(team, db_path, args, danish, english) -> None:
    before = dump(db_path)
    for lang, expected in (("da", danish), ("en", english)):
        result = team(*args, lang=lang)
        assert result.exit_code == 2
        assert result.stderr.strip().splitlines() == [expected]
    assert dump(db_path) == before


def test_the_usage_line_and_hint_are_translated() -> None:
    result = invoke("--lang", "da", "log", "--chanel")
    assert result.stderr.splitlines()[:2] == [
        "Brug: naervaer log [TILVALG] NAVN [TEKST]",
        "Prøv 'naervaer log --help' for at få hjælp.",
    ]
    assert invoke("--lang", "da", "lgo").stderr.startswith("Brug: naervaer [TILVALG] [KOMMANDO] [ARGUMENTER]...\n")
    assert invoke("--lang", "en", "lgo").stderr.startswith("Usage: naervaer [OPTIONS] [COMMAND] [ARGS]...\n")


def test_the_stored_lang_setting_gives_danish_errors(store: Store, db_path: Path) -> None:
    store.set_setting("lang", "da")
    result = invoke("--db", str(db_path), "notes", "--format", "xml")
    assert result.exit_code == 2
    assert "'xml' er ikke blandt valgene" in result.stderr
    assert "'xml' is not one of" in invoke("--db", str(db_path), "--lang", "en", "notes", "--format", "xml").stderr


def test_the_system_language_gives_danish_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    db = tmp_path / "none-yet.db"
    result = invoke("--db", str(db), "log")
    assert result.exit_code == 2
    assert error_line(result) == "Fejl: Argumentet 'NAVN' mangler."
    assert not db.exists()


def test_an_error_in_the_root_options_follows_lang_typed_before_it(tmp_path: Path) -> None:
    """The root stops parsing before it reads --lang: the language is read leniently."""
    result = invoke("--lang", "da", "--bogus")
    assert result.exit_code == 2
    assert error_line(result) == "Fejl: Ukendt tilvalg '--bogus'."
    result = invoke("--lang", "da", "--db", str(tmp_path))
    assert result.exit_code == 2
    assert error_line(result) == f"Fejl: Ugyldig værdi for '--db': Filen '{tmp_path}' er en mappe."


def test_a_message_click_words_otherwise_is_shown_as_click_wrote_it() -> None:
    """A wording the English locale does not reproduce is not guessed at: click's text, Danish frame."""
    ctx = click.Context(cli, info_name="naervaer")
    ctx.params = {"lang": "da"}
    shown = TranslatedUsageError.of(click.UsageError("Something click says.", ctx), ctx, [])
    assert shown.message == "Something click says." and shown.exit_code == 2
    result = invoke("--lang", "da", "log", "--date")  # a reading that does match, for contrast
    assert error_line(result) == "Fejl: Tilvalget '--date' skal have en værdi."
