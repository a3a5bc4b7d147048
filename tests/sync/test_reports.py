"""Turnout reports: due at the scheduled times while polls are open, once each, figures as of the time."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import time
from pathlib import Path

import pytest

from clerk_app.settings import REPORT_FIRST_HOUR, REPORT_INTERVAL, REPORT_LAST_HOUR, Settings
from clerk_app.station import Station
from clerk_app.sync.reports import ReportSchedule, due_times, label, schedule_from_settings
from tests.support import FakeClock, election_morning


def reports(station: Station) -> list[dict[str, object]]:
    rows = station.db.conn.execute("SELECT payload FROM events WHERE kind = 'hourly_report' ORDER BY seq")
    return [json.loads(r[0]) for r in rows]


def hours(times: list[time]) -> list[str]:
    return [label(t) for t in times]


def test_due_times_follow_the_schedule_and_the_polls() -> None:
    schedule = ReportSchedule()
    opened = election_morning(7, 0)
    assert due_times(schedule, election_morning(6, 59), opened, None) == []
    assert hours(due_times(schedule, election_morning(9, 30), opened, None)) == ["07:00", "08:00", "09:00"]
    assert hours(due_times(schedule, election_morning(9, 30), election_morning(7, 1), None)) == ["08:00", "09:00"]
    closed = election_morning(15, 5)
    assert hours(due_times(schedule, election_morning(20, 0), opened, closed))[-1] == "15:00"
    afternoon = ReportSchedule(interval_minutes=120, first_hour=11, last_hour=15)
    assert hours(due_times(afternoon, election_morning(16, 0), opened, None)) == ["11:00", "13:00", "15:00"]


@pytest.mark.parametrize(
    ("interval", "expected"),
    [
        (60, [f"{h:02d}:00" for h in range(7, 20)]),
        (30, [f"{h:02d}:{m:02d}" for h in range(7, 19) for m in (0, 30)] + ["19:00"]),
        (120, ["07:00", "09:00", "11:00", "13:00", "15:00", "17:00", "19:00"]),
    ],
)
def test_the_schedule_runs_from_the_opening_to_the_closing_hour(interval: int, expected: list[str]) -> None:
    assert [label(t) for t in ReportSchedule(interval, 7, 19).times()] == expected


def test_the_last_hour_always_gets_a_report() -> None:
    assert [label(t) for t in ReportSchedule(120, 6, 19).times()][-3:] == ["16:00", "18:00", "19:00"]
    assert [label(t) for t in ReportSchedule(60, 12, 12).times()] == ["12:00"]
    with pytest.raises(ValueError):
        ReportSchedule(60, 19, 7)
    with pytest.raises(ValueError):
        ReportSchedule(0, 7, 19)


def test_a_day_opening_at_seven_and_crossing_the_closing_hour(station: Station, clock: FakeClock) -> None:
    """Opened at 07:00 sharp: the 07:00 report is due (nobody yet). Past 19:00 with the polls still
    open (a queue at closing time), 19:00 is the last report: none at 19:30 or 20:00."""
    schedule = ReportSchedule(interval_minutes=30)
    assert station.record_due_reports(schedule) == ["07:00"]
    clock.moment = election_morning(18, 50)
    station.check_in(1)
    clock.moment = election_morning(19, 0)
    station.check_in(2)  # at 19:00:00 sharp: counts for the 19:00 report
    clock.moment = election_morning(19, 10)
    station.check_in(3)  # after the closing hour: counts for no scheduled report
    clock.moment = election_morning(20, 5)
    recorded = station.record_due_reports(schedule)
    assert recorded[0] == "07:30" and recorded[-3:] == ["18:00", "18:30", "19:00"]
    assert len(recorded) == 24  # 07:30 to 19:00, every half hour
    station.close_polls()
    clock.moment = election_morning(21, 0)
    assert station.record_due_reports(schedule) == []
    last = reports(station)[-1]
    assert last == {"hour": "19:00", "voters": 5, "checked_in": 2}


def test_closing_early_ends_the_reports(station: Station, clock: FakeClock) -> None:
    clock.moment = election_morning(16, 45)
    station.close_polls(early=True, reason="mọi cử tri đã bỏ phiếu")
    clock.moment = election_morning(19, 30)
    assert station.record_due_reports()[-1] == "16:00"


def test_a_schedule_changed_during_the_day_adds_the_passed_times_and_keeps_the_rest(
    station: Station, clock: FakeClock
) -> None:
    clock.moment = election_morning(7, 20)
    station.check_in(1)
    clock.moment = election_morning(8, 40)
    station.check_in(2)
    clock.moment = election_morning(9, 5)
    assert station.record_due_reports(ReportSchedule(60)) == ["07:00", "08:00", "09:00"]
    assert station.record_due_reports(ReportSchedule(30)) == ["07:30", "08:30"]
    assert {r["hour"]: r["checked_in"] for r in reports(station)} == {
        "07:00": 0,
        "08:00": 1,
        "09:00": 2,
        "07:30": 1,
        "08:30": 1,
    }


def test_the_schedule_comes_from_the_settings(tmp_path: Path) -> None:
    settings = Settings(tmp_path)
    assert schedule_from_settings(settings) == ReportSchedule(60, 7, 19)
    settings.set(REPORT_INTERVAL, 30)
    settings.set(REPORT_FIRST_HOUR, 6)
    settings.set(REPORT_LAST_HOUR, 20)
    assert schedule_from_settings(Settings(tmp_path)) == ReportSchedule(30, 6, 20)


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


def test_a_report_recorded_late_counts_the_voters_on_the_list_at_its_hour(station: Station, clock: FakeClock) -> None:
    clock.moment = election_morning(9, 30)
    station.add_voter("Phạm Văn Mới", certificate="GCN 1")  # 6 on the list from 09:30
    clock.moment = election_morning(10, 30)
    station.add_voter("Lê Văn Sau", certificate="GCN 2")  # 7 from 10:30
    clock.moment = election_morning(10, 45)
    station.mark_voting_elsewhere(4)  # 6 from 10:45
    clock.moment = election_morning(10, 50)
    station.mark_voting_elsewhere(7)  # the voter added at 10:30: 5 from 10:50
    clock.moment = election_morning(11, 5)  # the laptop slept: the reports are recorded now
    assert station.record_due_reports() == ["07:00", "08:00", "09:00", "10:00", "11:00"]
    assert [(r["hour"], r["voters"]) for r in reports(station)] == [
        ("07:00", 5),
        ("08:00", 5),
        ("09:00", 5),
        ("10:00", 6),
        ("11:00", 5),
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


def test_a_mark_taken_back_never_took_the_voter_off_the_list_at_an_hour(station: Station, clock: FakeClock) -> None:
    """Marked at 08:00 in error, taken back at 08:10, marked again at 10:30: off the list from 10:30."""
    station.set_pin("1234")
    clock.moment = election_morning(8, 0)
    station.mark_voting_elsewhere(4)
    clock.moment = election_morning(8, 10)
    station.undo_voting_elsewhere(4, reason="nhầm dòng", pin="1234")
    clock.moment = election_morning(10, 30)
    station.mark_voting_elsewhere(4, certificate="GCN 9")
    clock.moment = election_morning(11, 5)
    assert station.record_due_reports() == ["07:00", "08:00", "09:00", "10:00", "11:00"]
    assert [(r["hour"], r["voters"]) for r in reports(station)] == [
        ("07:00", 5),
        ("08:00", 5),
        ("09:00", 5),
        ("10:00", 5),
        ("11:00", 4),
    ]
