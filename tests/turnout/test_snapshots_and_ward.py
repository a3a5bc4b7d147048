"""Hourly snapshots and their confirmation, the voters still to vote per group, the ward standing."""

from __future__ import annotations

import json

import pytest

from clerk_app.errors import PinRefused
from clerk_app.station import Station
from clerk_app.storage.eventlog import verify_chain
from clerk_app.turnout import waiting_voters
from clerk_app.turnout.snapshots import SnapshotRefused, confirm_snapshot, list_snapshots
from clerk_app.turnout.ward import StationFigures, standing_from_stations
from tests.support import FakeClock, election_morning


def morning_with_reports(station: Station, clock: FakeClock) -> None:
    clock.moment = election_morning(7, 30)
    station.check_in(1)
    clock.moment = election_morning(8, 45)
    station.check_in(2, mobile_box=True)
    clock.moment = election_morning(9, 5)
    station.record_due_reports()


def test_snapshots_list_every_hourly_report_by_hour(station: Station, clock: FakeClock) -> None:
    morning_with_reports(station, clock)
    found = list_snapshots(station.db)
    assert [(s.hour, s.voters, s.checked_in, s.percent) for s in found] == [
        ("07:00", 5, 0, 0.0),
        ("08:00", 5, 1, 20.0),
        ("09:00", 5, 2, 40.0),
    ]
    assert all(s.confirmed_at is None and s.device_id == station.device_id for s in found)
    assert found[1].hour_value == 8.0


def test_the_team_leader_confirms_a_snapshot_with_the_pin(station: Station, clock: FakeClock) -> None:
    morning_with_reports(station, clock)
    station.set_pin("2468")
    report = list_snapshots(station.db)[1]
    with pytest.raises(PinRefused):
        confirm_snapshot(station, report.uuid, pin="1111")
    clock.moment = election_morning(9, 10)
    done = confirm_snapshot(station, report.uuid, pin="2468")
    assert done.confirmed_at == election_morning(9, 10) and done.confirmed_by == "Bàn 1"
    again = confirm_snapshot(station, report.uuid, pin="2468")  # a second click records nothing new
    assert again.confirmed_at == done.confirmed_at
    rows = station.db.conn.execute("SELECT payload FROM events WHERE kind = 'snapshot_confirmed'").fetchall()
    assert [json.loads(r[0]) for r in rows] == [{"report": report.uuid, "hour": "08:00", "voters": 5, "checked_in": 1}]
    listed = {s.hour: s.confirmed_at for s in list_snapshots(station.db)}
    assert listed == {"07:00": None, "08:00": election_morning(9, 10), "09:00": None}
    assert verify_chain(station.db, station.device_id) == []
    with pytest.raises(SnapshotRefused) as info:
        confirm_snapshot(station, "no-such-uuid", pin="2468")
    assert info.value.reason == "no_such_report"


def test_waiting_voters_of_a_group_in_list_order(station: Station) -> None:
    station.check_in(1)
    station.add_voter("Phạm Văn Mới", certificate="GCN 1", birth="1985", group="Tổ dân phố 1")
    assert [(v.list_no, v.name, v.birth) for v in waiting_voters(station.db, "Tổ dân phố 1")] == [
        (3, "Trần Văn Hùng", "03/02/1958"),
        (6, "Phạm Văn Mới", "1985"),
    ]
    station.mark_voting_elsewhere(5, certificate="GCN 2")
    assert [v.list_no for v in waiting_voters(station.db, "Tổ dân phố 3")] == [4]
    assert waiting_voters(station.db, "Tổ dân phố 99") == []


def test_ward_standing_from_the_stations_figures() -> None:
    stations = [
        StationFigures(1, 1000, 500),
        StationFigures(2, 2000, 1500),
        StationFigures(7, 1000, 600),
        StationFigures(9, 0, 0),
    ]
    standing = standing_from_stations(stations, 7)
    assert standing is not None
    assert (standing.ward_turnout, standing.rank, standing.stations) == (65.0, 2, 4)
    first = standing_from_stations(stations, 2)
    assert first is not None and first.rank == 1
    assert standing_from_stations(stations, 3) is None  # not among them: no standing
