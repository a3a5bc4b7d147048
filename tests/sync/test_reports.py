"""Hourly turnout reports: due on the hour while polls are open, once each, figures as of the hour."""

from __future__ import annotations

import json
from collections.abc import Callable

from clerk_app.station import Station
from clerk_app.sync.reports import ReportSchedule, due_hours
from tests.support import FakeClock, election_morning


def reports(station: Station) -> list[dict[str, object]]:
    rows = station.db.conn.execute("SELECT payload FROM events WHERE kind = 'hourly_report' ORDER BY seq")
    return [json.loads(r[0]) for r in rows]


def test_due_hours_follow_the_schedule_and_the_polls() -> None:
    schedule = ReportSchedule()
    opened = election_morning(7, 0)
    assert due_hours(schedule, election_morning(6, 59), opened, None) == []
    assert due_hours(schedule, election_morning(9, 30), opened, None) == [7, 8, 9]
    assert due_hours(schedule, election_morning(9, 30), election_morning(7, 1), None) == [8, 9]
    closed = election_morning(15, 5)
    assert due_hours(schedule, election_morning(20, 0), opened, closed)[-1] == 15
    assert due_hours(ReportSchedule(hours=(11, 15)), election_morning(16, 0), opened, None) == [11, 15]


def test_reports_are_recorded_once_with_figures_as_of_the_hour(station: Station, clock: FakeClock) -> None:
    clock.moment = election_morning(7, 40)
    station.check_in(1)
    assert station.record_due_reports() == ["07:00"]
    clock.moment = election_morning(8, 0)
    station.check_in(2)  # at 08:00:00.000: counts for the 08:00 report
    clock.moment = election_morning(10, 15)  # the laptop slept through 09:00 and 10:00
    station.check_in(3)
    assert station.record_due_reports() == ["08:00", "09:00", "10:00"]
    assert station.record_due_reports() == []
    assert reports(station) == [
        {"hour": "07:00", "voters": 5, "checked_in": 0},
        {"hour": "08:00", "voters": 5, "checked_in": 2},
        {"hour": "09:00", "voters": 5, "checked_in": 2},
        {"hour": "10:00", "voters": 5, "checked_in": 2},
    ]


def test_no_report_before_opening_nor_in_test_mode(station_factory: Callable[..., Station], clock: FakeClock) -> None:
    station = station_factory(polls="test")
    station.check_in(1)
    clock.moment = election_morning(9, 0)
    assert station.record_due_reports() == []


def test_a_report_restored_from_another_device_is_not_recorded_again(
    station_factory: Callable[..., Station], clock: FakeClock
) -> None:
    old, new = station_factory("old"), station_factory("new")
    clock.moment = election_morning(8, 5)
    assert old.record_due_reports() == ["07:00", "08:00"]
    new.apply_foreign_events(old.unsent_events(), cursor=1)
    assert new.record_due_reports() == []
