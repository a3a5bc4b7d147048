"""A station file restored from a backup (README "Backing up a station") is older than what the
ward holds of its own device: the events made after the copy are at the ward only.

Sync takes them back (they continue the file's own chain), check-ins wait until it has, and an
event the ward refuses is never taken for sent.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from clerk_app.errors import CheckInRefused
from clerk_app.station import Station
from clerk_app.storage.backup import backup_database
from clerk_app.storage.eventlog import Event
from clerk_app.sync import engine, link
from clerk_app.sync.client import WardClient
from clerk_app.sync.credentials import InMemoryCredentialStore
from clerk_app.sync.enrol import enrol
from clerk_app.sync.errors import Rejected
from clerk_app.sync.protocol import Ack
from clerk_app.sync.reports import ReportSchedule
from clerk_app.sync.worker import SyncConfig, SyncWorker
from tests.support import FakeClock, election_morning
from tests.sync.support import (
    FAST_TIMEOUT,
    TIMEOUT,
    Device,
    RestartableWard,
    enrolled_device,
    open_station,
    wait_until,
    wall_clock,
)


def _backup(station: Station, target: Path) -> None:
    """A copy of the file made some other way than ``clerk-app backup`` (the data folder copied
    while the app was closed): nothing in it says it is a copy."""
    copy = sqlite3.connect(target)
    try:
        station.db.conn.backup(copy)
    finally:
        copy.close()


def _restore(device: Device, backup: Path, clock: FakeClock) -> Device:
    """The disk failed: the copy is put in place of station.db, as the README says."""
    data_dir = device.station.data_dir
    device.station.close()
    for part in data_dir.glob("station.db*"):
        part.unlink()
    backup.rename(data_dir / "station.db")
    return Device(Station.open(data_dir, clock=clock, clerk="Bàn 1"), device.store)


def _with_a_backup_then_more(tmp_path: Path, clock: FakeClock, ward: RestartableWard, station_no: int) -> Device:
    device = enrolled_device(tmp_path / "laptop", clock, ward.url, ward.add_station(station_no), station_no=station_no)
    device.check_in(1, 2)
    device.sync()
    _backup(device.station, tmp_path / "backup.db")
    clock.advance(minutes=30)
    device.check_in(3, 4, 5)
    device.sync()  # the ward holds 1-5; the copy only 1 and 2
    return _restore(device, tmp_path / "backup.db", clock)


def test_sync_takes_back_this_laptops_own_check_ins_made_after_the_copy(
    tmp_path: Path, clock: FakeClock, shared_ward: RestartableWard, station_no: int
) -> None:
    restored = _with_a_backup_then_more(tmp_path, clock, shared_ward, station_no)
    assert restored.station.voter(3).checked_in_at is None  # type: ignore[union-attr]
    restored.sync()
    for list_no in (3, 4, 5):
        with pytest.raises(CheckInRefused) as refused:
            restored.station.check_in(list_no)
        assert refused.value.reason == "already_checked_in"
    restored.check_in(6)  # the chain goes on where the ward's copy of it ends
    result = restored.sync()
    assert result.push.unsent == 0 and result.push.refused == ()
    assert shared_ward.turnout(station_no)["checked_in"] == 6
    assert link.ward_holds_own_to(restored.station.db) == 0


def test_check_ins_wait_while_the_ward_holds_more_of_this_laptop(
    tmp_path: Path, clock: FakeClock, shared_ward: RestartableWard, station_no: int
) -> None:
    restored = _with_a_backup_then_more(tmp_path, clock, shared_ward, station_no)
    client, ward = engine.open_client(restored.station, restored.store, FAST_TIMEOUT)
    with client:
        engine.heartbeat(restored.station, client, ward, wall_clock)  # the ward answers: it holds seq 5+
        assert restored.station.waiting_for_the_ward()
        with pytest.raises(CheckInRefused) as refused:
            restored.station.check_in(3)  # voter 3 voted after the copy was made
        assert refused.value.reason == "waiting_for_the_ward"
        engine.pull(restored.station, client, ward)
    assert not restored.station.waiting_for_the_ward()
    with pytest.raises(CheckInRefused) as refused:
        restored.station.check_in(3)
    assert refused.value.reason == "already_checked_in"


def test_events_the_ward_refuses_are_never_taken_for_sent(
    tmp_path: Path, clock: FakeClock, shared_ward: RestartableWard, station_no: int
) -> None:
    """Checked in on the restored copy before any sync (the team leader let it go on): the new
    events reuse seqs the ward holds with other content. They stay unsent, and sync says so."""
    restored = _with_a_backup_then_more(tmp_path, clock, shared_ward, station_no)
    restored.check_in(10)
    result = restored.sync()
    assert [r.reason for r in result.push.refused] == ["different_content"]
    assert result.push.unsent == 1 and result.push.stuck
    assert restored.station.status().unsent_events == 1


def test_a_backup_copy_put_in_place_waits_for_the_ward_from_the_start(
    tmp_path: Path, clock: FakeClock, shared_ward: RestartableWard, station_no: int
) -> None:
    """``clerk-app backup`` marks its copies: opened in place of station.db, the station knows at
    once that the ward may hold more of it, before it has reached the ward at all."""
    device = enrolled_device(
        tmp_path / "laptop", clock, shared_ward.url, shared_ward.add_station(station_no), station_no=station_no
    )
    device.check_in(1)
    backup_database(device.station.db.conn, tmp_path / "backup.db", mark_as_copy=True)
    device.check_in(2)
    device.sync()
    restored = _restore(device, tmp_path / "backup.db", clock)
    with pytest.raises(CheckInRefused) as refused:
        restored.station.check_in(2)  # offline still: voter 2's check-in is at the ward only
    assert refused.value.reason == "waiting_for_the_ward"
    restored.sync()
    assert not restored.station.waiting_for_the_ward()
    with pytest.raises(CheckInRefused) as refused:
        restored.station.check_in(2)
    assert refused.value.reason == "already_checked_in"
    restored.check_in(3)
    assert restored.sync().push.unsent == 0
    assert shared_ward.turnout(station_no)["checked_in"] == 3


def test_a_copy_of_a_station_never_enrolled_checks_in_as_before(tmp_path: Path, clock: FakeClock) -> None:
    station = open_station(tmp_path / "laptop", clock)
    backup_database(station.db.conn, tmp_path / "backup.db", mark_as_copy=True)
    device = _restore(Device(station, InMemoryCredentialStore()), tmp_path / "backup.db", clock)
    assert not device.station.waiting_for_the_ward()  # no ward to wait for
    device.check_in(1)


def test_nothing_is_recorded_on_a_restored_copy_until_the_ward_has_answered(
    tmp_path: Path, clock: FakeClock, shared_ward: RestartableWard, station_no: int
) -> None:
    """Any event this laptop wrote now (an undo, an hourly report, the closing, a PIN) would take a
    seq the ward holds with other content: refused for good, and its own check-ins never back."""
    device = enrolled_device(
        tmp_path / "laptop", clock, shared_ward.url, shared_ward.add_station(station_no), station_no=station_no
    )
    device.station.set_pin("2468")
    device.check_in(1)
    backup_database(device.station.db.conn, tmp_path / "backup.db", mark_as_copy=True)
    clock.moment = election_morning(8, 30)
    device.station.record_due_reports()  # the 08:00 report, after the copy
    device.check_in(2)
    device.sync()
    restored = _restore(device, tmp_path / "backup.db", clock)
    station = restored.station
    assert station.record_due_reports() == []  # the worker's round begins with these
    for change in (
        lambda: station.undo_check_in(1, reason="nhầm", pin="2468"),
        lambda: station.set_pin("1357", current_pin="2468"),
        lambda: station.close_polls(early=True, reason="thử"),
        lambda: station.stop_waiting_for_the_ward("2468"),
    ):
        with pytest.raises(CheckInRefused) as refused:
            change()
        assert refused.value.reason in ("waiting_for_the_ward", "restored_copy_must_reach_the_ward")
    assert station.waiting_for_the_ward()

    result = restored.sync()
    assert result.push.refused == () and not station.waiting_for_the_ward()
    assert station.voter(2).checked_in_at is not None  # type: ignore[union-attr]
    assert station.record_due_reports() == []  # the 08:00 report came back from the ward
    restored.check_in(3)
    assert restored.sync().push.unsent == 0
    assert shared_ward.turnout(station_no)["checked_in"] == 3


def test_a_restored_copy_enrolled_again_takes_its_check_ins_back_before_checking_anyone_in(
    tmp_path: Path, clock: FakeClock, shared_ward: RestartableWard, station_no: int
) -> None:
    """The disk died with the keyring on it: the copy (made any way) is enrolled again, with a new
    code. The enrolment's restore asks the ward first what it holds of this laptop."""
    restored = _with_a_backup_then_more(tmp_path, clock, shared_ward, station_no)
    store = InMemoryCredentialStore()
    code = shared_ward.add_station(station_no)
    result = enrol(restored.station, shared_ward.url, code, store=store, station_no=station_no, timeout=TIMEOUT)
    assert result.restore_problem is None and not restored.station.waiting_for_the_ward()
    with pytest.raises(CheckInRefused) as refused:
        restored.station.check_in(4)  # checked in after the copy was made, on this laptop
    assert refused.value.reason == "already_checked_in"
    again = Device(restored.station, store)
    again.check_in(6)
    assert again.sync().push.refused == ()
    assert shared_ward.turnout(station_no)["checked_in"] == 6


