"""The station's polling clock (clerk_app/clock.py): real, or set by CLERK_APP_CLOCK for a rehearsal."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest

from clerk_app import clock
from clerk_app.clock import VN_TZ, ClockSettingError, ShiftedClock, clock_from_setting


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
