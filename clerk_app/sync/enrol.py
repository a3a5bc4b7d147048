"""Enrolling this device with the ward server, and restoring the station's events from it.

A replacement laptop starts from an empty data folder: it enrols for the station (a new device
id, a new one-time code from the ward), pulls every event the ward holds for the station, and
only then is handed to the clerks, so a voter checked in on the old laptop shows as voted. The
voter list itself does not travel (names never leave a station): it is imported from the list
file as usual, and the restored check-ins attach to it then (Station.import_list).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from clerk_app import clock as clock_mod
from clerk_app.clock import Clock
from clerk_app.errors import StationMismatch
from clerk_app.station import Station
from clerk_app.sync import engine, link, outbox
from clerk_app.sync.client import DEFAULT_TIMEOUT, Timeout, WardClient
from clerk_app.sync.credentials import CredentialStore
from clerk_app.sync.errors import BadEnrolment, SyncError

log = logging.getLogger("clerk_app.sync.enrol")


@dataclass(frozen=True)
class EnrolResult:
    station: int
    device_id: str
    has_list: bool  # False: import the station's list file before checking anyone in
    restored: int  # other devices' events pulled from the ward
    restore_problem: str | None  # why the restore did not finish (the sync worker finishes it)
    clock_offset_s: float


def enrol(
    station: Station,
    url: str,
    code: str,
    *,
    store: CredentialStore,
    station_no: int | None = None,
    ca_bundle: Path | None = None,
    timeout: Timeout = DEFAULT_TIMEOUT,
    wall_clock: Clock = clock_mod.now,
) -> EnrolResult:
    """Trade the one-time code for credentials (to the keyring), then restore the station's events.

    Raises BadEnrolment, StationMismatch, NoSecureCredentialStore (before the code is spent),
    Unreachable or Rejected (nothing changed); a failed restore is reported, not raised.
    """
    url = link.check_url(url)
    number = _station_number(station, station_no)
    # Fails on a machine without a usable keyring *before* the one-time code is spent on it.
    store.load(station.device_id)
    ca = link.install_ca(station.data_dir, ca_bundle) if ca_bundle else None
    with WardClient(url, ca_bundle=ca, timeout=timeout) as client:
        enrolment, contact = engine.timed(
            lambda: client.enroll(number, code, station.device_id), lambda e: e.server_time, wall_clock
        )
    if (enrolment.station, enrolment.device_id) != (number, station.device_id):
        raise BadEnrolment("the ward server enrolled another station or device than asked")
    store.save(station.device_id, enrolment.credentials)
    link.save_link(station.db, link.WardLink(url, number, ca))
    outbox.record_contact(station.db, contact)
    log.info("enrolled for station %d as %s", number, station.device_id)
    restored, problem = restore(station, store, timeout, wall_clock)
    has_list = station.db.conn.execute("SELECT count(*) FROM voters WHERE status = 'listed'").fetchone()[0] > 0
    return EnrolResult(number, station.device_id, has_list, restored, problem, contact.clock_offset_s)


def restore(
    station: Station, store: CredentialStore, timeout: Timeout = DEFAULT_TIMEOUT, wall_clock: Clock = clock_mod.now
) -> tuple[int, str | None]:
    """Pull every event the ward holds for the station; (events stored, problem or None).

    An empty batch goes first: its answer says whether the ward holds more of this device than
    its file (a station.db restored from a copy, enrolled again), and the pull then takes those
    events back too (engine.pull)."""
    try:
        client, ward = engine.open_client(station, store, timeout)
        with client:
            engine.heartbeat(station, client, ward, wall_clock)
            pulled = engine.pull(station, client, ward)
    except SyncError as exc:
        log.warning("restore from the ward did not finish: %s", exc)
        return 0, str(exc)
    log.info("restored %d events of the station's other devices", pulled.stored)
    return pulled.stored, None


def _station_number(station: Station, given: int | None) -> int:
    current = station.station_no
    if given is not None and current is not None and given != current:
        raise StationMismatch(f"this data folder holds station {current:02d}, not station {given:02d}")
    number = given if given is not None else current
    if number is None:
        raise BadEnrolment("this data folder has no voter list yet: give the station number (--station N)")
    if not 1 <= number <= 100_000:
        raise BadEnrolment(f"no such station number: {number}")
    return number
