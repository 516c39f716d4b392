"""Timing whole processes, and pairing each figure with its baseline in the same run.

Every sample is one fresh process: wall time from ``Popen`` to its exit, and the peak
resident memory of exactly that child (``os.wait4``; ``RUSAGE_CHILDREN`` would report the
largest child so far). A pair runs A then B back to back, so drift (CPU frequency, page
cache, other load) hits both sides alike; the figure is the median of the per-pair
ratios, with their min–max.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    seconds: float
    max_rss_kib: int


class ProcessFailed(RuntimeError):
    pass


def run_process(argv: Sequence[str], env: dict[str, str], before: Callable[[], None] | None = None) -> Sample:
    """Run ``argv`` once; ``before`` runs first, outside the timing (e.g. empty a journal)."""
    sample, _out = _run(argv, env, before, subprocess.DEVNULL)
    return sample


def run_timed_inside(argv: Sequence[str], env: dict[str, str], before: Callable[[], None] | None = None) -> Sample:
    """Run ``argv`` once; the time is what the child prints (milliseconds, its last line), not its lifetime.

    For flows inside a running app, where start-up is not part of the figure.
    """
    sample, out = _run(argv, env, before, subprocess.PIPE)
    try:
        ms = float(out.split()[-1])
    except (IndexError, ValueError):
        raise ProcessFailed(f"{' '.join(argv)} printed no time: {out[-200:]!r}") from None
    return Sample(ms / 1000, sample.max_rss_kib)


def _run(argv: Sequence[str], env: dict[str, str], before: Callable[[], None] | None, stdout: int) -> tuple[Sample, str]:
    if before is not None:
        before()
    # stderr goes to a file, not a pipe: a child that writes much to an unread pipe would block
    with tempfile.TemporaryFile() as err_file:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=stdout, stderr=err_file)
        out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
        _pid, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here; keep Popen from waiting again
        if proc.stdout:
            proc.stdout.close()
        err_file.seek(0)
        err = err_file.read().decode(errors="replace")
    if proc.returncode != 0:
        raise ProcessFailed(f"{' '.join(argv)} exited {proc.returncode}: {err.strip()[-500:]}")
    return Sample(elapsed, int(usage.ru_maxrss)), out


@dataclass(frozen=True)
class Paired:
    a: list[Sample]
    b: list[Sample]

    def time_ratios(self) -> list[float]:
        return [x.seconds / y.seconds for x, y in zip(self.a, self.b)]

    def rss_ratios(self) -> list[float]:
        return [x.max_rss_kib / y.max_rss_kib for x, y in zip(self.a, self.b)]


def paired(run_a: Callable[[], Sample], run_b: Callable[[], Sample], rounds: int) -> Paired:
    """A, B, A, B … after one unmeasured warm-up of each (page cache, .pyc files)."""
    run_a(), run_b()
    a: list[Sample] = []
    b: list[Sample] = []
    for _ in range(rounds):
        a.append(run_a())
        b.append(run_b())
    return Paired(a, b)


def spread(values: Sequence[float]) -> tuple[float, float, float]:
    """(median, min, max)"""
    return statistics.median(values), min(values), max(values)


def median_ms(samples: Sequence[Sample]) -> float:
    return statistics.median(s.seconds for s in samples) * 1000


def median_mib(samples: Sequence[Sample]) -> float:
    return statistics.median(s.max_rss_kib for s in samples) / 1024
