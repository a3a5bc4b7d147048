"""Stations, enrolment codes and devices: who may post for which station."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from clerk_app.clock import from_iso, to_iso
from ward_server import credentials, places, where
from ward_server.db import write_transaction
from ward_server.errors import ApiError
from ward_server.stations_csv import StationEntry
from ward_server.where import WhereList, WhereOutcome

# How long after a code enrolled a device the same code may re-issue that device's credentials
# once (the answer to its enrolment was lost on the way). Later, the ward office issues a new code.
REISSUE_WINDOW = timedelta(minutes=10)


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
    token: str = field(repr=False)
    secret: str = field(repr=False)
    reenrolled: bool = False  # the device id was enrolled already: these credentials replace its old ones


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
    """Spend a one-time code on a device: 404 unknown station, 409 device of another station, 403 bad code.

    A device id already enrolled for this station is *re-enrolled*: a new token and secret
    replace its old ones (which stop working), its events and ``acked_seq`` stay. That is how a
    laptop whose enrolment answer was lost after the ward committed gets credentials at all:
    with a new code from the ward office, or by retrying the code that enrolled it, once, within
    REISSUE_WINDOW (``_may_reissue``). The refusals come before any code is spent, so a refused
    request never burns the code a replacement laptop may still need.
    """
    digest = credentials.code_digest(code)
    with write_transaction(conn):
        if conn.execute("SELECT 1 FROM stations WHERE number = ?", (station,)).fetchone() is None:
            raise ApiError(404, "unknown station")
        row = conn.execute("SELECT station, enrolled_at FROM devices WHERE device_id = ?", (device_id,)).fetchone()
        if row is not None and row[0] != station:
            raise ApiError(409, "this device is enrolled for another station: check the station number")
        spent = conn.execute(
            "UPDATE enrollment_codes SET used_at = ?, used_by = ?"
            " WHERE code_sha256 = ? AND station = ? AND used_at IS NULL",
            (to_iso(now), device_id, digest, station),
        ).rowcount
        if spent != 1 and not (
            row is not None
            and _may_reissue(conn, digest, station=station, device_id=device_id, enrolled_at=str(row[1]), now=now)
        ):
            raise ApiError(403, "wrong or used enrolment code: ask the ward office for a new one")
        token, secret = credentials.new_token(), credentials.new_secret()
        if row is None:
            conn.execute(
                "INSERT INTO devices (device_id, station, token_sha256, secret, enrolled_at, last_contact_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (device_id, station, credentials.token_digest(token), secret, to_iso(now), to_iso(now)),
            )
        else:
            # The old token's digest is overwritten: it authenticates nothing from this commit on
            # (the service drops it from its cache too). acked_seq and the events are the device's.
            conn.execute(
                "UPDATE devices SET token_sha256 = ?, secret = ?, enrolled_at = ?, last_contact_at = ?"
                " WHERE device_id = ?",
                (credentials.token_digest(token), secret, to_iso(now), to_iso(now), device_id),
            )
    return Enrolment(station, device_id, token, secret, reenrolled=row is not None)


def _may_reissue(
    conn: sqlite3.Connection, digest: str, *, station: int, device_id: str, enrolled_at: str, now: datetime
) -> bool:
    """Whether a spent code may re-issue the credentials of the device that spent it: the station
    retrying after the answer was lost holds no other code.

    Only the code that issued the device's current credentials (spent by it, at its
    ``enrolled_at``), and only within REISSUE_WINDOW of that. A re-issue moves ``enrolled_at``
    on, so each code re-issues at most once and a code superseded by a newer one never does.
    """
    row = conn.execute(
        "SELECT used_by, used_at FROM enrollment_codes WHERE code_sha256 = ? AND station = ?", (digest, station)
    ).fetchone()
    if row is None or row[0] != device_id or row[1] != enrolled_at:
        return False
    # Compared as stored (to the millisecond): the re-issue's enrolled_at must differ from used_at.
    issued, at = from_iso(str(row[1])), from_iso(to_iso(now))
    return issued < at <= issued + REISSUE_WINDOW


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
