"""Search latency through Station.search, beside a bare FTS5 prefix query on the same names.

The app figure is the real path: Station.search parses the typed text, runs the search backend
and loads the matching voters. The reference is the least any FTS5-based search could cost: a
``MATCH 'word*' LIMIT 20`` on a bare table of the same folded names, in a file on the same disk,
built here (not the app's index). Both run query by query, alternating which goes first.
"""

from __future__ import annotations

import sqlite3
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bench.data import Progress, open_station
from bench.queries import TypedQuery
from bench.stats import p95, summary
from clerk_app.model import ListRow
from clerk_app.names import fold

RAW_QUERY = "SELECT rowid FROM names WHERE names MATCH ? LIMIT 20"


@dataclass
class SearchRun:
    app_ms: list[float] = field(default_factory=list)
    raw_ms: list[float] = field(default_factory=list)
    app_ms_by_kind: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    found_by_kind: dict[str, list[bool]] = field(default_factory=lambda: defaultdict(list))

    def details(self, size: int, rounds: int, queries: int) -> dict[str, object]:
        out: dict[str, object] = {
            "voters": size,
            "queries": queries,
            "rounds": rounds,
            "search_ms": summary(self.app_ms),
            "search_p95_ms_by_kind": {k: round(p95(v), 3) for k, v in sorted(self.app_ms_by_kind.items())},
            # How often the voter a query was built from is among the results (a sanity check, no target).
            "source_voter_found": {k: round(sum(v) / len(v), 3) for k, v in sorted(self.found_by_kind.items()) if v},
        }
        if self.raw_ms:
            out["fts5_raw_ms"] = summary(self.raw_ms)
        return out


def build_raw_fts(path: Path, rows: list[ListRow]) -> None:
    """A bare FTS5 table of the folded names, rowid = list number, default tokenizer and options."""
    conn = sqlite3.connect(str(path))
    try:
        conn.execute("CREATE VIRTUAL TABLE names USING fts5(name)")
        conn.executemany("INSERT INTO names (rowid, name) VALUES (?, ?)", ((r.list_no, fold(r.name)) for r in rows))
        conn.commit()
    finally:
        conn.close()


def _time_raw(conn: sqlite3.Connection, query: TypedQuery) -> float:
    start = time.perf_counter_ns()
    conn.execute(RAW_QUERY, (query.fts_match(),)).fetchall()
    return (time.perf_counter_ns() - start) / 1e6


def measure_search(
    station_dir: Path,
    queries: list[TypedQuery],
    *,
    rounds: int,
    raw_db: Path | None = None,
    progress: Progress,
) -> SearchRun:
    """One untimed warm-up pass (which also checks the results), then ``rounds`` timed passes."""
    station = open_station(station_dir)
    raw = sqlite3.connect(str(raw_db)) if raw_db is not None else None
    run = SearchRun()
    try:
        for query in queries:
            found = station.search(query.text)
            run.found_by_kind[query.kind].append(any(v.list_no == query.list_no for v in found.voters))
            if raw is not None and query.name_words:
                _time_raw(raw, query)
        for round_no in range(rounds):
            progress(f"  search round {round_no + 1}/{rounds} ({len(queries)} queries)")
            for i, query in enumerate(queries):
                raw_first = raw is not None and (i + round_no) % 2 == 1
                if raw_first and raw is not None and query.name_words:
                    run.raw_ms.append(_time_raw(raw, query))
                start = time.perf_counter_ns()
                station.search(query.text)
                elapsed = (time.perf_counter_ns() - start) / 1e6
                run.app_ms.append(elapsed)
                run.app_ms_by_kind[query.kind].append(elapsed)
                if not raw_first and raw is not None and query.name_words:
                    run.raw_ms.append(_time_raw(raw, query))
    finally:
        if raw is not None:
            raw.close()
        station.close()
    return run
