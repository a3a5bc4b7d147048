"""A ward.db in the test's own process: batches go through the server's reading and ingest
(ward_server.batch, ward_server.ingest), figures through ward_server.figures, on a real file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from tests.ward_server.support import Chain, election_time
from ward_server import figures, registry
from ward_server.batch import read_batch
from ward_server.db import open_database
from ward_server.ingest import ingest
from ward_server.models import StationTurnout
from ward_server.paths import database_path
from ward_server.registry import Device

STATION = 5
LISTED = 100  # the voters registered for the station
Conflicts = list[tuple[int, list[tuple[str, int]]]]  # (list_no, [(device_id, seq), ...])
Figures = tuple[int, dict[str, int], Conflicts]  # voters checked in, by hour, conflicts


class Ward:
    """A ward.db with one station and enrolled devices."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.devices: dict[str, Device] = {}
        self.chains: dict[str, Chain] = {}

    def device(self, device_id: str) -> Chain:
        code = registry.add_station(self.db.conn, STATION, "Khu vực 5", LISTED, election_time(6))
        enrolment = registry.enroll(self.db.conn, STATION, code, device_id, election_time(6))
        self.devices[device_id] = Device(device_id, STATION, enrolment.secret)
        self.chains[device_id] = Chain(device_id)
        return self.chains[device_id]

    def post(self, device_id: str, events: list[dict[str, Any]]) -> Conflicts:
        body = json.dumps({"device_id": device_id, "station": STATION, "events": events}, ensure_ascii=False)
        batch = read_batch(body.encode("utf-8"), device_id)
        outcome = ingest(self.db.conn, self.devices[device_id], batch.events, election_time(12))
        assert not outcome.refused
        return [(c.list_no, [(r.device_id, r.seq) for r in c.check_ins]) for c in outcome.conflicts]

    def turnout(self) -> StationTurnout:
        turnout = figures.station_turnout(self.db.conn, STATION, election_time(12))
        assert turnout is not None
        return turnout

    def figures(self) -> Figures:
        turnout = self.turnout()
        hours = {h.hour: h.checked_in for h in turnout.by_hour if h.checked_in}
        conflicts = [(c.list_no, [(r.device_id, r.seq) for r in c.check_ins]) for c in turnout.conflicts]
        return turnout.checked_in, hours, conflicts


@contextmanager
def in_process_ward(folder: Path) -> Iterator[Ward]:
    """A fresh ward.db in ``folder`` (migrations applied), closed afterwards."""
    db = open_database(database_path(folder))
    try:
        yield Ward(db)
    finally:
        db.close()
