"""A file of people (CSV or vCard) as bytes → one typed record per person, with where it came from.

Pure: it reads bytes and returns what each row or card typed, per person-draft field, with
the line and the column (or vCard property) each value came from, so a refusal can point
at it. Reading the values (dates, channels) is the person draft's job
(``content.people_import``); this module only finds them.

CSV is what Excel, HR systems, Outlook and Google write: a header row in English or Danish
(``HEADERS``), first and last name columns joined, ``;`` or ``,`` (Danish Excel writes ``;``),
UTF-8 with or without a BOM, else Windows-1252 (Excel's plain "CSV" save), never decoded
with replacement characters. vCard 3.0 and 4.0 (and 2.1) are read with ``vobject``.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from naervaer.content.errors import InputError
from naervaer.content.text import fold

MAX_ROWS = 20_000  # an HR list is at most a few thousand; more is not a list of people
# a cell a spreadsheet would run as a formula; our CSV export writes it with a ' in front
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


@dataclass(frozen=True, slots=True)
class Typed:
    """One value as the file had it: which column (or vCard property) and the text."""

    column: str
    text: str


@dataclass(frozen=True, slots=True)
class Record:
    """One person as the file typed them: the person-draft fields and yearly dates."""

    line: int
    fields: dict[str, Typed] = field(default_factory=dict)  # "name", "site", "birthday" …
    dates: tuple[Typed, ...] = ()  # anniversaries: yearly personal dates


@dataclass(frozen=True, slots=True)
class FileRecords:
    records: tuple[Record, ...]
    ignored: tuple[str, ...]  # columns or properties nothing reads (e-mail, phone …)


# Header names, folded (``_header_key``), per field; a lower rank wins when a row has both.
# Outlook writes "Title" for Mr/Ms, so a bare "title" is never a role; its "Company" and
# Google's "Organization Name" are the site, as a vCard's ORG is.
HEADERS: dict[str, tuple[str, int]] = {
    **dict.fromkeys(["name", "navn", "fuldtnavn", "fuldenavn", "fullname", "displayname",
                     "medarbejder", "medarbejdernavn", "fornavnogefternavn"], ("name", 0)),
    **dict.fromkeys(["firstname", "givenname", "fornavn", "fornavne"], ("first", 0)),
    **dict.fromkeys(["middlename", "additionalname", "mellemnavn", "mellemnavne"], ("middle", 0)),
    **dict.fromkeys(["lastname", "familyname", "surname", "efternavn"], ("last", 0)),
    **dict.fromkeys(["site", "lokation", "arbejdssted", "matrikel", "location", "officelocation",
                     "workplace", "sted"], ("site", 0)),
    **dict.fromkeys(["company", "organization", "organisation", "organizationname",
                     "organization1name", "firma", "virksomhed", "arbejdsplads"], ("site", 1)),
    **dict.fromkeys(["team", "afdeling", "department", "organizationdepartment",
                     "organization1department", "gruppe"], ("team", 0)),
    **dict.fromkeys(["role", "rolle", "stilling", "jobtitle", "stillingsbetegnelse", "jobtitel",
                     "organizationtitle", "organization1title"], ("role", 0)),
    **dict.fromkeys(["birthday", "fodselsdag", "fodselsdato", "birthdate", "dateofbirth"],
                    ("birthday", 0)),
    **dict.fromkeys(["started", "ansat", "ansaettelsesdato", "ansatfra", "startdate", "startdato",
                     "hired", "hiredate", "employmentdate"], ("started", 0)),
    **dict.fromkeys(["prefers", "kanal", "channel", "foretraekker", "foretrukkenkanal"], ("prefers", 0)),
    **dict.fromkeys(["anniversary", "aarsdag", "bryllupsdag", "maerkedag"], ("anniversary", 0)),
    **dict.fromkeys(["email", "emailaddress", "mail", "emailadresse", "mailadresse", "email1value",
                     "arbejdsmail"], ("email", 0)),
    **dict.fromkeys(["email2address", "email2value"], ("email", 1)),
    **dict.fromkeys(["phone", "telefon", "telefonnummer", "tlf", "tlfnr", "mobil", "mobilnummer",
                     "mobiltelefon", "mobilephone", "mobile", "phone1value", "arbejdstelefon"], ("phone", 0)),
    **dict.fromkeys(["businessphone", "homephone", "phone2value"], ("phone", 1)),
}
NAME_PARTS = ("first", "middle", "last")


def _header_key(text: str) -> str:
    # "Fødselsdato" -> "fodselsdato", "E-mail Address" -> "emailaddress"; å is "aa" here
    # so "Årsdag" and "Aarsdag" meet
    return re.sub(r"[^a-z0-9]", "", fold(text.replace("å", "aa").replace("Å", "aa")))


# -- bytes -> text -----------------------------------------------------------------------


def decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped), UTF-16 with a BOM (Excel's "Unicode text"), else Windows-1252.

    Every decoding is strict: a byte that is none of these is refused, never shown as
    "?" or "�" and stored.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("importing.encoding") from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise InputError("importing.encoding") from None
    if "\x00" in text:
        raise InputError("importing.not_text")
    return text


def read_people(data: bytes, suffix: str) -> FileRecords:
    """The records of a ``.csv`` or ``.vcf`` file's bytes (``suffix`` as the path ends)."""
    kind = suffix.lower().lstrip(".")
    if kind in ("csv", "txt", "tsv"):
        return read_csv(decode(data))
    if kind in ("vcf", "vcard"):
        return read_vcards(decode(data))
    raise InputError("importing.unknown_kind", suffix=suffix or "—")


