"""Opening the station database: pragmas for durability, migrations, and error triage.

SQLite errors fall in two kinds (as qutebrowser splits them): the environment (disk full,
read-only, locked, gone), which the user can act on, and bugs, which get the crash dialog.

Upgrades keep data. A database written by a newer app is refused before anything is written to
it. One that an older app wrote is first copied with SQLite's online backup API into the data
folder's ``backups/``, then migrated; ``schema_upgrade(db)`` tells the UI and the CLI what was
done and where the copy is, and the log says it too.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from clerk_app.clock import now
from clerk_app.errors import NewerDatabaseError, StorageEnvironmentError
from clerk_app.storage.backup import backup_database_file, upgrade_backup_path
from clerk_app.storage.schema import migrations

log = logging.getLogger("clerk_app.storage.db")

DB_FILENAME = "station.db"
LOCK_WAIT_S = 5.0  # how long to wait for another process's write (the connection's busy timeout too)

# Substrings of sqlite3.OperationalError messages that mean "the machine", not "the code".
_ENVIRONMENT_MESSAGES = (
    "database or disk is full",
    "readonly database",
    "database is locked",
    "unable to open database file",
    "disk i/o error",
    "attempt to write a readonly",
)


def is_environment_error(exc: sqlite3.Error) -> bool:
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    text = str(exc).lower()
    return any(m in text for m in _ENVIRONMENT_MESSAGES)


@contextmanager
def environment_errors() -> Iterator[None]:
    """Turn SQLite errors caused by the machine into StorageEnvironmentError; let bugs through."""
    try:
        yield
    except sqlite3.Error as exc:
        if is_environment_error(exc):
            raise StorageEnvironmentError(str(exc)) from exc
        raise


@dataclass(frozen=True)
class SchemaUpgrade:
    """What opening the database did to a file an older version of the app wrote."""

    before: tuple[str, ...]  # the schema steps the file had
    applied: tuple[str, ...]  # the steps applied now
    backup: Path  # the copy of the file as it was, made before the first step

    def describe(self) -> str:
        return (
            f"the station database was upgraded ({', '.join(self.applied)}); "
            f"a copy from before the upgrade is at {self.backup}"
        )


class StationDatabase(Database):
    """A sqlite-utils Database that remembers what opening it did (``upgrade``)."""

    upgrade: SchemaUpgrade | None = None


def schema_upgrade(db: Database) -> SchemaUpgrade | None:
    """The upgrade ``open_database`` made to this database, if it made one (for the UI and CLI)."""
    return db.upgrade if isinstance(db, StationDatabase) else None


def open_database(path: Path) -> StationDatabase:
    """Open (creating if needed) a station database, ready for durable writes.

    Raises NewerDatabaseError, leaving the file untouched, when a newer app wrote it; backs an
    older file up before migrating it (StorageEnvironmentError, and no migration, when the copy
    cannot be written).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with environment_errors():
        conn = sqlite3.connect(str(path), timeout=LOCK_WAIT_S)
        try:
            db = StationDatabase(conn)
            refuse_newer_schema(db)  # before the pragmas: journal_mode=WAL would write to the file
            _use_wal(db)
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA foreign_keys=ON")
            db.upgrade = _migrate(db, path)
        except BaseException:
            conn.close()
            raise
    return db


def _use_wal(db: Database, wait_s: float = LOCK_WAIT_S) -> None:
    """Switch to WAL, waiting for another process's write (an upgrade) like any other lock.

    SQLite answers "database is locked" at once, without the busy timeout, when the journal
    mode changes while another connection holds the write lock of a rollback-journal file: the
    app and a clerk-app command opening the same old file together met exactly that.
    """
    deadline = time.monotonic() + wait_s
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.02)


def refuse_newer_schema(db: Database) -> None:
    known = {m.name for m in migrations._migrations}
    applied = {m.name for m in migrations.applied(db)}
    unknown = sorted(applied - known)
    if unknown:
        raise NewerDatabaseError(
            "this station database was written by a newer version of the app "
            f"(unknown schema steps: {', '.join(unknown)}); install that version to open it"
        )


def _migrate(db: Database, path: Path) -> SchemaUpgrade | None:
    """Apply the pending schema steps under the write lock; back up a file that had data first.

    The write lock (BEGIN IMMEDIATE) makes the app and a ``clerk-app`` command opening the same old
    file at once take turns: the second finds nothing pending. The steps then commit together.
    """
    if not migrations.pending(db):
        return None
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        before = tuple(m.name for m in migrations.applied(db))
        pending = migrations.pending(db)
        if not pending:
            db.conn.execute("ROLLBACK")
            return None
        copy = upgrade_backup_path(path, pending[0].name, now()) if before else None
        if copy is not None:
            backup_database_file(path, copy)
        if all(m.transactional for m in pending):
            migrations.apply(db)
            db.conn.execute("COMMIT")
        else:  # a step that cannot run in a transaction (VACUUM): each step commits on its own
            db.conn.execute("COMMIT")
            migrations.apply(db)
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    if copy is None:
        log.info("new station database created at schema %s", pending[-1].name)
        return None
    upgrade = SchemaUpgrade(before, tuple(m.name for m in pending), copy)
    log.warning("%s", upgrade.describe())
    return upgrade
