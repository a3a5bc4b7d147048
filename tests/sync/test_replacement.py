"""A laptop replaced in the middle of the day: the new one restores from the ward before check-in."""

from __future__ import annotations

from pathlib import Path

import pytest

from clerk_app.errors import CheckInRefused, PinRefused, StationMismatch
from clerk_app.model import PollsState, VoterStatus
from clerk_app.station import Station
from clerk_app.storage.merge import PLACEHOLDER_NAME
from clerk_app.sync.credentials import InMemoryCredentialStore
from clerk_app.sync.enrol import enrol
from clerk_app.sync.errors import BadEnrolment
from tests.support import FakeClock, parsed_list
from tests.sync.faultproxy import FaultProxy
from tests.sync.support import TIMEOUT, Device, RestartableWard, assert_ward_matches, enrolled_device, voter_rows


def test_replacement_restores_before_first_check_in_and_continues_under_a_new_id(
    tmp_path: Path, clock: FakeClock, shared_ward: RestartableWard, station_no: int
) -> None:
    old = enrolled_device(
        tmp_path / "old", clock, shared_ward.url, shared_ward.add_station(station_no), station_no=station_no
    )
    old.check_in(1, 2, 3)
    added = old.station.add_voter("Lò Văn Sầm", certificate="GCN-12/2026")
    old.check_in(added.list_no)
    old.sync()
    old.station.close()  # the old laptop dies

    fresh = Station.open(tmp_path / "new", clock=clock, clerk="Bàn 1")
    store = InMemoryCredentialStore()
    with pytest.raises(BadEnrolment):  # no list, no number: which station?
        enrol(fresh, shared_ward.url, "unused", store=store, timeout=TIMEOUT)
    result = enrol(fresh, shared_ward.url, shared_ward.add_station(station_no), store=store, station_no=station_no)
    assert result.restore_problem is None and result.restored > 0 and not result.has_list
    assert fresh.device_id != old.station.device_id and fresh.polls_state() is PollsState.OPEN

    with pytest.raises(StationMismatch):  # another station's list is refused
        fresh.import_list(parsed_list(voter_rows(20), station_no=station_no + 1000))
    fresh.import_list(parsed_list(voter_rows(20), station_no=station_no))
    new = Device(fresh, store, result)
    for list_no in (2, added.list_no):
        with pytest.raises(CheckInRefused) as refused:
            fresh.check_in(list_no)
        assert refused.value.reason == "already_checked_in"
    placeholder = fresh.voter(added.list_no)
    assert placeholder is not None and placeholder.name == PLACEHOLDER_NAME
    assert placeholder.status is VoterStatus.ADDED

    new.check_in(4)
    new.sync()
    assert_ward_matches(shared_ward, station_no, [new], also_voted=old.checked_in)
    assert shared_ward.turnout(station_no)["checked_in"] == 5


def test_a_second_table_sees_the_replacement_laptops_check_ins(
    tmp_path: Path, clock: FakeClock, shared_ward: RestartableWard, station_no: int
) -> None:
    def table(name: str) -> Device:
        code = shared_ward.add_station(station_no)
        return enrolled_device(tmp_path / name, clock, shared_ward.url, code, station_no=station_no)

    other, dying = table("table-2"), table("table-1")
    dying.check_in(7)
    dying.sync()
    dying.station.close()
    replacement = table("table-1-new")  # imports the list first, then enrols and restores
    with pytest.raises(CheckInRefused):
        replacement.station.check_in(7)
    replacement.check_in(8)
    replacement.sync()
    other.sync()
    assert other.station.voter(8) is not None and other.station.voter(8).checked_in  # type: ignore[union-attr]
    assert other.station.voter(7) is not None and other.station.voter(7).checked_in  # type: ignore[union-attr]


