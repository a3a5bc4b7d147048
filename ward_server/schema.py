"""The ward database schema, as sqlite-utils migrations.

Never edit a migration that has shipped: add a new one. Each runs in its own transaction.
Times are ISO 8601 text with their UTC offset (+07:00 for what the server writes; events keep
the text the station wrote, since it is hashed). The ``*_ms`` columns are sort keys only:
milliseconds since 1970-01-01 UTC of the same instant, cheap to compare and aggregate.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("ward_server.ward")

# The few event kinds the figures look up by station: copied to their own small table on ingest
# (a partial index on events would evaluate its WHERE for every one of the many check-ins).
ELSEWHERE_KINDS = ("voter_marked_elsewhere", "elsewhere_mark_undone")  # from m005 on
MILESTONE_KINDS = frozenset({"list_imported", "test_started", "polls_opened", "polls_closed", "voter_added"}).union(
    ELSEWHERE_KINDS
)

# Event ids from m004 on: the station's number in the high bits, the station's own count below,
# so that one station's events are one range of the table's rowids, in the order they arrived.
# 100,000 stations (models.MAX_STATION) of 2**36 events each stay below 2**53: exact in JSON.
STATION_ID_SHIFT = 36


def station_ids(station: int) -> tuple[int, int]:
    """The first and the last event id a station can have (both inclusive)."""
    first = station << STATION_ID_SHIFT
    return first, first + (1 << STATION_ID_SHIFT) - 1


def newest_event_id(conn: sqlite3.Connection, station: int) -> int | None:
    """The id of the station's latest stored event, None before its first."""
    newest: int | None = conn.execute(
        "SELECT max(id) FROM events WHERE id BETWEEN ? AND ?", station_ids(station)
    ).fetchone()[0]
    return newest


