"""The ward server's work, behind the HTTP layer: who owns which connection, and what runs where.

Two threads own the database: the writer (enrolment and ingest, serialised as SQLite writes
are anyway) and the reader (authentication, figures, pages), so a dashboard refresh never
waits behind an ingest commit and vice versa (WAL lets them overlap). Batch parsing, hashing
and validation run in the writer thread too, keeping the event loop free for /healthz probes.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from sqlite_utils import Database

from clerk_app.clock import from_iso
from clerk_app.clock import now as vn_now
from ward_server import credentials, figures, public, registry, where, wire
from ward_server.batch import read_batch
from ward_server.db import DbThread, connect, open_database, read_snapshot
from ward_server.errors import ApiError
from ward_server.ingest import Outcome, ingest
from ward_server.models import EventsPage, StationsOverview, StationTurnout
from ward_server.paths import database_path
from ward_server.public_models import PublicOverview, WhereAnswer
from ward_server.registry import Device, Enrolment

Clock = Callable[[], datetime]
T = TypeVar("T")
log = logging.getLogger("ward_server.service")
CONTACT_WRITE_EVERY_S = 60.0


class WardService:
    def __init__(self, data_dir: Path, clock: Clock = vn_now) -> None:
        path = database_path(data_dir)
        self.clock = clock
        self._writer = DbThread("ward-db-writer", lambda: open_database(path))
        self._reader = DbThread("ward-db-reader", lambda: connect(path))
        self._devices: dict[str, Device] = {}  # token SHA-256 -> device (see authenticate)
        self._reenrolments = 0  # how many times credentials were replaced (see authenticate)
        self._where_keys = where.KeyCache(data_dir)  # used in the reader thread only

    def start(self) -> None:
        self._writer.start()  # applies migrations before the reader looks at the schema
        self._reader.start()

    def close(self) -> None:
        self._reader.close()
        self._writer.close()

    async def enroll(self, station: int, code: str, device_id: str) -> Enrolment:
        moment = self.clock()
        loop = asyncio.get_running_loop()

        def job(db: Database) -> Enrolment:
            done = registry.enroll(db.conn, station, code, device_id, moment)
            if done.reenrolled:
                # Committed: scheduled from here rather than after the await, so that it happens even
                # if the request is cancelled meanwhile; it runs before the answer is sent.
                loop.call_soon_threadsafe(self._reenrolled, device_id, station)
            return done

        return await self._writer.run(job)

    def _reenrolled(self, device_id: str, station: int) -> None:
        """The device's old token authenticates nothing any more: not from the cache either. The
        count tells a lookup that read the old token before the commit not to cache it."""
        self._reenrolments += 1
        for digest in [d for d, device in self._devices.items() if device.device_id == device_id]:
            del self._devices[digest]
        log.info("re-enrolled device %s of station %d: new credentials replace its old ones", device_id, station)

    async def authenticate(self, token: str | None) -> Device:
        """The device a bearer token belongs to; ApiError 401 for none or an unknown one.

        A token found once is remembered, keyed by its SHA-256, until its device is re-enrolled
        (``enroll`` drops the device's entries): a batch makes no trip to the reader thread for it.
        Unknown tokens are not remembered. A lookup that a re-enrolment overtook (it may have read
        the token before the commit replaced it) is done again rather than cached: both run on the
        event loop, so the check and the caching cannot be split by a re-enrolment.
        (Should devices ever be revoked, revoking must do as ``enroll`` does.)
        """
        if token is None:
            raise ApiError(401, "missing bearer token")
        digest = credentials.token_digest(token)
        device = self._devices.get(digest)
        while device is None:
            seen = self._reenrolments
            found = await self._reader.run(lambda db: registry.device_for_digest(db.conn, digest))
            if found is None:
                raise ApiError(401, "unknown token")
            if self._reenrolments == seen:
                self._devices[digest] = device = found
        return device

    async def ingest(self, device: Device, body: bytes, content_encoding: str | None) -> Outcome:
        return await self._writer.run(lambda db: self._ingest_job(db, device, body, content_encoding))

    def _ingest_job(self, db: Database, device: Device, body: bytes, content_encoding: str | None) -> Outcome:
        batch = read_batch(wire.decode_body(body, content_encoding), device.device_id)
        if batch.device_id != device.device_id or batch.station != device.station:
            raise ApiError(403, "this device is enrolled for another station or device id")
        return ingest(db.conn, device, batch.events, self.clock())

    async def turnout(self, station: int) -> StationTurnout | None:
        moment = self.clock()
        return await self._reader.run(
            lambda db: _in_snapshot(db, lambda: figures.station_turnout(db.conn, station, moment))
        )

    async def overview(self) -> StationsOverview:
        moment = self.clock()
        return await self._reader.run(lambda db: _in_snapshot(db, lambda: figures.overview(db.conn, moment)))

    async def events_page(
        self, device: Device, station: int, after: int, limit: int, exclude_device: str | None = None
    ) -> EventsPage:
        """A page of the station's events for one of its devices, whose read counts as contact."""

        def job(db: Database) -> tuple[EventsPage, str | None]:
            with read_snapshot(db.conn):
                page = figures.events_page(db.conn, station, after, limit, exclude_device)
                return page, registry.last_contact(db.conn, device.device_id)

        page, last_contact = await self._reader.run(job)
        await self._record_contact(device, last_contact)
        return page

    async def _record_contact(self, device: Device, last_contact: str | None) -> None:
        """A station online and pulling is not silent. Written at most every CONTACT_WRITE_EVERY_S
        per device (a durable write on every pull, every few seconds, would queue behind ingest for
        nothing: the warning is about 70 minutes), and never at the cost of the read itself."""
        moment = self.clock()
        last = from_iso(last_contact) if last_contact else None
        if last is not None and (moment - last).total_seconds() < CONTACT_WRITE_EVERY_S:
            return
        try:
            await self._writer.run(lambda db: registry.record_contact(db.conn, device.device_id, moment))
        except sqlite3.OperationalError as exc:
            log.warning("could not record contact of device %s: %s", device.device_id, exc)

    async def public_overview(self) -> PublicOverview:
        moment = self.clock()
        return await self._reader.run(lambda db: _in_snapshot(db, lambda: public.public_overview(db.conn, moment)))

    async def where(self, id_number: str, birth_year: int) -> WhereAnswer | None:
        """The polling place of the voter with this ID and birth year, or None. The ID is hashed
        with the ward's key in the reader thread and goes no further (not even to the log)."""

        def job(db: Database) -> WhereAnswer | None:
            with read_snapshot(db.conn):
                key = self._where_keys.current(db.conn)
                if key is None:
                    return None
                station = where.lookup(db.conn, where.where_key(key, id_number, birth_year))
                return public.where_answer(db.conn, station) if station is not None else None

        return await self._reader.run(job)


def _in_snapshot(db: Database, job: Callable[[], T]) -> T:
    with read_snapshot(db.conn):
        return job()
