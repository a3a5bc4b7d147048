"""The background worker against the real ward server: drains, backs off, wakes, stops, reports."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

import pytest

from clerk_app.clock import now
from clerk_app.errors import StorageEnvironmentError
from clerk_app.station import Station
from clerk_app.sync import worker as worker_module
from clerk_app.sync.credentials import DeviceCredentials, InMemoryCredentialStore
from clerk_app.sync.reports import ReportSchedule
from clerk_app.sync.status import SyncStatus
from clerk_app.sync.worker import SyncConfig, SyncWorker, backoff_delay
from tests.support import FakeClock, election_morning
from tests.sync.support import FAST_TIMEOUT, Device, RestartableWard, assert_ward_matches, enrolled_device, wait_until

FAST = SyncConfig(timeout=FAST_TIMEOUT, backoff_base_s=0.05, backoff_cap_s=0.3, pull_interval_s=0.2, reports=None)

WorkerFactory = Callable[..., SyncWorker]


@pytest.fixture
def worker_factory() -> Iterator[WorkerFactory]:
    started: list[SyncWorker] = []

    def make(device: Device, **options: object) -> SyncWorker:
        options.setdefault("config", FAST)
        worker = SyncWorker(device.data_dir, credentials=device.store, **options)  # type: ignore[arg-type]
        worker.start()
        started.append(worker)
        return worker

    yield make
    for worker in started:
        assert worker.stop(10), "the worker did not stop"


def test_worker_drains_and_reports_status(
    tmp_path: Path, clock: FakeClock, shared_ward: RestartableWard, station_no: int, worker_factory: WorkerFactory
) -> None:
    device = enrolled_device(
        tmp_path / "a", clock, shared_ward.url, shared_ward.add_station(station_no), station_no=station_no
    )
    device.check_in(1, 2, 3)
    seen: list[SyncStatus] = []
    callback_threads: set[str] = set()

    def on_status(status: SyncStatus) -> None:
        seen.append(status)
        callback_threads.add(threading.current_thread().name)

    worker_factory(device, on_status=on_status)
    assert wait_until(lambda: bool(seen) and seen[-1].unsent_events == 0 and seen[-1].reachable is True)
    status = seen[-1]
    assert status.enrolled and status.last_sync_at is not None and status.problem is None
    assert status.clock_offset_s is not None and not status.clock_warning
    assert callback_threads == {"clerk-sync"}  # the UI must relay to its own thread
    assert_ward_matches(shared_ward, station_no, [device])


def test_worker_backs_off_while_the_server_is_down_and_drains_when_it_is_back(
    tmp_path: Path, clock: FakeClock, own_ward: RestartableWard, worker_factory: WorkerFactory
) -> None:
    device = enrolled_device(tmp_path / "a", clock, own_ward.url, own_ward.add_station(7))
    own_ward.kill()
    device.check_in(1, 2)
    worker = worker_factory(device)
    assert wait_until(lambda: worker.status is not None and worker.status.reachable is False)
    down = worker.status
    assert down is not None and down.unsent_events > 0 and down.problem and down.next_attempt_in_s is not None
    device.check_in(3)
    own_ward.start()
    assert wait_until(lambda: worker.status is not None and worker.status.unsent_events == 0)
    assert worker.status is not None and worker.status.reachable is True
    assert_ward_matches(own_ward, 7, [device])


def test_sync_now_wakes_the_worker_at_once_and_stop_is_prompt(
    tmp_path: Path, clock: FakeClock, shared_ward: RestartableWard, station_no: int, worker_factory: WorkerFactory
) -> None:
    device = enrolled_device(
        tmp_path / "a", clock, shared_ward.url, shared_ward.add_station(station_no), station_no=station_no
    )
    slow = SyncConfig(timeout=FAST_TIMEOUT, pull_interval_s=60.0, reports=None)
    worker = worker_factory(device, config=slow)
    assert wait_until(lambda: worker.status is not None and worker.status.unsent_events == 0)
    device.check_in(4)
    worker.sync_now()
    assert wait_until(lambda: device.station.status().unsent_events == 0, timeout=5)
    started = time.monotonic()
    assert worker.stop(5)
    assert time.monotonic() - started < 2


def test_clock_difference_over_two_minutes_is_flagged(
    tmp_path: Path, clock: FakeClock, shared_ward: RestartableWard, station_no: int, worker_factory: WorkerFactory
) -> None:
    device = enrolled_device(
        tmp_path / "a", clock, shared_ward.url, shared_ward.add_station(station_no), station_no=station_no
    )

    def behind() -> datetime:
        return now() - timedelta(minutes=3)

    worker = worker_factory(device, wall_clock=behind)
    assert wait_until(lambda: worker.status is not None and worker.status.reachable is True)
    status = worker.status
    assert status is not None and status.clock_warning
    assert status.clock_offset_s is not None and 170 < status.clock_offset_s < 190


def test_without_enrolment_the_worker_says_so(
    tmp_path: Path, clock: FakeClock, station_factory: Callable[..., object], worker_factory: WorkerFactory
) -> None:
    station = station_factory("lone")
    device = Device(station, InMemoryCredentialStore())  # type: ignore[arg-type]
    worker = worker_factory(device)
    assert wait_until(lambda: worker.status is not None and worker.status.problem is not None)
    assert worker.status is not None and not worker.status.enrolled and "enrol" in (worker.status.problem or "")


def test_a_database_the_worker_cannot_open_at_first_is_tried_again(
    tmp_path: Path,
    clock: FakeClock,
    own_ward: RestartableWard,
    worker_factory: WorkerFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    device = enrolled_device(tmp_path / "a", clock, own_ward.url, own_ward.add_station(7))
    device.check_in(1, 2)
    real_open, failures = Station.open, [StorageEnvironmentError("database is locked")] * 2

    def flaky_open(*args: object, **kwargs: object) -> Station:
        if failures:
            raise failures.pop()
        return real_open(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(worker_module.Station, "open", flaky_open)
    seen: list[SyncStatus] = []
    worker_factory(device, on_status=seen.append)
    assert wait_until(lambda: bool(seen) and seen[-1].unsent_events == 0 and seen[-1].reachable is True)
    assert any(s.problem == "database is locked" for s in seen)  # said while it could not open
    assert_ward_matches(own_ward, 7, [device])


def test_a_revoked_token_is_reported_as_rejected_and_retried(
    tmp_path: Path, clock: FakeClock, shared_ward: RestartableWard, station_no: int, worker_factory: WorkerFactory
) -> None:
    device = enrolled_device(
        tmp_path / "a", clock, shared_ward.url, shared_ward.add_station(station_no), station_no=station_no
    )
    device.check_in(1)
    device.store.save(device.station.device_id, DeviceCredentials(token="forged", secret="forged"))
    worker = worker_factory(device)
    assert wait_until(lambda: worker.status is not None and worker.status.rejected_status == 401)
    assert worker.status is not None and worker.status.reachable is True and worker.status.unsent_events > 0


def test_hourly_reports_are_recorded_once_and_reach_the_ward(
    tmp_path: Path, clock: FakeClock, shared_ward: RestartableWard, station_no: int, worker_factory: WorkerFactory
) -> None:
    device = enrolled_device(
        tmp_path / "a", clock, shared_ward.url, shared_ward.add_station(station_no), station_no=station_no
    )
    clock.moment = election_morning(7, 30)
    device.check_in(1, 2)
    clock.moment = election_morning(8, 30)
    device.check_in(3)
    clock.moment = election_morning(9, 30)
    config = SyncConfig(timeout=FAST_TIMEOUT, pull_interval_s=0.2, reports=ReportSchedule())
    worker = worker_factory(device, config=config, clock=clock)
    assert wait_until(lambda: worker.status is not None and worker.status.unsent_events == 0)
    worker.sync_now()
    time.sleep(0.5)  # a few more rounds: nothing is recorded twice
    reports = [e for e in shared_ward.events(station_no, device.token) if e["kind"] == "hourly_report"]
    assert [e["payload"] for e in reports] == [
        {"hour": "07:00", "voters": 20, "checked_in": 0},
        {"hour": "08:00", "voters": 20, "checked_in": 2},
        {"hour": "09:00", "voters": 20, "checked_in": 3},
    ]


def test_a_report_schedule_changed_while_the_worker_runs_applies_at_once(
    tmp_path: Path, clock: FakeClock, shared_ward: RestartableWard, station_no: int, worker_factory: WorkerFactory
) -> None:
    device = enrolled_device(
        tmp_path / "a", clock, shared_ward.url, shared_ward.add_station(station_no), station_no=station_no
    )
    clock.moment = election_morning(8, 40)
    config = SyncConfig(timeout=FAST_TIMEOUT, pull_interval_s=60.0, reports=ReportSchedule(interval_minutes=120))

    def recorded() -> list[str]:
        rows = device.station.db.conn.execute(
            "SELECT json_extract(payload, '$.hour') FROM events WHERE kind = 'hourly_report' ORDER BY seq"
        )
        return [r[0] for r in rows]

    rounds: list[SyncStatus] = []
    worker = worker_factory(device, config=config, clock=clock, on_status=rounds.append)
    assert wait_until(lambda: recorded() == ["07:00"])
    worker.set_report_schedule(ReportSchedule(interval_minutes=30))  # no waiting for the next round in 60 s
    assert wait_until(lambda: recorded() == ["07:00", "07:30", "08:00", "08:30"], timeout=5)
    clock.moment = election_morning(10, 0)
    seen = len(rounds)
    worker.set_report_schedule(None)  # no reports at all; it wakes the worker
    assert wait_until(lambda: len(rounds) > seen)
    seen = len(rounds)
    worker.sync_now()  # that round may have been in flight already: this one surely starts after
    assert wait_until(lambda: len(rounds) > seen)
    assert recorded() == ["07:00", "07:30", "08:00", "08:30"]


def test_backoff_is_full_jitter_capped() -> None:
    rng = random.Random(7)
    delays = [backoff_delay(attempt, 1.0, 60.0, rng) for attempt in range(40) for _ in range(20)]
    assert all(0 <= d <= 60 for d in delays)
    assert max(delays[:20]) <= 1.0 and max(delays[-100:]) > 30  # grows, then stays under the cap


def test_an_idle_station_keeps_its_last_contact_fresh_on_the_ward_page(
    tmp_path: Path, clock: FakeClock, shared_ward: RestartableWard, station_no: int, worker_factory: WorkerFactory
) -> None:
    device = enrolled_device(
        tmp_path / "a", clock, shared_ward.url, shared_ward.add_station(station_no), station_no=station_no
    )
    device.sync()  # nothing left to send: only a heartbeat can move the ward's "last contact" now
    first = shared_ward.turnout(station_no)["last_contact_at"]
    time.sleep(0.01)
    config = SyncConfig(timeout=FAST_TIMEOUT, pull_interval_s=0.2, heartbeat_s=0.0, reports=None)
    worker_factory(device, config=config)
    for _ in range(2):  # not just once at start: again and again while idle
        assert wait_until(partial(_contact_after, shared_ward, station_no, first), timeout=5)
        first = shared_ward.turnout(station_no)["last_contact_at"]
    assert device.station.status().unsent_events == 0


def _contact_after(ward: RestartableWard, station_no: int, moment: str) -> bool:
    return bool(ward.turnout(station_no)["last_contact_at"] > moment)


def test_check_ins_keep_flowing_while_the_worker_syncs_on_its_own_connection(
    tmp_path: Path, clock: FakeClock, shared_ward: RestartableWard, station_no: int, worker_factory: WorkerFactory
) -> None:
    device = enrolled_device(
        tmp_path / "a", clock, shared_ward.url, shared_ward.add_station(station_no), station_no=station_no, voters=300
    )
    config = SyncConfig(timeout=FAST_TIMEOUT, pull_interval_s=0.01, heartbeat_s=0.0, reports=None)
    worker = worker_factory(device, config=config)
    for n in range(1, 301):  # as the UI thread would, while the worker pushes, pulls and beats
        clock.advance(seconds=1)
        device.check_in(n)
        if n % 50 == 0:
            worker.sync_now()
    status = worker.status  # the last published may predate the last check-ins: the database decides
    assert wait_until(lambda: device.station.status().unsent_events == 0 and status is not worker.status)
    assert worker.status is not None and worker.status.problem is None
    assert_ward_matches(shared_ward, station_no, [device])
