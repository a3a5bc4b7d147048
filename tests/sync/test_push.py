"""Draining the outbox to the real ward server, through every fault the issue names.

After each: the ward holds every event of the device exactly once, counts each voter once, and
the device shows nothing unsent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clerk_app.sync import outbox
from clerk_app.sync.errors import Unreachable
from tests.support import FakeClock
from tests.sync.faultproxy import FaultProxy
from tests.sync.support import Device, RestartableWard, assert_ward_matches, enrolled_device

STATION = 7


def _device(tmp_path: Path, clock: FakeClock, ward: RestartableWard, url: str, voters: int = 30) -> Device:
    return enrolled_device(tmp_path / "laptop", clock, url, ward.add_station(STATION), voters=voters)


def test_happy_path_drains_in_batches_of_500(
    tmp_path: Path, clock: FakeClock, own_ward: RestartableWard, proxy: FaultProxy
) -> None:
    device = _device(tmp_path, clock, own_ward, proxy.url, voters=1100)
    for n in range(1, 1101):
        clock.advance(seconds=2)
        device.check_in(n)
    assert device.station.status().unsent_events == device.own_seq() > 1000

    result = device.sync()

    assert result.push.unsent == 0 and result.push.acked_seq == device.own_seq()
    assert proxy.count("POST", "/api/v1/events") == 3  # 500 + 500 + the rest
    assert_ward_matches(own_ward, STATION, [device])
    assert device.station.status().last_sync_at is not None


def test_server_down_at_start_then_up_loses_nothing(
    tmp_path: Path, clock: FakeClock, own_ward: RestartableWard
) -> None:
    device = _device(tmp_path, clock, own_ward, own_ward.url)
    own_ward.kill()
    device.check_in(1, 2, 3)

    assert isinstance(device.try_sync(), Unreachable)
    assert device.station.status().unsent_events == device.own_seq()

    own_ward.start()
    device.sync()
    assert_ward_matches(own_ward, STATION, [device])


@pytest.mark.parametrize("mode", ["error_500", "slow", "lost_ack", "drop_mid_body", "refuse"])
def test_fault_then_recovery(
    tmp_path: Path, clock: FakeClock, own_ward: RestartableWard, proxy: FaultProxy, mode: str
) -> None:
    device = _device(tmp_path, clock, own_ward, proxy.url)
    device.check_in(*range(1, 21))
    proxy.mode, proxy.only_path, proxy.delay_s = mode, "/api/v1/events", 1.5

    assert isinstance(device.try_sync(), Unreachable)
    assert device.station.status().unsent_events > 0  # nothing marked sent without an ack

    proxy.mode = "pass"
    device.check_in(21)
    device.sync()
    assert_ward_matches(own_ward, STATION, [device])
    if mode in ("slow", "lost_ack"):
        # The ward stored the batch the first time; the resend was a harmless duplicate.
        assert proxy.count("POST", "/api/v1/events") == 2


def test_server_killed_mid_request_and_restarted(
    tmp_path: Path, clock: FakeClock, own_ward: RestartableWard, proxy: FaultProxy
) -> None:
    ward = own_ward
    device = _device(tmp_path, clock, ward, proxy.url, voters=1100)
    for n in range(1, 1101):
        device.check_in(n)

    def kill_at_second_batch(method: str, path: str) -> None:
        if method == "POST" and proxy.count("POST", "/api/v1/events") == 2:
            ward.kill()  # the second batch is on the wire: the server may or may not have stored it

    proxy.hook = kill_at_second_batch
    assert isinstance(device.try_sync(), Unreachable)
    assert 0 < outbox.acked_seq(device.station.db) < device.own_seq()

    proxy.hook = None
    ward.start()
    device.sync()
    assert_ward_matches(ward, STATION, [device])


def test_ack_never_moves_backwards_nor_past_what_was_sent(station_factory: object, clock: FakeClock) -> None:
    from clerk_app.clock import now

    device_station = station_factory()  # type: ignore[operator]
    device_station.check_in(1)
    contact = outbox.Contact(now(), now(), 0.0)
    sent = device_station.unsent_events()
    top = sent[-1].seq
    assert device_station.record_ack(top + 50, highest_sent=top, contact=contact) == top
    assert device_station.record_ack(1, highest_sent=top, contact=contact) == top
    assert device_station.unsent_events() == []


def test_events_sent_carry_no_local_note(station_factory: object) -> None:
    station = station_factory()  # type: ignore[operator]
    station.set_pin("2468")
    station.check_in(1)
    station.undo_check_in(1, reason="Nhầm người: Nguyễn Thị Hoa", pin="2468")
    from clerk_app.sync.protocol import batch_body

    body = batch_body(station.device_id, 7, station.unsent_events()).decode("utf-8")
    assert "Nhầm" not in body and "local_note" not in body and "Hoa" not in body
    assert '"undoes"' in body


def test_an_event_the_ward_refuses_stops_the_drain_and_is_reported(
    tmp_path: Path, clock: FakeClock, own_ward: RestartableWard
) -> None:
    device = _device(tmp_path, clock, own_ward, own_ward.url)
    device.check_in(1, 2, 3)
    top = device.own_seq()
    # A damaged row (a disk fault, a hand edit): its content no longer matches its hash.
    device.station.db.conn.execute(
        "UPDATE events SET at = '2026-03-15T07:59:00.000+07:00' WHERE device_id = ? AND seq = ?",
        (device.station.device_id, top - 1),
    )
    device.station.db.conn.commit()

    pushed = device.sync().push

    assert pushed.stuck and pushed.acked_seq == top - 2 and pushed.unsent == 2
    assert [(r.seq, r.reason) for r in pushed.refused] == [(top - 1, "bad_hash")]
    assert own_ward.turnout(STATION)["incidents"] == 1
