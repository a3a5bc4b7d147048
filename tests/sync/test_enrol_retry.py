"""An enrolment whose answer is lost after the ward committed: the laptop can still enrol and sync.

End to end: the real ward server process on loopback, the station's enrol() and sync, and the
fault proxy between them cutting the connection after the ward answered (``lost_ack``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clerk_app.sync.credentials import InMemoryCredentialStore
from clerk_app.sync.enrol import enrol
from clerk_app.sync.errors import Rejected, Unreachable
from tests.support import FakeClock
from tests.sync.faultproxy import FaultProxy
from tests.sync.support import TIMEOUT, Device, RestartableWard, assert_ward_matches, open_station

STATION = 7
ENROLL = "/api/v1/enroll"


def _lost_enrolment(device: Device, proxy: FaultProxy, code: str) -> None:
    """The ward enrols (commits) and answers; the answer never reaches the laptop."""
    proxy.mode, proxy.only_path = "lost_ack", ENROLL
    with pytest.raises(Unreachable):
        enrol(device.station, proxy.url, code, store=device.store, station_no=STATION, timeout=TIMEOUT)
    assert proxy.count("POST", ENROLL, "lost_ack") >= 1  # it reached the ward
    proxy.mode = "pass"


def _enrol(device: Device, proxy: FaultProxy, code: str) -> None:
    device.enrolment = enrol(device.station, proxy.url, code, store=device.store, station_no=STATION, timeout=TIMEOUT)


def test_a_lost_enrolment_is_completed_with_a_new_code_and_the_station_syncs(
    tmp_path: Path, clock: FakeClock, own_ward: RestartableWard, proxy: FaultProxy
) -> None:
    device = Device(open_station(tmp_path / "laptop", clock), InMemoryCredentialStore())
    _lost_enrolment(device, proxy, own_ward.add_station(STATION))
    assert device.store.load(device.station.device_id) is None  # nothing to sync with
    assert own_ward.turnout(STATION)["devices"] == 1  # yet the ward enrolled this device id

    _enrol(device, proxy, own_ward.add_station(STATION))  # a new code from the ward office

    device.check_in(1, 2)
    assert device.sync().push.unsent == 0
    assert_ward_matches(own_ward, STATION, [device])
    assert own_ward.turnout(STATION)["devices"] == 1


def test_retrying_the_lost_code_completes_the_enrolment_once(
    tmp_path: Path, clock: FakeClock, own_ward: RestartableWard, proxy: FaultProxy
) -> None:
    """The station holds only the code whose answer was lost: the clerk presses Connect again."""
    device = Device(open_station(tmp_path / "laptop", clock), InMemoryCredentialStore())
    code = own_ward.add_station(STATION)
    _lost_enrolment(device, proxy, code)

    _enrol(device, proxy, code)
    device.check_in(3)
    assert device.sync().push.unsent == 0

    with pytest.raises(Rejected) as again:  # a code re-issues once: then the ward office gives a new one
        _enrol(device, proxy, code)
    assert again.value.status == 403
    device.check_in(4)
    assert device.sync().push.unsent == 0  # the refused retry changed nothing
    assert_ward_matches(own_ward, STATION, [device])


def test_a_reenrolment_keeps_the_devices_events_and_retires_its_old_token(
    tmp_path: Path, clock: FakeClock, own_ward: RestartableWard, proxy: FaultProxy
) -> None:
    device = Device(open_station(tmp_path / "laptop", clock), InMemoryCredentialStore())
    _enrol(device, proxy, own_ward.add_station(STATION))
    device.check_in(1, 2, 3)
    assert device.sync().push.unsent == 0
    old_token = device.token
    device.check_in(4)  # not sent yet

    code = own_ward.add_station(STATION)
    _lost_enrolment(device, proxy, code)  # re-enrolled at the ward; the laptop still holds the old token
    refused = device.try_sync()
    assert isinstance(refused, Rejected) and refused.status == 401  # the old token stopped at once
    assert device.station.status().unsent_events == 1  # nothing lost

    _enrol(device, proxy, code)
    assert device.token != old_token
    result = device.sync()
    assert result.push.unsent == 0 and result.push.acked_seq == device.own_seq()
    assert_ward_matches(own_ward, STATION, [device])  # each event once: the ward kept the first three
