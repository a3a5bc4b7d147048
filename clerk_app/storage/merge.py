"""Applying the station's other devices' events (pulled from the ward) to this device's database.

Foreign events are stored in ``events`` as they were written (their own device id, seq and hash;
``uuid`` is unique, so applying a page twice changes nothing). Derived state follows:

- check-ins: a voter's current check-in is re-derived from *all* check-in and undo events of
  that voter, whichever device wrote them and in whatever order they arrived. The earliest live
  check-in stays in ``checkins``; any other live one goes to ``checkin_conflicts`` (both times
  kept, flagged on the screen and, by the ward, on its page). An undo takes back exactly the
  check-in it names (``payload.undoes``), promoting a conflicting one if that was the earliest;
  one that names none (written before undos named theirs) takes back its own device's latest
  check-in of the voter before it (``taken_back``, the ward's rule too).
- test-mode check-ins (``payload.test``) never count;
- a voter added on another device arrives without a name (names never leave a station): it
  becomes a placeholder row, unless this device already uses that list number (a conflict);
- a voter marked as voting elsewhere is off the list while one of their marks stands
  (``standing_marks``: a mark taken back names the marks it takes back), whichever table made or
  took back the marks and in whatever order they arrived (``settle_elsewhere``); such a voter
  checked in at some table is flagged (ELSEWHERE_BUT_CHECKED_IN) on every table, until the mark
  or the check-in is taken back;
- polls opened or closed there are opened or closed here.

A voter not on this device's list yet (a replacement laptop restores the events before its list
is imported) is settled by ``settle_pending`` and ``settle_all_elsewhere`` once the list is there.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from clerk_app.clock import from_iso
from clerk_app.model import PollsState
from clerk_app.names import fold
from clerk_app.storage.elsewhere import off_the_list, settle_elsewhere
from clerk_app.storage.eventlog import GENESIS_HASH, Event, EventKind
from clerk_app.storage.meta import get_meta, set_meta, write_transaction

log = logging.getLogger("clerk_app.storage.merge")

PLACEHOLDER_NAME = "Cử tri bổ sung – thêm tại thiết bị khác"
PLACEHOLDER_NOTE = "Bổ sung trong ngày bầu cử (thiết bị khác)"
CHECK_IN_KINDS = (EventKind.CHECKED_IN.value, EventKind.CHECK_IN_UNDONE.value)

# list_conflicts.kind
LIST_NO_TAKEN = "list_no_taken"  # the other device added a voter under a number used here


@dataclass(frozen=True)
class MergeResult:
    stored: int  # foreign events new to this device
    skipped: int  # already held, or this device's own
    voters_settled: int  # voters whose check-in state was re-derived


@dataclass(frozen=True)
class CheckInRef:
    device_id: str
    seq: int
    at: str
    clerk: str = ""  # the table that made it ("Bàn 2"), for the screen


@dataclass(frozen=True)
class CheckInConflict:
    """A voter with more than one live check-in; ``check_ins`` earliest first (the first is in checkins)."""

    list_no: int
    check_ins: tuple[CheckInRef, ...]


@dataclass(frozen=True)
class ListConflict:
    kind: str  # LIST_NO_TAKEN | ELSEWHERE_BUT_CHECKED_IN
    list_no: int
    device_id: str
    seq: int
    at: str


def merge_batch(
    db: Database,
    own_device_id: str,
    events: Sequence[Event],
    meta_updates: Mapping[str, str] | None = None,
    *,
    adopt_own: bool = False,
) -> MergeResult:
    """Apply one page of foreign events and the caller's bookkeeping (the pull cursor) in one transaction.

    The cursor moves in the same transaction as the events it covers, so a crash can neither
    skip a page nor leave it half applied. ``adopt_own``: this device's own events that carry
    its chain on from its newest one are taken back too (adopt_own_events).
    """
    with write_transaction(db):
        adopted = adopt_own_events(db, own_device_id, events) if adopt_own else 0
        result = apply_foreign_events(db, own_device_id, events)
        result = MergeResult(result.stored + adopted, result.skipped - adopted, result.voters_settled)
        if adopted:  # taken back from the ward, so held there: the outbox mark moves past them
            newest = db.conn.execute("SELECT max(seq) FROM events WHERE device_id = ?", (own_device_id,)).fetchone()[0]
            if newest > int(get_meta(db, "acked_seq", "0") or 0):
                set_meta(db, "acked_seq", str(newest))  # clerk_app.sync.outbox.acked_seq
        for key, value in (meta_updates or {}).items():
            set_meta(db, key, value)
    if result.stored:
        log.info("merged %d events from other devices (%d already held)", result.stored, result.skipped)
    return result


def apply_foreign_events(db: Database, own_device_id: str, events: Iterable[Event]) -> MergeResult:
    """Store and apply foreign events; call inside a write transaction."""
    stored = skipped = 0
    touched: set[int] = set()
    for event in events:
        if event.device_id == own_device_id or not _store(db, event):
            skipped += 1
            continue
        stored += 1
        _apply(db, event, touched)
    for list_no in sorted(touched):
        settle_voter_and_marks(db, list_no)
    return MergeResult(stored, skipped, len(touched))


def adopt_own_events(db: Database, own_device_id: str, events: Iterable[Event]) -> int:
    """Store and apply this device's own events that carry its chain on from its newest event
    (seq one above, prev_hash its hash), in seq order; how many. Call inside a write transaction.

    The ward held them and this file did not (restored from an older copy): they are this
    device's history, and the check-ins in them are real. An event that does not continue the
    chain (this file has gone on differently since) is left alone.
    """
    own = sorted((e for e in events if e.device_id == own_device_id), key=lambda e: e.seq)
    newest = db.conn.execute(
        "SELECT seq, hash FROM events WHERE device_id = ? ORDER BY seq DESC LIMIT 1", (own_device_id,)
    ).fetchone()
    seq, last_hash = (int(newest[0]), str(newest[1])) if newest else (0, GENESIS_HASH)
    adopted = 0
    touched: set[int] = set()
    for event in own:
        if event.seq != seq + 1 or event.prev_hash != last_hash or not _store(db, event):
            continue
        _apply(db, event, touched)
        seq, last_hash, adopted = event.seq, event.hash, adopted + 1
    for list_no in sorted(touched):
        settle_voter_and_marks(db, list_no)
    if adopted:
        log.warning("took back %d of this device's own events from the ward (up to seq %d)", adopted, seq)
    return adopted


def _store(db: Database, event: Event) -> bool:
    """Insert the event as it was written; False when this device already holds it."""
    cursor = db.conn.execute(
        "INSERT OR IGNORE INTO events (device_id, seq, uuid, kind, list_no, at, clerk, payload, local_note,"
        " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)",
        (
            event.device_id,
            event.seq,
            event.uuid,
            event.kind,
            event.list_no,
            event.at,
            event.clerk,
            json.dumps(event.payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
            event.prev_hash,
            event.hash,
        ),
    )
    return cursor.rowcount == 1


def _apply(db: Database, event: Event, touched: set[int]) -> None:
    kind, list_no = event.kind, event.list_no
    if kind in CHECK_IN_KINDS and list_no is not None:
        touched.add(list_no)
    elif kind == EventKind.VOTER_ADDED and list_no is not None:
        _add_placeholder(db, event, list_no)
    elif kind in (EventKind.VOTER_MARKED_ELSEWHERE, EventKind.ELSEWHERE_MARK_UNDONE) and list_no is not None:
        settle_elsewhere(db, list_no)
    elif kind == EventKind.POLLS_OPENED:
        _follow_opening(db, event)
    elif kind == EventKind.POLLS_CLOSED:
        _follow_closing(db, event)
    # Anything else (list imports, PIN changes, test mode, hourly reports) is that device's own
    # business: kept in the log, no state here.


# --- check-ins ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _LiveCheckIn:
    device_id: str
    seq: int
    at: str
    clerk: str
    mobile_box: bool


def settle_voter(db: Database, list_no: int) -> None:
    """Re-derive one voter's check-in state from every device's events; call inside a write transaction."""
    if db.conn.execute("SELECT 1 FROM voters WHERE list_no = ?", (list_no,)).fetchone() is None:
        return  # not on this device's list (yet): settle_pending does it after the import
    live = sorted(_live_check_ins(db, list_no), key=lambda c: (from_iso(c.at), c.device_id, c.seq))
    db.conn.execute("DELETE FROM checkin_conflicts WHERE list_no = ?", (list_no,))
    if not live:
        # A test-mode row of this device stays: the polls opening wipes it, not a merge.
        db.conn.execute("DELETE FROM checkins WHERE list_no = ? AND test = 0", (list_no,))
        return
    first = live[0]
    db.conn.execute(
        "INSERT OR REPLACE INTO checkins (list_no, at, device_id, seq, mobile_box, test, clerk)"
        " VALUES (?, ?, ?, ?, ?, 0, ?)",
        (list_no, first.at, first.device_id, first.seq, int(first.mobile_box), first.clerk),
    )
    db.conn.executemany(
        "INSERT INTO checkin_conflicts (device_id, seq, list_no, at, mobile_box, clerk) VALUES (?, ?, ?, ?, ?, ?)",
        [(c.device_id, c.seq, list_no, c.at, int(c.mobile_box), c.clerk) for c in live[1:]],
    )
    if len(live) > 1:
        log.warning("voter %d has %d live check-ins across devices: flagged", list_no, len(live))


def _live_check_ins(db: Database, list_no: int) -> list[_LiveCheckIn]:
    rows = db.conn.execute(
        "SELECT device_id, seq, kind, at, clerk, payload FROM events WHERE list_no = ? AND kind IN (?, ?)",
        (list_no, *CHECK_IN_KINDS),
    ).fetchall()
    check_ins: list[tuple[_LiveCheckIn, bool]] = []  # each with whether it is a test-mode one
    undos: list[Undo] = []
    for device_id, seq, kind, at, clerk, payload_json in rows:
        payload = _payload(payload_json)
        if kind == EventKind.CHECK_IN_UNDONE:
            undos.append((device_id, seq, undo_target(payload)))
        else:
            check_in = _LiveCheckIn(device_id, seq, at, clerk, payload.get("mobile_box") is True)
            check_ins.append((check_in, payload.get("test") is True))
    undone = taken_back([(c.device_id, c.seq) for c, _ in check_ins], undos)
    return [c for c, test in check_ins if not test and (c.device_id, c.seq) not in undone]


def _payload(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


CheckInKey = tuple[str, int]  # (device_id, seq)
Undo = tuple[str, int, CheckInKey | None]  # an undo's device_id and seq, and the check-in it names


def taken_back(check_ins: Iterable[CheckInKey], undos: Iterable[Undo]) -> set[CheckInKey]:
    """Which of one voter's check-ins (test-mode ones included) its undos take back.

    An undo takes back the check-in it names; one that names none (written before undos named
    theirs) takes back its own device's latest check-in of the voter before it, by seq. The ward
    applies the same rule (ward_server.checkins), so stations and ward agree on who voted.
    """
    keys = list(check_ins)
    undone: set[CheckInKey] = set()
    for device_id, seq, named in undos:
        target = named if named is not None else _latest_before(keys, device_id, seq)
        if target is not None:
            undone.add(target)
    return undone


def _latest_before(keys: list[CheckInKey], device_id: str, seq: int) -> CheckInKey | None:
    return max((k for k in keys if k[0] == device_id and k[1] < seq), key=lambda k: k[1], default=None)


def undo_target(payload: dict[str, Any]) -> CheckInKey | None:
    """``payload.undoes`` of a check_in_undone as (device_id, seq), or None when absent or not of
    that shape (the ward server applies the same rule: ward_server.batch)."""
    undoes = payload.get("undoes")
    if not isinstance(undoes, dict):
        return None
    device_id, seq = undoes.get("device_id"), undoes.get("seq")
    if isinstance(device_id, str) and isinstance(seq, int) and not isinstance(seq, bool):
        return device_id, seq
    return None


def settle_voter_and_marks(db: Database, list_no: int) -> None:
    """settle_voter, then, for a voter marked as voting elsewhere, the flag their check-ins raise
    or no longer raise (ELSEWHERE_BUT_CHECKED_IN), on whichever table made the mark or check-in."""
    settle_voter(db, list_no)
    if off_the_list(db, list_no):
        settle_elsewhere(db, list_no)


def settle_pending(db: Database, own_device_id: str) -> int:
    """Settle every voter another device checked in or undid; call inside a write transaction.

    Run after a list import: events restored before the list was there could not be applied.
    """
    list_nos = [
        row[0]
        for row in db.conn.execute(
            "SELECT DISTINCT list_no FROM events WHERE device_id <> ? AND list_no IS NOT NULL AND kind IN (?, ?)",
            (own_device_id, *CHECK_IN_KINDS),
        )
    ]
    for list_no in list_nos:
        settle_voter(db, list_no)
    return len(list_nos)


# --- the list and the polls ----------------------------------------------------------------


def _add_placeholder(db: Database, event: Event, list_no: int) -> None:
    if db.conn.execute("SELECT 1 FROM voters WHERE list_no = ?", (list_no,)).fetchone() is not None:
        _flag(db, LIST_NO_TAKEN, event, list_no)
        return
    # Plain SQL rather than voter_import's record: a placeholder has no row, no ID and no birth.
    db.conn.execute(
        "INSERT INTO voters (list_no, name, name_key, status, note) VALUES (?, ?, ?, 'added', ?)",
        (list_no, PLACEHOLDER_NAME, fold(PLACEHOLDER_NAME), PLACEHOLDER_NOTE),
    )
    settle_elsewhere(db, list_no)  # a mark that came before the voter (none through the ward, which keeps order)


def _flag(db: Database, kind: str, event: Event, list_no: int) -> None:
    db.conn.execute(
        "INSERT OR IGNORE INTO list_conflicts (device_id, seq, kind, list_no, at) VALUES (?, ?, ?, ?, ?)",
        (event.device_id, event.seq, kind, list_no, event.at),
    )
    log.warning("list conflict %s on list number %d", kind, list_no)


def _follow_opening(db: Database, event: Event) -> None:
    state = PollsState(get_meta(db, "polls") or PollsState.NOT_OPEN.value)
    if state in (PollsState.NOT_OPEN, PollsState.TEST):
        # As Station.open_polls: the pre-election check's check-ins are wiped at opening.
        db.conn.execute("DELETE FROM checkins WHERE test = 1")
        set_meta(db, "polls", PollsState.OPEN.value)
        set_meta(db, "polls_opened_at", event.at)
        log.info("polls opened on another device of the station")


def _follow_closing(db: Database, event: Event) -> None:
    if get_meta(db, "polls") != PollsState.CLOSED.value:
        set_meta(db, "polls", PollsState.CLOSED.value)
        set_meta(db, "polls_closed_at", event.at)
        log.info("polls closed on another device of the station")


# --- what the screen shows -----------------------------------------------------------------


def check_in_conflicts(db: Database) -> list[CheckInConflict]:
    """Voters checked in on more than one device, earliest check-in first."""
    rows = db.conn.execute(
        "SELECT c.list_no, c.device_id, c.seq, c.at, c.clerk FROM checkins c"
        " WHERE c.list_no IN (SELECT list_no FROM checkin_conflicts)"
        " UNION ALL SELECT list_no, device_id, seq, at, clerk FROM checkin_conflicts"
    ).fetchall()
    by_voter: dict[int, list[CheckInRef]] = {}
    for list_no, device_id, seq, at, clerk in rows:
        by_voter.setdefault(list_no, []).append(CheckInRef(device_id, seq, at, clerk))
    return [CheckInConflict(n, tuple(_earliest_first(refs))) for n, refs in sorted(by_voter.items())]


def voter_check_ins(db: Database, list_no: int) -> list[CheckInRef]:
    """One voter's live check-ins, earliest first: one, or several in a conflict."""
    rows = db.conn.execute(
        "SELECT device_id, seq, at, clerk FROM checkins WHERE list_no = ?"
        " UNION ALL SELECT device_id, seq, at, clerk FROM checkin_conflicts WHERE list_no = ?",
        (list_no, list_no),
    ).fetchall()
    return _earliest_first(CheckInRef(*row) for row in rows)


def _earliest_first(refs: Iterable[CheckInRef]) -> list[CheckInRef]:
    return sorted(refs, key=lambda r: (from_iso(r.at), r.device_id, r.seq))


def list_conflicts(db: Database) -> list[ListConflict]:
    rows = db.conn.execute("SELECT kind, list_no, device_id, seq, at FROM list_conflicts ORDER BY list_no, at")
    return [ListConflict(*row) for row in rows]


def conflict_count(db: Database) -> int:
    """len(check_in_conflicts) + len(list_conflicts), counted without reading them (the sync status)."""
    row = db.conn.execute(
        "SELECT (SELECT count(DISTINCT list_no) FROM checkin_conflicts) + (SELECT count(*) FROM list_conflicts)"
    ).fetchone()
    return int(row[0])
