"""Event ids numbered per station (migration m004): each station's events are one range of ids.

A ward.db written before m004 (global ids, a foreign key to devices, received_at on every event)
is upgraded on a real file: ids are renumbered per station in the order the events arrived,
every column is kept, received_at becomes one receipt per batch, and a device's cursor from
before gets its station's events again rather than missing any.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from clerk_app.clock import from_iso
from tests.ward_server.support import Chain, election_time
from ward_server import figures, registry
from ward_server.batch import read_batch
from ward_server.db import connect, open_database
from ward_server.ingest import ingest
from ward_server.paths import database_path
from ward_server.registry import Device
from ward_server.schema import migrations, station_ids

COLUMNS = "station, device_id, seq, uuid, kind, list_no, at, at_ms, clerk, payload, prev_hash, hash"


def test_a_station_s_ids_are_its_own_range_in_arrival_order(tmp_path: Path) -> None:
    db = open_database(database_path(tmp_path))
    try:
        devices = {n: _enrol(db, n, f"dev-{n}") for n in (3, 100_000)}
        chains = {n: Chain(f"dev-{n}") for n in devices}
        for n in (3, 100_000, 3):
            _post(db, devices[n], chains[n].check_ins([1, 2], election_time(8)))
        for n in devices:
            first, last = station_ids(n)
            ids = [r[0] for r in db.conn.execute("SELECT id FROM events WHERE station = ? ORDER BY seq", (n,))]
            assert ids == list(range(first, first + len(ids)))
            assert ids[-1] <= last < 2**53  # exact as a JSON number
        # The first of station 3's range comes right after station 2's last.
        assert station_ids(3)[0] == station_ids(2)[1] + 1
    finally:
        db.close()


def test_upgrade_renumbers_per_station_and_keeps_every_event(tmp_path: Path) -> None:
    path = database_path(tmp_path)
    db = _at_schema_before_m004(path)
    try:
        devices = {"dev-a": _enrol(db, 1, "dev-a"), "dev-b": _enrol(db, 2, "dev-b"), "dev-c": _enrol(db, 1, "dev-c")}
        chains = {d: Chain(d) for d in devices}
        # Interleaved arrivals, as a ward gets them: a's first batch, b's, c's, a's second.
        arrivals = [("dev-a", [1, 2], "09:00"), ("dev-b", [1], "09:01"), ("dev-c", [3], "09:02")]
        for device_id, list_nos, received in [*arrivals, ("dev-a", [4], "09:05")]:
            events = chains[device_id].check_ins(list_nos, election_time(8))
            _insert_old(db, devices[device_id], events, f"2026-03-15T{received}:00+07:00")
        before = db.conn.execute(f"SELECT id, {COLUMNS} FROM events ORDER BY id").fetchall()
    finally:
        db.close()

    db = open_database(path)  # applies m004
    try:
        after = db.conn.execute(f"SELECT id, {COLUMNS} FROM events ORDER BY id").fetchall()
        assert sorted(row[1:] for row in after) == sorted(row[1:] for row in before)  # every column kept
        for station in (1, 2):
            first, _ = station_ids(station)
            old_order = [row[2:4] for row in before if row[1] == station]  # (device_id, seq)
            new_rows = [row for row in after if row[1] == station]
            assert [row[2:4] for row in new_rows] == old_order
            assert [row[0] for row in new_rows] == list(range(first, first + len(new_rows)))
        receipts = db.conn.execute(
            "SELECT device_id, received_at, stored, first_seq, last_seq FROM receipts ORDER BY id"
        ).fetchall()
        assert receipts == [
            ("dev-a", "2026-03-15T09:00:00+07:00", 2, 1, 2),
            ("dev-b", "2026-03-15T09:01:00+07:00", 1, 1, 1),
            ("dev-c", "2026-03-15T09:02:00+07:00", 1, 1, 1),
            ("dev-a", "2026-03-15T09:05:00+07:00", 1, 3, 3),
        ]
        _assert_shape(db)
        # A device's cursor from before (an old id) gets its station's events again, none missed.
        old_cursor = max(row[0] for row in before if row[1] == 1)
        page = figures.events_page(db.conn, 1, old_cursor, 100)
        assert [(e.device_id, e.seq) for e in page.events] == [row[2:4] for row in before if row[1] == 1]
        assert page.next == station_ids(1)[0] + len(page.events) - 1
        assert figures.events_page(db.conn, 1, page.next, 100).events == []
        # Ingest numbers on from the renumbered events.
        _post(db, devices["dev-c"], chains["dev-c"].check_ins([9], election_time(10)))
        newest = db.conn.execute("SELECT id, seq FROM events WHERE device_id = 'dev-c' ORDER BY seq").fetchall()[-1]
        assert newest == (station_ids(1)[0] + 4, 2)
    finally:
        db.close()


def _assert_shape(db: Database) -> None:
    indexes = {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "events_voter" in indexes and "events_station" not in indexes
    assert db.conn.execute("PRAGMA foreign_key_list(events)").fetchall() == []
    columns = {r[1] for r in db.conn.execute("PRAGMA table_info(events)")}
    assert "received_at" not in columns
    row = db.conn.execute(f"SELECT {COLUMNS} FROM events LIMIT 1").fetchone()
    with pytest.raises(sqlite3.IntegrityError):  # (device_id, seq) is still unique
        db.conn.execute(f"INSERT INTO events ({COLUMNS}) VALUES ({', '.join('?' * 12)})", row)
    db.conn.rollback()
    assert db.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def _at_schema_before_m004(path: Path) -> Database:
    db = connect(path)
    migrations.apply(db, stop_before="m004_events_by_station")
    return db


def _enrol(db: Database, station: int, device_id: str) -> Device:
    code = registry.add_station(db.conn, station, f"Khu vực {station}", 100, election_time(6))
    enrolment = registry.enroll(db.conn, station, code, device_id, election_time(6))
    return Device(device_id, station, enrolment.secret)


def _post(db: Database, device: Device, events: list[dict[str, Any]]) -> None:
    body = json.dumps({"device_id": device.device_id, "station": device.station, "events": events})
    outcome = ingest(db.conn, device, read_batch(body.encode("utf-8"), device.device_id).events, election_time(12))
    assert outcome.stored == len(events)


def _insert_old(db: Database, device: Device, events: list[dict[str, Any]], received_at: str) -> None:
    """As ingest stored a batch before m004: global ids, received_at on every event."""
    with db.conn:
        db.conn.executemany(
            f"INSERT INTO events ({COLUMNS}, received_at) VALUES ({', '.join('?' * 13)})",
            [
                (device.station, device.device_id, e["seq"], e["uuid"], e["kind"], e["list_no"], e["at"],
                 int(from_iso(e["at"]).timestamp() * 1000), e["clerk"], "{}", e["prev_hash"], e["hash"], received_at)
                for e in events
            ],
        )  # fmt: skip
