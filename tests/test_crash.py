"""A process checking voters in is killed (SIGKILL) at random moments, many times.

Every check-in it had confirmed is there afterwards, none twice, no half-written one, the
hash chain holds and SQLite's integrity check passes.
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from clerk_app.clock import CLOCK_VARIABLE, clock_from_setting
from clerk_app.station import Station
from clerk_app.storage.eventlog import verify_chain
from tests.support import POLLING_DAY_CLOCK, make_rows, parsed_list

ROOT = Path(__file__).resolve().parents[1]
KILLS = 25
VOTERS = 3000


def _build_station(data_dir: Path) -> str:
    rows = make_rows()
    template = rows[0]
    many = [
        type(template)(**{**template.__dict__, "list_no": n, "source_row": n + 8, "id_number": None})
        for n in range(1, VOTERS + 1)
    ]
    station = Station.open(data_dir, clock=clock_from_setting(POLLING_DAY_CLOCK))
    try:
        station.import_list(parsed_list(many))
        station.open_polls()
        return station.device_id
    finally:
        station.close()


def _run_and_kill(data_dir: Path, seed: int, rng: random.Random) -> set[int]:
    """Start the worker, kill it after a random delay; return what it confirmed before dying."""
    confirmed: set[int] = set()
    with subprocess.Popen(
        [sys.executable, "-m", "tests.crash_worker", str(data_dir), str(seed)],
        cwd=ROOT,
        env={**os.environ, CLOCK_VARIABLE: POLLING_DAY_CLOCK},  # the day the polls were opened on
        stdout=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdout is not None
        stdout = proc.stdout
        assert stdout.readline().strip() == "ready"

        def read() -> None:
            for line in stdout:
                if line.startswith("confirmed "):
                    confirmed.add(int(line.split()[1]))

        reader = threading.Thread(target=read)
        reader.start()
        time.sleep(rng.uniform(0.0, 0.25))
        proc.kill()  # SIGKILL on POSIX: no cleanup, no atexit, no flush
        proc.wait()
        reader.join()
    return confirmed


def test_killed_mid_check_in_loses_nothing_and_doubles_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "station"
    device_id = _build_station(data_dir)
    rng = random.Random(2026)
    confirmed_total: set[int] = set()
    for round_no in range(KILLS):
        confirmed = _run_and_kill(data_dir, seed=round_no, rng=rng)
        assert not (confirmed & confirmed_total), "a voter was confirmed twice across restarts"
        confirmed_total |= confirmed

    assert len(confirmed_total) > 50, "the worker hardly ran: the test proves nothing"
    conn = sqlite3.connect(data_dir / "station.db")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        checked = [n for (n,) in conn.execute("SELECT list_no FROM checkins")]
        events = [n for (n,) in conn.execute("SELECT list_no FROM events WHERE kind = 'checked_in'")]
        orphans = conn.execute(
            "SELECT count(*) FROM checkins c LEFT JOIN events e ON e.device_id = c.device_id AND e.seq = c.seq"
            " WHERE e.list_no IS NOT c.list_no"
        ).fetchone()[0]
    finally:
        conn.close()
    assert confirmed_total <= set(checked), "a confirmed check-in was lost"
    assert len(events) == len(set(events)) == len(checked), "a voter was checked in twice, or half-written"
    assert orphans == 0
    station = Station.open(data_dir)
    try:
        assert verify_chain(station.db, device_id) == []
    finally:
        station.close()
