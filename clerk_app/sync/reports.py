"""Hourly turnout reports: an event on the hour, so they travel to the ward like everything else.

A report for hour H says how many voters were on the list and how many had been checked in by
H:00 (test-mode check-ins never count). It is recorded once per hour: the scheduler may run
late (a laptop asleep at 10:00 records the 10:00 report when it wakes, still counting check-ins
up to 10:00 from their times) and may run often, in several processes; the check for an
existing report of that hour runs inside the write transaction, so it cannot record twice.
A report restored from the station's replaced laptop counts as recorded.
Payload: {"hour": "09:00", "voters": N, "checked_in": M}: figures only, no personal data.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time

from sqlite_utils import Database

from clerk_app.clock import VN_TZ, from_iso, local, to_iso
from clerk_app.model import PollsState
from clerk_app.storage.eventlog import EventKind, append_event
from clerk_app.storage.meta import get_meta, write_transaction

log = logging.getLogger("clerk_app.sync.reports")


@dataclass(frozen=True)
class ReportSchedule:
    """The hours (Vietnam time) that get a report; by default every hour of voting, 07:00-19:00."""

    hours: tuple[int, ...] = tuple(range(7, 20))


def due_hours(schedule: ReportSchedule, now: datetime, opened_at: datetime, closed_at: datetime | None) -> list[int]:
    """Scheduled hours of the polling day that have come while the polls were open."""
    day = local(opened_at).date()
    due = []
    for hour in sorted(set(schedule.hours)):
        moment = datetime.combine(day, time(hour), VN_TZ)
        if opened_at <= moment <= now and (closed_at is None or moment <= closed_at):
            due.append(hour)
    return due


def record_due_reports(db: Database, device_id: str, clerk: str, now: datetime, schedule: ReportSchedule) -> list[str]:
    """Record every due report not yet recorded; return their hours ("09:00")."""
    opened = get_meta(db, "polls_opened_at")
    if opened is None or get_meta(db, "polls") not in (PollsState.OPEN.value, PollsState.CLOSED.value):
        return []
    closed = get_meta(db, "polls_closed_at")
    hours = due_hours(schedule, now, from_iso(opened), from_iso(closed) if closed else None)
    recorded = []
    for hour in hours:
        label = f"{hour:02d}:00"
        if _recorded(db, label):  # cheap check first: nearly every call finds nothing due
            continue
        with write_transaction(db):
            if _recorded(db, label):
                continue
            moment = datetime.combine(local(from_iso(opened)).date(), time(hour), VN_TZ)
            payload = {"hour": label, "voters": _voters(db), "checked_in": _checked_in_by(db, moment)}
            append_event(db, device_id=device_id, kind=EventKind.HOURLY_REPORT, at=now, clerk=clerk, payload=payload)
        recorded.append(label)
        log.info("hourly report %s recorded: %d of %d", label, payload["checked_in"], payload["voters"])
    return recorded


def _recorded(db: Database, label: str) -> bool:
    row = db.conn.execute(
        "SELECT 1 FROM events WHERE kind = ? AND json_extract(payload, '$.hour') = ? LIMIT 1",
        (EventKind.HOURLY_REPORT.value, label),
    ).fetchone()
    return row is not None


def _voters(db: Database) -> int:
    return int(db.conn.execute("SELECT count(*) FROM voters WHERE status IN ('listed', 'added')").fetchone()[0])


def _checked_in_by(db: Database, moment: datetime) -> int:
    # julianday() reads the stored UTC offset, so times written with any offset compare right.
    row = db.conn.execute(
        "SELECT count(*) FROM checkins WHERE test = 0 AND julianday(at) <= julianday(?)", (to_iso(moment),)
    ).fetchone()
    return int(row[0])
