"""Check-in rules on a real station database."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace

import pytest

from clerk_app.errors import CheckInRefused
from clerk_app.model import Ballots, PollsState
from clerk_app.station import Station
from clerk_app.storage.eventlog import MAX_CLERK_LENGTH, verify_chain
from tests.support import FakeClock, make_rows


def refusal(action: Callable[[], object]) -> CheckInRefused:
    with pytest.raises(CheckInRefused) as info:
        action()
    return info.value


def test_check_in_is_on_disk_when_it_returns(station: Station) -> None:
    receipt = station.check_in(3)
    # A second, independent connection sees it: the transaction is committed, not just cached.
    other = sqlite3.connect(station.data_dir / "station.db")
    row = other.execute("SELECT at, seq FROM checkins WHERE list_no = 3").fetchone()
    kinds = [k for (k,) in other.execute("SELECT kind FROM events WHERE list_no = 3")]
    other.close()
    assert row == (receipt.at.isoformat(timespec="milliseconds"), receipt.seq)
    assert kinds == ["checked_in"]


def test_check_in_time_carries_the_vietnam_offset(station: Station, clock: FakeClock) -> None:
    clock.advance(hours=1, minutes=5)
    receipt = station.check_in(1)
    assert receipt.at.utcoffset() is not None
    assert receipt.at.isoformat().endswith("+07:00")
    assert receipt.at.hour == 8 and receipt.at.minute == 5


def test_second_check_in_is_refused_with_the_first_time_and_changes_nothing(station: Station, clock: FakeClock) -> None:
    first = station.check_in(1)
    events_before = station.db.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    clock.advance(minutes=30)
    refused = refusal(lambda: station.check_in(1))
    assert refused.reason == "already_checked_in"
    assert refused.detail["checked_in_at"] == first.at.isoformat()
    assert station.db.conn.execute("SELECT count(*) FROM events").fetchone()[0] == events_before
    assert station.status().checked_in == 1


def test_not_on_list(station: Station) -> None:
    assert refusal(lambda: station.check_in(999)).reason == "not_on_list"


def test_polls_not_open(station_factory: Callable[..., Station]) -> None:
    station = station_factory(polls="not_open")
    assert refusal(lambda: station.check_in(1)).reason == "polls_not_open"
    assert station.status().checked_in == 0


def test_polls_closed(station: Station, clock: FakeClock) -> None:
    clock.advance(hours=12, minutes=1)
    station.close_polls()
    assert refusal(lambda: station.check_in(1)).reason == "polls_closed"


def test_voter_marked_as_voting_elsewhere_is_refused(station: Station) -> None:
    station.mark_voting_elsewhere(2, certificate="GCN-17")
    refused = refusal(lambda: station.check_in(2))
    assert refused.reason == "voting_elsewhere"
    assert refused.detail["certificate"] == "GCN-17"
    assert station.status().voters == 4  # no longer counted at this station


def test_cannot_mark_elsewhere_after_voting_here(station: Station) -> None:
    station.check_in(2)
    assert refusal(lambda: station.mark_voting_elsewhere(2)).reason == "already_checked_in"
    assert station.voter(2) is not None and station.voter(2).status.value == "listed"  # type: ignore[union-attr]


def test_ballots_due_come_back_on_the_receipt(station: Station) -> None:
    assert station.check_in(4).ballots == Ballots(national=True, city=True, ward=False)
    assert station.check_in(5).ballots == Ballots()


def test_mobile_box_check_in_is_marked(station: Station) -> None:
    station.check_in(5, mobile_box=True)
    voter = station.voter(5)
    assert voter is not None and voter.mobile_box
    payload = station.db.conn.execute("SELECT payload FROM events WHERE kind = 'checked_in'").fetchone()[0]
    assert payload == '{"mobile_box":true}'


def test_events_are_gap_free_and_chained(station: Station) -> None:
    for n in (1, 2, 3):
        station.check_in(n)
    with pytest.raises(CheckInRefused):
        station.check_in(2)  # a refusal writes nothing, so it leaves no gap
    station.check_in(4)
    seqs = [s for (s,) in station.db.conn.execute("SELECT seq FROM events ORDER BY seq")]
    assert seqs == list(range(1, len(seqs) + 1))
    assert verify_chain(station.db, station.device_id) == []


def test_events_leaving_the_station_carry_no_names_or_ids(station: Station) -> None:
    station.check_in(1)
    station.add_voter("Phạm Văn Mới", certificate="VNeID-123", birth="1990", gender="Nam")
    rows = station.db.conn.execute("SELECT payload, clerk, kind FROM events").fetchall()
    text = repr(rows)
    for secret in ("Nguyễn", "Phạm Văn Mới", "001160123456", "VNeID-123", "Kinh"):
        assert secret not in text


def test_test_mode_check_ins_are_wiped_when_polls_open(
    station_factory: Callable[..., Station], clock: FakeClock
) -> None:
    station = station_factory(polls="test")
    assert station.polls_state() is PollsState.TEST
    receipt = station.check_in(1)
    assert receipt.test
    assert station.status().checked_in == 1
    station.open_polls()
    assert station.status().checked_in == 0
    assert station.voter(1) is not None and not station.voter(1).checked_in  # type: ignore[union-attr]
    station.check_in(1)  # the same voter can now vote for real
    opened = station.db.conn.execute("SELECT payload FROM events WHERE kind = 'polls_opened'").fetchone()[0]
    assert opened == '{"test_check_ins_wiped":1}'


def test_scan_of_voter_card_checks_in(station: Station) -> None:
    receipt = station.check_in_scan("07-0003")
    assert receipt.list_no == 3


def test_scan_of_another_stations_card_is_refused(station: Station) -> None:
    refused = refusal(lambda: station.check_in_scan("05-0003"))
    assert refused.reason == "other_station"
    assert station.status().checked_in == 0


def test_scan_of_citizen_id_qr_checks_in_by_id(station: Station) -> None:
    qr = "001058111222|012345678|Trần Văn Hùng|03021958|Nam|Số 12, phố Láng Hạ|15082021"
    assert station.check_in_scan(qr).list_no == 3


def test_scan_of_an_id_number_the_list_gives_twice_names_both_voters(station_factory: Callable[..., Station]) -> None:
    rows = make_rows()
    shared = rows[2].id_number
    assert shared is not None
    rows[4] = replace(rows[4], id_number=shared)  # a list error the import only warns about
    station = station_factory(rows=rows)
    qr = f"{shared}|012345678|Trần Văn Hùng|03021958|Nam|Số 12, phố Láng Hạ|15082021"
    refused = refusal(lambda: station.check_in_scan(qr))
    assert refused.reason == "several_voters"
    assert sorted(refused.detail["list_nos"]) == sorted([rows[2].list_no, rows[4].list_no])  # type: ignore[arg-type]
    assert station.status().checked_in == 0


def test_a_citizen_qr_matching_a_voter_listed_without_id_asks_the_clerk_to_look(
    station_factory: Callable[..., Station],
) -> None:
    """Hùng is listed with his birth year and no ID: the QR finds him by name and year only,
    which is not enough to check him in unseen, and not a reason to say he is not on the list."""
    rows = make_rows()
    rows[2] = replace(rows[2], id_number=None, birth="1958", birth_date=None)
    station = station_factory(rows=rows)
    qr = "001058123456|012345678|Trần Văn Hùng|03021958|Nam|Số 12, phố Láng Hạ|15082021"
    refused = refusal(lambda: station.check_in_scan(qr))
    assert refused.reason == "choose_voter"
    assert refused.detail["list_nos"] == [3]
    assert station.status().checked_in == 0


def test_an_unreadable_qr_is_not_said_to_be_off_the_list(station: Station) -> None:
    refused = refusal(lambda: station.check_in_scan("0010581|x|Trần Văn Hùng|03021958|Nam|x|y"))
    assert refused.reason == "unreadable_scan"
    assert station.status().checked_in == 0


def test_a_qr_cut_short_after_its_id_number_checks_its_voter_in(station: Station) -> None:
    assert station.check_in_scan("001058111222|01234").list_no == 3


def test_a_name_given_as_a_scan_is_not_on_list_even_when_several_voters_bear_it(station: Station) -> None:
    assert len(station.search("Nguyen Thi Hoa").voters) > 1
    assert refusal(lambda: station.check_in_scan("Nguyen Thi Hoa")).reason == "not_on_list"


def test_a_table_name_the_ward_would_refuse_is_refused_before_any_event_carries_it(station: Station) -> None:
    events_before = station.db.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    with pytest.raises(ValueError, match="at most 100 characters"):
        station.clerk = "Bàn 1 - " + "Nguyễn Văn A, " * 8
    assert station.clerk == "Bàn 1"  # unchanged
    station.clerk = "B" * MAX_CLERK_LENGTH
    station.check_in(1)
    rows = station.db.conn.execute("SELECT clerk FROM events").fetchall()
    assert len(rows) == events_before + 1
    assert rows[-1][0] == "B" * MAX_CLERK_LENGTH
