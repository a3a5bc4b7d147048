"""The ward server's work, behind the HTTP layer: who owns which connection, and what runs where.

Two threads own the database: the writer (enrolment and ingest, serialised as SQLite writes
are anyway) and the reader (authentication, figures, pages), so a dashboard refresh never
waits behind an ingest commit and vice versa (WAL lets them overlap). Batch parsing, hashing
and validation run in the writer thread too, keeping the event loop free for /healthz probes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from sqlite_utils import Database

from clerk_app.clock import now as vn_now
from ward_server import figures, registry, wire
from ward_server.db import DbThread, connect, open_database, read_snapshot
from ward_server.errors import ApiError
from ward_server.ingest import Outcome, ingest
from ward_server.models import EventsPage, StationsOverview, StationTurnout
from ward_server.paths import database_path
from ward_server.registry import Device, Enrolment

Clock = Callable[[], datetime]
T = TypeVar("T")


class WardService:
    def __init__(self, data_dir: Path, clock: Clock = vn_now) -> None:
        path = database_path(data_dir)
        self.clock = clock
        self._writer = DbThread("ward-db-writer", lambda: open_database(path))
        self._reader = DbThread("ward-db-reader", lambda: connect(path))

    def start(self) -> None:
        self._writer.start()  # applies migrations before the reader looks at the schema
        self._reader.start()

    def close(self) -> None:
        self._reader.close()
        self._writer.close()

    async def enroll(self, station: int, code: str, device_id: str) -> Enrolment:
        moment = self.clock()
        return await self._writer.run(lambda db: registry.enroll(db.conn, station, code, device_id, moment))

    async def authenticate(self, token: str | None) -> Device:
        if token is None:
            raise ApiError(401, "missing bearer token")
        device = await self._reader.run(lambda db: registry.device_for_token(db.conn, token))
        if device is None:
            raise ApiError(401, "unknown token")
        return device

    async def ingest(self, device: Device, body: bytes, content_encoding: str | None) -> Outcome:
        return await self._writer.run(lambda db: self._ingest_job(db, device, body, content_encoding))

    def _ingest_job(self, db: Database, device: Device, body: bytes, content_encoding: str | None) -> Outcome:
        batch = wire.parse_batch(wire.decode_body(body, content_encoding))
        if batch.device_id != device.device_id or batch.station != device.station:
            raise ApiError(403, "this device is enrolled for another station or device id")
        return ingest(db.conn, device, batch, self.clock())

    async def turnout(self, station: int) -> StationTurnout | None:
        moment = self.clock()
        return await self._reader.run(
            lambda db: _in_snapshot(db, lambda: figures.station_turnout(db.conn, station, moment))
        )

    async def overview(self) -> StationsOverview:
        moment = self.clock()
        return await self._reader.run(lambda db: _in_snapshot(db, lambda: figures.overview(db.conn, moment)))

    async def events_page(self, station: int, after: int, limit: int) -> EventsPage:
        return await self._reader.run(lambda db: figures.events_page(db.conn, station, after, limit))


def _in_snapshot(db: Database, job: Callable[[], T]) -> T:
    with read_snapshot(db.conn):
        return job()