# -- CSV ---------------------------------------------------------------------------------


def delimiter(header_line: str) -> str:
    """``;`` (Danish Excel), ``,`` or a tab: whichever the header row has most of."""
    counts = {d: header_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(text: str) -> FileRecords:
    first_line = text.split("\n", 1)[0]
    # newline="": only \r\n, \r and \n end a row (str.splitlines would split inside a cell at
    # \x1c, \x85 or \u2028), and a quoted cell keeps its own line breaks
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(first_line))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("importing.empty") from None
    except csv.Error as exc:
        raise InputError("importing.bad_csv", line=1, detail=str(exc)) from None
    columns: list[tuple[str, int] | None] = [HEADERS.get(_header_key(h)) for h in header]
    found = {c[0] for c in columns if c}
    if "name" not in found and not found & {"first", "last"}:
        raise InputError("importing.no_name_column", columns=", ".join(h.strip() for h in header if h.strip()) or "—")
    ignored = tuple(h.strip() for h, c in zip(header, columns) if c is None and h.strip())
    records = []
    for cells in _rows(reader):
        line, cells = cells
        record = _record(line, header, columns, cells)
        if record is not None:
            records.append(record)
    return FileRecords(tuple(records), ignored)


def _rows(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    start = 2  # the header was line 1; a quoted cell may span lines, so count from the reader
    count = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError("importing.bad_csv", line=start, detail=str(exc)) from None
        count += 1
        if count > MAX_ROWS:
            raise InputError("importing.too_many", max=f"{MAX_ROWS:,}")
        yield start, cells
        start = reader.line_num + 1  # type: ignore[attr-defined]


def _record(line: int, header: list[str], columns: list[tuple[str, int] | None], cells: list[str]) -> Record | None:
    if not any(c.strip() for c in cells):
        return None  # Excel leaves ";;;;" lines at the end of a sheet
    chosen: dict[str, tuple[int, Typed]] = {}
    dates: list[Typed] = []
    parts: dict[str, str] = {}
    for index, cell in enumerate(cells):
        target = columns[index] if index < len(columns) else None
        text = _undefused(cell).strip()
        if target is None or not text or _outlook_empty(text):
            continue
        fieldname, rank = target
        column = header[index].strip()
        if fieldname in DATE_FIELDS:
            text = _MIDNIGHT.sub("", text)
        if fieldname in NAME_PARTS:
            parts.setdefault(fieldname, text)
        elif fieldname == "anniversary":
            dates.append(Typed(column, text))
        elif fieldname not in chosen or rank < chosen[fieldname][0]:
            chosen[fieldname] = (rank, Typed(column, text))
    fields = {name: typed for name, (_, typed) in chosen.items()}
    if "name" not in fields:
        joined = " ".join(parts[p] for p in NAME_PARTS if p in parts)
        name_column = next((header[i].strip() for i, c in enumerate(columns) if c and c[0] in ("name", "first")),
                           header[0].strip())
        fields["name"] = Typed(name_column, joined)
    return Record(line, fields, tuple(dates))


DATE_FIELDS = ("birthday", "started", "anniversary")
# a date cell saved from a date-time column ("03-11-1979 00:00", "1979-11-03T00:00:00")
_MIDNIGHT = re.compile(r"[ T]0?0[:.]00(?:[:.]00(?:\.0+)?)?$")


def _undefused(cell: str) -> str:
    """A cell our export guarded against formulas ("'=…") reads back as it was stored."""
    guarded = cell.startswith("'") and cell[1:].lstrip(" \u00a0").startswith(FORMULA_START)
    return cell[1:] if guarded else cell


def _outlook_empty(text: str) -> bool:
    # Outlook writes "0/0/00" for a date it does not have
    return text in ("0/0/00", "0/0/0000", "00-00-0000")


# -- vCard -------------------------------------------------------------------------------

_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE)
_DATE_FORMS = [
    (re.compile(r"(\d{4})(\d{2})(\d{2})"), lambda m: f"{m[1]}-{m[2]}-{m[3]}"),
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), lambda m: f"{m[1]}-{m[2]}-{m[3]}"),
    (re.compile(r"--(\d{2})-?(\d{2})"), lambda m: f"--{m[1]}-{m[2]}"),
]
APPLE_NO_YEAR = "1604"  # Apple's stand-in year for a birthday typed without one
ANNIVERSARY_PROPERTIES = ("anniversary", "x-anniversary", "x-ms-anniversary", "x-evolution-anniversary")
READ_PROPERTIES = {"version", "fn", "n", "bday", "org", "title", "email", "tel", "prodid", "uid", "rev",
                   *ANNIVERSARY_PROPERTIES}


