"""The station database schema, as sqlite-utils migrations.

Never edit a migration that has shipped: add a new one. Each runs in its own transaction.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from clerk_app.storage import search_index

migrations = Migrations("clerk_app.station")


@migrations()
def m001_initial(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE voters (
            list_no INTEGER PRIMARY KEY,
            name TEXT NOT NULL,               -- NFC, as printed
            name_key TEXT NOT NULL,           -- folded: no tone marks, d for đ, lower case
            birth TEXT NOT NULL DEFAULT '',   -- as shown: dd/mm/yyyy, yyyy or ''
            birth_year INTEGER,
            birth_date TEXT,                  -- ISO date when known
            gender TEXT NOT NULL DEFAULT '',
            ethnicity TEXT NOT NULL DEFAULT '',
            residence TEXT NOT NULL DEFAULT '',
            temp_residence TEXT NOT NULL DEFAULT '',
            id_hash TEXT,                     -- keyed hash of the 12-digit ID: matching needs no more
            id_last4 TEXT,                    -- what a clerk may see
            grp TEXT NOT NULL DEFAULT '',     -- residential group (tổ dân phố)
            ballot_national INTEGER NOT NULL DEFAULT 1,
            ballot_city INTEGER NOT NULL DEFAULT 1,
            ballot_ward INTEGER NOT NULL DEFAULT 1,
            status TEXT NOT NULL DEFAULT 'listed'
                CHECK (status IN ('listed', 'added', 'elsewhere', 'removed')),
            note TEXT NOT NULL DEFAULT '',
            certificate TEXT NOT NULL DEFAULT '',
            source_row INTEGER,
            row_sha256 TEXT                   -- of the imported row, to tell a changed row on re-import
        )
        """
    )
    db.execute("CREATE INDEX voters_id_hash ON voters(id_hash) WHERE id_hash IS NOT NULL")
    db.execute("CREATE INDEX voters_birth_year ON voters(birth_year)")
    db.execute(
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            device_id TEXT NOT NULL,
            seq INTEGER NOT NULL,             -- gap-free per device, from 1
            uuid TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            list_no INTEGER,
            at TEXT NOT NULL,                 -- ISO 8601 with UTC offset
            clerk TEXT NOT NULL DEFAULT '',
            payload TEXT NOT NULL DEFAULT '{}',  -- JSON; travels to the ward: never names or IDs
            local_note TEXT NOT NULL DEFAULT '',  -- stays on the station, outside the hash
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            UNIQUE (device_id, seq)
        )
        """
    )
    db.execute("CREATE INDEX events_kind ON events(kind)")
    db.execute(
        """
        CREATE TABLE checkins (
            list_no INTEGER PRIMARY KEY REFERENCES voters(list_no),
            at TEXT NOT NULL,
            device_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            mobile_box INTEGER NOT NULL DEFAULT 0,
            test INTEGER NOT NULL DEFAULT 0,
            clerk TEXT NOT NULL DEFAULT ''
        )
        """
    )
    search_index.create(db)


@migrations()
def m002_sync(db: Database) -> None:
    """What sync with the ward and the station's other devices needs (clerk_app.storage.merge)."""
    # Check-ins of a voter beyond the earliest live one (which stays in checkins): the same voter
    # checked in at two tables while they could not see each other. Both times are kept.
    db.execute(
        """
        CREATE TABLE checkin_conflicts (
            device_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            list_no INTEGER NOT NULL,      -- no foreign key: a list replaced before opening may drop it
            at TEXT NOT NULL,
            mobile_box INTEGER NOT NULL DEFAULT 0,
            clerk TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (device_id, seq)
        )
        """
    )
    db.execute("CREATE INDEX checkin_conflicts_list_no ON checkin_conflicts(list_no)")
    # Changes to the list from another device that clash with this one's (a list number added
    # on two devices at once, a voter marked elsewhere there but checked in here).
    db.execute(
        """
        CREATE TABLE list_conflicts (
            device_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,
            list_no INTEGER NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (device_id, seq)
        )
        """
    )
    # A voter's check-ins and undos across devices are re-derived from the log by list number.
    db.execute("CREATE INDEX events_list_no ON events(list_no) WHERE list_no IS NOT NULL")


SCHEMA_NAMES = [m.name for m in migrations._migrations]
