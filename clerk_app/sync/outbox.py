"""The events table as the outbox: what is unsent, and recording what the ward acknowledged.

Unsent means this device's events with seq above ``meta.acked_seq``, the high-water mark the
ward last acknowledged. The mark never moves past what was actually sent: a server answering
with a higher number (a reused device id) must not make this device believe events it never
sent are safe. It does move back when the ward acknowledges less than before: the ward then
holds less of this device than it did (its database restored from an earlier copy, or a new
ward server at the same address), and the events it lost are sent again. The ward keeps one
copy of each (device_id, seq), so sending again is always safe; not sending would lose them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
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


def record_ack(
    db: Database, server_acked: int, highest_sent: int, contact: Contact, refused: Sequence[int] = ()
) -> int:
    """Move the mark to what the ward holds, within what was sent and short of what it refused;
    return the mark now.

    A refused event is not safe at the ward, whatever its high-water mark says: the ward holds
    other content under that seq (this device's file restored from an older copy, say), so the
    mark stops before it, the event stays unsent and the station says sync is stuck.

    Below the mark before (the ward lost events): the events above it are unsent again, and the
    pull cursor goes back to the start, since a ward that lost events numbers the next ones it
    gets with ids this device has already read past (the merge skips what it already holds).
    """
    with write_transaction(db):
        current = acked_seq(db)
        if server_acked > highest_sent:
            log.warning(
                "ward acknowledged seq %d but only %d was sent: kept to %d", server_acked, highest_sent, highest_sent
            )
        new = min(server_acked, highest_sent)  # highest_sent is never below the mark: sent from it
        refused_here = [seq for seq in refused if current < seq <= new]
        if refused_here:
            new = min(refused_here) - 1
            log.warning("ward refused seq %s: acknowledged only up to seq %d", sorted(refused_here)[:5], new)
        if new < current:
            log.warning(
                "ward holds this device's events only up to seq %d, not %d as before: sending from seq %d again",
                new,
                current,
                new + 1,
            )
            set_meta(db, "pull_cursor", "0")  # clerk_app.sync.link.pull_cursor
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
