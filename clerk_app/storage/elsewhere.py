"""Voters marked as voting elsewhere: which marks stand, and the voter's place on the list.

A voter given a certificate to vote at another polling place is marked so
(``voter_marked_elsewhere``) and is off the list while one of their marks stands; the team leader
may take marks made in error back (``elsewhere_mark_undone``, naming the marks it takes back in
``payload.undoes``). Every table derives the voter's status from the marks it holds, whichever
table made them and in whatever order they arrived, and the ward applies the same rule
(``standing_marks``; ward_server.elsewhere), so all agree. A voter off the list but checked in at
some table is flagged on every table (``ELSEWHERE_BUT_CHECKED_IN``) until the mark or the check-in
is taken back. Functions taking a Database are called inside a write transaction.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from sqlite_utils import Database

from clerk_app.clock import from_iso
from clerk_app.storage.eventlog import EventKind

log = logging.getLogger("clerk_app.storage.elsewhere")

# list_conflicts.kind of a voter off the list but checked in at some table
ELSEWHERE_BUT_CHECKED_IN = "elsewhere_but_checked_in"

MarkKey = tuple[str, int]  # (device_id, seq) of a voter_marked_elsewhere event
MarkEvent = tuple[str, str, int, list[MarkKey] | None]  # kind, device_id, seq, the marks it names


def standing_marks(events: Iterable[MarkEvent]) -> set[MarkKey]:
    """One voter's "voting elsewhere" marks that stand, from their marks and marks taken back in
    the order they were received.

    A mark taken back names the marks it takes back (``payload.undoes``: every mark its table
    held, standing, when the team leader took it back), so every table and the ward agree
    whatever order they receive two tables' marks in. One without a list there (as first written)
    takes back every mark received before it. The ward applies the same rule (ward_server.elsewhere).
    """
    standing: set[MarkKey] = set()
    named: set[MarkKey] = set()
    for kind, device_id, seq, undoes in events:
        if kind == EventKind.VOTER_MARKED_ELSEWHERE.value:
            if (device_id, seq) not in named:
                standing.add((device_id, seq))
        elif undoes is None:
            standing.clear()
        else:
            named.update(undoes)
            standing.difference_update(undoes)
    return standing


def marks_named(payload: Mapping[str, Any]) -> list[MarkKey] | None:
    """``payload.undoes`` of an elsewhere_mark_undone as [(device_id, seq), ...], or None when it is
    absent or not a list (items not of that shape are left out)."""
    undoes = payload.get("undoes")
    if not isinstance(undoes, list):
        return None
    found = []
    for item in undoes:
        if isinstance(item, dict):
            device_id, seq = item.get("device_id"), item.get("seq")
            if isinstance(device_id, str) and isinstance(seq, int) and not isinstance(seq, bool):
                found.append((device_id, seq))
    return found


MarkRow = tuple[int, str, str, int, str]  # list_no, kind, device_id, seq, payload (JSON text)
_KINDS = (EventKind.VOTER_MARKED_ELSEWHERE.value, EventKind.ELSEWHERE_MARK_UNDONE.value)
_MARK_ROWS = "SELECT list_no, kind, device_id, seq, payload{} FROM events WHERE kind IN (?, ?) AND list_no IS NOT NULL"


def standing_by_voter(rows: Iterable[MarkRow]) -> dict[int, set[MarkKey]]:
    """list_no -> its standing marks, for every voter with one, from marks and marks taken back in
    the order they were received (a station reads them from its events, the ward from its
    milestones)."""
    by_voter: dict[int, list[MarkEvent]] = {}
    for list_no, kind, device_id, seq, payload in rows:
        by_voter.setdefault(list_no, []).append((kind, device_id, seq, marks_named(json.loads(payload))))
    found = {list_no: standing_marks(events) for list_no, events in by_voter.items()}
    return {list_no: marks for list_no, marks in found.items() if marks}


def voter_marks(db: Database, list_no: int) -> set[MarkKey]:
    """The voter's marks that stand, from the events this device holds (its own and others')."""
    rows = db.conn.execute(_MARK_ROWS.format("") + " AND list_no = ? ORDER BY id", (*_KINDS, list_no))
    return standing_by_voter(rows).get(list_no, set())


def standing_marks_by_voter(db: Database) -> dict[int, set[MarkKey]]:
    """list_no -> its standing marks, for every voter with one."""
    return standing_by_voter(db.conn.execute(_MARK_ROWS.format("") + " ORDER BY id", _KINDS))


def standing_since(db: Database) -> dict[int, str]:
    """list_no -> when the earliest of the voter's standing marks was made, for every voter with one."""
    times: dict[MarkKey, str] = {}
    rows: list[MarkRow] = []
    query = _MARK_ROWS.format(", at") + " ORDER BY id"
    for list_no, kind, device_id, seq, payload, at in db.conn.execute(query, _KINDS):
        rows.append((list_no, kind, device_id, seq, payload))
        times[(device_id, seq)] = at
    return {n: min((times[key] for key in marks), key=from_iso) for n, marks in standing_by_voter(rows).items()}


