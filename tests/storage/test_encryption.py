"""Encryption at rest (issue 17): encrypt, decrypt and passphrase, and what stays encrypted.

The acceptance checks: after ``encrypt`` a byte scan of every file under the data folder finds
no note text, no name and no SQLite header; ``decrypt`` gives back the same logical digest.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from naervaer.storage import cipher
from naervaer.storage import backup as bk
from naervaer.storage.encryption import change_passphrase, encrypt, file_digest
from naervaer.storage.store import Store
from cipher_support import KEY, connect_any, readable_bytes, use_key_file
from conftest import TODAY

NAME = "Zorbalina Quixwell"
TEXTS = ["Divorcexq papers signed", "Sickchildzq at Rigshospitalet again"]
MAGIC = b"SQLite format 3"


def populate(run) -> None:
    assert run("person", "add", NAME, "--site", "Plejecenter Nord").exit_code == 0
    for text in TEXTS:
        assert run("log", "zorbalina", text).exit_code == 0
    assert run("notes").exit_code == 0  # the daily backup
    assert run("backup").exit_code == 0  # a manual one


def raw_scan(folder: Path, needles: list[bytes]) -> dict[str, list[str]]:
    hits = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            found = [n.decode() for n in needles if n in data]
            if found:
                hits[str(path.relative_to(folder))] = found
    return hits


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def needles() -> list[bytes]:
    return [NAME.encode(), *(t.encode() for t in TEXTS), MAGIC]


def test_encrypt_leaves_nothing_readable_and_decrypt_gives_the_same_data_back(
    run, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    populate(run)
    folder = db_path.parent
    assert raw_scan(folder, needles())  # the scan sees them while the files are plain
    digests = {p: file_digest(p, None) for p in [db_path, *bk.list_backups(db_path)]}
    use_key_file(tmp_path, monkeypatch)
    result = run("encrypt", "--backups")
    assert result.exit_code == 0, result.output
    assert "Encrypted: " in result.stdout and result.stdout.count("Encrypted backup:") == 2
    assert "cannot be reached from here" in result.stdout
    assert raw_scan(folder, needles()) == {}  # no text, no name, no SQLite header: in any file
    assert cipher.header_path(db_path).is_file()
    # the data is all there, read through the key, and search works (FTS5 on SQLCipher)
    assert [n.text for n in Store.open(db_path, key=KEY).search_notes("Divorcexq")] == [TEXTS[0]]
    assert run("log", "zorbalina", "after encryption").exit_code == 0
    assert run("backup").exit_code == 0
    assert raw_scan(folder, needles() + [b"after encryption"]) == {}
    result = run("decrypt")
    assert result.exit_code == 0, result.output
    assert not cipher.header_path(db_path).exists()
    for path in [db_path, *bk.list_backups(db_path)]:
        assert cipher.has_magic(path), path
    for path, digest in digests.items():
        if path == db_path:
            continue
        assert file_digest(path, None) == digest, path  # backups: untouched since
    monkeypatch.delenv("NAERVAER_KEY_FILE")
    assert run("notes", "--search", "Divorcexq").stdout.count(TEXTS[0]) == 1  # the system SQLite reads the index


def test_decrypt_gives_back_the_original_digest(store: Store, db_path: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch, run) -> None:
    person = store.add_person(NAME)
    for text in TEXTS:
        store.add_note(person.id, TODAY, "phone", text, ("private",))
    store.close()
    before = file_digest(db_path, None)
    encrypt(db_path, KEY, cipher.Header.new(), backups=True)
    assert file_digest(db_path, KEY) == before
    use_key_file(tmp_path, monkeypatch)
    assert run("decrypt").exit_code == 0
    assert file_digest(db_path, None) == before


WINDOW = """
import sys
from datetime import date
from naervaer.storage.store import Store
store = Store.open(sys.argv[1])
store.add_note(1, date(2026, 11, 23), None, "keeps the WAL in use")
print("open", flush=True)
sys.stdin.readline()
store.close()
"""


def test_encrypt_refuses_while_another_window_has_the_file_open(run, db_path: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    populate(run)
    # another process: SQLite's locks are per process (and SQLCipher is another SQLite library)
    window = subprocess.Popen([sys.executable, "-c", WINDOW, str(db_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert window.stdout is not None and window.stdout.readline().strip() == "open"
        before = fingerprint(db_path)
        use_key_file(tmp_path, monkeypatch)
        result = run("encrypt")
        assert result.exit_code == 3
        assert "open in another window" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert fingerprint(db_path) == before and cipher.has_magic(db_path)
        assert not cipher.header_path(db_path).exists()  # no header left to mislead
    finally:
        window.communicate("\n", timeout=30)


def _cli(db: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    naervaer = str(Path(sys.executable).with_name("naervaer"))
    return subprocess.run([naervaer, "--db", str(db), "--lang", "en", *args], capture_output=True,
                          text=True, env=env, timeout=120, stdin=subprocess.DEVNULL)


def test_a_wrong_passphrase_is_one_line_exit_3_and_the_file_untouched(db_path: Path, tmp_path: Path) -> None:
    with Store.open(db_path) as store:
        store.add_person(NAME)
    header = cipher.Header(salt=os.urandom(16).hex(), n=2**14)  # a cheaper derivation, for the test's sake
    encrypt(db_path, header.derive("the right one"), header, backups=True)
    before = {p.name: fingerprint(p) for p in db_path.parent.iterdir() if p.is_file()}
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase\n", encoding="utf-8")
    env = {**os.environ, "NAERVAER_KEY_FILE": str(wrong), "NAERVAER_TODAY": TODAY.isoformat()}
    for args in (("today",), ("log", "zorbalina", "x"), ("backup",)):
        done = _cli(db_path, *args, env=env)
        assert done.returncode == 3, done.stderr
        assert done.stderr.strip() == f"Error: Wrong passphrase for {db_path}. Nothing was changed."
        assert "ERROR CORE" not in done.stderr and "hmac" not in done.stderr
    after = {p.name: fingerprint(p) for p in db_path.parent.iterdir() if p.is_file()}
    assert after == before
    right = tmp_path / "right"
    right.write_text("the right one\n", encoding="utf-8")
    done = _cli(db_path, "person", "list", env={**env, "NAERVAER_KEY_FILE": str(right)})
    assert done.returncode == 0 and NAME in done.stdout


def test_without_a_terminal_or_a_stored_key_it_says_so(run, db_path: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    populate(run)
    encrypt(db_path, KEY, cipher.Header.new(), backups=True)
    before = fingerprint(db_path)
    result = run("today")
    assert result.exit_code == 3
    assert "no terminal to ask for the passphrase" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert fingerprint(db_path) == before


def test_a_new_passphrase_rekeys_the_database_and_its_backups(run, db_path: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    populate(run)
    encrypt(db_path, KEY, cipher.Header.new(), backups=True)
    digest = file_digest(db_path, KEY)
    new_header = cipher.Header(salt=os.urandom(16).hex(), n=2**14)
    new_key = new_header.derive("a brand new passphrase")
    done = change_passphrase(db_path, KEY, new_key, new_header)
    assert len(done.backups) == 2 and not done.unreadable
    assert not cipher.pending_header_path(db_path).exists()
    assert cipher.read_headers(db_path) == [new_header]
    for path in [db_path, *bk.list_backups(db_path)]:
        assert not cipher.check_key(path, KEY), path
        assert cipher.check_key(path, new_key), path
    assert file_digest(db_path, new_key) == digest
    passphrase_file = tmp_path / "pass"
    passphrase_file.write_text("a brand new passphrase\n", encoding="utf-8")
    monkeypatch.setenv("NAERVAER_KEY_FILE", str(passphrase_file))
    assert NAME in run("person", "list").stdout


def test_restore_of_a_plain_and_of_an_encrypted_backup_into_an_encrypted_database(
    run, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    populate(run)
    plain_backup = bk.list_backups(db_path)[0]
    outside = tmp_path / "outside-plain.db"
    outside.write_bytes(plain_backup.read_bytes())
    use_key_file(tmp_path, monkeypatch)
    assert run("encrypt", "--backups").exit_code == 0
    assert run("person", "add", "Later Person").exit_code == 0
    encrypted_backup = bk.list_backups(db_path)[0]
    assert cipher.has_magic(encrypted_backup) is False
    for source in (outside, encrypted_backup):
        result = run("restore", str(source))
        assert result.exit_code == 0, result.output
        assert "Later Person" not in run("person", "list").stdout
        assert NAME in run("person", "list").stdout
        replaced = next(p for p in bk.list_backups(db_path) if "-replaced-" in p.name)
        assert cipher.has_magic(replaced) is False  # the kept copy is encrypted too
        replaced.unlink()
    assert raw_scan(db_path.parent, needles()) == {}
    conn = connect_any(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_an_export_of_an_encrypted_database_warns_it_is_plain(run, db_path: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    populate(run)
    use_key_file(tmp_path, monkeypatch)
    assert run("encrypt").exit_code == 0
    result = run("export", "person", NAME, "-o", str(tmp_path / "z.json"))
    assert result.exit_code == 0
    assert "plain JSON, not encrypted" in result.stderr
    out = tmp_path / "copy.db"
    assert run("backup", "-o", str(out)).exit_code == 0
    assert cipher.has_magic(out) is False and cipher.header_path(out).is_file()  # the header travels with it


def test_the_plain_backups_left_behind_are_named(run, db_path: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    populate(run)
    use_key_file(tmp_path, monkeypatch)
    result = run("encrypt", lang="da")
    assert result.exit_code == 0
    assert "Krypteret: " in result.stdout
    assert "naervaer encrypt --backups" in result.stderr
    # forget still reaches the plain backups, and the encrypted database
    assert run("forget", NAME, "--yes").exit_code == 0
    hits = {name: found for name, found in raw_scan(db_path.parent, needles()).items()
            if found != ["SQLite format 3"]}
    assert hits == {}
    assert all(NAME.encode() not in readable_bytes(p) for p in db_path.parent.rglob("*") if p.is_file())


class MemoryKeyring:
    """A keyring backend in memory: what ``--remember`` stores, and what later commands read."""

    priority = 1

    def __init__(self) -> None:
        self.stored: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, account: str) -> str | None:
        return self.stored.get((service, account))

    def set_password(self, service: str, account: str, password: str) -> None:
        self.stored[(service, account)] = password

    def delete_password(self, service: str, account: str) -> None:
        self.stored.pop((service, account), None)


def test_remember_keeps_the_raw_key_in_the_keyring_and_decrypt_forgets_it(
    run, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from naervaer.storage import keystore

    populate(run)
    ring = MemoryKeyring()
    monkeypatch.setattr(keystore, "_keyring", lambda: ring)
    passphrase = tmp_path / "pass"
    passphrase.write_text("kaffe og kage\n", encoding="utf-8")
    monkeypatch.setenv("NAERVAER_KEY_FILE", str(passphrase))
    result = run("encrypt", "--remember")
    assert result.exit_code == 0 and "remembered in this computer's keyring" in result.stdout
    ((service, _), stored), = ring.stored.items()
    assert service == "naervaer" and "kaffe" not in stored
    key = cipher.parse_raw_key(stored)
    assert key is not None and cipher.check_key(db_path, key)  # the derived key, not the passphrase
    monkeypatch.delenv("NAERVAER_KEY_FILE")
    assert NAME in run("person", "list").stdout  # no terminal needed: the keyring has it
    assert run("decrypt").exit_code == 0
    assert ring.stored == {}


def test_without_a_keyring_remember_says_the_passphrase_will_be_asked(
    run, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from naervaer.storage import keystore

    populate(run)
    monkeypatch.setattr(keystore, "_keyring", lambda: None)
    use_key_file(tmp_path, monkeypatch)
    result = run("encrypt", "--remember")
    assert result.exit_code == 0
    assert "no keyring" in result.stderr and "asked for the passphrase each time" in result.stderr


def test_a_stale_key_in_the_keyring_is_passed_over_for_the_passphrase(
    run, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from naervaer.storage import keystore

    populate(run)
    encrypt(db_path, KEY, cipher.Header.new(), backups=True)
    ring = MemoryKeyring()
    ring.set_password("naervaer", keystore._account(db_path), cipher.raw_key_text(bytes(32)))
    monkeypatch.setattr(keystore, "_keyring", lambda: ring)
    result = run("person", "list")  # no terminal here: asking is refused, but it is not "wrong key"
    assert result.exit_code == 3 and "no terminal to ask for the passphrase" in result.stderr
    ring.set_password("naervaer", keystore._account(db_path), cipher.raw_key_text(KEY))
    assert NAME in run("person", "list").stdout


def test_forget_on_an_encrypted_database_uses_fts5_secure_delete(run, db_path: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from naervaer.storage.scrub import fts5_secure_delete_available, library_version

    populate(run)
    use_key_file(tmp_path, monkeypatch)
    assert run("encrypt", "--backups").exit_code == 0
    assert run("forget", NAME, "--yes").exit_code == 0
    conn = connect_any(db_path)
    try:
        assert fts5_secure_delete_available(library_version(conn))  # SQLCipher's SQLite 3.5x
        assert conn.execute("SELECT v FROM notes_fts_config WHERE k = 'secure-delete'").fetchone() == (1,)
    finally:
        conn.close()
    for path in db_path.parent.rglob("*"):
        if path.is_file():
            assert NAME.encode() not in readable_bytes(path), path


def test_the_replaced_plain_file_is_overwritten_not_just_unlinked(run, db_path: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    populate(run)
    old = os.open(db_path, os.O_RDONLY)  # the old file's inode, as a disk's blocks would keep it
    try:
        size = os.fstat(old).st_size
        assert NAME.encode() in os.pread(old, size, 0)
        use_key_file(tmp_path, monkeypatch)
        assert run("encrypt").exit_code == 0
        assert os.pread(old, size, 0) == bytes(size)  # zeros, every byte
    finally:
        os.close(old)


def test_a_plain_backup_restored_into_an_encrypted_database_is_encrypted_in_the_working_folder(
    run, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    populate(run)
    outside = tmp_path / "outside-plain.db"
    outside.write_bytes(bk.list_backups(db_path)[0].read_bytes())
    use_key_file(tmp_path, monkeypatch)
    assert run("encrypt", "--backups").exit_code == 0
    seen: list[dict[str, bool]] = []
    real = bk._restore_rows

    def watching(db, copy, *args):  # noqa: ANN001, ANN202 - the real signature, passed on
        seen.append({p.name: cipher.has_magic(p) is not False for p in copy.parent.iterdir() if p.is_file()})
        return real(db, copy, *args)

    monkeypatch.setattr(bk, "_restore_rows", watching)
    assert run("restore", str(outside)).exit_code == 0
    assert seen == [{"restore-encrypted.db": False}]  # only the encrypted working copy is left
    assert NAME in run("person", "list").stdout
