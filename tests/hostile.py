"""The hostile corpus, as data: text that tries to break the app, the terminal or the store.

Also the checks the CLI and TUI tests share: what may never reach a terminal, and a
row-level snapshot to prove unrelated data did not change.

Each input has an id (for test names) and a category. ``TEXTS`` go everywhere user text
goes (names, sites, tags, note text, search); ``SEARCHES`` add full-text query syntax;
``DATES`` go wherever a date is typed. The test modules decide what "handled" means:
a one-line refusal, or stored exactly as typed and shown neutralised.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Hostile:
    id: str
    category: str
    text: str
    big: bool = False  # too large to be a name, site or tag: note text and search only

    def __repr__(self) -> str:  # keep pytest's failure output readable for the 10 MB case
        return f"Hostile({self.id!r})"


def _c(category: str, *cases: tuple[str, str]) -> list[Hostile]:
    return [Hostile(case_id, category, text) for case_id, text in cases]


TEXTS: tuple[Hostile, ...] = tuple([
    *_c("markup",
        ("rich-bold", "[bold]Anna[/bold]"),
        ("rich-close-all", "[/]"),
        ("rich-lone-open", "["),
        ("rich-lone-close", "]"),
        ("rich-link", "[link=https://evil.example/steal]click me[/link]"),
        ("rich-click-action", "[@click=app.quit]bye[/]"),
        ("rich-unclosed", "[bold red on white"),
        ("rich-escaped", "\\[bold]not bold\\[/bold]"),
        ("textual-var", "$text-primary $accent"),
        ("html", "<script>alert(1)</script><b>x</b>"),
        ("format-braces", "{name} {0} {__class__} {!r}"),
        ("percent-format", "%s %d %(name)s %n"),
        ("markdown", "# heading\n**bold** `code` [x](http://e.x)"),
    ),
    *_c("ansi",
        ("csi-colour", "\x1b[31mred\x1b[0m"),
        ("csi-clear-screen", "\x1b[2J\x1b[H"),
        ("csi-cursor-up", "line\x1b[1A\x1b[2Koverwritten"),
        ("osc52-clipboard", "\x1b]52;c;cm0gLXJmIH4vCg==\x07"),
        ("osc52-st", "\x1b]52;c;SGVsbG8=\x1b\\"),
        ("osc8-hyperlink", "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\"),
        ("osc-title", "\x1b]0;pwned\x07"),
        ("dcs", "\x1bP+q544e\x1b\\"),
        ("c1-csi", "\x9b31mred"),
        ("c1-osc", "\x9d52;c;SGVsbG8=\x9c"),
        ("bare-esc", "\x1b"),
        ("mouse-report-on", "\x1b[?1000h\x1b[?1006h"),
        ("alt-screen", "\x1b[?1049h"),
    ),
    *_c("control",
        ("bell", "ding\x07ding"),
        ("backspace", "secret\x08\x08\x08\x08\x08\x08public"),
        ("carriage-return", "visible\rhidden"),
        ("crlf", "one\r\ntwo"),
        ("vertical-tab-formfeed", "a\x0bb\x0cc"),
        ("del", "x\x7fy"),
        ("c1-nel", "a\x85b"),
        ("c1-all", "".join(chr(c) for c in range(0x80, 0xA0))),
        ("c0-all", "".join(chr(c) for c in range(0x00, 0x20))),
        ("tabs", "\tindented\tand\ttabbed"),
        ("line-separators", "a\u2028b\u2029c"),
    ),
    *_c("nul",
        ("nul-middle", "before\x00after"),
        ("nul-only", "\x00"),
        ("nul-start", "\x00hidden tail"),
    ),
    *_c("surrogate",
        ("lone-high", "a\ud800b"),
        ("lone-low", "\udfff"),
    ),
    *_c("bidi",
        ("rlo-override", "\u202eevil.exe\u202c"),
        ("trojan-source", "access = \"user\u202e \u2066// admin\u2069 \u2066\""),
        ("rli-isolate", "\u2067abc\u2069"),
        ("arabic-mark", "\u061cx"),
        ("hebrew-text", "שלום Anna"),
        ("lrm-rlm", "\u200e\u200f"),
    ),
    *_c("zero-width",
        ("zwj", "An\u200dna"),
        ("zwsp", "An\u200bna"),
        ("zwnj", "An\u200cna"),
        ("bom", "\ufeffAnna"),
        ("word-joiner", "An\u2060na"),
    ),
    *_c("emoji",
        ("family-zwj", "👨‍👩‍👧‍👦"),
        ("flag", "🇩🇰"),
        ("skin-tone", "👍🏽"),
        ("keycap", "1️⃣"),
        ("astral", "𝕬𝖓𝖓𝖆 𓀀"),
    ),
    *_c("combining",
        ("stacked", "A" + "\u0301" * 50),
        ("zalgo", "Z̴̡̛̖͇̬a̸̧̛̟l̶̗̈́g̵̙̈o̷̤̔"),
        ("decomposed-dane", "Søren A\u030alund"),
        ("lone-combining", "\u0308"),
    ),
    *_c("sql",
        ("drop-table", "Robert'); DROP TABLE people;--"),
        ("or-true", "' OR '1'='1"),
        ("pragma", "x'; PRAGMA writable_schema=1; --"),
        ("attach", "'; ATTACH DATABASE '/tmp/x.db' AS x; --"),
        ("double-quote", "\"; DELETE FROM notes; --"),
        ("like-wildcards", "%_%"),
    ),
    *_c("whitespace",
        ("empty", ""),
        ("spaces", "   "),
        ("nbsp", "\u00a0Anna\u00a0"),
        ("ideographic-space", "\u3000"),
    ),
    Hostile("one-megabyte", "size", "Stor note " + "å" * 499_990 + "x" * 500_000, big=True),  # 10^6 chars
    Hostile("ten-megabytes", "size", "x" * 10_000_000, big=True),
    Hostile("ten-thousand-lines", "size", "\n".join(f"line {i}" for i in range(10_000)), big=True),
    Hostile("long-word", "size", "a" * 100_000, big=True),
])

SEARCHES: tuple[Hostile, ...] = tuple(_c(
    "fts",
    ("quote", '"'),
    ("unbalanced-quotes", 'a"b"c"'),
    ("star", "*"),
    ("prefix-star", "anna*"),
    ("near", "NEAR(anna berg, 3)"),
    ("near-open", "NEAR("),
    ("and", "AND"),
    ("or-not", "anna OR NOT berg"),
    ("column-filter", "text: anna"),
    ("caret", "^anna"),
    ("parens", "((("),
    ("minus", "-anna"),
    ("plus", "+"),
    ("colon-braces", "{text}: x"),
    ("rank", "rank MATCH 'x'"),
))

DATES: tuple[Hostile, ...] = tuple(_c(
    "date",
    ("feb-30", "2026-02-30"),
    ("feb-29-non-leap", "29/2/2025"),
    ("month-13", "1/13"),
    ("day-32", "32/1"),
    ("day-zero", "0/1"),
    ("year-zero", "0000-01-01"),
    ("year-1", "0001-01-01"),
    ("year-9999", "9999-12-31"),
    ("year-9999-dmy", "31/12/9999"),
    ("year-9999-dec-30", "30/12/9999"),
    ("last-accepted-day", "9998-12-31"),
    ("year-10000", "10000-01-01"),
    ("huge-offset", "+999999999999999999d"),
    ("huge-ago", "99999999 years ago"),
    ("negative-month", "2026--1-01"),
    ("ansi-date", "\x1b[31m2026-01-01"),
    ("nul-date", "2026-01-01\x00"),
    ("empty-date", ""),
    ("spaces-date", "   "),
    ("far-future", "2999-01-01"),
    ("tomorrow", "tomorrow"),
    ("nan", "NaN"),
    ("scientific", "1e9"),
    ("sql-date", "2026-01-01'; DROP TABLE notes;--"),
    ("long-date", "1" * 5000),
))

# Whole numbers where an id or a limit goes: past SQLite's INTEGER (2**63 - 1) they used to
# crash the driver with OverflowError.
NUMBERS: tuple[Hostile, ...] = tuple(_c(
    "number",
    ("sqlite-max", str(2**63 - 1)),
    ("sqlite-max-plus-one", str(2**63)),
    ("twenty-digits", "99999999999999999999"),
    ("int-digit-limit", "9" * 5000),  # past Python's 4300-digit int() limit
    ("leading-zeros", "0" * 30 + "1"),
    ("zero", "0"),
    ("negative", "-1"),
    ("negative-huge", "-" + "9" * 30),
    ("plus-sign", "+1"),
    ("underscore", "1_0"),
    ("arabic-indic", "١٢"),
    ("fullwidth", "１２"),
    ("float", "1.0"),
    ("exponent", "1e3"),
))


# Terminal encodings that cannot show every character: an ISO-8859-1 locale (no "—", "✓",
# "“", emoji) and plain ASCII. Output must never crash on them.
NARROW_ENCODINGS = ("iso-8859-1", "ascii")


@dataclass(frozen=True)
class NameTwin:
    """A name typed next to one already stored: ``same`` when it must count as that name."""

    id: str
    stored: str
    typed: str
    same: bool

    def __repr__(self) -> str:
        return f"NameTwin({self.id!r})"


# Folding collisions, invisible characters and bidi controls in names (issue 11, item 5):
# a "same" twin is refused as a new name and reaches the stored person in every command.
NAME_TWINS: tuple[NameTwin, ...] = (
    NameTwin("aa-for-å", "Søren Ålund", "Søren Aalund", True),
    NameTwin("no-diacritics", "Søren Ålund", "Soren Alund", True),
    NameTwin("upper-case", "Søren Ålund", "SØREN ÅLUND", True),
    NameTwin("decomposed", "Søren Ålund", "Søren A\u030alund", True),
    NameTwin("ae-for-æ", "Mette Kjær", "Mette Kjaer", True),
    NameTwin("fullwidth", "Anna Berg", "\uff21\uff4e\uff4e\uff41 \uff22\uff45\uff52\uff47", True),
    NameTwin("zwsp-inside", "Anna Berg", "An\u200bna Berg", True),
    NameTwin("zwj-inside", "Anna Berg", "Anna\u200d Berg", True),
    NameTwin("zwnj-inside", "Anna Berg", "An\u200cna Berg", True),
    NameTwin("bom-first", "Anna Berg", "\ufeffAnna Berg", True),
    NameTwin("word-joiner", "Anna Berg", "Anna Berg\u2060", True),
    NameTwin("soft-hyphen", "Anna Berg", "An\u00adna Berg", True),
    NameTwin("rlo-wrapped", "Anna Berg", "\u202eAnna Berg\u202c", True),
    NameTwin("isolates", "Anna Berg", "\u2066Anna\u2069 \u2067Berg\u2069", True),
    NameTwin("lrm-rlm", "Anna Berg", "\u200eAnna Berg\u200f", True),
    NameTwin("nbsp", "Anna Berg", "Anna\u00a0Berg", True),
    NameTwin("double-space", "Anna Berg", "  Anna   Berg ", True),
    # told apart: another letter, a longer name, or a look-alike from another script
    NameTwin("longer", "Anna Berg", "Anna Bergstrøm", False),
    NameTwin("oe-kept", "Jonas Jonsen", "Jonas Joensen", False),
    NameTwin("cyrillic-a", "Anna Berg", "\u0410nna Berg", False),
)

ALL: tuple[Hostile, ...] = TEXTS + SEARCHES + DATES + NUMBERS
assert len({h.id for h in ALL}) == len(ALL), "ids must be unique"


# -- shared checks ----------------------------------------------------------------------

# what must never reach a terminal: C0 (but newline and tab), DEL, C1, bidi controls, surrogates
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
TABLES = ("people", "notes", "note_tags", "personal_dates", "promises", "away", "settings",
          "prompt_state", "month_signoff", "skills", "buddy_rounds", "buddy_members")


def rows(db: Path) -> dict[str, set[tuple]]:
    conn = sqlite3.connect(db)
    try:
        return {t: set(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES}
    finally:
        conn.close()


def only_added(before: dict[str, set[tuple]], after: dict[str, set[tuple]], tables: set[str]) -> None:
    """Every old row is still there unchanged; new rows appear only in ``tables``."""
    for table in TABLES:
        assert before[table] <= after[table], f"{table}: a row changed or vanished"
        if table not in tables:
            assert before[table] == after[table], f"{table}: unexpected new rows"
