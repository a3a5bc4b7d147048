"""Stations, enrolment codes and devices: who may post for which station."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from clerk_app.clock import to_iso
from ward_server import credentials, places, where
from ward_server.db import write_transaction
from ward_server.errors import ApiError
from ward_server.stations_csv import StationEntry
from ward_server.where import WhereList, WhereOutcome


@dataclass(frozen=True)
class Device:
    """Who a bearer token is: fixed from enrolment on (the service remembers it per token)."""

    device_id: str
    station: int
    secret: str = field(repr=False)


@dataclass(frozen=True)
class Enrolment:
    station: int
    device_id: str
    token: str
    secret: str


@dataclass(frozen=True)
class StationRow:
    station: int
    name: str
    voters: int
    devices: int
    unused_codes: int
    last_contact_at: str | None


@dataclass(frozen=True)
class Registered:
    code: str
    where: WhereOutcome | None  # when a list was registered for where-do-I-vote


@dataclass(frozen=True)
class Imported:
    station: int
    name: str
    code: str | None  # a one-time code for a station new to the ward; None for a known one


def add_station(conn: sqlite3.Connection, number: int, name: str, voters: int | None, now: datetime) -> str:
    """Register (or rename) a station and issue one more one-time code; return the code.

    Running it again for a known station is how a replacement laptop gets a code: the
    station's data stays, and the list count changes only when a new count is given.
    """
    return register_station(conn, number, name, voters, now).code


def register_station(
    conn: sqlite3.Connection,
    number: int,
    name: str,
    voters: int | None,
    now: datetime,
    *,
    place: dict[str, object] | None = None,
    where_list: WhereList | None = None,
) -> Registered:
    """``add_station``, also setting the given place fields (ward_server.places.save) and, with a
    list, replacing the station's where-do-I-vote entries: all in one transaction."""
    code = credentials.new_enrollment_code()
    with write_transaction(conn):
        _upsert_station(conn, number, name, voters, now)
        _issue_code(conn, number, code, now)
        places.save(conn, number, place or {})
        outcome = where.replace_station_entries(conn, number, where_list) if where_list is not None else None
    return Registered(code, outcome)


def import_stations(conn: sqlite3.Connection, entries: Sequence[StationEntry], now: datetime) -> list[Imported]:
    """Every station of a stations file, all or none: names and places as the file says them
    (an empty cell clears), list counts kept, and a one-time code for each station new to the ward."""
    done: list[Imported] = []
    with write_transaction(conn):
        for entry in entries:
            known = conn.execute("SELECT 1 FROM stations WHERE number = ?", (entry.number,)).fetchone() is not None
            _upsert_station(conn, entry.number, entry.name, None, now)
            code = None
            if not known:
                code = credentials.new_enrollment_code()
                _issue_code(conn, entry.number, code, now)
            places.save(conn, entry.number, places.whole(entry.place))
            done.append(Imported(entry.number, entry.name, code))
    return done


def _upsert_station(conn: sqlite3.Connection, number: int, name: str, voters: int | None, now: datetime) -> None:
    conn.execute(
        "INSERT INTO stations (number, name, voters, created_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (number) DO UPDATE SET name = excluded.name,"
        " voters = CASE WHEN ? IS NULL THEN stations.voters ELSE excluded.voters END",
        (number, name, voters or 0, to_iso(now), voters),
    )


def _issue_code(conn: sqlite3.Connection, number: int, code: str, now: datetime) -> None:
    conn.execute(
        "INSERT INTO enrollment_codes (code_sha256, station, created_at) VALUES (?, ?, ?)",
        (credentials.code_digest(code), number, to_iso(now)),
    )


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    with write_transaction(conn):
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else None


def list_stations(conn: sqlite3.Connection) -> list[StationRow]:
    rows = conn.execute(
        """
        SELECT s.number, s.name, s.voters,
               (SELECT COUNT(*) FROM devices d WHERE d.station = s.number),
               (SELECT COUNT(*) FROM enrollment_codes c WHERE c.station = s.number AND c.used_at IS NULL),
               (SELECT MAX(d.last_contact_at) FROM devices d WHERE d.station = s.number)
        FROM stations s ORDER BY s.number
        """
    ).fetchall()
    return [StationRow(*row) for row in rows]


def enroll(conn: sqlite3.Connection, station: int, code: str, device_id: str, now: datetime) -> Enrolment:
    """Spend a one-time code on a device: 404 unknown station, 409 known device, 403 bad code.

    The device check comes before the code is spent, so a retried enrolment of an already
    enrolled laptop does not burn the code a replacement laptop may still need.
    """
    with write_transaction(conn):
        if conn.execute("SELECT 1 FROM stations WHERE number = ?", (station,)).fetchone() is None:
            raise ApiError(404, "unknown station")
        if conn.execute("SELECT 1 FROM devices WHERE device_id = ?", (device_id,)).fetchone() is not None:
            raise ApiError(409, "device already enrolled")
        spent = conn.execute(
            "UPDATE enrollment_codes SET used_at = ?, used_by = ?"
            " WHERE code_sha256 = ? AND station = ? AND used_at IS NULL",
            (to_iso(now), device_id, credentials.code_digest(code), station),
        ).rowcount
        if spent != 1:
            raise ApiError(403, "wrong or used enrolment code")
        token, secret = credentials.new_token(), credentials.new_secret()
        conn.execute(
            "INSERT INTO devices (device_id, station, token_sha256, secret, enrolled_at, last_contact_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (device_id, station, credentials.token_digest(token), secret, to_iso(now), to_iso(now)),
        )
    return Enrolment(station, device_id, token, secret)


def device_for_token(conn: sqlite3.Connection, token: str) -> Device | None:
    return device_for_digest(conn, credentials.token_digest(token))


def device_for_digest(conn: sqlite3.Connection, token_sha256: str) -> Device | None:
    row = conn.execute(
        "SELECT device_id, station, secret FROM devices WHERE token_sha256 = ?", (token_sha256,)
    ).fetchone()
    return Device(*row) if row else None


def last_contact(conn: sqlite3.Connection, device_id: str) -> str | None:
    row = conn.execute("SELECT last_contact_at FROM devices WHERE device_id = ?", (device_id,)).fetchone()
    return str(row[0]) if row and row[0] else None


def record_contact(conn: sqlite3.Connection, device_id: str, now: datetime) -> None:
    """The device was heard from (an authenticated read): what the ward page's "last contact" shows."""
    with write_transaction(conn):
        conn.execute("UPDATE devices SET last_contact_at = ? WHERE device_id = ?", (to_iso(now), device_id))
