"""What the status bar shows about sync, as one immutable value the worker hands to the UI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from clerk_app.clock import from_iso
from clerk_app.storage.merge import conflict_count
from clerk_app.storage.meta import get_meta
from clerk_app.sync import link, outbox

CLOCK_WARNING_S = 120.0  # the "more than two minutes"


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool  # has a ward address and credentials
    reachable: bool | None  # the ward server answered our last call; None: not asked yet
    unsent_events: int  # this device's events the ward has not acknowledged
    last_sync_at: datetime | None  # last acknowledged batch (this machine's clock)
    last_contact_at: datetime | None  # last answer of any kind from the ward server
    clock_offset_s: float | None  # server minus this machine; positive: this clock is behind
    conflicts: int  # voters checked in on more than one device, plus clashing list changes
    restore_pending: bool  # enrolled, but the station's other devices' events not yet pulled
    problem: str | None = None  # the last error in words (English, for a tooltip and the log)
    rejected_status: int | None = None  # HTTP status when the ward server refused (401, 403...)
    next_attempt_in_s: float | None = None  # when the worker tries again, if it is backing off
    foreign_events: int = 0  # events of the station's other devices held here: grows when a pull brings some

    @property
    def clock_warning(self) -> bool:
        """This machine's clock and the ward's differ by more than two minutes."""
        return self.clock_offset_s is not None and abs(self.clock_offset_s) > CLOCK_WARNING_S

    def as_json(self) -> dict[str, Any]:
        return {
            "enrolled": self.enrolled,
            "reachable": self.reachable,
            "unsent_events": self.unsent_events,
            "last_sync_at": self.last_sync_at.isoformat() if self.last_sync_at else None,
            "last_contact_at": self.last_contact_at.isoformat() if self.last_contact_at else None,
            "clock_offset_s": self.clock_offset_s,
            "clock_warning": self.clock_warning,
            "conflicts": self.conflicts,
            "restore_pending": self.restore_pending,
            "problem": self.problem,
            "rejected_status": self.rejected_status,
            "next_attempt_in_s": self.next_attempt_in_s,
            "foreign_events": self.foreign_events,
        }


def read_status(
    db: Database,
    device_id: str,
    *,
    enrolled: bool,
    reachable: bool | None,
    problem: str | None = None,
    rejected_status: int | None = None,
    next_attempt_in_s: float | None = None,
) -> SyncStatus:
    """The figures from the station database plus what the caller knows of the last attempt."""
    offset = get_meta(db, "clock_offset_s")
    return SyncStatus(
        enrolled=enrolled,
        reachable=reachable,
        unsent_events=outbox.unsent_count(db, device_id),
        last_sync_at=_time(get_meta(db, "last_sync_at")),
        last_contact_at=_time(get_meta(db, "last_contact_at")),
        clock_offset_s=float(offset) if offset else None,
        conflicts=conflict_count(db),
        restore_pending=link.restore_pending(db),
        problem=problem,
        rejected_status=rejected_status,
        next_attempt_in_s=next_attempt_in_s,
        foreign_events=_foreign_events(db, device_id),
    )


def _foreign_events(db: Database, device_id: str) -> int:
    # Counted where the status is read (the worker's thread), so the window learns that other
    # tables' events arrived without reading the database itself.
    row = db.conn.execute("SELECT count(*) FROM events WHERE device_id <> ?", (device_id,)).fetchone()
    return int(row[0])


def _time(text: str | None) -> datetime | None:
    return from_iso(text) if text else None
