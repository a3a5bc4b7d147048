"""The append-only event log: per-device gap-free sequence numbers and a hash chain.

The events table is also the sync outbox. ``payload`` travels to the ward, so it carries list
numbers, times and flags only; free text that may be personal (an undo reason, a certificate
reference) goes in ``local_note``, which never leaves the station and is outside the hash.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlite_utils import Database

from clerk_app.clock import to_iso
from clerk_app.errors import CheckInRefused

GENESIS_HASH = "0" * 64
# meta keys: this device's events may go on at the ward beyond this file (clerk_app.sync.link)
OWN_CHAIN_UNSURE = "own_chain_unsure"  # "1": a restored copy, until the ward has answered
WARD_HOLDS_OWN_TO = "ward_holds_own_to"  # the highest seq of this device the ward said it holds


class EventKind(StrEnum):
    LIST_IMPORTED = "list_imported"
    TEST_STARTED = "test_started"
    POLLS_OPENED = "polls_opened"
    CHECKED_IN = "checked_in"
    CHECK_IN_UNDONE = "check_in_undone"
    VOTER_ADDED = "voter_added"
    VOTER_MARKED_ELSEWHERE = "voter_marked_elsewhere"
    ELSEWHERE_MARK_UNDONE = "elsewhere_mark_undone"  # the team leader takes back a mark made in error
    PIN_SET = "pin_set"
    POLLS_CLOSED = "polls_closed"
    SNAPSHOT_CONFIRMED = "snapshot_confirmed"
    HOURLY_REPORT = "hourly_report"


# A table name (each event's clerk) is at most this long. The ward refuses a longer one, and with it
# the whole batch, so the outbox would stall on it (ward_server.models.EventIn.clerk).
MAX_CLERK_LENGTH = 100


@dataclass(frozen=True)
class Event:
    device_id: str
    seq: int
    uuid: str
    kind: str
    list_no: int | None
    at: str
    clerk: str
    payload: dict[str, Any] = field(default_factory=dict)
    prev_hash: str = GENESIS_HASH
    hash: str = ""


def event_hash(
    *,
    device_id: str,
    seq: int,
    uuid: str,
    kind: str,
    list_no: int | None,
    at: str,
    clerk: str,
    payload_json: str,
    prev_hash: str,
) -> str:
    canonical = json.dumps(
        [device_id, seq, uuid, kind, list_no, at, clerk, payload_json, prev_hash],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _payload_json(payload: dict[str, Any] | None) -> str:
    return json.dumps(payload or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def append_event(
    db: Database,
    *,
    device_id: str,
    kind: EventKind,
    at: datetime,
    list_no: int | None = None,
    clerk: str = "",
    payload: dict[str, Any] | None = None,
    local_note: str = "",
) -> Event:
    """Append one event. Call inside the write transaction of the change it records.

    The previous (seq, hash) is read inside that transaction rather than cached, so a rolled
    back change can never leave a gap or a broken link behind.
    """
    last = db.conn.execute(
        "SELECT seq, hash FROM events WHERE device_id = ? ORDER BY seq DESC LIMIT 1", (device_id,)
    ).fetchone()
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    if own_chain_may_go_on_elsewhere(db, device_id, newest_seq=seq - 1):
        raise CheckInRefused("waiting_for_the_ward")
    event_uuid = str(uuid.uuid4())
    at_text = to_iso(at)
    payload_json = _payload_json(payload)
    digest = event_hash(
        device_id=device_id,
        seq=seq,
        uuid=event_uuid,
        kind=kind.value,
        list_no=list_no,
        at=at_text,
        clerk=clerk,
        payload_json=payload_json,
        prev_hash=prev_hash,
    )
    db.conn.execute(
        "INSERT INTO events (device_id, seq, uuid, kind, list_no, at, clerk, payload, local_note, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (device_id, seq, event_uuid, kind.value, list_no, at_text, clerk, payload_json, local_note, prev_hash, digest),
    )
    return Event(device_id, seq, event_uuid, kind.value, list_no, at_text, clerk, payload or {}, prev_hash, digest)


def own_chain_may_go_on_elsewhere(db: Database, device_id: str, *, newest_seq: int | None = None) -> bool:
    """Whether this device's events may go on at the ward beyond this file's newest (a station.db
    restored from a copy, until the ward has answered: clerk_app.sync.engine). A new event here
    would take a seq the ward holds with other content and split the device's chain for good.
    ``newest_seq``: the device's newest seq when the caller has it (read here only if needed)."""
    flags = dict(
        db.conn.execute(
            "SELECT key, value FROM meta WHERE key IN (?, ?)", (OWN_CHAIN_UNSURE, WARD_HOLDS_OWN_TO)
        ).fetchall()
    )
    if flags.get(OWN_CHAIN_UNSURE) == "1":
        return True
    ward_holds = int(flags.get(WARD_HOLDS_OWN_TO) or 0)
    if not ward_holds:
        return False  # nearly always: nothing more to read
    if newest_seq is None:
        newest_seq = int(
            db.conn.execute("SELECT coalesce(max(seq), 0) FROM events WHERE device_id = ?", (device_id,)).fetchone()[0]
        )
    return ward_holds > newest_seq


def verify_chain(db: Database, device_id: str) -> list[str]:
    """Problems in one device's log: gaps in seq, broken links, altered rows. Empty means sound."""
    problems: list[str] = []
    expected_seq, expected_prev = 1, GENESIS_HASH
    rows = db.conn.execute(
        "SELECT seq, uuid, kind, list_no, at, clerk, payload, prev_hash, hash FROM events"
        " WHERE device_id = ? ORDER BY seq",
        (device_id,),
    )
    for seq, ev_uuid, kind, list_no, at, clerk, payload_json, prev_hash, digest in rows:
        if seq != expected_seq:
            problems.append(f"seq {seq}: expected {expected_seq}")
        if prev_hash != expected_prev:
            problems.append(f"seq {seq}: link to the previous event is broken")
        recomputed = event_hash(
            device_id=device_id,
            seq=seq,
            uuid=ev_uuid,
            kind=kind,
            list_no=list_no,
            at=at,
            clerk=clerk,
            payload_json=payload_json,
            prev_hash=prev_hash,
        )
        if recomputed != digest:
            problems.append(f"seq {seq}: content does not match its hash")
        expected_seq, expected_prev = seq + 1, digest
    return problems
