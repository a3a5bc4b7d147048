"""The event log: gap-free per-device sequence, hash chain, tamper evidence, atomicity."""

from __future__ import annotations

from pathlib import Path

import pytest

from clerk_app.storage.db import open_database
from clerk_app.storage.eventlog import GENESIS_HASH, EventKind, append_event, verify_chain
from clerk_app.storage.meta import write_transaction
from tests.support import election_morning


def _db(tmp_path: Path):  # type: ignore[no-untyped-def]
    return open_database(tmp_path / "station.db")


def test_sequence_starts_at_one_per_device_and_links(tmp_path: Path) -> None:
    db = _db(tmp_path)
    with write_transaction(db):
        a1 = append_event(db, device_id="a", kind=EventKind.CHECKED_IN, at=election_morning(), list_no=1)
        b1 = append_event(db, device_id="b", kind=EventKind.CHECKED_IN, at=election_morning(), list_no=2)
        a2 = append_event(db, device_id="a", kind=EventKind.CHECKED_IN, at=election_morning(), list_no=3)
    assert (a1.seq, b1.seq, a2.seq) == (1, 1, 2)
    assert a1.prev_hash == GENESIS_HASH and a2.prev_hash == a1.hash
    assert verify_chain(db, "a") == [] and verify_chain(db, "b") == []


def test_rolled_back_change_leaves_no_gap(tmp_path: Path) -> None:
    db = _db(tmp_path)
    with write_transaction(db):
        append_event(db, device_id="a", kind=EventKind.CHECKED_IN, at=election_morning(), list_no=1)
    with pytest.raises(RuntimeError), write_transaction(db):
        append_event(db, device_id="a", kind=EventKind.CHECKED_IN, at=election_morning(), list_no=2)
        raise RuntimeError("the business change failed")
    with write_transaction(db):
        third = append_event(db, device_id="a", kind=EventKind.CHECKED_IN, at=election_morning(), list_no=3)
    assert third.seq == 2
    assert verify_chain(db, "a") == []


def test_tampering_is_detected(tmp_path: Path) -> None:
    db = _db(tmp_path)
    with write_transaction(db):
        for n in range(1, 5):
            append_event(db, device_id="a", kind=EventKind.CHECKED_IN, at=election_morning(), list_no=n)
    db.execute("UPDATE events SET list_no = 99 WHERE seq = 2")
    db.execute("DELETE FROM events WHERE seq = 3")
    problems = verify_chain(db, "a")
    assert "seq 2: content does not match its hash" in problems
    assert "seq 4: expected 3" in problems


def test_naive_times_are_refused(tmp_path: Path) -> None:
    db = _db(tmp_path)
    with pytest.raises(ValueError, match="offset"), write_transaction(db):
        append_event(db, device_id="a", kind=EventKind.CHECKED_IN, at=election_morning().replace(tzinfo=None))
    assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 0
