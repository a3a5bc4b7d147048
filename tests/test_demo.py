"""The demo station: a living station a newcomer sees at once, built through the real paths."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

from clerk_app.clock import VN_TZ, from_iso
from clerk_app.demo import DEMO_PIN, DEMO_VOTERS, arrival_times, demo_clock, demo_day_times, populate_demo
from clerk_app.model import PollsState
from clerk_app.station import Station
from clerk_app.storage.eventlog import verify_chain
from tests.support import make_rows, parsed_list


def test_demo_fills_an_empty_station_once(tmp_path: Path) -> None:
    station = Station.open(tmp_path)
    try:
        assert populate_demo(station) is True
        status = station.status()
        assert status.polls is PollsState.OPEN
        assert status.station == 7 and status.ward == "phường Láng"
        assert status.voters == DEMO_VOTERS - 3 + 1  # three vote elsewhere, one added on the day
        assert 0.35 < status.checked_in / status.voters < 0.55
        station.verify_pin(DEMO_PIN)
        assert verify_chain(station.db, station.device_id) == []
        assert (tmp_path / "demo-danh-sach-cu-tri.csv").exists()  # the list, for re-import practice
        events_before = station.db.conn.execute("SELECT count(*) FROM events").fetchone()[0]
        assert populate_demo(station) is False
        assert station.db.conn.execute("SELECT count(*) FROM events").fetchone()[0] == events_before
    finally:
        station.close()


def test_demo_morning_is_before_now_and_after_opening() -> None:
    afternoon = datetime(2026, 11, 23, 14, 0, tzinfo=VN_TZ)
    opened, end = demo_day_times(afternoon)
    assert (opened.time(), end.time()) == (time(7, 0), time(11, 30))
    early = datetime(2026, 11, 23, 6, 0, tzinfo=VN_TZ)
    opened, end = demo_day_times(early)
    assert opened.date() == early.date().replace(day=22)  # yesterday: the morning has not happened yet
    mid_morning = datetime(2026, 11, 23, 9, 15, tzinfo=VN_TZ)
    assert demo_day_times(mid_morning)[1] == mid_morning


def test_arrivals_spread_over_the_morning_with_a_rush() -> None:
    import random

    opened = datetime(2026, 3, 15, 7, 0, tzinfo=VN_TZ)
    end = datetime(2026, 3, 15, 10, 42, tzinfo=VN_TZ)
    times = arrival_times(2000, opened, end, random.Random(1))
    assert times == sorted(times) and opened <= times[0] and times[-1] <= end
    first_hour = sum(t.hour == 7 for t in times)
    last_part = sum(t.hour == 10 for t in times)
    assert first_hour > 2 * last_part  # the morning rush
    assert max(sum(t == other for other in times[:50]) for t in times[:50]) == 1  # no pile-up on one instant


def test_demo_shown_in_the_evening_resumes_its_day_and_checks_voters_in(tmp_path: Path) -> None:
    """Past 21:00 the demo's polls would refuse every check-in; its clock resumes the recorded day."""
    evening = datetime(2026, 11, 23, 22, 30, tzinfo=VN_TZ)
    station = Station.open(tmp_path, clock=lambda: evening)
    try:
        populate_demo(station)
        assert station.past_closing_time()
        resumed = demo_clock(station)
        newest = station.db.conn.execute("SELECT at FROM events ORDER BY julianday(at) DESC LIMIT 1").fetchone()[0]
        assert resumed().date() == evening.date()
        assert time(11, 30) <= resumed().time() < time(20, 0)
        assert resumed() >= from_iso(newest)  # on from the recorded day, never before it
        station.clock = resumed
        waiting = station.db.conn.execute(
            "SELECT min(list_no) FROM voters v WHERE status = 'listed'"
            " AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.list_no = v.list_no)"
        ).fetchone()[0]
        assert station.check_in(waiting).list_no == waiting
    finally:
        station.close()


def test_demo_shown_during_its_day_keeps_the_real_clock(tmp_path: Path) -> None:
    afternoon = datetime(2026, 11, 23, 14, 0, tzinfo=VN_TZ)
    clock = lambda: afternoon  # noqa: E731
    station = Station.open(tmp_path, clock=clock)
    try:
        populate_demo(station)
        assert demo_clock(station) is clock
    finally:
        station.close()


def test_a_real_station_shown_with_demo_keeps_its_own_clock_after_hours(tmp_path: Path) -> None:
    """``clerk-app --demo`` on a real station's folder fills nothing and must not lend it the demo's clock."""
    evening = datetime(2026, 3, 15, 21, 30, tzinfo=VN_TZ)
    real_clock = lambda: evening  # noqa: E731
    station = Station.open(tmp_path, clock=real_clock)
    try:
        station.import_list(parsed_list(make_rows()))
        station.clock = lambda: evening.replace(hour=7)
        station.open_polls()
        station.clock = real_clock
        assert populate_demo(station) is False
        assert demo_clock(station) is real_clock
    finally:
        station.close()
