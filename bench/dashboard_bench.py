"""The station the dashboard figure runs on: a generated list, polls open three hours ago, a
morning of check-ins spread over those hours (so the view has a real curve, bins and tables to
draw), and the list numbers still to vote, in random order, for the child to check in.
"""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

from bench.data import open_station, parsed_list, polling_clock
from clerk_app.model import ListRow

MORNING = timedelta(hours=3)


def prepare_dashboard_station(data_dir: Path, rows: list[ListRow], prefill: int) -> list[int]:
    station = open_station(data_dir)
    try:
        opened = polling_clock()() - MORNING
        moment = [opened]
        station.clock = lambda: moment[0]
        station.import_list(parsed_list(rows))
        station.open_polls()
        order = random.Random(13).sample([r.list_no for r in rows], len(rows))
        for i, list_no in enumerate(order[:prefill]):
            moment[0] = opened + MORNING * (i + 1) / (prefill + 1)
            station.check_in(list_no)
    finally:
        station.close()
    return order[prefill:]


def measure_compute(data_dir: Path, runs: int = 40) -> dict[str, object]:
    """What one refresh's figures cost: compute_turnout on the station, with the list index kept
    (as the live view keeps it) and without (a report, or the first refresh)."""
    import time

    from bench.stats import summary
    from clerk_app.turnout import compute_turnout
    from clerk_app.turnout.listindex import ListIndexCache

    station = open_station(data_dir)
    now = station.clock
    try:
        cache = ListIndexCache()
        compute_turnout(station.db, now(), cache)
        cached, cold = [], []
        for _ in range(runs):
            start = time.perf_counter()
            compute_turnout(station.db, now(), cache)
            cached.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            compute_turnout(station.db, now())
            cold.append((time.perf_counter() - start) * 1000)
    finally:
        station.close()
    return {"with_list_index_ms": summary(cached), "reading_the_list_too_ms": summary(cold)}
