"""Two tables (laptops) at one station, through the real ward server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clerk_app.errors import CheckInRefused
from clerk_app.sync.worker import SyncConfig, SyncWorker
from tests.support import FakeClock, election_morning
from tests.sync.support import FAST_TIMEOUT, Device, RestartableWard, assert_ward_matches, enrolled_device, wait_until


@pytest.fixture
def tables(tmp_path: Path, clock: FakeClock, shared_ward: RestartableWard, station_no: int) -> tuple[Device, Device]:
    def table(name: str) -> Device:
        code = shared_ward.add_station(station_no)
        return enrolled_device(tmp_path / name, clock, shared_ward.url, code, station_no=station_no)

    return table("table-1"), table("table-2")


@pytest.fixture
def worker_b(tables: tuple[Device, Device]) -> Iterator[SyncWorker]:
    _, b = tables
    config = SyncConfig(timeout=FAST_TIMEOUT, backoff_base_s=0.05, backoff_cap_s=0.3, pull_interval_s=0.5, reports=None)
    worker = SyncWorker(b.data_dir, credentials=b.store, config=config)
    worker.start()
    yield worker
    assert worker.stop(10)


def test_a_check_in_at_table_1_shows_as_voted_at_table_2_within_seconds(
    tables: tuple[Device, Device], worker_b: SyncWorker
) -> None:
    a, b = tables
    a.check_in(5)
    a.sync()

    def voted_at_b() -> bool:
        voter = b.station.voter(5)  # table 2's own connection, as its screen reads it
        return voter is not None and voter.checked_in

    assert wait_until(voted_at_b, timeout=5)
    refused = b.station.voter(5)
    assert refused is not None and refused.checked_in_at == a.station.voter(5).checked_in_at  # type: ignore[union-attr]


def test_double_check_in_while_partitioned_is_flagged_on_both_and_by_the_ward(
    tables: tuple[Device, Device], clock: FakeClock, shared_ward: RestartableWard, station_no: int
) -> None:
    a, b = tables
    clock.moment = election_morning(8, 5)
    a.check_in(3)
    clock.moment = election_morning(8, 9)
    b.check_in(3, 4)  # neither can see the other

    a.sync()
    ward_view = b.sync().push.conflicts
    a.sync()  # pulls table 2's events

    assert [c.list_no for c in ward_view] == [3]
    assert [c["list_no"] for c in shared_ward.turnout(station_no)["conflicts"]] == [3]
    for device in (a, b):
        (conflict,) = device.station.conflicts()
        assert conflict.list_no == 3
        assert [c.device_id for c in conflict.check_ins] == [a.station.device_id, b.station.device_id]
        voter = device.station.voter(3)
        assert voter is not None and voter.checked_in_at == election_morning(8, 5)  # the earliest is shown
    assert_ward_matches(shared_ward, station_no, [a, b])  # voter 3 counted once


def test_an_undo_at_table_2_of_a_table_1_check_in_is_applied_everywhere(
    tables: tuple[Device, Device], shared_ward: RestartableWard, station_no: int
) -> None:
    a, b = tables
    b.station.set_pin("2468")
    a.check_in(4)
    a.sync()
    b.sync()
    b.station.undo_check_in(4, reason="wrong voter", pin="2468")
    b.sync()
    a.sync()
    assert not a.station.voter(4).checked_in  # type: ignore[union-attr]  # both devices agree...
    assert shared_ward.turnout(station_no)["checked_in"] == 0  # ...and so should the ward


def test_a_voter_checked_in_at_one_table_and_marked_elsewhere_at_the_other_is_counted_alike(
    tables: tuple[Device, Device], clock: FakeClock, shared_ward: RestartableWard, station_no: int
) -> None:
    """Cut off from each other, table 1 checks the voter in and table 2 marks them as voting
    elsewhere: the voter is off the list everywhere, counted nowhere, and the ward names them."""
    a, b = tables
    clock.moment = election_morning(8, 5)
    a.check_in(3, 4)
    clock.moment = election_morning(8, 9)
    b.station.mark_voting_elsewhere(4, certificate="GCN 12")
    a.sync()
    b.sync()
    a.sync()  # pulls table 2's mark

    ward = shared_ward.turnout(station_no)
    for device in (a, b):
        status = device.station.status()
        assert (status.voters, status.checked_in) == (19, 1)  # 20 listed, voter 4 off the list
        assert ward["checked_in"] == status.checked_in
    assert (ward["voters"], ward["marked_elsewhere"], ward["checked_in_but_marked_elsewhere"]) == (2000 - 1, 1, [4])
    assert [c.list_no for c in a.station.list_conflicts()] == [4]


def test_a_mark_taken_back_at_one_table_leaves_the_other_tables_mark_standing_everywhere(
    tables: tuple[Device, Device], clock: FakeClock, shared_ward: RestartableWard, station_no: int
) -> None:
    """Cut off from each other, both tables mark voter 4; table 2 takes its own mark back. Table 1's
    mark still stands, at both tables and at the ward, whatever order they receive the events in."""
    a, b = tables
    b.station.set_pin("2468")
    clock.moment = election_morning(9, 0)
    a.station.mark_voting_elsewhere(4, certificate="GCN 3")
    b.station.mark_voting_elsewhere(4, certificate="GCN 3")
    b.station.undo_voting_elsewhere(4, reason="marked twice", pin="2468")
    a.sync()  # table 1's mark reaches the ward before table 2's mark and undo
    b.sync()
    a.sync()

    for device in (a, b):
        assert device.station.status().voters == 19
        with pytest.raises(CheckInRefused) as refused:
            device.station.check_in(4)
        assert refused.value.reason == "voting_elsewhere"
    ward = shared_ward.turnout(station_no)
    assert (ward["voters"], ward["marked_elsewhere"]) == (2000 - 1, 1)

    a.station.set_pin("1357")
    a.station.undo_voting_elsewhere(4, reason="certificate not issued", pin="1357")
    a.sync()
    b.sync()
    for device in (a, b):
        assert device.station.status().voters == 20
    ward = shared_ward.turnout(station_no)
    assert (ward["voters"], ward["marked_elsewhere"]) == (2000, 0)


def test_a_voter_added_at_one_table_and_marked_elsewhere_at_the_other_leaves_both_lists(
    tables: tuple[Device, Device], shared_ward: RestartableWard, station_no: int
) -> None:
    a, b = tables
    added = a.station.add_voter("Lò Văn Sầm", certificate="GCN-12/2026")
    a.sync()
    b.sync()
    b.station.mark_voting_elsewhere(added.list_no)
    b.sync()
    a.sync()
    for device in (a, b):
        assert device.station.status().voters == 20  # 20 listed, one added, one off the list
    ward = shared_ward.turnout(station_no)
    assert (ward["voters"], ward["marked_elsewhere"]) == (2000 + 1 - 1, 1)
