"""The pull cursor against the real ward server: it moves past this device's own events too."""

from __future__ import annotations

from pathlib import Path

import requests

from clerk_app.clock import now as wall_clock
from clerk_app.sync import engine, link
from clerk_app.sync.client import WardClient
from clerk_app.sync.status import read_status
from tests.support import FakeClock
from tests.sync.support import FAST_TIMEOUT, TIMEOUT, Device, RestartableWard, enrolled_device


def ward_cursor(ward: RestartableWard, station_no: int, token: str) -> int:
    """Where the ward's cursor ends for the station: past every event it holds."""
    answer = requests.get(
        f"{ward.url}/api/v1/stations/{station_no}/events",
        params={"after": 0, "limit": 1000},
        headers={"Authorization": f"Bearer {token}"},
        timeout=TIMEOUT,
    )
    assert answer.status_code == 200 and len(answer.json()["events"]) < 1000
    return int(answer.json()["next"])


def spy_on_pulls(client: WardClient) -> list[int]:
    """The ``after`` of every page the client asks for."""
    asked: list[int] = []
    real = client.station_events

    def station_events(station: int, after: int, limit: int = 500, exclude_device: str | None = None) -> object:
        asked.append(after)
        return real(station, after, limit, exclude_device)

    client.station_events = station_events  # type: ignore[method-assign,assignment]
    return asked


def pull_twice(device: Device) -> list[int]:
    client, ward = engine.open_client(device.station, device.store, FAST_TIMEOUT)
    with client:
        asked = spy_on_pulls(client)
        engine.pull(device.station, client, ward)
        engine.pull(device.station, client, ward)
    return asked


def test_a_pull_that_finds_only_this_devices_own_events_saves_the_cursor(
    tmp_path: Path, clock: FakeClock, shared_ward: RestartableWard, station_no: int
) -> None:
    a = enrolled_device(
        tmp_path / "a", clock, shared_ward.url, shared_ward.add_station(station_no), station_no=station_no
    )
    a.check_in(1, 2, 3)
    result = a.sync()  # pushes a's events, then pulls: the ward leaves them all out (exclude_device)
    newest = ward_cursor(shared_ward, station_no, a.token)

    assert result.pull.stored == 0 and newest > 0
    assert link.pull_cursor(a.station.db) == newest  # saved, not only returned
    assert pull_twice(a) == [newest, newest]  # never from 0 again: the ward does not look at them again

    a.check_in(4)
    a.sync()
    assert link.pull_cursor(a.station.db) == ward_cursor(shared_ward, station_no, a.token) > newest


def test_the_cursor_moves_past_own_events_that_come_after_another_devices(
    tmp_path: Path, clock: FakeClock, shared_ward: RestartableWard, station_no: int
) -> None:
    a = enrolled_device(
        tmp_path / "a", clock, shared_ward.url, shared_ward.add_station(station_no), station_no=station_no
    )
    b = enrolled_device(
        tmp_path / "b", clock, shared_ward.url, shared_ward.add_station(station_no), station_no=station_no
    )
    b.check_in(5)
    b.sync()
    assert a.sync().pull.stored > 0  # b's events (its list, its polls, its check-in)
    after_b = link.pull_cursor(a.station.db)
    held = read_status(a.station.db, a.station.device_id, enrolled=True, reachable=True).foreign_events
    assert held > 0

    a.check_in(6, 7)
    a.sync()  # only a's own events after the cursor now
    assert link.pull_cursor(a.station.db) == ward_cursor(shared_ward, station_no, a.token) > after_b
    status = read_status(a.station.db, a.station.device_id, enrolled=True, reachable=True)
    assert status.foreign_events == held  # nothing new from the other tables: the window need not redraw
    voter = a.station.voter(5)
    assert voter is not None and voter.checked_in


def test_a_restarted_pull_after_a_crash_starts_from_the_saved_cursor(
    tmp_path: Path, clock: FakeClock, shared_ward: RestartableWard, station_no: int
) -> None:
    a = enrolled_device(
        tmp_path / "a", clock, shared_ward.url, shared_ward.add_station(station_no), station_no=station_no
    )
    a.check_in(1)
    a.sync()
    saved = link.pull_cursor(a.station.db)
    a.station.close()
    reopened = a.station.open(a.data_dir, clock=clock, clerk="Bàn 1")  # the app started again
    try:
        assert link.pull_cursor(reopened.db) == saved > 0
        client, ward = engine.open_client(reopened, a.store, FAST_TIMEOUT)
        with client:
            asked = spy_on_pulls(client)
            engine.sync_once(reopened, client, ward, wall_clock)
        assert asked == [saved]
    finally:
        reopened.close()
