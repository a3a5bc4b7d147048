"""Polling-day time: every stored time is aware and carries its UTC offset.

Vietnam keeps UTC+7 all year (no daylight saving since 1975), so a fixed offset is exact and
needs no tz database, which Windows Python lacks without the tzdata package.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "ICT")

Clock = Callable[[], datetime]


def now() -> datetime:
    """The current time in Vietnam, to the microsecond, with its +07:00 offset."""
    return datetime.now(VN_TZ)


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
