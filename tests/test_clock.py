"""The station's polling clock (clerk_app/clock.py): real, or set by CLERK_APP_CLOCK for a rehearsal."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from clerk_app import clock
from clerk_app.clock import VN_TZ, ClockSettingError, ShiftedClock, clock_from_setting, from_iso
from clerk_app.station import Station
from tests.support import make_rows, parsed_list


def test_without_a_setting_the_polling_clock_is_the_real_one() -> None:
    assert clock_from_setting("") is clock.now
    assert clock_from_setting("   ") is clock.now


def test_a_set_clock_starts_where_it_is_told_and_runs_at_the_real_pace() -> None:
    start = datetime(2026, 3, 15, 7, 0, tzinfo=VN_TZ)
    shifted = clock_from_setting("2026-03-15T00:00:00+00:00")  # the same instant in UTC
    assert isinstance(shifted, ShiftedClock)
    first = shifted()
    time.sleep(0.05)
    second = shifted()
    assert first.utcoffset() == timedelta(hours=7)  # shown in Vietnam time, whatever it was given in
    assert timedelta(0) <= first - start < timedelta(seconds=5)
    assert timedelta(seconds=0.04) <= second - first < timedelta(seconds=5)


@pytest.mark.parametrize("value", ["2026-03-15T07:00:00", "tomorrow", "15/03/2026 07:00"])
def test_a_setting_that_is_not_a_time_with_its_offset_is_refused_by_name(value: str) -> None:
    with pytest.raises(ClockSettingError) as info:
        clock_from_setting(value)
    assert "CLERK_APP_CLOCK" in str(info.value) and repr(value) in str(info.value)


def test_one_polling_clock_for_the_whole_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.CLOCK_VARIABLE, "2026-03-15T09:30:00+07:00")
    clock.station_clock.cache_clear()
    try:
        assert clock.station_clock() is clock.station_clock()
        assert clock.local(clock.station_clock()()).strftime("%H:%M") == "09:30"
    finally:
        clock.station_clock.cache_clear()


def test_a_station_started_again_on_a_rehearsal_clock_resumes_after_what_it_recorded(tmp_path: Path) -> None:
    """Each program start reads CLERK_APP_CLOCK afresh: the station's clock never goes back before its events."""
    rehearsal = ShiftedClock(datetime(2026, 3, 15, 7, 0, tzinfo=VN_TZ))
    station = Station.open(tmp_path, clock=rehearsal)
    try:
        station.import_list(parsed_list(make_rows()))
        station.open_polls()
        opening = station.db.conn.execute("SELECT at, payload FROM events WHERE kind = 'polls_opened'").fetchone()
        assert json.loads(opening[1])["rehearsal_clock"] is True  # the ward sees a rehearsal as one
    finally:
        station.close()
    later = ShiftedClock(datetime(2026, 3, 15, 9, 0, tzinfo=VN_TZ))
    assert later.not_before(datetime(2026, 3, 15, 8, 0, tzinfo=VN_TZ)) is later
    again = Station.open(tmp_path, clock=ShiftedClock(datetime(2026, 3, 15, 6, 0, tzinfo=VN_TZ)))  # started again
    try:
        assert again.clock() >= from_iso(opening[0])
        assert again.check_in(1).at >= from_iso(opening[0])
    finally:
        again.close()


def test_an_ordinary_clock_is_never_marked_a_rehearsal(station: Station) -> None:
    payload = station.db.conn.execute("SELECT payload FROM events WHERE kind = 'polls_opened'").fetchone()[0]
    assert "rehearsal_clock" not in json.loads(payload)
