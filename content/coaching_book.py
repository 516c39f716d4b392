"""All of the research in the app, in sections: the Coaching screen and ``naervaer tips --all``
show the same book. Pure: the texts come from ``Coaching`` (``locales/<lang>/coaching.json``).

Every section cites the document it rests on by its title (the principles each cite their
own); the reflection questions are Nærvær's own, drawn from all five. The reflections also
rotate into the tip of the day (``reflection_of_the_day``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from naervaer.content.coaching import Coaching
from naervaer.content.i18n import Translator

# which source document each section rests on (the ids of ../shared/seeds); None: each
# entry cites its own
SECTION_SOURCES: dict[str, str | None] = {
    "tips": "001", "principles": None, "extras": "001", "challenges": "000",
    "trust_formula": "003", "checkin": "003", "belonging": "003", "expectations": "004",
}
SECTIONS = (*SECTION_SOURCES, "reflections")


@dataclass(frozen=True, slots=True)
class Entry:
    title: str
    text: str
    question: str = ""  # a reflection question that goes with it
    source: str = ""  # the cited title, when the section's entries cite their own


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    intro: str
    source: str  # "Source: …" (or a line saying each entry names its own)
    entries: tuple[Entry, ...]


def source_line(t: Translator, source_id: str) -> str:
    return t("coaching.book.cite", source=t(f"coaching.sources.{source_id}"))


def book(t: Translator) -> tuple[Section, ...]:
    """Every section, in the order the screen lists them."""
    c = Coaching(t)
    made = {
        "tips": (t("coaching.book.tips"), "", tuple(
            Entry(f"{x.id}. {x.title}", x.explanation, x.reflection) for x in c.tips())),
        "principles": (t("coaching.book.principles"), "", tuple(
            Entry(x.title, x.explanation, x.reflection, source_line(t, x.source)) for x in c.principles())),
        "extras": (t("coaching.book.extras"), "", tuple(Entry(x.title, x.text) for x in c.extras())),
    }
    challenges = c.challenges()
    made["challenges"] = (t("coaching.book.challenges"), challenges.intro, tuple(
        Entry(f"{theme.title}: {item.title}", item.text) for theme in challenges.themes for item in theme.items))
    trust = c.trust_formula()
    made["trust_formula"] = (trust.title, trust.text, tuple(Entry(x.title, x.text) for x in trust.elements))
    checkin = c.checkin()
    made["checkin"] = (checkin.title, checkin.text,
                       tuple(Entry(f"{n}.", step) for n, step in enumerate(checkin.steps, 1)))
    belonging = c.belonging()
    made["belonging"] = (belonging.title, belonging.text, ())
    expectations = c.expectations()
    made["expectations"] = (expectations.title, "", tuple(Entry(x.title, x.text) for x in expectations.items))
    sections = []
    for section_id, source_id in SECTION_SOURCES.items():
        title, intro, entries = made[section_id]
        cited = source_line(t, source_id) if source_id else t("coaching.book.sources_mixed")
        sections.append(Section(section_id, title, intro, cited, entries))
    questions = tuple(Entry("", q) for q in c.reflections())
    sections.append(Section("reflections", t("coaching.book.reflections"), t("coaching.book.reflections_intro"),
                            t("coaching.book.own"), questions))
    return tuple(sections)


def reflection_of_the_day(today: date, t: Translator) -> str:
    """One reflection question a day, in turn through all of them (tips', principles' and the
    extra ones), so the tip of the day does not always end with its own question."""
    questions = Coaching(t).reflections()
    # 41 questions against 10 tips: each tip meets a different question from one round to the next
    return questions[today.toordinal() % len(questions)] if questions else ""


def book_lines(t: Translator) -> list[str]:
    """The book as plain lines (``naervaer tips --all``): headings, sources, entries."""
    out: list[str] = []
    for section in book(t):
        out += ["", section.title, section.source]
        if section.intro:
            out.append(section.intro)
        for entry in section.entries:
            if len(entry.title) > 3:  # a titled entry; a numbered step or a question stays one line
                out += [f"  {entry.title}", f"    {entry.text}"]
            else:
                out.append(f"  {entry.title or '•'} {entry.text}")
            if entry.source:
                out.append(f"    {entry.source}")
            if entry.question:
                out.append(f"    → {entry.question}")
    return out[1:]