def test_a_replacement_laptop_keeps_the_voters_marked_as_voting_elsewhere_off_its_list(
    tmp_path: Path, clock: FakeClock, shared_ward: RestartableWard, station_no: int
) -> None:
    """The marks restored before the list was imported are applied once it is: the voter who took a
    certificate cannot be checked in on the new laptop, and the figures agree with the ward's."""
    old = enrolled_device(
        tmp_path / "old", clock, shared_ward.url, shared_ward.add_station(station_no), station_no=station_no
    )
    old.station.mark_voting_elsewhere(5, certificate="GCN 7")
    old.check_in(1)
    old.sync()
    old.station.close()

    fresh = Station.open(tmp_path / "new", clock=clock, clerk="Bàn 1")
    store = InMemoryCredentialStore()
    enrol(fresh, shared_ward.url, shared_ward.add_station(station_no), store=store, station_no=station_no)
    fresh.import_list(parsed_list(voter_rows(20), station_no=station_no))
    with pytest.raises(CheckInRefused) as refused:
        fresh.check_in(5)
    assert refused.value.reason == "voting_elsewhere"
    status = fresh.status()
    assert (status.voters, status.checked_in) == (19, 1)
    ward = shared_ward.turnout(station_no)
    assert (ward["voters"], ward["checked_in"], ward["marked_elsewhere"]) == (2000 - 1, 1, 1)


def test_a_replacement_whose_restore_failed_checks_no_one_in_until_it_has_restored(
    tmp_path: Path, clock: FakeClock, own_ward: RestartableWard, proxy: FaultProxy
) -> None:
    """The restore failed (the ward answered 500 to the pull): a voter who voted on the old
    laptop would show as not voted, so check-ins wait for the ward, and so does opening the polls."""
    old = enrolled_device(tmp_path / "old", clock, own_ward.url, own_ward.add_station(7))
    old.check_in(5)
    old.sync()
    old.station.close()
    fresh = Station.open(tmp_path / "new", clock=clock, clerk="Bàn 1")
    fresh.import_list(parsed_list(voter_rows(20), station_no=7))
    fresh.set_pin("2468")
    proxy.mode, proxy.only_path = "error_500", "/api/v1/stations/7/events"
    store = InMemoryCredentialStore()
    result = enrol(fresh, proxy.url, own_ward.add_station(7), store=store, station_no=7, timeout=TIMEOUT)
    assert result.restore_problem is not None and fresh.waiting_for_the_ward()
    with pytest.raises(CheckInRefused) as refused:
        fresh.open_polls()  # the polls are open at the station, but this laptop has not heard of it
    assert refused.value.reason == "waiting_for_the_ward"
    assert fresh.polls_state() is PollsState.NOT_OPEN

    proxy.mode = "pass"
    Device(fresh, store).sync()  # the ward is back: the restore completes
    assert not fresh.waiting_for_the_ward() and fresh.polls_state() is PollsState.OPEN
    with pytest.raises(CheckInRefused) as refused:
        fresh.check_in(5)
    assert refused.value.reason == "already_checked_in"


def test_the_team_leader_may_check_in_without_waiting_for_an_unreachable_ward(
    tmp_path: Path, clock: FakeClock, own_ward: RestartableWard, proxy: FaultProxy
) -> None:
    old = enrolled_device(tmp_path / "old", clock, own_ward.url, own_ward.add_station(7))
    old.station.close()
    fresh = Station.open(tmp_path / "new", clock=clock, clerk="Bàn 1")
    fresh.import_list(parsed_list(voter_rows(20), station_no=7))
    fresh.set_pin("2468")
    proxy.mode, proxy.only_path = "error_500", "/api/v1/stations/7/events"
    enrol(fresh, proxy.url, own_ward.add_station(7), store=InMemoryCredentialStore(), station_no=7, timeout=TIMEOUT)
    fresh.start_test_mode()
    assert fresh.check_in(3).test  # a practice check-in needs nothing from the ward
    fresh.end_test_mode()
    with pytest.raises(PinRefused):
        fresh.stop_waiting_for_the_ward("0000")
    assert fresh.waiting_for_the_ward()
    fresh.stop_waiting_for_the_ward("2468")  # the team leader's decision: the ward is out of reach
    fresh.open_polls()
    assert not fresh.check_in(4).test
