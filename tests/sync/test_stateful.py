"""A hypothesis state machine: two devices of one station, a real ward server, faults in between.

Rules check voters in on either device, sync either device, switch the proxy's fault mode and
kill -9 / restart the server. At every step: the ward holds every event a device believes
acknowledged, never one twice, and never counts more voters than were checked in. At the end a
fault-free sync leaves nothing unsent, the ward counts each voter once, and both devices agree.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from clerk_app.errors import CheckInRefused
from clerk_app.sync import outbox
from tests.support import FakeClock, election_morning
from tests.sync.faultproxy import MODES, FaultProxy
from tests.sync.support import Device, RestartableWard, assert_ward_matches, enrolled_device

VOTERS = 12
_stations = itertools.count(101)


class StationSync(RuleBasedStateMachine):
    # Set by the test below: one server and one proxy for all examples, a station number each.
    ward: RestartableWard
    proxy: FaultProxy
    base: Path

    def __init__(self) -> None:
        super().__init__()
        self.proxy.mode = "pass"
        self.station_no = next(_stations)
        self.clock = FakeClock(election_morning(6, 30))
        self.devices: list[Device] = []
        for table in (1, 2):
            code = self.ward.add_station(self.station_no)
            path = self.base / f"kv{self.station_no}-table{table}"
            url = self.proxy.url
            self.devices.append(enrolled_device(path, self.clock, url, code, station_no=self.station_no, voters=VOTERS))

    @rule(table=st.integers(0, 1), list_no=st.integers(1, VOTERS))
    def check_in(self, table: int, list_no: int) -> None:
        self.clock.advance(seconds=7)
        try:
            self.devices[table].check_in(list_no)
        except CheckInRefused as refused:
            assert refused.reason == "already_checked_in"

    @rule(table=st.integers(0, 1))
    def sync(self, table: int) -> None:
        problem = self.devices[table].try_sync()
        if self.proxy.mode == "pass":
            assert problem is None, problem

    @rule(mode=st.sampled_from(MODES), where=st.sampled_from(["/api/v1/events", "/api/v1/stations", "/"]))
    def fault(self, mode: str, where: str) -> None:
        self.proxy.mode, self.proxy.only_path = mode, where

    @rule()
    def restart_server(self) -> None:
        self.ward.restart()

    @invariant()
    def the_ward_holds_what_it_acknowledged_once(self) -> None:
        events = self.ward.events(self.station_no, self.devices[0].token)
        keys = [(e["device_id"], e["seq"]) for e in events]
        assert len(keys) == len(set(keys))
        for device in self.devices:
            held = {seq for dev, seq in keys if dev == device.station.device_id}
            acked = outbox.acked_seq(device.station.db)
            assert acked <= device.own_seq()
            assert set(range(1, acked + 1)) <= held <= set(range(1, device.own_seq() + 1))
        voted = set().union(*(d.checked_in for d in self.devices))
        assert self.ward.turnout(self.station_no)["checked_in"] <= len(voted)

    def teardown(self) -> None:
        try:
            self.proxy.mode = "pass"
            for device in (*self.devices, self.devices[0]):  # the first again: it pulls the second's
                assert device.try_sync() is None
            assert_ward_matches(self.ward, self.station_no, self.devices)
            voted = set().union(*(d.checked_in for d in self.devices))
            for device in self.devices:
                seen = {n for n in range(1, VOTERS + 1) if device.station.voter(n).checked_in}  # type: ignore[union-attr]
                assert seen == voted
        finally:
            for device in self.devices:
                device.station.close()


def test_devices_and_server_under_faults(own_ward: RestartableWard, proxy: FaultProxy, tmp_path: Path) -> None:
    StationSync.ward, StationSync.proxy, StationSync.base = own_ward, proxy, tmp_path
    proxy.delay_s = 1.2  # "slow": past the client's 1 s read timeout
    run_state_machine_as_test(
        StationSync,
        settings=settings(
            max_examples=4,
            stateful_step_count=12,
            deadline=None,
            database=None,
            # No shrinking: with server restarts it takes minutes; the failing steps are printed anyway.
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
