"""The events an earlier version left unsent reach the ward after the upgrade, each exactly once.

A real ward server on loopback (``python -m ward_server``, as tests/sync runs it); the station is
the v0.1 fixture, opened (and so upgraded) by today's code, enrolled, and synced.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clerk_app.clock import now as wall_clock
from clerk_app.station import Station
from clerk_app.storage.db import schema_upgrade
from clerk_app.sync import engine
from clerk_app.sync.credentials import InMemoryCredentialStore
from clerk_app.sync.enrol import enrol
from tests.migrations.support import facts, station_from_fixture
from tests.support import FakeClock, election_morning
from tests.sync.support import TIMEOUT, RestartableWard, running_ward


@pytest.fixture
def ward(tmp_path: Path) -> Iterator[RestartableWard]:
    with running_ward(tmp_path / "ward") as server:
        yield server


def test_upgraded_station_syncs_its_unsent_events_to_the_ward(ward: RestartableWard, tmp_path: Path) -> None:
    known = facts("v0.1-m001")
    station_from_fixture("v0.1-m001", tmp_path / "station")
    station = Station.open(tmp_path / "station", clock=FakeClock(election_morning(10, 0)))  # later that morning
    try:
        assert schema_upgrade(station.db) is not None
        assert station.status().unsent_events == known["events"]
        code = ward.add_station(known["station"])
        store = InMemoryCredentialStore()
        enrolled = enrol(station, ward.url, code, store=store, station_no=known["station"], timeout=TIMEOUT)
        assert enrolled.restore_problem is None and enrolled.station == known["station"]

        client, link = engine.open_client(station, store, TIMEOUT)
        with client:
            done = engine.sync_once(station, client, link, wall_clock)
        assert not done.push.refused and not done.push.conflicts
        assert done.push.unsent == 0 and done.push.acked_seq == known["events"]
        assert station.status().unsent_events == 0

        token = store.load(station.device_id)
        assert token is not None
        held = ward.events(known["station"], token.token)
        mine = sorted(e["seq"] for e in held if e["device_id"] == known["device_id"])
        assert mine == list(range(1, known["events"] + 1)), "the ward holds each old event exactly once"
        assert ward.turnout(known["station"])["checked_in"] == known["checked_in"]

        # The upgraded station goes on with the day: a new check-in travels after the old ones.
        station.check_in(13)  # even numbers up to 78 and 11 are checked in already
        client, link = engine.open_client(station, store, TIMEOUT)
        with client:
            again = engine.sync_once(station, client, link, wall_clock)
        assert again.push.unsent == 0 and again.push.acked_seq == known["events"] + 1
        assert ward.turnout(known["station"])["checked_in"] == known["checked_in"] + 1
    finally:
        station.close()
