"""Polling-day time: every stored time is aware and carries its UTC offset.

Vietnam keeps UTC+7 all year (no daylight saving since 1975), so a fixed offset is exact and
needs no tz database, which Windows Python lacks without the tzdata package.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "ICT")

Clock = Callable[[], datetime]


def now() -> datetime:
    """The current time in Vietnam, to the microsecond, with its +07:00 offset."""
    return datetime.now(VN_TZ)


# A rehearsal, a training evening or a test run outside polling hours sets the station's polling
# clock here: an ISO time with its offset, at which the clock starts when the program starts; it
# then runs at the real pace. Every event carries these times, so the ward sees them as they are.
CLOCK_VARIABLE = "CLERK_APP_CLOCK"


class ClockSettingError(ValueError):
    """CLERK_APP_CLOCK holds something that is not a time with its UTC offset."""


class ShiftedClock:
    """A clock that read ``start`` when it was made and keeps the same distance from the real one
    (through a sleep of the laptop too)."""

    def __init__(self, start: datetime) -> None:
        self.start = start
        self._offset = start - now()

    def __call__(self) -> datetime:
        return local(now() + self._offset)

    def not_before(self, moment: datetime) -> ShiftedClock:
        """This clock, or one that starts at ``moment`` if it reads earlier: a program started again
        on a rehearsal clock resumes after what the station already recorded, never before it."""
        return self if self() >= moment else ShiftedClock(moment)


@functools.cache
def station_clock() -> Clock:
    """The polling clock of this program's stations: the real one (``now``), unless
    CLERK_APP_CLOCK sets it; one for the whole process, so every part of it agrees.
    ClockSettingError, naming the variable, when its value is not a time with an offset."""
    return clock_from_setting(os.environ.get(CLOCK_VARIABLE, ""))


def clock_from_setting(value: str) -> Clock:
    """``now`` for an empty setting, else a ShiftedClock starting at the time it gives."""
    if not value.strip():
        return now
    try:
        start = from_iso(value.strip())
    except ValueError:
        raise ClockSettingError(
            f"{CLOCK_VARIABLE}={value!r} is not a time with its UTC offset, e.g. 2026-03-15T07:00:00+07:00"
        ) from None
    return ShiftedClock(start)


def to_iso(moment: datetime) -> str:
    """ISO 8601 with the offset; refuses naive times, which would be ambiguous on disk."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: polling times must carry their UTC offset")
    return moment.isoformat(timespec="milliseconds")


def from_iso(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"time without UTC offset: {text!r}")
    return moment


def local(moment: datetime) -> datetime:
    """The same instant shown on the polling-station clock."""
    return moment.astimezone(VN_TZ)


def election_day_age(birth_year: int, birth_month: int, birth_day: int, on: date) -> int:
    """Age in whole years on ``on``; a voter must be 18 on election day."""
    age = on.year - birth_year
    if (on.month, on.day) < (birth_month, birth_day):
        age -= 1
    return age
