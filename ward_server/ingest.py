"""Storing a device's batch exactly once, and what the answer reports.

Idempotent on (device_id, seq): the content hash is the event's own chain hash, which the
server recomputes (clerk_app.storage.eventlog.event_hash) so that it really covers the content.
Per batch: one read of the keys already held, one executemany per table, one transaction.
Derived figures (each voter's live check-ins) are refreshed for the voters the batch touched
only, so a batch costs the same at 08:00 as at 18:00.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from clerk_app.clock import VN_TZ, to_iso
from clerk_app.storage.eventlog import event_hash
from ward_server.db import write_transaction
from ward_server.errors import ApiError, FieldProblem
from ward_server.models import VOTER_KINDS, CheckInRef, Conflict, EventBatch, EventIn, Refused, payload_problem
from ward_server.registry import Device
from ward_server.schema import LIVE_FILTER, MILESTONE_KINDS

log = logging.getLogger("ward_server.ingest")

CHECK_IN_KINDS = ("checked_in", "check_in_undone")
# Vietnam keeps UTC+7 all year, so the local hour is plain arithmetic on the UTC instant.
VN_OFFSET_MS = int(VN_TZ.utcoffset(None).total_seconds() * 1000)
EPOCH, ONE_MS = datetime(1970, 1, 1, tzinfo=UTC), timedelta(milliseconds=1)


@dataclass(slots=True)
class Prepared:
    """One event ready to store: what was sent plus what the server derives from it."""

    seq: int
    uuid: str
    kind: str
    list_no: int | None
    at: str
    at_ms: int
    hour_local: int
    clerk: str
    payload_json: str
    prev_hash: str
    hash: str
    hash_ok: bool
    test: bool


@dataclass
class Outcome:
    acked_seq: int
    stored: int = 0
    duplicates: int = 0
    refused: list[Refused] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


def canonical_payload(payload: dict[str, object]) -> str:
    """The payload text the station hashed (eventlog._payload_json): sorted keys, no spaces."""
    if not payload:
        return "{}"  # most events: skip the encoder
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _invalid(index: int, where: str, message: str) -> ApiError:
    return ApiError(422, "schema violation", [FieldProblem(f"/events/{index}{where}", message)])


def prepare(device_id: str, index: int, event: EventIn) -> Prepared:
    """Derive what the server stores; also the checks the schema cannot express.

    They run here rather than as pydantic validators: one Python pass over the batch, which
    the server makes anyway, instead of a call out of pydantic-core per event.
    """
    try:
        moment = datetime.fromisoformat(event.at)
    except ValueError:
        raise _invalid(index, "/at", "not a real date and time") from None
    if event.list_no is None and event.kind in VOTER_KINDS:
        raise _invalid(index, "/list_no", f"{event.kind} needs list_no")
    if event.payload:
        problem = payload_problem(event.payload)
        if problem:
            raise _invalid(index, "/payload", problem)
    at_ms = (moment - EPOCH) // ONE_MS  # exact: float timestamps can round 08:00:00.000 down
    payload_json = canonical_payload(event.payload)
    recomputed = event_hash(
        device_id=device_id,
        seq=event.seq,
        uuid=event.uuid,
        kind=event.kind,
        list_no=event.list_no,
        at=event.at,
        clerk=event.clerk,
        payload_json=payload_json,
        prev_hash=event.prev_hash,
    )
    return Prepared(
        seq=event.seq,
        uuid=event.uuid,
        kind=event.kind,
        list_no=event.list_no,
        at=event.at,
        at_ms=at_ms,
        hour_local=(at_ms + VN_OFFSET_MS) // 3_600_000 % 24,
        clerk=event.clerk,
        payload_json=payload_json,
        prev_hash=event.prev_hash,
        hash=event.hash,
        hash_ok=recomputed == event.hash,
        test=event.payload.get("test") is True,
    )


def ingest(conn: sqlite3.Connection, device: Device, batch: EventBatch, now: datetime) -> Outcome:
    prepared = [prepare(device.device_id, i, e) for i, e in enumerate(batch.events)]
    received_at = to_iso(now)
    with write_transaction(conn):
        held = _held_hashes(conn, device.device_id, prepared)
        fresh, refused, outcome = _classify(prepared, held)
        _insert_events(conn, device, fresh, received_at)
        _insert_milestones(conn, device, fresh)
        _update_checkin_state(conn, device, fresh)
        _refresh_voter_turnout(conn, device.station, fresh)
        _record_incidents(conn, device, refused, held, received_at)
        outcome.acked_seq = _advance_ack(conn, device.device_id)
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
    low, high = min(e.seq for e in events), max(e.seq for e in events)
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


def _insert_events(conn: sqlite3.Connection, device: Device, events: list[Prepared], received_at: str) -> None:
    station, device_id = device.station, device.device_id
    conn.executemany(
        "INSERT INTO events (station, device_id, seq, uuid, kind, list_no, at, at_ms, clerk, payload,"
        " prev_hash, hash, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
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
                received_at,
            )
            for e in events
        ],
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


def _update_checkin_state(conn: sqlite3.Connection, device: Device, events: list[Prepared]) -> None:
    """Per (device, voter) keep only the latest check-in or undo by seq, whatever the arrival order.

    So an undo cancels that device's check-in even when a gap delays the check-in itself.
    """
    conn.executemany(
        "INSERT INTO checkin_state (station, list_no, device_id, seq, kind, at, at_ms, hour_local, test)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (station, list_no, device_id) DO UPDATE SET seq = excluded.seq, kind = excluded.kind,"
        " at = excluded.at, at_ms = excluded.at_ms, hour_local = excluded.hour_local, test = excluded.test"
        " WHERE excluded.seq > checkin_state.seq",
        [
            (device.station, e.list_no, device.device_id, e.seq, e.kind, e.at, e.at_ms, e.hour_local, int(e.test))
            for e in events
            if e.kind in CHECK_IN_KINDS
        ],
    )


def _refresh_voter_turnout(conn: sqlite3.Connection, station: int, events: list[Prepared]) -> None:
    """Recount the live check-ins of the voters this batch touched, across the station's devices.

    A voter is counted once, in the hour of their first live check-in (SQLite takes the bare
    column hour_local from the row holding MIN(at_ms)).
    """
    touched = json.dumps(sorted({e.list_no for e in events if e.kind in CHECK_IN_KINDS}))
    if touched == "[]":
        return
    conn.execute(
        "DELETE FROM voter_turnout WHERE station = ? AND list_no IN (SELECT value FROM json_each(?))",
        (station, touched),
    )
    conn.execute(
        "INSERT INTO voter_turnout (station, list_no, live, first_at_ms, hour_local)"
        " SELECT station, list_no, COUNT(*), MIN(at_ms), hour_local FROM checkin_state"
        f" WHERE station = ? AND list_no IN (SELECT value FROM json_each(?)) AND {LIVE_FILTER}"
        " GROUP BY list_no",
        (station, touched),
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


def _advance_ack(conn: sqlite3.Connection, device_id: str) -> int:
    """The highest contiguous seq held from 1: the end of the run that starts at acked + 1."""
    acked: int = conn.execute("SELECT acked_seq FROM devices WHERE device_id = ?", (device_id,)).fetchone()[0]
    if conn.execute("SELECT 1 FROM events WHERE device_id = ? AND seq = ?", (device_id, acked + 1)).fetchone() is None:
        return acked
    end = conn.execute(
        "SELECT MIN(e.seq) FROM events e WHERE e.device_id = ? AND e.seq > ?"
        " AND NOT EXISTS (SELECT 1 FROM events n WHERE n.device_id = e.device_id AND n.seq = e.seq + 1)",
        (device_id, acked),
    ).fetchone()[0]
    return int(end)


def _touch_device(conn: sqlite3.Connection, device_id: str, acked: int, fresh: list[Prepared], now_text: str) -> None:
    conn.execute(
        "UPDATE devices SET acked_seq = ?, last_contact_at = ? WHERE device_id = ?", (acked, now_text, device_id)
    )
    latest = max(fresh, key=lambda e: e.at_ms, default=None)
    if latest is not None:
        conn.execute(
            "UPDATE devices SET last_event_at = ?, last_event_ms = ?"
            " WHERE device_id = ? AND (last_event_ms IS NULL OR last_event_ms < ?)",
            (latest.at, latest.at_ms, device_id, latest.at_ms),
        )


def station_conflicts(conn: sqlite3.Connection, station: int) -> list[Conflict]:
    """Voters with more than one live check-in across the station's devices."""
    # Pinned plan: the few conflicted voters from the partial index first (INDEXED BY), then their
    # rows by key (CROSS JOIN keeps that loop order). Left to itself the planner walks every
    # voter of the station, which grows through the day.
    rows = conn.execute(
        "SELECT v.list_no, s.device_id, s.seq, s.at FROM voter_turnout v INDEXED BY voter_turnout_conflicts"
        " CROSS JOIN checkin_state s ON s.station = v.station AND s.list_no = v.list_no"
        " WHERE v.station = ? AND v.live > 1 AND s.kind = 'checked_in' AND s.test = 0"
        " ORDER BY v.list_no, s.at_ms, s.device_id",
        (station,),
    ).fetchall()
    conflicts: dict[int, list[CheckInRef]] = {}
    for list_no, device_id, seq, at in rows:
        conflicts.setdefault(list_no, []).append(CheckInRef(device_id=device_id, seq=seq, at=at))
    return [Conflict(list_no=n, check_ins=refs) for n, refs in conflicts.items()]
