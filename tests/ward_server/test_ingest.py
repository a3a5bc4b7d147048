"""Posting batches: exactly once per (device_id, seq), acks, incidents, gaps, conflicts."""

from __future__ import annotations

import json
from pathlib import Path

from clerk_app.station import Station
from tests.support import FakeClock, election_morning, make_rows, parsed_list
from tests.ward_server.support import Device, WardProcess, election_time


def test_batch_is_stored_and_acked(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    events = [device.chain.next("polls_opened", payload={"test_check_ins_wiped": 0})]
    events += device.chain.check_ins(range(1, 11), election_time(7, 5))
    answer = device.post(events)
    assert answer["acked_seq"] == 11
    assert (answer["stored"], answer["duplicates"], answer["incidents"]) == (11, 0, 0)
    assert answer["conflicts"] == []
    assert answer["server_time"].endswith("+07:00")
    assert ward.turnout(station_no)["checked_in"] == 10


def test_replayed_batch_is_all_duplicates(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    body = device.body(device.chain.check_ins(range(1, 6), election_time(8)))
    assert device.post_raw(body).json()["stored"] == 5
    replay = device.post_raw(body).json()
    assert (replay["stored"], replay["duplicates"], replay["acked_seq"]) == (0, 5, 5)
    assert ward.turnout(station_no)["checked_in"] == 5


def test_same_seq_different_content_is_an_incident(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    device.post(device.chain.check_ins([1, 2], election_time(8)))
    other = Device(device.url, station_no, device.device_id, device.token, device.secret)
    other.chain.next("checked_in", 1, election_time(8))  # seq 1, but another voter's content below
    changed = other.chain.next("checked_in", 99, election_time(8, 1))  # seq 2: differs from what is held
    answer = device.post([changed])
    assert (answer["stored"], answer["duplicates"], answer["incidents"]) == (0, 0, 1)
    assert answer["refused"] == [{"seq": 2, "reason": "different_content"}]
    assert answer["acked_seq"] == 2
    figures = ward.turnout(station_no)
    assert figures["checked_in"] == 2  # voter 99 was not counted
    assert figures["incidents"] == 1
    device.post([changed])  # the station resends: still one incident, counted again on its row
    assert ward.turnout(station_no)["incidents"] == 1


def test_event_whose_hash_does_not_match_its_content_is_refused(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    event = device.chain.next("checked_in", 5, election_time(9))
    event["list_no"] = 6  # content changed after hashing
    answer = device.post([event])
    assert answer["refused"] == [{"seq": 1, "reason": "bad_hash"}]
    assert answer["acked_seq"] == 0 and answer["stored"] == 0


def test_gap_holds_the_ack_until_filled(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    events = device.chain.check_ins(range(1, 8), election_time(9))  # seq 1..7
    first = device.post(events[:3] + events[5:])  # 1,2,3 and 6,7: 4 and 5 missing
    assert (first["acked_seq"], first["stored"]) == (3, 5)
    assert ward.turnout(station_no)["checked_in"] == 5  # stored, though not yet acknowledged
    half = device.post([events[4]])
    assert half["acked_seq"] == 3
    filled = device.post([events[3]])
    assert filled["acked_seq"] == 7


def test_gzip_body_is_accepted(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    answer = device.post(device.chain.check_ins(range(1, 501), election_time(10), step_s=2), gzipped=True)
    assert (answer["acked_seq"], answer["stored"]) == (500, 500)


def test_empty_batch_is_a_heartbeat(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    assert device.post([])["acked_seq"] == 0
    assert ward.turnout(station_no)["last_contact_at"] is not None


def test_conflict_across_two_devices_and_undo_clears_it(ward: WardProcess, station_no: int) -> None:
    desk1, desk2 = ward.device(station_no), ward.device(station_no)
    desk1.post([desk1.chain.next("checked_in", 12, election_time(7, 4))])
    answer = desk2.post([desk2.chain.next("checked_in", 12, election_time(7, 9))])
    assert [c["list_no"] for c in answer["conflicts"]] == [12]
    refs = answer["conflicts"][0]["check_ins"]
    assert {(r["device_id"], r["seq"]) for r in refs} == {(desk1.device_id, 1), (desk2.device_id, 1)}
    figures = ward.turnout(station_no)
    assert figures["checked_in"] == 1  # one voter, counted once
    assert [c["list_no"] for c in figures["conflicts"]] == [12]
    cleared = desk2.post([desk2.chain.next("check_in_undone", 12, election_time(7, 15))])
    assert cleared["conflicts"] == []
    assert ward.turnout(station_no)["checked_in"] == 1  # desk 1's check-in stands


def test_undo_arriving_before_its_check_in_still_cancels_it(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    check_in = device.chain.next("checked_in", 3, election_time(8))
    undo = device.chain.next("check_in_undone", 3, election_time(8, 2))
    device.post([undo])
    device.post([check_in])
    assert ward.turnout(station_no)["checked_in"] == 0


def test_test_mode_check_ins_never_count(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    events = [device.chain.next("test_started", at=election_time(6, 0))]
    events += [device.chain.next("checked_in", n, election_time(6, n), payload={"test": True}) for n in (1, 2, 3)]
    events.append(device.chain.next("polls_opened", at=election_time(7, 0), payload={"test_check_ins_wiped": 3}))
    events.append(device.chain.next("checked_in", 2, election_time(7, 3)))
    device.post(events)
    figures = ward.turnout(station_no)
    assert figures["checked_in"] == 1
    assert figures["polls"] == "open"


def test_events_from_a_real_station_are_accepted(ward: WardProcess, station_no: int, tmp_path: Path) -> None:
    """The contract end to end: what clerk_app writes in its events table, the ward takes as is."""
    clock = FakeClock(election_morning(6, 30))
    station = Station.open(tmp_path / "station", clock=clock, clerk="Bàn 1")
    try:
        station.import_list(parsed_list(make_rows(), station_no=station_no))
        clock.moment = election_morning(7, 0)
        station.open_polls()
        for list_no in (1, 3, 5):
            clock.advance(minutes=7)
            station.check_in(list_no, mobile_box=list_no == 5)
        rows = station.db.conn.execute(
            "SELECT seq, uuid, kind, list_no, at, clerk, payload, prev_hash, hash FROM events"
            " WHERE device_id = ? ORDER BY seq",
            (station.device_id,),
        ).fetchall()
        device_id = station.device_id
    finally:
        station.close()
    keys = ("seq", "uuid", "kind", "list_no", "at", "clerk", "payload", "prev_hash", "hash")
    events = [dict(zip(keys, row, strict=True)) for row in rows]
    for event in events:
        event["payload"] = json.loads(event["payload"])
    device = ward.device(station_no, device_id)
    answer = device.post(events)
    assert answer["acked_seq"] == len(events) and answer["incidents"] == 0
    figures = ward.turnout(station_no)
    assert (figures["voters"], figures["checked_in"], figures["polls"]) == (5, 3, "open")


def test_an_undo_at_another_table_takes_back_the_check_in_it_names(ward: WardProcess, station_no: int) -> None:
    """Table 2's leader undoes table 1's check-in: the ward counts it undone, whichever arrives first."""
    desk1, desk2 = ward.device(station_no), ward.device(station_no)
    check_in = desk1.chain.next("checked_in", 8, election_time(7, 20))
    names_it = {"undoes": {"device_id": desk1.device_id, "seq": check_in["seq"]}}
    desk2.post([desk2.chain.next("check_in_undone", 8, election_time(7, 25), names_it)])
    assert desk1.post([check_in])["conflicts"] == []
    assert ward.turnout(station_no)["checked_in"] == 0
    # Checked in again at table 2: counted once more, in the hour of that check-in.
    desk2.post([desk2.chain.next("checked_in", 8, election_time(9, 5))])
    figures = ward.turnout(station_no)
    assert figures["checked_in"] == 1
    assert [h["hour"] for h in figures["by_hour"] if h["checked_in"]] == ["09:00"]
