"""The polling day's time axis: from the opening to the closing hour, in local polling time.

Every time the team leader reads is on the polling-station clock (UTC+7, clerk_app.clock),
whatever zone the laptop is set to, so the axis counts hours since midnight of the polling
day (7.5 is 07:30) instead of using the laptop's zone. Bins of 15, 30 and 60 minutes start on
the clock's hour, so "08:00-09:00" is the same hour the hourly reports speak of.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from clerk_app.clock import VN_TZ, local
from clerk_app.rules import CLOSING_TIME

OPENING_TIME = time(7, 0)  # when the polls open unless the team opened earlier (from 05:00)
BIN_MINUTES = (15, 30, 60)
MS_PER_HOUR = 3_600_000


@dataclass(frozen=True)
class DayAxis:
    day: date
    start: datetime  # the first bin's start: the opening, down to the hour
    end: datetime  # the last bin's end: the closing hour, later if the day ran past it
    opened_at: datetime | None  # None: the polls have not opened (yet)
    closed_at: datetime | None
    until: datetime  # the curve stops here: now, or the close; never beyond the axis

    @property
    def opening(self) -> datetime:
        """When voting started, or the usual 07:00 when it has not."""
        return self.opened_at or datetime.combine(self.day, OPENING_TIME, VN_TZ)

    @property
    def closing(self) -> datetime:
        """When voting ended, or the 19:00 it ends at."""
        return self.closed_at or datetime.combine(self.day, CLOSING_TIME, VN_TZ)

    def hour_of_day(self, moment: datetime) -> float:
        """Hours since midnight of the polling day, on the polling-station clock."""
        midnight = datetime.combine(self.day, time(0), VN_TZ)
        return (moment - midnight).total_seconds() / 3600

    def ms_from_start(self, moment: datetime) -> int:
        return round((moment - self.start).total_seconds() * 1000)

    def bin_count(self, minutes: int) -> int:
        return -(-self.ms_from_start(self.end) // (minutes * 60_000))

    def bin_start(self, minutes: int, index: int) -> datetime:
        return self.start + timedelta(minutes=minutes * index)


def build_axis(
    now: datetime,
    opened_at: datetime | None,
    closed_at: datetime | None,
    *,
    first_check_in: datetime | None = None,
    last_check_in: datetime | None = None,
) -> DayAxis:
    """The axis for a day seen at ``now``; check-ins outside the usual hours widen it."""
    day = local(opened_at or now).date()
    usual_open = datetime.combine(day, OPENING_TIME, VN_TZ)
    usual_close = datetime.combine(day, CLOSING_TIME, VN_TZ)
    still_open = opened_at is not None and closed_at is None
    earliest = min(m for m in (opened_at or usual_open, first_check_in) if m is not None)
    # A day that runs past 19:00 (polls still open, a late close, a late check-in) extends the axis;
    # an early close ends it at the close.
    latest_candidates = [closed_at or usual_close, last_check_in]
    if still_open:
        latest_candidates += [local(now), usual_close]
    latest = max(m for m in latest_candidates if m is not None)
    start = _floor_hour(local(earliest))
    end = max(_ceil_hour(local(latest)), start + timedelta(hours=1))
    # The curve runs to the close, or to a later check-in that counts (one made at a table that was
    # offline and had not heard of the close, merged since): it must end at the day's total.
    stop = end if closed_at is None else max(m for m in (local(closed_at), last_check_in) if m is not None)
    until = min(local(now), local(stop), end)
    return DayAxis(day, start, end, opened_at, closed_at, max(until, start))


def _floor_hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def _ceil_hour(moment: datetime) -> datetime:
    floor = _floor_hour(moment)
    return floor if floor == moment else floor + timedelta(hours=1)