def settle_elsewhere(db: Database, list_no: int) -> None:
    """Put the voter off the list or back on it by their standing marks; a voter checked in here
    and now marked is flagged (ELSEWHERE_BUT_CHECKED_IN). Call inside a write transaction."""
    marks = voter_marks(db, list_no)
    if not marks:
        restore_from_elsewhere(db, list_no)
        return
    # The certificate is the one to vote elsewhere, noted with this table's own standing mark: a
    # voter added on the day leaves behind the one to vote here (restore_from_elsewhere brings it
    # back), and a mark of this table's taken back takes its note with it.
    db.conn.execute(
        "UPDATE voters SET status = 'elsewhere', certificate = ?"
        " WHERE list_no = ? AND status IN ('listed', 'added', 'elsewhere')",
        (own_certificate(db, marks), list_no),
    )
    was_flagged = db.conn.execute(
        "DELETE FROM list_conflicts WHERE kind = ? AND list_no = ?", (ELSEWHERE_BUT_CHECKED_IN, list_no)
    ).rowcount
    if db.conn.execute("SELECT 1 FROM checkins WHERE list_no = ? AND test = 0", (list_no,)).fetchone():
        mark = max(marks)
        at = db.conn.execute("SELECT at FROM events WHERE device_id = ? AND seq = ?", mark).fetchone()[0]
        db.conn.execute(
            "INSERT OR IGNORE INTO list_conflicts (device_id, seq, kind, list_no, at) VALUES (?, ?, ?, ?, ?)",
            (*mark, ELSEWHERE_BUT_CHECKED_IN, list_no, at),
        )
        if not was_flagged:
            log.warning("list conflict %s on list number %d", ELSEWHERE_BUT_CHECKED_IN, list_no)


def own_certificate(db: Database, marks: set[MarkKey]) -> str:
    """The certificate noted with this device's own standing mark of the voter ('' for a foreign
    one: the note stays on the machine that wrote it)."""
    for key in sorted(marks):
        row = db.conn.execute("SELECT local_note FROM events WHERE device_id = ? AND seq = ?", key).fetchone()
        if row is not None and row[0]:
            return str(row[0])
    return ""


def _voters_with_marks(db: Database) -> list[int]:
    """The list numbers with a mark or a mark taken back held."""
    rows = db.conn.execute(
        "SELECT DISTINCT list_no FROM events WHERE list_no IS NOT NULL AND kind IN (?, ?) ORDER BY list_no",
        (EventKind.VOTER_MARKED_ELSEWHERE.value, EventKind.ELSEWHERE_MARK_UNDONE.value),
    )
    return [list_no for (list_no,) in rows]


def settle_all_elsewhere(db: Database) -> None:
    """Settle every voter with a mark or a mark taken back held (after a list import: marks
    restored before the list was there could not be applied)."""
    for list_no in _voters_with_marks(db):
        settle_elsewhere(db, list_no)


def restore_from_elsewhere(db: Database, list_no: int) -> None:
    """A "voting elsewhere" mark taken back: the voter is on the list again, as added on the day if
    they were, and a check-in made meanwhile (ELSEWHERE_BUT_CHECKED_IN) is no longer a conflict."""
    added = db.conn.execute(  # an added voter's certificate (to vote here) is its event's local note
        "SELECT coalesce(local_note, '') FROM events WHERE kind = ? AND list_no = ? ORDER BY id LIMIT 1",
        (EventKind.VOTER_ADDED.value, list_no),
    ).fetchone()
    db.conn.execute(
        "UPDATE voters SET status = ?, certificate = ? WHERE list_no = ? AND status = 'elsewhere'",
        ("added" if added else "listed", added[0] if added else "", list_no),
    )
    db.conn.execute("DELETE FROM list_conflicts WHERE kind = ? AND list_no = ?", (ELSEWHERE_BUT_CHECKED_IN, list_no))


def off_the_list(db: Database, list_no: int) -> bool:
    return (
        db.conn.execute("SELECT 1 FROM voters WHERE list_no = ? AND status = 'elsewhere'", (list_no,)).fetchone()
        is not None
    )
