"""The person draft: what was typed for a person → the fields the store takes, or a refusal per field."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from naervaer.content.errors import InputError, first_refusal, message
from naervaer.content.facts import DEFAULT_CONTACT_DAYS, DEFAULT_IN_PERSON_DAYS, Birthday
from naervaer.content.i18n import Translator
from naervaer.content.person_draft import person_draft

TODAY = date(2026, 3, 12)


def keys(errors: dict) -> dict[str, str]:
    return {field: exc.key for field, exc in errors.items()}


def test_every_field_read():
    fields, errors = person_draft({
        "name": "  Anna Berg ", "site": " Aarhus ", "team": "Drift", "role": "", "birthday": "29/2",
        "started": "2020-08-01", "prefers": "telefon", "in_person_days": "30", "contact_days": "",
    }, TODAY)
    assert errors == {}
    assert fields == {
        "name": "Anna Berg", "site": "Aarhus", "team": "Drift", "role": None, "birthday": Birthday(29, 2, None),
        "started": date(2020, 8, 1), "prefers": "phone", "in_person_days": 30, "contact_days": DEFAULT_CONTACT_DAYS,
    }


def test_only_the_typed_fields_come_back():
    assert person_draft({"site": "Kolding"}, TODAY) == ({"site": "Kolding"}, {})


@pytest.mark.parametrize("typed, field", [("in_person", "in_person"), ("video", "video"), ("none", None),
                                          ("", None), ("ring", "phone"), ("besked", "message")])
def test_prefers_takes_a_channel_id_or_a_word_in_either_language(typed, field):
    assert person_draft({"prefers": typed}, TODAY)[0] == {"prefers": field}


@pytest.mark.parametrize(
    "typed, refused",
    [
        ({"name": "   "}, {"name": "store.empty_name"}),
        ({"birthday": "31/2"}, {"birthday": "when.impossible"}),
        ({"started": "soon-ish"}, {"started": "when.unknown_any"}),
        ({"prefers": "carrier pigeon"}, {"prefers": "vocab.bad_channel"}),
        ({"in_person_days": "0"}, {"in_person_days": "store.target_range"}),
        ({"contact_days": "3651"}, {"contact_days": "store.target_range"}),
        ({"contact_days": "-5"}, {"contact_days": "store.target_range"}),
    ],
)
def test_each_field_refused_alone(typed, refused):
    fields, errors = person_draft(typed, TODAY)
    assert keys(errors) == refused and fields == {}


def test_the_first_refusal_is_in_the_order_typed():
    typed = {"site": "A", "birthday": "nope", "prefers": "pigeon", "in_person_days": "x"}
    fields, errors = person_draft(typed, TODAY)
    assert list(errors) == ["birthday", "prefers", "in_person_days"]
    with pytest.raises(InputError) as info:
        first_refusal(fields, errors)
    assert info.value is errors["birthday"]


def test_targets_fall_back_to_their_defaults_when_cleared():
    assert person_draft({"in_person_days": " "}, TODAY)[0] == {"in_person_days": DEFAULT_IN_PERSON_DAYS}


FIELDS = ("name", "site", "team", "role", "birthday", "started", "prefers", "in_person_days", "contact_days")


@given(st.dictionaries(st.sampled_from(FIELDS), st.text(max_size=30)))
@example({"in_person_days": "²"})  # a digit to str.isdigit, not to int(): found by this test
def test_any_typing_validates_or_refuses_per_field_never_raises(typed):
    fields, errors = person_draft(typed, TODAY)
    assert set(fields) | set(errors) == set(typed)
    assert not set(fields) & set(errors)
    for exc in errors.values():
        assert isinstance(exc, InputError)
        assert message(Translator("da"), exc, "app")
    if "name" in fields:
        assert fields["name"] == fields["name"].strip() and fields["name"]


@pytest.mark.parametrize(("field", "typed", "stored"), [
    ("email", "anna.berg@aarhus.dk", "anna.berg@aarhus.dk"),
    ("email", "  a@b.dk ", "a@b.dk"),
    ("phone", "+45 12 34 56 78", "+45 12 34 56 78"),
    ("phone", "(+45) 1234-5678", "(+45) 1234-5678"),
    ("phone", "12345678", "12345678"),
    ("email", "", None),
])
def test_email_and_phone_are_kept_as_typed_when_they_have_the_shape(field: str, typed: str, stored: str | None) -> None:
    fields, errors = person_draft({field: typed}, date(2026, 11, 23))
    if stored is None and typed.strip():
        assert field in errors
    else:
        assert not errors and fields[field] == stored


@pytest.mark.parametrize(("field", "typed", "key"), [
    ("email", "anna", "store.bad_email"), ("email", "a@b", "store.bad_email"), ("email", "a b@c.dk", "store.bad_email"),
    ("phone", "ring mig", "store.bad_phone"), ("phone", "+4", "store.bad_phone"), ("phone", "=1+1", "store.bad_phone"),
])
def test_email_and_phone_refusals(field: str, typed: str, key: str) -> None:
    _, errors = person_draft({field: typed}, date(2026, 11, 23))
    assert errors[field].key == key


@pytest.mark.parametrize(("typed", "days"), [
    (" 3", 3), ("²", None), ("1²", None), ("٣", None), ("1_0", None), ("9" * 5000, None),
])
def test_days_take_plain_digits_and_refuse_the_rest_beside_the_field(typed: str, days: int | None) -> None:
    fields, errors = person_draft({"in_person_days": typed, "contact_days": typed}, TODAY)
    if days is not None:
        assert fields == {"in_person_days": days, "contact_days": days}
    else:
        assert set(errors) == {"in_person_days", "contact_days"}
        assert all(isinstance(e, InputError) for e in errors.values())
