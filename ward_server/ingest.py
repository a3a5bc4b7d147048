"""Storing a device's batch exactly once, and what the answer reports.

Idempotent on (device_id, seq): the content hash is the event's own chain hash, which the
server recomputes (clerk_app.storage.eventlog.event_hash) so that it really covers the content.
Per batch: one read of the keys already held, one executemany per table, one transaction.
Derived figures (each voter's live check-ins) are refreshed for the voters the batch touched
only, so a batch costs the same at 08:00 as at 18:00.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter

from clerk_app.clock import to_iso
from ward_server import checkins
from ward_server.batch import Prepared
from ward_server.checkins import station_conflicts
from ward_server.db import write_transaction
from ward_server.models import Conflict, Refused
from ward_server.registry import Device
from ward_server.schema import MILESTONE_KINDS, newest_event_id, station_ids

log = logging.getLogger("ward_server.ingest")
_AT_MS = attrgetter("at_ms")


@dataclass
class Outcome:
    acked_seq: int
    stored: int = 0
    duplicates: int = 0
    refused: list[Refused] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


def ingest(conn: sqlite3.Connection, device: Device, prepared: list[Prepared], now: datetime) -> Outcome:
    """Store the device's prepared events (ward_server.batch.read_batch) in one transaction."""
    received_at = to_iso(now)
    with write_transaction(conn):
        held = _held_hashes(conn, device.device_id, prepared)
        fresh, refused, outcome = _classify(prepared, held)
        # Before the batch's events are stored: what it reads as held is then only what came before.
        checkins.apply(conn, device.station, device.device_id, fresh)
        _insert_events(conn, device, fresh)
        _record_receipt(conn, device, fresh, received_at)
        _insert_milestones(conn, device, fresh)
        _record_incidents(conn, device, refused, held, received_at)
        outcome.acked_seq = _advance_ack(conn, device.device_id, fresh)
        _touch_device(conn, device.device_id, outcome.acked_seq, fresh, received_at)
        outcome.conflicts = station_conflicts(conn, device.station)
    if refused:  # a handful named, the rest counted: a bad batch must not flood the log
        named = ", ".join(f"{e.seq} {why}" for e, why in refused[:5])
        log.warning(
            "device %s: refused %d event(s): %s%s",
            device.device_id,
            len(refused),
            named,
            " ..." if len(refused) > 5 else "",
        )
    log.info(
        "device %s station %d: stored %d, duplicates %d, acked %d",
        device.device_id,
        device.station,
        outcome.stored,
        outcome.duplicates,
        outcome.acked_seq,
    )
    return outcome


def _held_hashes(conn: sqlite3.Connection, device_id: str, events: list[Prepared]) -> dict[int, str]:
    if not events:
        return {}
    seqs = [e.seq for e in events]
    low, high = min(seqs), max(seqs)
    rows = conn.execute(
        "SELECT seq, hash FROM events WHERE device_id = ? AND seq BETWEEN ? AND ?", (device_id, low, high)
    )
    return dict(rows.fetchall())


Refusal = tuple[Prepared, str]  # the event and why: bad_hash | different_content


def _classify(events: list[Prepared], held: dict[int, str]) -> tuple[list[Prepared], list[Refusal], Outcome]:
    """New, duplicate or refused, in batch order (a seq repeated inside the batch counts too)."""
    seen = dict(held)
    fresh: list[Prepared] = []
    refused: list[Refusal] = []
    duplicates = 0
    for event in events:
        if not event.hash_ok:
            refused.append((event, "bad_hash"))
        elif event.seq not in seen:
            seen[event.seq] = event.hash
            fresh.append(event)
        elif seen[event.seq] == event.hash:
            duplicates += 1
        else:
            refused.append((event, "different_content"))
    outcome = Outcome(
        acked_seq=0,
        stored=len(fresh),
        duplicates=duplicates,
        refused=[Refused(seq=e.seq, reason=why) for e, why in refused],
    )
    return fresh, refused, outcome


