"""Draining the outbox to the real ward server, through every fault the issue names.

After each: the ward holds every event of the device exactly once, counts each voter once, and
the device shows nothing unsent.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clerk_app.sync import link, outbox
from clerk_app.sync.enrol import enrol
from clerk_app.sync.errors import Unreachable
from tests.support import FakeClock
from tests.sync.faultproxy import FaultProxy
from tests.sync.support import (
    FAST_TIMEOUT,
    Device,
    RestartableWard,
    assert_ward_matches,
    enrolled_device,
    running_ward,
)

STATION = 7


def _device(tmp_path: Path, clock: FakeClock, ward: RestartableWard, url: str, voters: int = 30) -> Device:
    return enrolled_device(tmp_path / "laptop", clock, url, ward.add_station(STATION), voters=voters)


def test_happy_path_drains_in_batches_of_500(
    tmp_path: Path, clock: FakeClock, own_ward: RestartableWard, proxy: FaultProxy
) -> None:
    device = _device(tmp_path, clock, own_ward, proxy.url, voters=1100)
    enrolment_posts = proxy.count("POST", "/api/v1/events")  # the restore's empty batch
    for n in range(1, 1101):
        clock.advance(seconds=2)
        device.check_in(n)
    assert device.station.status().unsent_events == device.own_seq() > 1000

    result = device.sync()

    assert result.push.unsent == 0 and result.push.acked_seq == device.own_seq()
    assert proxy.count("POST", "/api/v1/events") - enrolment_posts == 3  # 500 + 500 + the rest
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
    enrolment_posts = proxy.count("POST", "/api/v1/events")  # the restore's empty batch
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
        assert proxy.count("POST", "/api/v1/events") - enrolment_posts == 2


def test_server_killed_mid_request_and_restarted(
    tmp_path: Path, clock: FakeClock, own_ward: RestartableWard, proxy: FaultProxy
) -> None:
    ward = own_ward
    device = _device(tmp_path, clock, ward, proxy.url, voters=1100)
    enrolment_posts = proxy.count("POST", "/api/v1/events")  # the restore's empty batch
    for n in range(1, 1101):
        device.check_in(n)

    def kill_at_second_batch(method: str, path: str) -> None:
        if method == "POST" and proxy.count("POST", "/api/v1/events") - enrolment_posts == 2:
            ward.kill()  # the second batch is on the wire: the server may or may not have stored it

    proxy.hook = kill_at_second_batch
    assert isinstance(device.try_sync(), Unreachable)
    assert 0 < outbox.acked_seq(device.station.db) < device.own_seq()

    proxy.hook = None
    ward.start()
    device.sync()
    assert_ward_matches(ward, STATION, [device])


def test_ack_never_moves_past_what_was_sent(station_factory: object, clock: FakeClock) -> None:
    from clerk_app.clock import now

    device_station = station_factory()  # type: ignore[operator]
    device_station.check_in(1)
    contact = outbox.Contact(now(), now(), 0.0)
    sent = device_station.unsent_events()
    top = sent[-1].seq
    assert device_station.record_ack(top + 50, highest_sent=top, contact=contact) == top
    assert device_station.unsent_events() == []


def test_an_ack_below_the_mark_makes_the_events_above_it_unsent_again(
    station_factory: object, clock: FakeClock
) -> None:
    from clerk_app.clock import now

    device_station = station_factory()  # type: ignore[operator]
    device_station.check_in(1)
    device_station.check_in(2)
    contact = outbox.Contact(now(), now(), 0.0)
    top = device_station.unsent_events()[-1].seq
    assert device_station.record_ack(top, highest_sent=top, contact=contact) == top
    device_station.apply_foreign_events([], cursor=123)  # read the ward's events up to id 123
    assert link.pull_cursor(device_station.db) == 123

    assert device_station.record_ack(2, highest_sent=top, contact=contact) == 2  # the ward lost 3..top

    assert [e.seq for e in device_station.unsent_events()] == list(range(3, top + 1))
    assert link.pull_cursor(device_station.db) == 0  # its event ids restart below 123: read from the first


def _copy_database(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("ward.db*"):
        old.unlink()
    for part in source.glob("ward.db*"):  # the database with its WAL: a copy of a stopped server
        shutil.copy2(part, target / part.name)


def test_a_ward_restored_from_an_earlier_copy_gets_the_lost_events_again(
    tmp_path: Path, clock: FakeClock, own_ward: RestartableWard
) -> None:
    device = _device(tmp_path, clock, own_ward, own_ward.url)
    other = enrolled_device(tmp_path / "table2", clock, own_ward.url, own_ward.add_station(STATION))
    device.check_in(1, 2, 3)
    device.sync()
    own_ward.stop()
    _copy_database(own_ward.data_dir, tmp_path / "backup")  # the ward's copy of 07:00
    own_ward.start()
    clock.advance(minutes=20)
    device.check_in(4, 5, 6)
    assert device.sync().push.unsent == 0  # acknowledged by the ward, then lost with its disk:
    other.sync()  # (table 2 has read the ward's events up to here)
    own_ward.stop()
    _copy_database(tmp_path / "backup", own_ward.data_dir)
    own_ward.start()
    clock.advance(minutes=5)
    other.check_in(20)
    other.sync()  # table 2's check-in gets an event id that table 1 had read past before the loss
    device.check_in(7)

    result = device.sync()

    assert result.push.unsent == 0 and result.push.acked_seq == device.own_seq()
    assert_ward_matches(own_ward, STATION, [device, other])
    row = device.station.db.conn.execute("SELECT 1 FROM checkins WHERE list_no = 20").fetchone()
    assert row is not None  # table 2's check-in is seen at table 1


def test_enrolled_with_a_new_ward_server_the_station_sends_everything_and_reads_from_the_first(
    tmp_path: Path, clock: FakeClock
) -> None:
    with running_ward(tmp_path / "old-ward") as old:
        first = enrolled_device(tmp_path / "table1", clock, old.url, old.add_station(STATION))
        second = enrolled_device(tmp_path / "table2", clock, old.url, old.add_station(STATION))
        first.check_in(1, 2, 3)
        first.sync()
        second.check_in(10)
        second.sync()
        first.sync()
    with running_ward(tmp_path / "new-ward") as new:  # the ward's laptop replaced by a fresh server
        for device in (second, first):
            enrol(device.station, new.url, new.add_station(STATION), store=device.store, timeout=FAST_TIMEOUT)
        second.check_in(11)
        second.sync()
        first.check_in(4)

        result = first.sync()

        assert result.push.unsent == 0
        assert_ward_matches(new, STATION, [first, second])
        row = first.station.db.conn.execute("SELECT 1 FROM checkins WHERE list_no = 11").fetchone()
        assert row is not None  # the new ward's first events are read, not skipped


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
