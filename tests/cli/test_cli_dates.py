"""``date list``/``date delete`` and ``away --to`` read after ``--from`` (issue 13, items 1 and 5)."""

from __future__ import annotations

from datetime import date

from naervaer.storage.store import Store


def test_date_list_and_delete(run, db_path) -> None:
    run("person", "add", "Anna Berg")
    run("date", "add", "anna", "3/12", "Bryllup")
    run("date", "add", "anna", "5/6", "Datterens fødselsdag", "--yearly")
    listed = run("date", "list", "anna")
    assert listed.exit_code == 0
    assert "Bryllup" in listed.output and "Thu 3 Dec" in listed.output and "5 Jun" in listed.output
    with Store.open(db_path) as store:
        wedding = next(d for d in store.personal_dates() if d.label == "Bryllup")
    gone = run("date", "delete", str(wedding.id), lang="da")
    assert gone.exit_code == 0 and "Bryllup" in gone.output and "slettet" in gone.output
    with Store.open(db_path) as store:
        assert [d.label for d in store.personal_dates()] == ["Datterens fødselsdag"]


def test_date_delete_of_an_unknown_id_changes_nothing(run, db_path) -> None:
    run("person", "add", "Anna Berg")
    run("date", "add", "anna", "3/12", "Bryllup")
    result = run("date", "delete", "99")
    assert result.exit_code != 0
    with Store.open(db_path) as store:
        assert len(store.personal_dates()) == 1


def test_away_end_is_read_after_the_start(run, db_path, monkeypatch) -> None:
    monkeypatch.setenv("NAERVAER_TODAY", "2026-12-01")
    run("person", "add", "Anna Berg")
    result = run("away", "anna", "--from", "1/12", "--to", "15/3")
    assert result.exit_code == 0, result.output
    with Store.open(db_path) as store:
        (period,) = store.away_periods()
    assert (period.start, period.end) == (date(2026, 12, 1), date(2027, 3, 15))


def test_log_defaults_to_the_preferred_channel(run, db_path) -> None:
    run("person", "add", "Anna Berg", "--prefers", "message")
    run("person", "add", "Bo Holm")
    assert run("log", "anna", "Skrev om vagtplanen").exit_code == 0
    assert run("log", "bo", "Snak på gangen").exit_code == 0
    chosen = run("log", "anna", "Mødtes på gangen", "--channel", "in-person")
    assert chosen.exit_code == 0
    with Store.open(db_path) as store:
        names = {p.id: p.name for p in store.people()}
        got = sorted((names[n.person_id], n.text, n.channel) for n in store.notes())
    assert got == [("Anna Berg", "Mødtes på gangen", "in_person"), ("Anna Berg", "Skrev om vagtplanen", "message"),
                   ("Bo Holm", "Snak på gangen", "in_person")]