def _insert_events(conn: sqlite3.Connection, device: Device, events: list[Prepared]) -> None:
    """Stored in batch order, numbered on from the station's last event (its first event's id is
    the first of schema.station_ids)."""
    if not events:
        return
    station, device_id = device.station, device.device_id
    newest = newest_event_id(conn, station)
    next_id = station_ids(station)[0] if newest is None else newest + 1
    conn.executemany(
        "INSERT INTO events (id, station, device_id, seq, uuid, kind, list_no, at, at_ms, clerk, payload,"
        " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                next_id + i,
                station,
                device_id,
                e.seq,
                e.uuid,
                e.kind,
                e.list_no,
                e.at,
                e.at_ms,
                e.clerk,
                e.payload_json,
                e.prev_hash,
                e.hash,
            )
            for i, e in enumerate(events)
        ],
    )


def _record_receipt(conn: sqlite3.Connection, device: Device, events: list[Prepared], now_text: str) -> None:
    if events:
        seqs = [e.seq for e in events]
        conn.execute(
            "INSERT INTO receipts (device_id, received_at, stored, first_seq, last_seq) VALUES (?, ?, ?, ?, ?)",
            (device.device_id, now_text, len(seqs), min(seqs), max(seqs)),
        )


def _insert_milestones(conn: sqlite3.Connection, device: Device, events: list[Prepared]) -> None:
    conn.executemany(
        "INSERT INTO milestones (device_id, seq, station, kind, list_no, at_ms, payload) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (device.device_id, e.seq, device.station, e.kind, e.list_no, e.at_ms, e.payload_json)
            for e in events
            if e.kind in MILESTONE_KINDS
        ],
    )


def _record_incidents(
    conn: sqlite3.Connection, device: Device, refused: list[Refusal], held: dict[int, str], now_text: str
) -> None:
    """A resent batch repeats its incidents: count them on one row rather than add rows."""
    conn.executemany(
        "INSERT INTO incidents (station, device_id, seq, reason, stored_hash, received_hash, first_seen_at,"
        " last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (device_id, seq, reason, received_hash)"
        " DO UPDATE SET last_seen_at = excluded.last_seen_at, times = incidents.times + 1",
        [
            (device.station, device.device_id, e.seq, why, held.get(e.seq), e.hash, now_text, now_text)
            for e, why in refused
        ],
    )


def _advance_ack(conn: sqlite3.Connection, device_id: str, fresh: list[Prepared]) -> int:
    """The highest contiguous seq held from 1: the end of the run that starts at acked + 1.

    The batch's own events extend the run without a query; only events held beyond them (a
    gap just filled) take the walk through the index.
    """
    end: int = conn.execute("SELECT acked_seq FROM devices WHERE device_id = ?", (device_id,)).fetchone()[0]
    stored = [e.seq for e in fresh]  # distinct (_classify)
    if stored and min(stored) == end + 1 and max(stored) == end + len(stored):
        end += len(stored)  # the usual: the batch is the run's next stretch, end + 1 to end + len
    else:
        run = set(stored)
        while end + 1 in run:
            end += 1
    if conn.execute("SELECT 1 FROM events WHERE device_id = ? AND seq = ?", (device_id, end + 1)).fetchone() is None:
        return end
    end = conn.execute(
        "SELECT MIN(e.seq) FROM events e WHERE e.device_id = ? AND e.seq > ?"
        " AND NOT EXISTS (SELECT 1 FROM events n WHERE n.device_id = e.device_id AND n.seq = e.seq + 1)",
        (device_id, end),
    ).fetchone()[0]
    return int(end)


def _touch_device(conn: sqlite3.Connection, device_id: str, acked: int, fresh: list[Prepared], now_text: str) -> None:
    conn.execute(
        "UPDATE devices SET acked_seq = ?, last_contact_at = ? WHERE device_id = ?", (acked, now_text, device_id)
    )
    latest = max(fresh, key=_AT_MS, default=None)
    if latest is not None:
        conn.execute(
            "UPDATE devices SET last_event_at = ?, last_event_ms = ?"
            " WHERE device_id = ? AND (last_event_ms IS NULL OR last_event_ms < ?)",
            (latest.at, latest.at_ms, device_id, latest.at_ms),
        )
