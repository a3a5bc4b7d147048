"""Which check-ins count, across the station's devices, whatever order their events arrive in.

A check-in counts (is *live*) unless it is a test-mode one (``"test": true`` in its payload) or
an undo takes it back. A ``check_in_undone`` event takes back exactly the check-in its payload
names, ``"undoes": {"device_id": …, "seq": …}``, which may be another device's; one that names
none (or not in that shape) takes back the undoing device's own latest check-in of the voter
before it (by seq). An undo names a check-in *of its own voter*: one naming another voter's
check-in, or a check-in the ward does not hold yet, takes back nothing until that check-in is
there. These are the station's own rules (clerk_app.storage.merge), so the ward and the
stations agree.

Every check-in and undo is an event held in ``events``; the partial index ``events_voter`` finds
a voter's. When a batch brings some for a voter, the voter's live check-ins are derived from
everything held, before the batch and with it, so an undo that arrives before its check-in (a
gap, another device not yet synced) still cancels it. The difference updates the station's
figures: ``turnout_hours`` counts each voter with a live check-in once, in the local hour of
their first one, and ``double_check_ins`` lists the voters with more than one (a conflict: both
times are kept). A batch of first check-ins, the usual, costs one index probe and one index entry
per check-in and a few counter updates.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from clerk_app.storage.merge import taken_back, undo_target
from ward_server.batch import UNDO_KIND, VN_OFFSET_MS, Prepared
from ward_server.models import CheckInRef, Conflict

CHECK_IN_KIND = "checked_in"
CHECK_IN_KINDS = frozenset({CHECK_IN_KIND, UNDO_KIND})


@dataclass(frozen=True, slots=True)
class CheckIn:
    device_id: str
    seq: int
    at: str  # as the station wrote it
    at_ms: int
    hour_local: int
    test: bool


@dataclass(frozen=True, slots=True)
class Undo:
    device_id: str
    seq: int
    target: tuple[str, int] | None  # the check-in it names; None: the same device's latest before it


@dataclass(slots=True)
class Voter:
    """Everything held about one voter's check-ins at a station."""

    check_ins: list[CheckIn] = field(default_factory=list)
    undos: list[Undo] = field(default_factory=list)

    def live(self) -> list[CheckIn]:
        return live_check_ins(self.check_ins, self.undos)


def live_check_ins(check_ins: Sequence[CheckIn], undos: Sequence[Undo]) -> list[CheckIn]:
    """One voter's check-ins that count, earliest first (by time, then device and seq)."""
    if not undos and len(check_ins) == 1:  # nearly every voter: checked in once, nothing undone
        return [] if check_ins[0].test else [check_ins[0]]
    undone = taken_back([(c.device_id, c.seq) for c in check_ins], [(u.device_id, u.seq, u.target) for u in undos])
    live = [c for c in check_ins if not c.test and (c.device_id, c.seq) not in undone]
    return sorted(live, key=lambda c: (c.at_ms, c.device_id, c.seq))


@dataclass
class _Changes:
    """What a batch changes, gathered so that each table gets one executemany."""

    station: int
    hours: dict[int, int] = field(default_factory=dict)  # local hour -> change in voters counted there
    doubled: list[tuple[int, int]] = field(default_factory=list)  # (station, list_no) now in conflict
    settled: list[tuple[int, int]] = field(default_factory=list)  # (station, list_no) no longer

    def count(self, before: list[CheckIn], after: list[CheckIn], list_no: int) -> None:
        """Move a voter's place in the figures from what was live before to what is live now."""
        old_hour = before[0].hour_local if before else None
        new_hour = after[0].hour_local if after else None
        if old_hour != new_hour:
            if old_hour is not None:
                self.hours[old_hour] = self.hours.get(old_hour, 0) - 1
            if new_hour is not None:
                self.hours[new_hour] = self.hours.get(new_hour, 0) + 1
        if len(after) > 1 >= len(before):
            self.doubled.append((self.station, list_no))
        elif len(before) > 1 >= len(after):
            self.settled.append((self.station, list_no))


