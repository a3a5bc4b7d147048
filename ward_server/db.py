"""Opening ward.db, transactions, and the threads that own its connections.

sqlite3 connections belong to the thread that made them, so every connection here is opened
inside the one thread that will ever use it (DbThread), and never shared
(check_same_thread stays on as a tripwire).
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlite_utils import Database

from ward_server.errors import NewerDatabaseError
from ward_server.schema import SCHEMA_NAMES, migrations

T = TypeVar("T")
BUSY_TIMEOUT_S = 10.0  # the CLI may write (add-station) while the server runs


def connect(path: Path) -> Database:
    """A connection with the durability pragmas; the schema must already be in place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)
    db = Database(conn)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    return db


def open_database(path: Path) -> Database:
    """Connect and bring the schema up to date; refuse a database from a newer server."""
    db = connect(path)
    unknown = sorted({m.name for m in migrations.applied(db)} - set(SCHEMA_NAMES))
    if unknown:
        db.close()
        raise NewerDatabaseError(f"{path} was written by a newer ward-server (schema steps: {', '.join(unknown)})")
    migrations.apply(db)
    return db


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE takes the write lock up front (no lock upgrade failing half way);
    with WAL and synchronous=FULL, COMMIT returns once the batch is on disk."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextmanager
def read_snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """One consistent view across several SELECTs while the writer keeps committing (WAL)."""
    conn.execute("BEGIN")
    try:
        yield
    finally:
        conn.execute("COMMIT")


class DbThread:
    """One thread owning one connection; callers hand it jobs ``job(db) -> result``.

    Async endpoints await ``run``, so the event loop never blocks on SQLite and the
    connection never leaves its thread.
    """

    def __init__(self, name: str, opener: Callable[[], Database]) -> None:
        self._local = threading.local()
        self._executor = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix=name, initializer=self._open, initargs=(opener,)
        )

    def _open(self, opener: Callable[[], Database]) -> None:
        self._local.db = opener()

    def _call(self, job: Callable[[Database], T]) -> T:
        db: Database = self._local.db
        return job(db)

    def submit(self, job: Callable[[Database], T]) -> Future[T]:
        return self._executor.submit(self._call, job)

    async def run(self, job: Callable[[Database], T]) -> T:
        return await asyncio.wrap_future(self.submit(job))

    def start(self, timeout_s: float = 30.0) -> None:
        """Open the connection now, so that a bad database fails at startup, not on a request."""
        self.submit(lambda db: None).result(timeout=timeout_s)

    def close(self, timeout_s: float = 30.0) -> None:
        self.submit(lambda db: db.close()).result(timeout=timeout_s)
        self._executor.shutdown(wait=True)
