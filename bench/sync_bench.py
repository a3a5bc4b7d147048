"""Sync figures: a station's backlog drained by the real client, and the ward server's ingest rate.

sync_backlog_4k_s: a station (generated list, polls open, enrolled with a ward server running in
its own process on loopback) holds 4,000 unsent check-in events: it checked voters in while the
ward could not be reached. The timed part is ``clerk_app.sync.engine.push``, what the sync worker
drains the outbox with (and ``clerk-app sync --once``): read the unsent events, batches of 500,
gzip, sign, POST, record each acknowledgement durably on the station; until nothing is unsent.
Each run is a new station (a new device) on a station number of its own, so the ward holds
nothing of it beforehand.

ingest_events_per_s, raw_insert_events_per_s, ingest_vs_raw: ward_server.benchmark (signed
batches of 500 over loopback against executemany into a bare table, round by round).
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bench.data import STATION_NO, Progress, open_station, parsed_list
from bench.stats import summary
from clerk_app.clock import now as wall_clock
from clerk_app.model import ListRow

if TYPE_CHECKING:
    from clerk_app.sync.credentials import InMemoryCredentialStore

TIMEOUT = (3.05, 30.0)  # (connect, read) seconds for every call the client makes


@dataclass
class BacklogRun:
    events: int
    seconds: list[float] = field(default_factory=list)

    def details(self, voters: int) -> dict[str, object]:
        return {
            "voters": voters,
            "unsent_events": self.events,
            "runs": len(self.seconds),
            "seconds": summary(self.seconds),
            "path": "clerk_app.sync.engine.push (batches of 500, gzip, signed) to python -m ward_server on 127.0.0.1",
        }


def measure_sync_backlog(work: Path, rows: list[ListRow], *, events: int, runs: int, progress: Progress) -> BacklogRun:
    """``runs`` stations each drain ``events`` unsent check-ins into one ward server."""
    from ward_server.benchmark import ward_process

    if events > len(rows):
        raise ValueError(f"{events} check-ins need at least as many voters, not {len(rows)}")
    run = BacklogRun(events)
    with ward_process(work / "ward") as url:
        for n in range(runs):
            station_dir = work / f"station-{n + 1}"
            number = STATION_NO + 100 + n  # a station number per run: nothing of it held yet
            progress(f"  run {n + 1}/{runs}: a station with {events:,} unsent check-ins")
            store = _station_with_backlog(station_dir, rows, events, number=number, url=url, ward_dir=work / "ward")
            run.seconds.append(_drain(station_dir, store, events))
    return run


def _station_with_backlog(
    station_dir: Path, rows: list[ListRow], events: int, *, number: int, url: str, ward_dir: Path
) -> InMemoryCredentialStore:
    """Import the list, open the polls, enrol and sync, then check ``events`` voters in (unsent)."""
    from clerk_app.sync import engine
    from clerk_app.sync.credentials import InMemoryCredentialStore
    from clerk_app.sync.enrol import enrol
    from ward_server import registry
    from ward_server.db import open_database
    from ward_server.paths import database_path

    db = open_database(database_path(ward_dir))  # what `ward-server add-station` does
    try:
        code = registry.add_station(db.conn, number, f"Benchmark {number}", len(rows), wall_clock())
    finally:
        db.close()
    store = InMemoryCredentialStore()
    station = open_station(station_dir)
    try:
        station.import_list(dataclasses.replace(parsed_list(rows), station_no=number))
        station.open_polls()
        enrol(station, url, code, store=store, station_no=number, timeout=TIMEOUT)
        client, ward = engine.open_client(station, store, TIMEOUT)
        with client:
            engine.push(station, client, ward, wall_clock)  # the list import and the opening
        # Setting up, not measured: the check-ins need not wait for the disk one by one.
        station.db.conn.execute("PRAGMA synchronous=OFF")
        for row in rows[:events]:
            station.check_in(row.list_no)
    finally:
        station.close()
    return store


def _drain(station_dir: Path, store: InMemoryCredentialStore, events: int) -> float:
    from clerk_app.sync import engine

    station = open_station(station_dir)  # a fresh connection: WAL + synchronous=FULL, as the worker's
    try:
        unsent = station.status().unsent_events
        if unsent != events:
            raise RuntimeError(f"the station holds {unsent} unsent events, not {events}")
        client, ward = engine.open_client(station, store, TIMEOUT)
        with client:
            started = time.perf_counter()
            pushed = engine.push(station, client, ward, wall_clock)
            elapsed = time.perf_counter() - started
        if pushed.unsent or pushed.sent < events:
            raise RuntimeError(f"the ward did not acknowledge everything: {pushed.unsent} left unsent")
    finally:
        station.close()
    return elapsed