@migrations()
def m001_initial(db: Database) -> None:
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """
        CREATE TABLE stations (
            number INTEGER PRIMARY KEY CHECK (number > 0),
            name TEXT NOT NULL,
            voters INTEGER NOT NULL DEFAULT 0 CHECK (voters >= 0),  -- count only: no list is kept
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE enrollment_codes (
            code_sha256 TEXT PRIMARY KEY,     -- the code itself is shown once and never stored
            station INTEGER NOT NULL REFERENCES stations(number),
            created_at TEXT NOT NULL,
            used_at TEXT,
            used_by TEXT
        )
        """
    )
    db.execute(
        """
        CREATE TABLE devices (
            device_id TEXT PRIMARY KEY,
            station INTEGER NOT NULL REFERENCES stations(number),
            token_sha256 TEXT NOT NULL UNIQUE,  -- the bearer token itself is never stored
            secret TEXT NOT NULL,               -- kept: the server must verify signatures with it
            enrolled_at TEXT NOT NULL,
            acked_seq INTEGER NOT NULL DEFAULT 0,  -- highest contiguous seq held
            last_contact_at TEXT,
            last_event_at TEXT,
            last_event_ms INTEGER
        )
        """
    )
    db.execute("CREATE INDEX devices_station ON devices(station)")
    db.execute(
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,           -- server order: the cursor of GET .../events
            station INTEGER NOT NULL,
            device_id TEXT NOT NULL REFERENCES devices(device_id),
            seq INTEGER NOT NULL,
            uuid TEXT NOT NULL,
            kind TEXT NOT NULL,
            list_no INTEGER,
            at TEXT NOT NULL,                 -- as the station wrote it (it is hashed)
            at_ms INTEGER NOT NULL,
            clerk TEXT NOT NULL,
            payload TEXT NOT NULL,            -- canonical JSON, as hashed
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,               -- verified on arrival: the content hash
            received_at TEXT NOT NULL,
            UNIQUE (device_id, seq)
        )
        """
    )
    db.execute("CREATE INDEX events_station ON events(station, id)")
    db.execute(
        """
        CREATE TABLE milestones (             -- copies of the events of MILESTONE_KINDS
            device_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            station INTEGER NOT NULL,
            kind TEXT NOT NULL,
            list_no INTEGER,
            at_ms INTEGER NOT NULL,
            payload TEXT NOT NULL,
            PRIMARY KEY (device_id, seq)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX milestones_station ON milestones(station, kind, at_ms)")
    db.execute(
        """
        CREATE TABLE checkin_state (
            station INTEGER NOT NULL,
            list_no INTEGER NOT NULL,
            device_id TEXT NOT NULL,
            seq INTEGER NOT NULL,             -- the device's latest check-in or undo of this voter
            kind TEXT NOT NULL,               -- checked_in | check_in_undone
            at TEXT NOT NULL,
            at_ms INTEGER NOT NULL,
            hour_local INTEGER NOT NULL,      -- 0-23 on the Vietnam clock
            test INTEGER NOT NULL,
            PRIMARY KEY (station, list_no, device_id)  -- a voter's rows on all devices sit together
        ) WITHOUT ROWID
        """
    )
    db.execute(
        """
        CREATE TABLE voter_turnout (          -- one row per voter with a live check-in
            station INTEGER NOT NULL,
            list_no INTEGER NOT NULL,
            live INTEGER NOT NULL,            -- live check-ins across devices; more than 1 is a conflict
            first_at_ms INTEGER NOT NULL,
            hour_local INTEGER NOT NULL,      -- of the first live check-in: where by_hour counts the voter
            PRIMARY KEY (station, list_no)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX voter_turnout_conflicts ON voter_turnout(station) WHERE live > 1")
    db.execute(
        """
        CREATE TABLE incidents (
            id INTEGER PRIMARY KEY,
            station INTEGER NOT NULL,
            device_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            reason TEXT NOT NULL,             -- different_content | bad_hash
            stored_hash TEXT,                 -- what the server holds for (device_id, seq), if any
            received_hash TEXT NOT NULL,      -- what the station sent
            first_seen_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            times INTEGER NOT NULL DEFAULT 1,
            UNIQUE (device_id, seq, reason, received_hash)
        )
        """
    )
    db.execute("CREATE INDEX incidents_station ON incidents(station)")


@migrations()
def m002_undo_names_its_check_in(db: Database) -> None:
    """An undo takes back the check-in it names, maybe another device's (ward_server.checkins).

    checkin_state kept only each device's latest check-in or undo of a voter, which cannot say
    which check-in another device's undo meant: a voter's check-in and undo events are found in
    ``events`` itself instead (the partial index events_voter), and the per-voter voter_turnout
    gives way to the figures the ward reads, kept up to date batch by batch: voters counted per
    local hour, and the voters in conflict. Both re-derived here from the events held.
    """
    from ward_server.checkins import rederive_all

    db.execute("DROP TABLE checkin_state")
    db.execute("DROP INDEX voter_turnout_conflicts")
    db.execute("DROP TABLE voter_turnout")
    db.execute("CREATE INDEX events_voter ON events(station, list_no) WHERE kind IN ('checked_in', 'check_in_undone')")
    db.execute(
        """
        CREATE TABLE turnout_hours (          -- voters with a live check-in, each counted once
            station INTEGER NOT NULL,
            hour_local INTEGER NOT NULL,      -- the Vietnam hour of the voter's first live check-in
            voters INTEGER NOT NULL,
            PRIMARY KEY (station, hour_local)
        ) WITHOUT ROWID
        """
    )
    db.execute(
        """
        CREATE TABLE double_check_ins (       -- voters with more than one live check-in (a conflict)
            station INTEGER NOT NULL,
            list_no INTEGER NOT NULL,
            PRIMARY KEY (station, list_no)
        ) WITHOUT ROWID
        """
    )
    rederive_all(db.conn)


@migrations()
def m003_public(db: Database) -> None:
    """What the voters' public page shows about each polling place, and where-do-I-vote.

    ``station_places``: one row per station the ward described (add-station options or
    import-stations), all optional. ``where_index`` maps a keyed hash of (12-digit ID, birth
    year) to a station (ward_server.where): never the ID itself. The key is a file beside
    ward.db, not in it, so a copy of ward.db alone (a backup, a file sent for support) cannot be
    searched by trying every ID.
    """
    db.execute(
        """
        CREATE TABLE station_places (
            station INTEGER PRIMARY KEY REFERENCES stations(number),
            place TEXT,                       -- e.g. 'Hội trường Trường THCS Láng'
            address TEXT,
            latitude REAL CHECK (latitude BETWEEN -90 AND 90),
            longitude REAL CHECK (longitude BETWEEN -180 AND 180),
            groups TEXT NOT NULL DEFAULT '[]',  -- JSON array of the residential groups served
            contact TEXT,                     -- the team leader's contact, as the ward publishes it
            CHECK ((latitude IS NULL) = (longitude IS NULL))
        ) WITHOUT ROWID
        """
    )
    db.execute(
        """
        CREATE TABLE where_index (
            key BLOB PRIMARY KEY,             -- keyed BLAKE2b of 'ID|birth year' (ward_server.where)
            station INTEGER NOT NULL REFERENCES stations(number)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX where_index_station ON where_index(station)")


@migrations()
def m004_events_by_station(db: Database) -> None:
    """Fewer b-tree entries and bytes per stored event: ingest's cost is mostly SQLite's
    (docs/benchmarks.md, ingest_vs_raw).

    - Event ids are numbered per station (station_ids): a station's events are a range of the
      table's own rowids, so the index events_station goes. The id is still the cursor of
      GET .../events; a device holding a cursor from before gets its station's events again
      from the start, which it already holds and skips (its merge is idempotent), and then a
      cursor of the new kind.
    - No foreign key from events to devices: ingest stores only an authenticated device's
      events and updates that device's row in the same transaction, so a check per event
      proved nothing more.
    - ``received_at`` was the same text on every event of a batch: one row per batch in
      ``receipts`` instead (filled here from the events held, so nothing is lost).
    """
    db.execute(
        """
        CREATE TABLE receipts (               -- one per batch that stored events: when the ward got them
            id INTEGER PRIMARY KEY,
            device_id TEXT NOT NULL,
            received_at TEXT NOT NULL,
            stored INTEGER NOT NULL,          -- events stored from the batch
            first_seq INTEGER NOT NULL,       -- the lowest and highest of their seqs
            last_seq INTEGER NOT NULL
        )
        """
    )
    db.execute(
        "INSERT INTO receipts (device_id, received_at, stored, first_seq, last_seq)"
        " SELECT device_id, received_at, count(*), min(seq), max(seq) FROM events"
        " GROUP BY device_id, received_at ORDER BY min(id)"
    )
    db.execute(
        """
        CREATE TABLE events_by_station (
            id INTEGER PRIMARY KEY,           -- station_ids: the station's range, in arrival order
            station INTEGER NOT NULL,
            device_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            uuid TEXT NOT NULL,
            kind TEXT NOT NULL,
            list_no INTEGER,
            at TEXT NOT NULL,                 -- as the station wrote it (it is hashed)
            at_ms INTEGER NOT NULL,
            clerk TEXT NOT NULL,
            payload TEXT NOT NULL,            -- canonical JSON, as hashed
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,               -- verified on arrival: the content hash
            UNIQUE (device_id, seq)
        )
        """
    )
    db.execute(
        "INSERT INTO events_by_station (id, station, device_id, seq, uuid, kind, list_no, at, at_ms, clerk, payload,"
        " prev_hash, hash)"
        f" SELECT (station << {STATION_ID_SHIFT}) + row_number() OVER (PARTITION BY station ORDER BY id) - 1,"
        " station, device_id, seq, uuid, kind, list_no, at, at_ms, clerk, payload, prev_hash, hash"
        " FROM events ORDER BY id"
    )
    db.execute("DROP TABLE events")  # and its indexes
    db.execute("ALTER TABLE events_by_station RENAME TO events")
    db.execute("CREATE INDEX events_voter ON events(station, list_no) WHERE kind IN ('checked_in', 'check_in_undone')")


@migrations()
def m005_elsewhere_milestones(db: Database) -> None:
    """Voters marked as voting elsewhere are off the station's list (ward_server.elsewhere): the
    marks and the marks taken back become milestones, copied here from the events held."""
    db.execute(
        "INSERT OR IGNORE INTO milestones (device_id, seq, station, kind, list_no, at_ms, payload)"
        " SELECT device_id, seq, station, kind, list_no, at_ms, payload FROM events WHERE kind IN (?, ?)",
        ELSEWHERE_KINDS,
    )


SCHEMA_NAMES = [m.name for m in migrations._migrations]
