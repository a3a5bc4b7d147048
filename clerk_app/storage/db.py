"""Opening the station database: pragmas for durability, migrations, and error triage.

SQLite errors fall in two kinds (as qutebrowser splits them): the environment (disk full,
read-only, locked, gone), which the user can act on, and bugs, which get the crash dialog.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from clerk_app.errors import NewerDatabaseError, StorageEnvironmentError
from clerk_app.storage.schema import migrations

DB_FILENAME = "station.db"

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


def open_database(path: Path) -> Database:
    """Open (creating if needed) a station database, ready for durable writes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with environment_errors():
        conn = sqlite3.connect(str(path), timeout=5.0)
        db = Database(conn)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        refuse_newer_schema(db)
        migrations.apply(db)
    return db


def refuse_newer_schema(db: Database) -> None:
    known = {m.name for m in migrations._migrations}
    applied = {m.name for m in migrations.applied(db)}
    unknown = sorted(applied - known)
    if unknown:
        raise NewerDatabaseError(
            "this station database was written by a newer version of the app "
            f"(unknown schema steps: {', '.join(unknown)}); install that version to open it"
        )
