"""The note draft: what was typed for a note → its values, or a refusal per field (pure, no store).

Also the one error family (``content.errors``): every refusal is an ``InputError`` and
``message`` words it for the command line and for the app.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from conftest import TODAY
from hypothesis import given
from hypothesis import strategies as st

from naervaer.content.errors import InputError, NaervaerError, message
from naervaer.content.i18n import Translator
from naervaer.content.note_draft import TypedNote, note_draft, note_text
from naervaer.content.text import MAX_TEXT_CHARS, MatchError, find_one
from naervaer.content.vocab import VocabError
from naervaer.content.when import WhenError
from naervaer.storage.store import Store

DAY = date(2026, 3, 12)


def draft(**typed: object) -> tuple[dict, dict]:
    return note_draft(TypedNote(made_on=DAY, **typed), DAY)  # type: ignore[arg-type]


def keys(errors: dict) -> dict[str, str]:
    return {field: exc.key for field, exc in errors.items()}


def test_nothing_typed_is_the_made_on_day_alone():
    assert draft() == ({"date": DAY}, {})


@pytest.mark.parametrize("text", ["Talte om vagtplanen", " x ", "linje\nlinje", "🙂"])
def test_text_is_kept_exactly_as_typed(text):
    values, errors = draft(text=text)
    assert errors == {} and values["text"] == text


@pytest.mark.parametrize("text", ["", " ", "\n\t \n", "\u3000"])
def test_blank_text_is_refused(text):
    assert keys(draft(text=text)[1]) == {"text": "note.text_missing"}


def test_text_the_store_cannot_hold_is_refused():
    assert keys(draft(text="x" * (MAX_TEXT_CHARS + 1))[1]) == {"text": "store.text_too_long"}
    assert keys(draft(text="a\udc80b")[1]) == {"text": "store.bad_characters"}


def test_channel_and_tags_are_read_in_either_language():
    values, errors = draft(channel="telefon", tags=("ild,ros", "ild"))
    assert errors == {}
    assert values["channel"] == "phone" and values["tags"] == ("fire", "success")


def test_unknown_channel_and_bad_tag_are_refused_per_field():
    assert keys(draft(channel="carrier pigeon", tags=("!!",))[1]) == {
        "channel": "vocab.bad_channel", "tags": "vocab.bad_tag"}


def test_date_and_due_make_the_promise():
    values, errors = draft(when="2026-03-10", promise="Send the plan", due="2026-03-20")
    assert errors == {}
    assert values["date"] == date(2026, 3, 10)
    assert values["promise"] == ("Send the plan", date(2026, 3, 20))


def test_promise_without_due():
    assert draft(promise="Call back")[0]["promise"] == ("Call back", None)


def test_due_without_promise_is_refused_and_not_parsed():
    assert keys(draft(due="not a date")[1]) == {"due": "note.due_without_promise"}


def test_due_before_the_notes_date_is_refused():
    errors = draft(when="2026-03-10", promise="p", due="2026-03-09")[1]
    assert keys(errors) == {"due": "when.due_before_note"}


def test_due_is_measured_against_made_on_when_the_date_cannot_be_read():
    errors = draft(when="gibberish", promise="p", due="2026-03-11")[1]
    assert keys(errors) == {"date": "when.unknown", "due": "when.past_due"}  # made today: no past due date
    made_before = TypedNote(made_on=DAY - timedelta(days=5), when="gibberish", promise="p", due="2026-03-06")
    assert keys(note_draft(made_before, DAY)[1]) == {"date": "when.unknown", "due": "when.due_before_note"}


def test_a_yearless_date_almost_a_year_back_is_refused():
    assert keys(draft(when="13 mar")[1]) == {"date": "when.far_back"}


def test_errors_come_in_the_order_the_command_line_refuses_in():
    errors = draft(channel="?", tags=("!!",), when="nonsense", due="x", text="")[1]
    assert list(errors) == ["due", "channel", "tags", "date", "text"]


def test_note_text_alone():
    assert note_text(" a ") == " a "
    with pytest.raises(InputError):
        note_text("  ")


typed_text = st.one_of(st.none(), st.text(max_size=40))


@given(text=typed_text, when=typed_text, channel=typed_text, promise=typed_text, due=typed_text,
       tags=st.one_of(st.none(), st.lists(st.text(max_size=12), max_size=3)))
def test_any_typing_validates_or_refuses_per_field_never_raises(text, when, channel, promise, due, tags):
    values, errors = note_draft(
        TypedNote(made_on=DAY, text=text, when=when, channel=channel, tags=tags, promise=promise, due=due), DAY)
    assert set(errors) <= {"text", "date", "channel", "tags", "due"}
    assert all(isinstance(e, InputError) for e in errors.values())
    for field in errors:  # a refused field has no value
        assert field not in values or field == "date"
    assert isinstance(values["date"], date) and values["date"] <= DAY
    if "text" in values:
        assert values["text"].strip()
    if "promise" in values:
        assert promise is not None and values["promise"][0] == promise
        due_day = values["promise"][1]
        assert due_day is None or due_day >= values["date"]
    for exc in errors.values():  # every refusal has words in both languages, on both faces
        for lang in ("en", "da"):
            for face in ("cli", "app"):
                assert message(Translator(lang), exc, face)


# -- the one error family ---------------------------------------------------------------------


def test_parser_refusals_are_input_errors():
    for exc_type in (VocabError, WhenError, MatchError):
        assert issubclass(exc_type, InputError) and issubclass(exc_type, ValueError)


@pytest.mark.parametrize(
    "exc, cli, app",
    [
        (InputError("note.text_missing"), "Write what happened: the note's text is empty; nothing was changed.",
         "Write what happened (the text is empty)."),
        (InputError("note.due_without_promise"), "--due goes with --promise TEXT.",
         "A due date goes with a promise: write the promise too."),
        (MatchError("text.no_id", "#9", []), None, "Nobody matches '#9'."),
        (MatchError("text.no_match", "Zed", []), None, "Nobody matches 'Zed'."),
        (MatchError("text.ambiguous", "An", ["Anna", "Anders"]), None, None),
    ],
)
def test_message_words_a_refusal_per_face(exc, cli, app):
    t = Translator("en")
    if cli is not None:
        assert message(t, exc, "cli") == cli
    if app is not None:
        assert message(t, exc, "app") == app
    assert message(t, exc, "cli") == message(t, exc)


def test_the_command_line_names_how_to_list_everyone():
    t = Translator("en")
    with pytest.raises(MatchError) as info:
        find_one("Zed", ["Anna"], key=str)
    assert "naervaer person list" in message(t, info.value, "cli")
    assert "naervaer person list" not in message(t, info.value, "app")
    assert message(t, MatchError("text.no_id", "#9", []), "cli") == t("text.no_id", query="#9", candidates="")


def test_a_bug_is_unexpected_in_the_app():
    assert message(Translator("en"), RuntimeError("boom"), "app") == "Unexpected error: boom"
    assert not isinstance(RuntimeError("boom"), NaervaerError)


# -- the store re-checks its invariants ------------------------------------------------------


@pytest.mark.parametrize("blank", ["", "   ", "\n"])
def test_the_store_refuses_blank_text_too(store: Store, blank: str):
    anna = store.add_person("Anna Berg")
    note, _ = store.add_note(anna.id, TODAY, None, "Talte om vagtplanen")
    with pytest.raises(InputError) as info:
        store.add_note(anna.id, TODAY, None, blank)
    assert info.value.key == "note.text_missing"
    with pytest.raises(InputError):
        store.update_note(note.id, text=blank)
    assert [n.text for n in store.notes()] == ["Talte om vagtplanen"]
    assert store.note(note.id).date == TODAY - timedelta(days=0)


@pytest.mark.parametrize(("typed", "value"), [
    ("1", 1), ("5", 5), (" 3 ", 3), ("strained", 1), ("A bit strained", 2), ("okay", 3), ("ok", 3),
    ("good", 4), ("very good", 5), ("presset", 1), ("lidt presset", 2), ("godt", 4), ("rigtig godt", 5), ("", None),
])
def test_pulse_in_digits_or_words_of_either_language(typed: str, value: int | None) -> None:
    values, errors = note_draft(TypedNote(made_on=DAY, text="x", pulse=typed), DAY)
    assert errors == {} and values["pulse"] == value


@pytest.mark.parametrize("typed", ["0", "6", "-1", "meget", "3.5", "fine", "²", "٣"])
def test_a_pulse_that_is_not_on_the_scale_is_refused_beside_its_field(typed: str) -> None:
    _, errors = note_draft(TypedNote(made_on=DAY, text="x", pulse=typed), DAY)
    assert isinstance(errors["pulse"], VocabError)
    assert "1–5" in message(Translator("en"), errors["pulse"]) and "1–5" in message(Translator("da"), errors["pulse"])


def test_one_to_one_is_a_kind_given_or_not() -> None:
    assert note_draft(TypedNote(made_on=DAY, text="x", one_to_one=True), DAY)[0]["kind"] == "one_to_one"
    assert note_draft(TypedNote(made_on=DAY, text="x", one_to_one=False), DAY)[0]["kind"] is None
    assert "kind" not in note_draft(TypedNote(made_on=DAY, text="x"), DAY)[0]
