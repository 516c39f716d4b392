"""Encryption at rest (issue 17): the encrypted 500k database against the plain one.

``.venv/bin/python -m benchmarks.encrypted [--rounds N]``. Uses the cached 500k database of
``python -m benchmarks`` (built when missing), copies it twice, encrypts one copy (timed),
and measures as paired ratios in the same run (see ``measure.py``):

* ``log`` on the encrypted copy ÷ ``log`` on the plain one (target ≤ 1.3), whole processes;
* the TUI's first paint of Today (``tui_today.py``), encrypted ÷ plain (target ≤ 1.2);
* full-text search at 500k, encrypted, in-process: the slowest term (target ≤ 100 ms).

The encrypted runs find their key in a key file (``NAERVAER_KEY_FILE``, the raw-key form), as
a remembered key would be found, without a key derivation. A key read from the OS keyring costs
importing ``keyring`` and asking its backend on top; that import is timed separately (this
machine has no keyring backend to ask).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from datetime import date
from pathlib import Path

from benchmarks.measure import paired, run_process, spread
from benchmarks.run import (BENCH, BENCH_DAY, DATA, NAERVAER, PYTHON, SEARCH_TERMS, SIZES, Row, _env,
                            _print_table, _time_row, _verdict, build)

KEY_HEX = "5a" * 32


def measure_search(db: Path, key: bytes, rounds: int) -> tuple[Row, list[str]]:
    from naervaer.storage.store import Store

    today = date.fromisoformat(BENCH_DAY)
    lines, worst = [], (0.0, 0.0, 0.0, "")
    with Store.open(db, clock=lambda: today, key=key) as store:
        for term in SEARCH_TERMS:
            store.search_notes(term, limit=20)
            times = []
            for _ in range(rounds * 3):
                start = time.perf_counter()
                store.search_notes(term, limit=20)
                times.append((time.perf_counter() - start) * 1000)
            med, lo, hi = spread(times)
            lines.append(f"{term!r} {med:.2f} ms")
            if med > worst[0]:
                worst = (med, lo, hi, term)
    med, lo, hi, term = worst
    return (Row("full-text search at 500k, encrypted (slowest term, in-process)",
                f"{med:.2f} ms [{lo:.2f}–{hi:.2f}]", "≤ 100 ms", _verdict(med, 100), f"slowest: {term!r}"),
            lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.encrypted", description=__doc__)
    parser.add_argument("--rounds", type=int, default=11, help="pairs per figure (default 11)")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    DATA.mkdir(parents=True, exist_ok=True)
    env = _env()
    big = SIZES[-1]
    cached, _, _ = build(big, env, False)
    plain, encrypted = DATA / "work-plain-500000.db", DATA / "work-encrypted-500000.db"
    for path in (plain, encrypted):
        for suffix in ("", "-wal", "-shm", ".cipher"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(cached, path)

    from naervaer.storage import cipher
    from naervaer.storage.encryption import encrypt

    key = bytes.fromhex(KEY_HEX)
    started = time.perf_counter()
    encrypt(encrypted, key, cipher.Header.new(), backups=False)
    encrypt_seconds = time.perf_counter() - started
    keyfile = DATA / "bench.key"
    keyfile.write_text(cipher.raw_key_text(key) + "\n")
    keyfile.chmod(0o600)
    enc_env = {**env, "NAERVAER_KEY_FILE": str(keyfile)}

    def log(db: Path, e: dict[str, str]):  # noqa: ANN202 - a small closure
        argv = [str(NAERVAER), "--db", str(db), "--lang", "en", "log", "søren ålund",
                "Kaffe med Søren i køkkenet", "--channel", "in-person", "--tag", "success"]
        return lambda: run_process(argv, e)

    def tui(db: Path, e: dict[str, str]):  # noqa: ANN202
        argv = [str(PYTHON), str(BENCH / "tui_today.py"), str(db), BENCH_DAY]
        return lambda: run_process(argv, e)

    rounds = args.rounds
    rows = [Row("encrypt a 500k-note database (naervaer encrypt's work)", f"{encrypt_seconds:.1f} s", "—")]
    print("measuring log …", file=sys.stderr)
    pair = paired(log(encrypted, enc_env), log(plain, env), rounds)
    rows.append(_time_row("log at 500k, encrypted ÷ plain", pair, 1.3, "≤ 1.3", "encrypted", "plain"))
    print("measuring the TUI …", file=sys.stderr)
    pair = paired(tui(encrypted, enc_env), tui(plain, env), rounds)
    rows.append(_time_row("TUI: Today painted at 500k, encrypted ÷ plain", pair, 1.2, "≤ 1.2", "encrypted", "plain"))
    print("measuring search …", file=sys.stderr)
    search_row, lines = measure_search(encrypted, key, rounds)
    rows.append(search_row)
    keyring_import = [run_process([str(PYTHON), "-c", "import keyring; keyring.get_keyring()"], env).seconds * 1000
                      for _ in range(rounds)]
    med, lo, hi = spread(keyring_import)
    rows.append(Row("import keyring + find its backend (a remembered key's extra cost)",
                    f"{med:.0f} ms [{lo:.0f}–{hi:.0f}]", "—", "—", "whole process, no backend here"))
    f_ms = 0.0
    _print_table(rows, ["search at 500k, encrypted, median per term: " + "; ".join(lines)], f_ms,
                 time.perf_counter() - began, rounds)


if __name__ == "__main__":
    main()
