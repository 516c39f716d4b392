"""Reading a file of people (CSV, vCard) and planning its import: pure, on bytes and facts."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from naervaer.content.errors import InputError
from naervaer.content.facts import Birthday, Person, PersonalDate
from naervaer.content.formats.people_file import decode, delimiter, read_csv, read_people, read_vcards
from naervaer.content.people_import import plan_import

TODAY = date(2026, 11, 23)
DA_HEADER = "Fornavn;Efternavn;Arbejdssted;Afdeling;Stilling;Fødselsdato;Ansat;E-mail\r\n"


def plan(text: str, people=(), dates=(), update=False, kind="csv"):
    found = read_people(text.encode("utf-8"), kind)
    return plan_import(found, list(people), list(dates), TODAY, update=update, anniversary_label="Anniversary")


# -- bytes and delimiters ---------------------------------------------------------------


def test_utf8_with_and_without_bom_cp1252_and_utf16_decode_to_the_same_text() -> None:
    text = "Navn;Arbejdssted\r\nSøren Ålund;Køkken Nord\r\nÆbelø Ærø;Tønder\r\n"
    for data in (text.encode("utf-8"), b"\xef\xbb\xbf" + text.encode("utf-8"),
                 text.encode("cp1252"), text.encode("utf-16")):
        assert decode(data) == text


def test_bytes_that_are_neither_utf8_nor_cp1252_are_refused_not_replaced() -> None:
    with pytest.raises(InputError) as err:
        decode("Navn\r\nS".encode() + b"\x81\x8d" + b"ren\r\n")  # undefined in cp1252 and not UTF-8
    assert err.value.key == "importing.encoding"


def test_binary_data_is_refused() -> None:
    with pytest.raises(InputError) as err:
        decode(b"PK\x03\x04\x00\x00")
    assert err.value.key == "importing.not_text"


@pytest.mark.parametrize(("line", "expected"), [
    ("Navn;Sted;Team", ";"), ("Name,Site,Team", ","), ("Name\tSite", "\t"), ("Name", ","),
    ('"Navn; fuldt","Sted","Team"', ","),
])
def test_delimiter_is_the_one_the_header_has_most_of(line: str, expected: str) -> None:
    assert delimiter(line) == expected


def test_unknown_file_kind_is_refused() -> None:
    with pytest.raises(InputError) as err:
        read_people(b"x", ".xlsx")
    assert err.value.key == "importing.unknown_kind"


# -- CSV headers ------------------------------------------------------------------------


def test_danish_excel_headers_and_first_and_last_name_joined() -> None:
    found = read_csv(DA_HEADER + "Søren;Ålund;Køkken Nord;Dag;Kok;03-11-1979;01.03.2020;s@x.dk\r\n")
    (record,) = found.records
    assert {k: v.text for k, v in record.fields.items()} == {
        "name": "Søren Ålund", "site": "Køkken Nord", "team": "Dag", "role": "Kok",
        "birthday": "03-11-1979", "started": "01.03.2020", "email": "s@x.dk"}
    assert record.fields["birthday"].column == "Fødselsdato"
    assert found.ignored == ()


@pytest.mark.parametrize("header", [
    "name,site,team,role,birthday,started,prefers",
    "navn,lokation,afdeling,rolle,fødselsdag,ansat,kanal",
    "Navn,Matrikel,Team,Stilling,Fødselsdato,Ansættelsesdato,Kanal",
    "NAVN,ARBEJDSSTED,AFDELING,ROLLE,FODSELSDATO,ANSAT,KANAL",
])
def test_english_and_danish_column_names(header: str) -> None:
    (record,) = read_csv(header + "\nAnna Berg,Køkken Nord,Dag,Kok,3/11/1980,1/3/2020,telefon\n").records
    assert set(record.fields) == {"name", "site", "team", "role", "birthday", "started", "prefers"}


def test_outlook_contacts_header_title_is_not_a_role_and_empty_dates_are_empty() -> None:
    header = ('"Title","First Name","Middle Name","Last Name","Suffix","Company","Department","Job Title",'
              '"Birthday","Anniversary","E-mail Address","Mobile Phone"\r\n')
    row = '"Ms.","Anna","Marie","Berg","","Køkken Nord","Dag","Kok","3/11/1980","0/0/00","a@x.dk","+4512345678"\r\n'
    (record,) = read_csv(header + row).records
    fields = {k: v.text for k, v in record.fields.items()}
    assert fields == {"name": "Anna Marie Berg", "site": "Køkken Nord", "team": "Dag", "role": "Kok",
                      "birthday": "3/11/1980", "email": "a@x.dk", "phone": "+4512345678"}
    assert record.dates == ()


def test_google_contacts_header() -> None:
    header = ("First Name,Middle Name,Last Name,Phonetic First Name,Nickname,Birthday,Notes,"
              "Organization Name,Organization Title,Organization Department,E-mail 1 - Label,E-mail 1 - Value\n")
    row = "Søren,,Ålund,,,--02-29,,Køkken Nord,Kok,Dag,* Work,s@x.dk\n"
    (record,) = read_csv(header + row).records
    assert {k: v.text for k, v in record.fields.items()} == {
        "name": "Søren Ålund", "birthday": "--02-29", "site": "Køkken Nord", "role": "Kok", "team": "Dag",
        "email": "s@x.dk"}


def test_a_site_column_beats_the_company_column() -> None:
    (record,) = read_csv("Name,Company,Site\nAnna,Aarhus Kommune,Køkken Nord\n").records
    assert record.fields["site"].text == "Køkken Nord"
    (record,) = read_csv("Name,Company,Site\nAnna,Aarhus Kommune,\n").records
    assert record.fields["site"].text == "Aarhus Kommune"


def test_a_file_without_a_name_column_is_refused_naming_the_columns() -> None:
    with pytest.raises(InputError) as err:
        read_csv("Sted;Team\nKøkken;Dag\n")
    assert err.value.key == "importing.no_name_column" and "Sted" in err.value.params["columns"]


def test_line_numbers_count_quoted_newlines_and_skip_empty_rows() -> None:
    found = read_csv('name,site\n"Anna","Køkken\nNord"\n,\n"Bo",x\n')
    assert [(r.line, r.fields["name"].text) for r in found.records] == [(2, "Anna"), (5, "Bo")]


def test_a_cell_our_export_guarded_reads_back_as_stored() -> None:
    (record,) = read_csv("name,site\n'=HYPERLINK(1),'+1+1\n").records
    assert (record.fields["name"].text, record.fields["site"].text) == ("=HYPERLINK(1)", "+1+1")


# -- vCard ------------------------------------------------------------------------------

VCARD3 = """BEGIN:VCARD\r
VERSION:3.0\r
N:Ålund;Søren;;;\r
FN:Søren Ålund\r
ORG:Køkken Nord;Dag\r
TITLE:Kok\r
BDAY:1979-11-03\r
X-ANNIVERSARY:2005-06-12\r
EMAIL;TYPE=INTERNET:s@x.dk\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
N:Berg;Anna;;;\r
FN:Anna Berg\r
BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-14\r
END:VCARD\r
"""

VCARD4 = """BEGIN:VCARD
VERSION:4.0
FN:Mette Holm
N:Holm;Mette;;;
BDAY:--0414
ANNIVERSARY:20100612
ORG:Hjemmeplejen Syd
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:Bo Nielsen
BDAY:19801224
END:VCARD
BEGIN:VCARD
VERSION:4.0
N:Jensen;Kim;;;
BDAY:19801224T000000Z
END:VCARD
"""


def test_vcard_3_with_and_without_birth_year() -> None:
    found = read_vcards(VCARD3)
    soren, anna = found.records
    assert soren.line == 1 and anna.line == 11
    assert {k: v.text for k, v in soren.fields.items()} == {
        "name": "Søren Ålund", "site": "Køkken Nord", "team": "Dag", "role": "Kok", "birthday": "1979-11-03",
        "email": "s@x.dk"}
    assert [d.text for d in soren.dates] == ["2005-06-12"]
    assert anna.fields["birthday"].text == "--04-14"
    assert found.ignored == ()


def test_vcard_4_yearless_anniversary_and_name_from_n() -> None:
    mette, bo, kim = read_vcards(VCARD4).records
    assert mette.fields["birthday"].text == "--04-14"
    assert [(d.column, d.text) for d in mette.dates] == [("ANNIVERSARY", "2010-06-12")]
    assert bo.fields["birthday"].text == "1980-12-24"
    assert kim.fields["name"].text == "Kim Jensen" and kim.fields["birthday"].text == "1980-12-24"


def test_vcards_plan_to_birthdays_and_a_yearly_anniversary() -> None:
    steps = plan(VCARD3 + VCARD4.replace("\n", "\r\n"), kind="vcf").steps
    assert [s.status for s in steps] == ["new"] * 5
    soren, anna, mette = steps[0], steps[1], steps[2]
    assert soren.fields["birthday"] == Birthday(3, 11, 1979)
    assert anna.fields["birthday"] == Birthday(14, 4, None)
    assert mette.dates == ((date(2010, 6, 12), "Anniversary"),)


def test_a_file_with_no_vcard_is_refused() -> None:
    with pytest.raises(InputError) as err:
        read_vcards("hello\n")
    assert err.value.key == "importing.no_vcards"


# -- the plan ---------------------------------------------------------------------------

SOREN = Person(1, "Søren Ålund", site="Køkken Nord", birthday=Birthday(3, 11, 1979))


@pytest.mark.parametrize("typed", ["03-11-1979", "3.11.1979", "03/11/1979", "1979-11-03", "3/11/79"])
def test_day_first_and_iso_birthdays(typed: str) -> None:
    (step,) = plan(f"name;birthday\nBo;{typed}\n").steps
    assert step.fields["birthday"] == Birthday(3, 11, 1979)


def test_the_same_values_again_are_unchanged_and_a_yearless_birthday_says_nothing_new() -> None:
    for row in ("Søren Ålund;Køkken Nord;03-11-1979", "søren ålund;Køkken Nord;3/11", "Søren Ålund;;"):
        (step,) = plan(f"navn;sted;fødselsdag\n{row}\n", [SOREN]).steps
        assert (step.status, step.person_id) == ("unchanged", 1), row


def test_a_changed_value_differs_unless_update_is_asked() -> None:
    text = "navn;sted\nSøren Ålund;Køkken Syd\n"
    (step,) = plan(text, [SOREN]).steps
    assert (step.status, dict(step.fields)) == ("differs", {"site": "Køkken Syd"})
    (step,) = plan(text, [SOREN], update=True).steps
    assert (step.status, dict(step.fields), step.person_id) == ("update", {"site": "Køkken Syd"}, 1)


def test_a_name_that_folds_to_someone_else_is_an_error_never_a_merge() -> None:
    for name in ("Soren Alund", "Søren Aalund"):
        (step,) = plan(f"navn;sted\n{name};Køkken Syd\n", [SOREN], update=True).steps
        assert step.status == "error"
        (problem,) = step.problems
        assert problem.error.key == "importing.folds_to_other" and "#1" in problem.error.params["other"]


def test_a_name_twice_in_one_file_is_an_error() -> None:
    steps = plan("navn\nAnna Berg\nanna berg\n").steps
    assert [s.status for s in steps] == ["new", "error"]
    assert steps[1].problems[0].error.params["line"] == 2


def test_bad_values_name_the_line_and_the_column() -> None:
    result = plan(DA_HEADER + "Bo;Holm;;;;31-02-1980;;\r\nAnna;Berg;;;;;i går-ish;\r\n;;Køkken;;;;;\r\n#12;;;;;;;\r\n")
    problems = [(p.line, p.column, p.error.key) for p in result.problems]
    assert problems == [
        (2, "Fødselsdato", "when.impossible"),
        (3, "Ansat", "when.unknown_any"),
        (4, "Fornavn", "store.empty_name"),
        (5, "Fornavn", "store.name_like_id"),
    ]


def test_an_anniversary_already_stored_is_unchanged_a_new_one_updates() -> None:
    stored = [PersonalDate(1, 1, date(2026, 6, 12), "Anniversary", True)]
    (step,) = plan("name,anniversary\nSøren Ålund,12/6/2005\n", [SOREN], stored).steps
    assert step.status == "unchanged"
    (step,) = plan("name,anniversary\nSøren Ålund,13/6/2005\n", [SOREN], stored, update=True).steps
    assert (step.status, step.dates) == ("update", ((date(2005, 6, 13), "Anniversary"),))


def test_archived_people_do_not_match() -> None:
    archived = Person(1, "Søren Ålund", archived=True)
    (step,) = plan("name\nSøren Ålund\n", [archived]).steps
    assert step.status == "new"


names = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp")), min_size=1, max_size=30)


@given(st.lists(names.filter(lambda n: not n.startswith("'")), min_size=1, max_size=8))
def test_any_names_read_back_from_a_semicolon_file(given_names: list[str]) -> None:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Navn", "Sted"])
    for name in given_names:
        writer.writerow([name, "x"])
    found = read_csv(buf.getvalue())
    assert [r.fields["name"].text for r in found.records] == [n.strip() for n in given_names]


@pytest.mark.parametrize("inside", ["\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\x0b", "\x0c"])
def test_only_real_line_ends_end_a_row(inside: str) -> None:
    # str.splitlines() also breaks at these: the row was cut in two and its line numbers shifted
    found = read_csv(f"name;site\nAn{inside}na;Nord\nBo;Syd\n")
    assert [(r.line, r.fields["name"].text, r.fields["site"].text) for r in found.records] == [
        (2, f"An{inside}na", "Nord"), (3, "Bo", "Syd")]


def test_a_card_with_a_line_vobject_cannot_read_is_refused_at_its_begin_line() -> None:
    # vobject would skip the line and log it raw to stderr (escape sequences and all)
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Bo\r\njunk \x1b[31m\r\nEND:VCARD\r\n"
    with pytest.raises(InputError) as err:
        read_vcards(text)
    assert err.value.key == "importing.bad_vcard" and err.value.params["line"] == 5
    assert "junk" in err.value.params["detail"]


def test_vcard_2_1_from_outlook_in_windows_1252_and_quoted_printable() -> None:
    v21 = ("BEGIN:VCARD\r\nVERSION:2.1\r\nN;LANGUAGE=da;CHARSET=Windows-1252:Ålund;Søren\r\n"
           "FN;CHARSET=Windows-1252:Søren Ålund\r\nORG:Køkken Nord\r\nBDAY:19791103\r\n"
           "X-MS-ANNIVERSARY:20050612\r\nEND:VCARD\r\n"
           "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=85se =C3=86r=C3=B8\r\n"
           "END:VCARD\r\n")
    soren, ase = read_people(v21.encode("cp1252"), ".vcf").records
    assert soren.fields["name"].text == "Søren Ålund" and soren.fields["birthday"].text == "1979-11-03"
    assert [d.text for d in soren.dates] == ["2005-06-12"]
    assert ase.fields["name"].text == "Åse Ærø"


@pytest.mark.parametrize("typed", ["03-11-1979 00:00", "1979-11-03 00:00:00", "1979-11-03T00:00:00", "3.11.1979 00.00"])
def test_a_date_saved_from_a_date_time_column_reads_as_the_date(typed: str) -> None:
    (step,) = plan(f"name;birthday\nBo;{typed}\n").steps
    assert step.fields["birthday"] == Birthday(3, 11, 1979)