def apply(conn: sqlite3.Connection, station: int, device_id: str, events: Sequence[Prepared]) -> None:
    """Move the figures of the voters the batch's new check-ins and undos touch (whether or not
    the batch's events are stored yet: the batch is told apart from what was held before)."""
    by_voter: dict[int, list[Prepared]] = {}
    for e in events:
        if e.kind in CHECK_IN_KINDS and e.list_no is not None:
            by_voter.setdefault(e.list_no, []).append(e)
    if not by_voter:
        return
    held = voters(conn, station, list(by_voter), leave_out=(device_id, {e.seq for e in events}))
    changes = _Changes(station)
    hours = changes.hours
    for list_no, mine in by_voter.items():
        voter = held.get(list_no)
        if voter is None and len(mine) == 1 and mine[0].kind == CHECK_IN_KIND:
            # Nearly every voter: a first check-in, nothing held before.
            if not mine[0].test:
                hour = mine[0].hour_local
                hours[hour] = hours.get(hour, 0) + 1
            continue
        voter = voter or Voter()
        before = voter.live()
        for e in mine:
            if e.kind == CHECK_IN_KIND:
                voter.check_ins.append(CheckIn(device_id, e.seq, e.at, e.at_ms, e.hour_local, e.test))
            else:
                voter.undos.append(Undo(device_id, e.seq, e.undoes))
        changes.count(before, voter.live(), list_no)
    _write(conn, changes)


def rederive_all(conn: sqlite3.Connection) -> None:
    """Every station's figures from the check-ins and undos held (a schema migration)."""
    conn.execute("DELETE FROM turnout_hours")
    conn.execute("DELETE FROM double_check_ins")
    rows = conn.execute(
        f"SELECT DISTINCT station, list_no FROM events INDEXED BY events_voter WHERE {_VOTER_KINDS}"
    ).fetchall()
    by_station: dict[int, list[int]] = {}
    for station, list_no in rows:
        by_station.setdefault(station, []).append(list_no)
    for station, list_nos in by_station.items():
        changes = _Changes(station)
        for list_no, voter in voters(conn, station, list_nos).items():
            changes.count([], voter.live(), list_no)
        _write(conn, changes)


_VOTER_KINDS = "kind IN ('checked_in', 'check_in_undone')"  # the WHERE of the partial index events_voter


def voters(
    conn: sqlite3.Connection, station: int, list_nos: list[int], leave_out: tuple[str, set[int]] | None = None
) -> dict[int, Voter]:
    """The check-ins and undos held for these voters (one probe of events_voter each), but for
    ``leave_out``'s (a device and seqs: a batch being stored); voters with none are absent."""
    found: dict[int, Voter] = {}
    rows = conn.execute(
        "SELECT list_no, device_id, seq, kind, at, at_ms, payload FROM events INDEXED BY events_voter"
        f" WHERE station = ? AND list_no IN (SELECT value FROM json_each(?)) AND {_VOTER_KINDS}",
        (station, json.dumps(list_nos)),
    )
    for list_no, device, seq, kind, at, at_ms, payload_json in rows:
        if leave_out is not None and device == leave_out[0] and seq in leave_out[1]:
            continue
        payload = json.loads(payload_json) if payload_json != "{}" else {}
        voter = found.setdefault(list_no, Voter())
        if kind == CHECK_IN_KIND:
            hour = (at_ms + VN_OFFSET_MS) // 3_600_000 % 24
            voter.check_ins.append(CheckIn(device, seq, at, at_ms, hour, payload.get("test") is True))
        else:
            voter.undos.append(Undo(device, seq, undo_target(payload)))
    return found


def _write(conn: sqlite3.Connection, changes: _Changes) -> None:
    conn.executemany(
        "INSERT INTO turnout_hours (station, hour_local, voters) VALUES (?, ?, ?)"
        " ON CONFLICT (station, hour_local) DO UPDATE SET voters = voters + excluded.voters",
        [(changes.station, hour, delta) for hour, delta in changes.hours.items() if delta],
    )
    conn.executemany("INSERT INTO double_check_ins (station, list_no) VALUES (?, ?)", changes.doubled)
    conn.executemany("DELETE FROM double_check_ins WHERE station = ? AND list_no = ?", changes.settled)


def station_conflicts(conn: sqlite3.Connection, station: int) -> list[Conflict]:
    """Voters with more than one live check-in across the station's devices, each earliest first."""
    list_nos = [r[0] for r in conn.execute("SELECT list_no FROM double_check_ins WHERE station = ?", (station,))]
    if not list_nos:
        return []
    return [
        Conflict(list_no=n, check_ins=[CheckInRef(device_id=c.device_id, seq=c.seq, at=c.at) for c in voter.live()])
        for n, voter in sorted(voters(conn, station, list_nos).items())
    ]
