"""Small key/value facts about the station kept in its own database, and the write transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from clerk_app.storage.db import environment_errors


def get_meta(db: Database, key: str, default: str | None = None) -> str | None:
    row = db.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def set_meta(db: Database, key: str, value: str) -> None:
    """Write one fact; call inside a write transaction."""
    db.conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


@contextmanager
def write_transaction(db: Database) -> Iterator[None]:
    """One durable write transaction: the change and its event commit together or not at all.

    BEGIN IMMEDIATE (not sqlite-utils' plain BEGIN) takes the write lock up front, so the app and
    a clerk-app command on the same file queue on the busy timeout instead of failing half way
    when a read transaction tries to become a write one. With WAL and synchronous=FULL the
    COMMIT returns only once the change is on disk.
    """
    with environment_errors():
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
        db.conn.execute("COMMIT")
