"""Hourly turnout reports: an event at each scheduled time, so they travel to the ward like everything else.

The schedule is the team's setting (Settings → Hourly reports…, clerk_app.settings): every 30, 60
or 120 minutes from a first hour to a last one (07:00-19:00 by default), and always at the last
hour itself, the closing figure. A report for time T says how many voters were on the list and
how many had been checked in by T (test-mode check-ins never count), for the times while the
polls were open. It is recorded once per time: the scheduler may run late (a laptop asleep at
10:00 records the 10:00 report when it wakes, still counting check-ins up to 10:00 from their
times) and may run often, in several processes; the check for an existing report of that time
runs inside the write transaction, so it cannot record twice. A report restored from the
station's replaced laptop counts as recorded. A schedule changed during the day adds the new
times that have passed (figures as of each time, from the check-ins' times) and keeps the
reports already recorded.
Payload: {"hour": "09:00", "voters": N, "checked_in": M} ("09:30" on a half-hour schedule):
figures only, no personal data.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, time

from sqlite_utils import Database

from clerk_app.clock import VN_TZ, from_iso, local, to_iso
from clerk_app.model import PollsState
from clerk_app.settings import REPORT_FIRST_HOUR, REPORT_INTERVAL, REPORT_LAST_HOUR, Settings
from clerk_app.storage import elsewhere
from clerk_app.storage.eventlog import EventKind, append_event
from clerk_app.storage.meta import get_meta, write_transaction

log = logging.getLogger("clerk_app.sync.reports")


@dataclass(frozen=True)
class ReportSchedule:
    """When reports are due (Vietnam time): every ``interval_minutes`` from ``first_hour``:00 to
    ``last_hour``:00, and at ``last_hour``:00 itself. By default every hour of voting, 07:00-19:00."""

    interval_minutes: int = REPORT_INTERVAL.default
    first_hour: int = REPORT_FIRST_HOUR.default
    last_hour: int = REPORT_LAST_HOUR.default

    def __post_init__(self) -> None:
        if not 0 <= self.first_hour <= self.last_hour <= 23:
            raise ValueError(f"report hours {self.first_hour}-{self.last_hour}: need 0 <= first <= last <= 23")
        if not 1 <= self.interval_minutes <= 24 * 60:
            raise ValueError(f"report interval {self.interval_minutes} minutes: need 1 to 1440")

    def times(self) -> tuple[time, ...]:
        """Every scheduled time of the day, in order."""
        first, last = self.first_hour * 60, self.last_hour * 60
        minutes = sorted({*range(first, last + 1, self.interval_minutes), last})
        return tuple(time(m // 60, m % 60) for m in minutes)


def schedule_from_settings(settings: Settings) -> ReportSchedule:
    """The team's schedule; a first hour after the last (a hand-edited file) gives the default."""
    first, last = settings.get(REPORT_FIRST_HOUR), settings.get(REPORT_LAST_HOUR)
    if first > last:
        return ReportSchedule()
    return ReportSchedule(settings.get(REPORT_INTERVAL), first, last)


def label(moment: time) -> str:
    """How a report names its time: "09:00", "09:30"."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def due_times(schedule: ReportSchedule, now: datetime, opened_at: datetime, closed_at: datetime | None) -> list[time]:
    """Scheduled times of the polling day that have come while the polls were open."""
    day = local(opened_at).date()
    due = []
    for moment in schedule.times():
        at = datetime.combine(day, moment, VN_TZ)
        if opened_at <= at <= now and (closed_at is None or at <= closed_at):
            due.append(moment)
    return due


def record_due_reports(db: Database, device_id: str, clerk: str, now: datetime, schedule: ReportSchedule) -> list[str]:
    """Record every due report not yet recorded; return their times ("09:00")."""
    opened = get_meta(db, "polls_opened_at")
    if opened is None or get_meta(db, "polls") not in (PollsState.OPEN.value, PollsState.CLOSED.value):
        return []
    closed = get_meta(db, "polls_closed_at")
    day = local(from_iso(opened)).date()
    recorded = []
    for due in due_times(schedule, now, from_iso(opened), from_iso(closed) if closed else None):
        name = label(due)
        if _recorded(db, name):  # cheap check first: nearly every call finds nothing due
            continue
        with write_transaction(db):
            if _recorded(db, name):
                continue
            moment = datetime.combine(day, due, VN_TZ)
            marked = json.dumps(elsewhere.standing_since(db))  # for _MARKED
            payload = {
                "hour": name,
                "voters": _voters_at(db, moment, marked),
                "checked_in": _checked_in_by(db, moment, marked),
            }
            append_event(db, device_id=device_id, kind=EventKind.HOURLY_REPORT, at=now, clerk=clerk, payload=payload)
        recorded.append(name)
        log.info("turnout report %s recorded: %d of %d", name, payload["checked_in"], payload["voters"])
    return recorded


def _recorded(db: Database, name: str) -> bool:
    row = db.conn.execute(
        "SELECT 1 FROM events WHERE kind = ? AND json_extract(payload, '$.hour') = ? LIMIT 1",
        (EventKind.HOURLY_REPORT.value, name),
    ).fetchone()
    return row is not None


# A voter of ``voters v`` on the list at a moment (the parameters from _on_list_params), with
# ``marked m`` (_MARKED, its one parameter first) joined: clerk_app.storage.voted.ON_LIST as it
# stood then. Voters added on the day count from when they were added; voters marked as voting
# elsewhere, until the earliest of their marks that stand (elsewhere.standing_marks: a mark taken back
# never counted). Only added voters need their events looked up.
_MARKED = "WITH marked (list_no, since) AS (SELECT CAST(key AS INTEGER), julianday(value) FROM json_each(?))"
_ADDED_AT = "(SELECT min(julianday(at)) FROM events e WHERE e.kind = ? AND e.list_no = v.list_no)"
_ON_LIST_AT = (
    "v.status IN ('listed', 'added', 'elsewhere')"
    f" AND (v.status = 'listed' OR coalesce({_ADDED_AT}, 0) <= julianday(?))"
    " AND (v.status <> 'elsewhere' OR julianday(?) < m.since)"
)


def _on_list_params(at: str) -> tuple[str, str, str]:
    return (EventKind.VOTER_ADDED.value, at, at)


def _voters_at(db: Database, moment: datetime, marked: str) -> int:
    """Voters on the list at ``moment``: a report recorded late (the laptop asleep at the hour)
    says what the list held at the hour. (The turnout view and the end-of-day report count by the
    list as it stands now: a voter marked elsewhere after the hour is in this report, not in them.)"""
    row = db.conn.execute(
        f"{_MARKED} SELECT count(*) FROM voters v LEFT JOIN marked m ON m.list_no = v.list_no WHERE {_ON_LIST_AT}",
        (marked, *_on_list_params(to_iso(moment))),
    )
    return int(row.fetchone()[0])


def _checked_in_by(db: Database, moment: datetime, marked: str) -> int:
    """Voters who had voted by ``moment`` (clerk_app.storage.voted), among those on the list then."""
    at = to_iso(moment)
    # julianday() reads the stored UTC offset, so times written with any offset compare right.
    row = db.conn.execute(
        f"{_MARKED} SELECT count(*) FROM checkins c JOIN voters v ON v.list_no = c.list_no"
        " LEFT JOIN marked m ON m.list_no = v.list_no"
        f" WHERE c.test = 0 AND julianday(c.at) <= julianday(?) AND {_ON_LIST_AT}",
        (marked, at, *_on_list_params(at)),
    )
    return int(row.fetchone()[0])