def test_the_worker_asks_the_ward_before_recording_its_reports_on_a_copy_made_another_way(
    tmp_path: Path, clock: FakeClock, shared_ward: RestartableWard, station_no: int
) -> None:
    """The data folder copied with the app closed (nothing marks it): a report hour passed after
    the copy, so the worker's first round must ask the ward before it writes that report again,
    or it takes a seq the ward holds with other content and the check-ins never come back."""
    device = enrolled_device(
        tmp_path / "laptop", clock, shared_ward.url, shared_ward.add_station(station_no), station_no=station_no
    )
    device.check_in(1, 2)
    device.sync()
    _backup(device.station, tmp_path / "backup.db")  # 07:00
    clock.moment = election_morning(8, 30)
    device.station.record_due_reports()  # the 07:00 and 08:00 reports, on the laptop only
    device.check_in(3, 4, 5)
    device.sync()
    restored = _restore(device, tmp_path / "backup.db", clock)
    restored.station.close()
    config = SyncConfig(
        timeout=FAST_TIMEOUT, backoff_base_s=0.05, backoff_cap_s=0.3, pull_interval_s=0.2, reports=ReportSchedule()
    )
    worker = SyncWorker(restored.data_dir, credentials=restored.store, config=config, clock=clock)
    worker.start()  # the app opened on the restored folder
    try:
        assert wait_until(
            lambda: (
                worker.status is not None
                and worker.status.reachable is True
                and not (worker.status.problem or worker.status.unsent_events)
            ),
            timeout=10,
        )
    finally:
        assert worker.stop(10)
    station = Station.open(restored.data_dir, clock=clock, clerk="Bàn 1")
    try:
        assert station.voter(4).checked_in_at is not None  # type: ignore[union-attr]
        assert not station.waiting_for_the_ward()
        kinds = [
            k for (k,) in station.db.conn.execute("SELECT kind FROM events WHERE device_id = ?", (station.device_id,))
        ]
        assert kinds.count("hourly_report") == 2  # taken back from the ward, not written twice
    finally:
        station.close()
    assert shared_ward.turnout(station_no)["checked_in"] == 5


def test_a_copy_whose_waiting_batch_the_ward_refuses_still_hears_what_it_holds(
    tmp_path: Path,
    clock: FakeClock,
    shared_ward: RestartableWard,
    station_no: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    device = enrolled_device(
        tmp_path / "laptop", clock, shared_ward.url, shared_ward.add_station(station_no), station_no=station_no
    )
    device.check_in(1)  # unsent in the copy
    backup_database(device.station.db.conn, tmp_path / "backup.db", mark_as_copy=True)
    device.sync()
    restored = _restore(device, tmp_path / "backup.db", clock)
    real_post = WardClient.post_events

    def refuse_batches(client: WardClient, device_id: str, station: int, events: list[Event]) -> Ack:
        if events:  # the ward answers, but refuses the batch as a whole
            raise Rejected(422, "unprocessable")
        return real_post(client, device_id, station, events)

    monkeypatch.setattr(WardClient, "post_events", refuse_batches)
    with pytest.raises(Rejected):
        restored.sync()
    assert not restored.station.own_chain_may_go_on_elsewhere()  # the empty batch went first
