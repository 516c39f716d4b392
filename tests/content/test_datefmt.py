"""Weekday and month names from the language layer agree with CLDR (Babel) for every day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from babel.dates import format_date

from naervaer.content import datefmt
from naervaer.content.i18n import Translator

BABEL_PATTERNS = {
    "en": {"day": "EEE d MMM", "day_year": "d MMM y", "long_day": "EEEE d MMMM y", "month_year": "MMMM y"},
    "da": {"day": "EEE d. MMM", "day_year": "d. MMM y", "long_day": "EEEE 'den' d. MMMM y", "month_year": "MMMM y"},
}
DAYS = [date(2024, 1, 1) + timedelta(days=i) for i in range(0, 3 * 366, 5)]


@pytest.mark.parametrize("lang", ["en", "da"])
def test_same_words_as_cldr(lang: str):
    t, pat = Translator(lang), BABEL_PATTERNS[lang]
    for d in DAYS:
        assert datefmt.short_day(d, t, today=d) == format_date(d, pat["day"], locale=lang)
        assert datefmt.short_day(d, t, today=d.replace(year=d.year + 1)) == format_date(d, pat["day_year"], locale=lang)
        assert datefmt.long_day(d, t) == format_date(d, pat["long_day"], locale=lang)
        assert datefmt.month_year(d.year, d.month, t) == format_date(d, pat["month_year"], locale=lang)
        assert datefmt.month_initial(d.month, t) == format_date(d, "MMMMM", locale=lang)


def test_examples():
    d = date(2026, 11, 18)
    assert datefmt.short_day(d, Translator("en")) == "Wed 18 Nov"
    assert datefmt.short_day(d, Translator("da")) == "ons. 18. nov."
    assert datefmt.long_day(date(2026, 11, 23), Translator("da")) == "mandag den 23. november 2026"
