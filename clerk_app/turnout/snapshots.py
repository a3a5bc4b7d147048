"""The hourly reports (events of kind ``hourly_report``) and the team leader's confirmation of them.

A report says how many voters were on the list and how many had voted by the hour; the sync
worker records it on the hour and it travels to the ward like every event. The team leader
confirms a report they have checked (with the PIN), recorded as an event of kind
``snapshot_confirmed`` whose payload names the report (its uuid) and repeats its figures, so the
ward sees exactly what was confirmed.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from clerk_app.clock import from_iso
from clerk_app.errors import ClerkAppError
from clerk_app.rules import turnout_percent
from clerk_app.station import Station
from clerk_app.storage.eventlog import EventKind, append_event
from clerk_app.storage.meta import write_transaction

log = logging.getLogger("clerk_app.turnout.snapshots")

REPORT_KIND = "hourly_report"
CONFIRMED_KIND = EventKind.SNAPSHOT_CONFIRMED.value


class SnapshotRefused(ClerkAppError):
    """A confirmation that cannot be recorded; ``reason`` is a stable code."""

    def __init__(self, reason: str) -> None:
        self.reason = reason  # "no_such_report"
        super().__init__(reason)


@dataclass(frozen=True)
class Snapshot:
    uuid: str
    device_id: str
    hour: str  # "09:00", on the polling-station clock
    voters: int
    checked_in: int
    recorded_at: datetime
    confirmed_at: datetime | None = None
    confirmed_by: str = ""  # the table the confirmation was made at (the event's clerk)

    @property
    def percent(self) -> float:
        return turnout_percent(self.checked_in, self.voters)

    @property
    def hour_value(self) -> float:
        """The report's hour as hours since midnight (9.0 for "09:00"), for the chart."""
        hours, minutes = self.hour.split(":")
        return int(hours) + int(minutes) / 60


def list_snapshots(db: Database) -> list[Snapshot]:
    """Every hourly report of the station (all its devices), by hour, with its confirmation if any."""
    confirmed: dict[str, tuple[datetime, str]] = {}
    for at, clerk, payload in db.conn.execute(
        "SELECT at, clerk, payload FROM events WHERE kind = ? ORDER BY at", (CONFIRMED_KIND,)
    ):
        report = json.loads(payload).get("report")
        if isinstance(report, str):
            confirmed.setdefault(report, (from_iso(at), clerk))
    snapshots = []
    for uuid, device_id, at, payload in db.conn.execute(
        "SELECT uuid, device_id, at, payload FROM events WHERE kind = ? ORDER BY at, device_id", (REPORT_KIND,)
    ):
        data = json.loads(payload)
        when, by = confirmed.get(uuid, (None, ""))
        figures = (str(data["hour"]), int(data["voters"]), int(data["checked_in"]))
        snapshots.append(Snapshot(uuid, device_id, *figures, from_iso(at), when, by))
    return sorted(snapshots, key=lambda s: (s.hour, s.recorded_at))


def confirm_snapshot(station: Station, report_uuid: str, *, pin: str) -> Snapshot:
    """Record the team leader's confirmation of one report (PIN checked); confirming twice is a no-op."""
    station.verify_pin(pin)
    with write_transaction(station.db):
        found = {s.uuid: s for s in list_snapshots(station.db)}.get(report_uuid)
        if found is None:
            raise SnapshotRefused("no_such_report")
        if found.confirmed_at is not None:
            return found
        payload = {"report": found.uuid, "hour": found.hour, "voters": found.voters, "checked_in": found.checked_in}
        event = append_event(
            station.db,
            device_id=station.device_id,
            kind=EventKind.SNAPSHOT_CONFIRMED,
            at=station.clock(),
            clerk=station.clerk,
            payload=payload,
        )
    log.info("hourly report %s confirmed", found.hour)
    return Snapshot(
        found.uuid, found.device_id, found.hour, found.voters, found.checked_in, found.recorded_at,
        from_iso(event.at), station.clerk,
    )  # fmt: skip
