"""The events table as the outbox: what is unsent, and recording what the ward acknowledged.

Unsent means this device's events with seq above ``meta.acked_seq``, the high-water mark the
ward last acknowledged. The mark only moves forward, and never past what was actually sent: a
server answering with a higher number (a restored ward database, a reused device id) must not
make this device believe events it never sent are safe.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from clerk_app.clock import to_iso
from clerk_app.storage.eventlog import Event
from clerk_app.storage.meta import get_meta, set_meta, write_transaction

log = logging.getLogger("clerk_app.sync.outbox")

BATCH_SIZE = 500  # the protocol's limit per POST


@dataclass(frozen=True)
class Contact:
    """One answer from the ward server: when we heard it, its clock, and ours against it."""

    at: datetime  # this machine's wall clock when the answer came
    server_time: datetime
    clock_offset_s: float  # server minus this machine: positive when our clock is behind


def acked_seq(db: Database) -> int:
    return int(get_meta(db, "acked_seq", "0") or 0)


def read_unsent(db: Database, device_id: str, limit: int = BATCH_SIZE) -> list[Event]:
    """The next unsent events in seq order, as they travel: payload yes, local_note never."""
    rows = db.conn.execute(
        "SELECT seq, uuid, kind, list_no, at, clerk, payload, prev_hash, hash FROM events"
        " WHERE device_id = ? AND seq > ? ORDER BY seq LIMIT ?",
        (device_id, acked_seq(db), limit),
    ).fetchall()
    return [
        Event(device_id, seq, uuid, kind, list_no, at, clerk, json.loads(payload), prev_hash, digest)
        for seq, uuid, kind, list_no, at, clerk, payload, prev_hash, digest in rows
    ]


def unsent_count(db: Database, device_id: str) -> int:
    row = db.conn.execute(
        "SELECT count(*) FROM events WHERE device_id = ? AND seq > ?", (device_id, acked_seq(db))
    ).fetchone()
    return int(row[0])


def record_ack(db: Database, server_acked: int, highest_sent: int, contact: Contact) -> int:
    """Move the mark to what the ward holds, within what was sent; return the mark now."""
    with write_transaction(db):
        current = acked_seq(db)
        if server_acked > highest_sent:
            log.warning(
                "ward acknowledged seq %d but only %d was sent: kept to %d", server_acked, highest_sent, highest_sent
            )
        if server_acked < current:
            log.warning("ward acknowledged seq %d, below the %d it acknowledged before", server_acked, current)
        new = max(current, min(server_acked, highest_sent))
        set_meta(db, "acked_seq", str(new))
        set_meta(db, "last_sync_at", to_iso(contact.at))
        _write_contact(db, contact)
    return new


def record_in_sync(db: Database, at: datetime) -> None:
    """The ward answered and holds every event of this device: that is a successful sync too."""
    with write_transaction(db):
        set_meta(db, "last_sync_at", to_iso(at))


def record_contact(db: Database, contact: Contact) -> None:
    """The server answered (a probe, a page): it is reachable, and this is its clock."""
    with write_transaction(db):
        _write_contact(db, contact)


def _write_contact(db: Database, contact: Contact) -> None:
    set_meta(db, "last_contact_at", to_iso(contact.at))
    set_meta(db, "clock_offset_s", f"{contact.clock_offset_s:.3f}")
