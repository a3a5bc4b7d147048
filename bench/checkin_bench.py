"""Check-in latency (confirm to durable on disk) beside a bare durable one-row commit.

Station.check_in writes the event (hash-chained, the outbox row) and the check-in state in one
BEGIN IMMEDIATE ... COMMIT with WAL and synchronous=FULL. The reference is a one-row INSERT +
COMMIT into a bare table of another database file in the same folder, with the same pragmas.
The two alternate, pair by pair, so both see the same disk at the same moment.
"""

from __future__ import annotations

import random
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.data import Progress, open_station
from bench.stats import summary

WARMUP_PAIRS = 10


@dataclass
class CheckInRun:
    checkin_ms: list[float] = field(default_factory=list)
    raw_ms: list[float] = field(default_factory=list)

    def details(self, voters: int) -> dict[str, object]:
        return {
            "voters": voters,
            "pairs": len(self.checkin_ms),
            "checkin_ms": summary(self.checkin_ms),
            "raw_commit_ms": summary(self.raw_ms),
        }


def open_raw_commit_db(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, list_no INTEGER, at TEXT)")
    return conn


def _raw_commit(conn: sqlite3.Connection, n: int) -> float:
    start = time.perf_counter_ns()
    conn.execute("BEGIN")
    conn.execute("INSERT INTO t (list_no, at) VALUES (?, ?)", (n, "2026-03-15T07:00:00.000+07:00"))
    conn.execute("COMMIT")
    return (time.perf_counter_ns() - start) / 1e6


def measure_check_in(station_dir: Path, voters: int, pairs: int, *, progress: Progress) -> CheckInRun:
    """Check in ``pairs`` distinct voters (after a few warm-up pairs) on a station with polls open."""
    total = pairs + WARMUP_PAIRS
    if total > voters:
        raise ValueError(f"{total} check-ins need at least as many voters, not {voters}")
    list_nos = random.Random(5).sample(range(1, voters + 1), total)
    station = open_station(station_dir)
    raw = open_raw_commit_db(station_dir / "raw-commit.db")
    run = CheckInRun()
    progress(f"  {pairs} check-ins and {pairs} bare commits, interleaved")
    try:
        for i, list_no in enumerate(list_nos):
            raw_first = i % 2 == 1
            raw_ms = _raw_commit(raw, i) if raw_first else 0.0
            start = time.perf_counter_ns()
            station.check_in(list_no)
            checkin_ms = (time.perf_counter_ns() - start) / 1e6
            if not raw_first:
                raw_ms = _raw_commit(raw, i)
            if i >= WARMUP_PAIRS:
                run.checkin_ms.append(checkin_ms)
                run.raw_ms.append(raw_ms)
    finally:
        raw.close()
        station.close()
    return run