def read_vcards(text: str) -> FileRecords:
    """Each card read on its own, so a refusal names the line its BEGIN:VCARD is on."""
    import vobject  # only when a vCard is read: it costs ~40 ms

    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if _BEGIN.match(line)]
    if not starts:
        raise InputError("importing.no_vcards")
    if len(starts) > MAX_ROWS:
        raise InputError("importing.too_many", max=f"{MAX_ROWS:,}")
    records = []
    ignored: dict[str, None] = {}
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        chunk = "\n".join(lines[start:end]) + "\n"
        try:
            # strict: a line it skipped would be logged raw to stderr, and lost without a word
            card = vobject.readOne(chunk, ignoreUnreadable=False)
        except Exception as exc:  # vobject's ParseError (its line numbers are off), ValueError
            detail = str(exc.args[0]) if exc.args else type(exc).__name__
            raise InputError("importing.bad_vcard", line=start + 1, detail=detail[:120]) from None
        records.append(_card(start + 1, card))
        for prop in card.contents:
            if prop not in READ_PROPERTIES and not prop.startswith("x-ab"):
                ignored[prop.upper()] = None
    return FileRecords(tuple(records), tuple(ignored))


def _first(card, prop: str):  # noqa: ANN001, ANN202 - vobject's untyped objects
    found = card.contents.get(prop)
    return found[0] if found else None


def _preferred(card, prop: str) -> str | None:  # noqa: ANN001 - a vobject Component
    """The value marked preferred (3.0 TYPE=pref, 4.0 PREF=1), else the first; "tel:" dropped."""
    found = [p for p in card.contents.get(prop, []) if str(p.value).strip()]
    if not found:
        return None
    def pref(p) -> bool:  # noqa: ANN001
        types = [t.lower() for t in p.params.get("TYPE", [])]
        return "pref" in types or p.params.get("PREF", ["99"])[0] == "1"
    chosen = next((p for p in found if pref(p)), found[0])
    value = str(chosen.value).strip()
    return value[4:] if value.lower().startswith("tel:") else value


def _card(line: int, card) -> Record:  # noqa: ANN001 - a vobject Component
    fields: dict[str, Typed] = {}
    fn = _first(card, "fn")
    name = str(fn.value).strip() if fn is not None else ""
    if not name and (n := _first(card, "n")) is not None:
        value = n.value
        name = " ".join(" ".join(p) if isinstance(p, list) else str(p)
                        for p in (value.given, value.additional, value.family) if p).strip()
    fields["name"] = Typed("FN" if fn is not None else "N", name)
    if (org := _first(card, "org")) is not None:
        parts = [p.strip() for p in (org.value if isinstance(org.value, list) else [str(org.value)])]
        if parts and parts[0]:
            fields["site"] = Typed("ORG", parts[0])
        if len(parts) > 1 and parts[1]:
            fields["team"] = Typed("ORG", parts[1])
    if (title := _first(card, "title")) is not None and str(title.value).strip():
        fields["role"] = Typed("TITLE", str(title.value).strip())
    for prop, fieldname in (("email", "email"), ("tel", "phone")):
        if (found := _preferred(card, prop)) is not None:
            fields[fieldname] = Typed(prop.upper(), found)
    if (bday := _first(card, "bday")) is not None and str(bday.value).strip():
        fields["birthday"] = Typed("BDAY", vcard_date(bday))
    dates = tuple(
        Typed(prop.upper(), vcard_date(found))
        for prop in ANNIVERSARY_PROPERTIES
        for found in card.contents.get(prop, [])
        if str(found.value).strip()
    )
    return Record(line, fields, dates)


def vcard_date(prop) -> str:  # noqa: ANN001 - a vobject ContentLine
    """A vCard date as the person draft reads dates: ISO, or "--MM-DD" without a year.

    ``19791103``, ``1979-11-03``, a date-time (its date), ``--0414`` and ``--04-14``
    (vCard 4's yearless form); Apple writes a yearless birthday as ``1604-04-14`` with
    ``X-APPLE-OMIT-YEAR=1604``. Anything else is passed on as written, to be refused there.
    """
    raw = str(prop.value).strip()
    text = raw.split("T", 1)[0] if re.match(r"\d{8}T|\d{4}-\d{2}-\d{2}T", raw) else raw
    omit = prop.params.get("X-APPLE-OMIT-YEAR", [None])[0]
    for pattern, shape in _DATE_FORMS:
        m = pattern.fullmatch(text)
        if m:
            iso = shape(m)
            if not iso.startswith("--") and iso[:4] in (omit, APPLE_NO_YEAR):
                return "--" + iso[5:]
            return iso
    return raw
