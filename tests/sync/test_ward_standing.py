"""The worker reads the ward's overview: the ward's average and this station's place among its stations.

A ward server of its own per test (the overview lists every station the ward has), three stations
on it, each with a laptop that checks voters in and syncs.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from clerk_app.clock import now
from clerk_app.rules import turnout_percent
from clerk_app.sync import link
from clerk_app.sync.worker import SyncConfig, SyncWorker
from clerk_app.turnout.ward import WardStanding
from tests.support import FakeClock
from tests.sync.faultproxy import FaultProxy
from tests.sync.support import FAST_TIMEOUT, Device, RestartableWard, enrolled_device, wait_until

VOTERS = 2000  # each station's voters as the ward registered them (RestartableWard.add_station)
QUICK = SyncConfig(
    timeout=FAST_TIMEOUT, backoff_base_s=0.05, backoff_cap_s=0.3, pull_interval_s=0.1, reports=None, ward_standing_s=0.2
)


class Standings:
    """What the worker hands to ``on_standing`` (on its thread), for the test thread to read."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: list[WardStanding] = []
        self.threads: set[str] = set()

    def __call__(self, standing: WardStanding) -> None:
        with self._lock:
            self._seen.append(standing)
            self.threads.add(threading.current_thread().name)

    @property
    def latest(self) -> WardStanding | None:
        with self._lock:
            return self._seen[-1] if self._seen else None

    def count(self) -> int:
        with self._lock:
            return len(self._seen)


@pytest.fixture
def ward_of_three(tmp_path: Path, clock: FakeClock, own_ward: RestartableWard) -> dict[int, Device]:
    """Stations 1, 2 and 3 with 5, 3 and 1 voters checked in, all synced."""
    devices = {}
    for number, voted in ((1, 5), (2, 3), (3, 1)):
        device = enrolled_device(
            tmp_path / f"station-{number}", clock, own_ward.url, own_ward.add_station(number), station_no=number
        )
        device.check_in(*range(1, voted + 1))
        device.sync()
        devices[number] = device
    return devices


@pytest.fixture
def workers() -> Iterator[list[SyncWorker]]:
    started: list[SyncWorker] = []
    yield started
    for worker in started:
        assert worker.stop(10), "the worker did not stop"


def start(workers: list[SyncWorker], device: Device, standings: Standings, config: SyncConfig = QUICK) -> SyncWorker:
    worker = SyncWorker(device.data_dir, credentials=device.store, config=config, on_standing=standings)
    worker.start()
    workers.append(worker)
    return worker


def test_the_worker_gives_the_wards_average_and_this_stations_place(
    ward_of_three: dict[int, Device], workers: list[SyncWorker]
) -> None:
    standings = Standings()
    asked_at = now()
    start(workers, ward_of_three[2], standings)
    assert wait_until(lambda: standings.latest is not None, timeout=10)
    standing = standings.latest
    assert standing is not None
    assert (standing.rank, standing.stations) == (2, 3)  # 3 of 2000 against 5 and 1
    assert standing.ward_turnout == turnout_percent(5 + 3 + 1, 3 * VOTERS) == 0.15
    assert standing.as_of is not None and abs(standing.as_of - asked_at) < timedelta(seconds=30)  # the ward's clock
    assert standings.threads == {"clerk-sync"}  # never the caller's thread


def test_the_standing_follows_the_ward_while_online(
    ward_of_three: dict[int, Device], workers: list[SyncWorker]
) -> None:
    standings = Standings()
    start(workers, ward_of_three[2], standings)
    assert wait_until(lambda: standings.latest is not None and standings.latest.rank == 2, timeout=10)

    third = ward_of_three[3]
    third.check_in(*range(2, 11))  # station 3 overtakes: 10 of 2000
    third.sync()

    assert wait_until(lambda: standings.latest is not None and standings.latest.rank == 3, timeout=10)
    latest = standings.latest
    assert latest is not None and latest.ward_turnout == turnout_percent(5 + 3 + 10, 3 * VOTERS)


def test_an_overview_the_ward_fails_to_give_never_stops_the_sync(
    ward_of_three: dict[int, Device], workers: list[SyncWorker], own_ward: RestartableWard
) -> None:
    device = ward_of_three[1]
    standings = Standings()
    with FaultProxy(own_ward.port) as proxy:
        proxy.only_path, proxy.exact_path, proxy.mode = "/api/v1/stations", True, "error_500"
        link.save_link(device.station.db, link.WardLink(proxy.url, 1, None))  # through the proxy
        worker = start(workers, device, standings)
        assert proxy.wait_for("GET", "/api/v1/stations", 2, mode="error_500")  # asked again, not given up
        device.check_in(6)
        worker.sync_now()
        assert wait_until(lambda: own_ward.turnout(1)["checked_in"] == 6, timeout=10)  # check-ins still go
        status = worker.status
        assert status is not None and status.reachable is True and status.problem is None
        assert standings.latest is None

        proxy.mode = "pass"
        assert wait_until(lambda: standings.latest is not None, timeout=10)
        latest = standings.latest
        assert latest is not None and latest.rank == 1


def test_without_the_ward_there_is_no_standing_and_nothing_waits(
    tmp_path: Path, clock: FakeClock, own_ward: RestartableWard, workers: list[SyncWorker]
) -> None:
    device = enrolled_device(tmp_path / "a", clock, own_ward.url, own_ward.add_station(4), station_no=4)
    own_ward.kill()
    standings = Standings()
    worker = start(workers, device, standings)
    assert wait_until(lambda: worker.status is not None and worker.status.reachable is False, timeout=10)
    assert standings.latest is None
