"""The voters' public figures: every polling place, how it is going, and whether it is busy now.

Pure functions over a connection (call them in a read snapshot) and ``now``. Counts come from
ward_server.figures, so the public page and the ward page always agree; nothing here reads or
returns anything about a single voter.

How busy a station is now (``busyness``): the voters who arrived in the last 30 minutes, against
the station's own average per 30 minutes since its polls opened (all its voters so far, spread
over the time it has been open):

- ``quiet``  fewer than QUIET_BELOW (0.6) times its average: a good time to go;
- ``busy``   more than BUSY_ABOVE (1.4) times its average;
- ``normal`` in between;
- ``unknown`` whenever the comparison would mislead: the polls are not open (not yet, test mode,
  closed), they opened less than MIN_OPEN_MINUTES (60) ago, fewer than MIN_VOTED (20) voters
  have voted, or the ward has not heard from the station for more than CONTACT_WITHIN_MINUTES
  (10): its last half hour may not have reached the ward yet, and would look quiet.

A voter is counted once, at their first check-in that counts (as turnout is), so an undo or a
second desk's check-in moves nothing here that it does not move in the turnout.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from datetime import datetime, timedelta

from clerk_app.clock import from_iso, local, to_iso
from ward_server import figures, places
from ward_server.checkins import voters as voters_checkins
from ward_server.models import StationTurnout
from ward_server.public_models import (
    Busyness,
    PublicHour,
    PublicOverview,
    PublicStation,
    PublicWard,
    WhereAnswer,
)
from ward_server.registry import get_meta
from ward_server.schema import station_ids

RECENT = timedelta(minutes=30)
QUIET_BELOW = 0.6
BUSY_ABOVE = 1.4
MIN_OPEN_MINUTES = 60
MIN_VOTED = 20
CONTACT_WITHIN_MINUTES = 10
MAP_ZOOM = 17


def classify_busyness(recent: int, voted: int, minutes_open: float) -> Busyness:
    """``recent`` arrivals in the last 30 minutes against ``voted`` over ``minutes_open``."""
    if minutes_open < MIN_OPEN_MINUTES or voted < MIN_VOTED:
        return "unknown"
    average = voted * RECENT.total_seconds() / 60 / minutes_open  # voters per 30 minutes
    ratio = recent / average
    if ratio < QUIET_BELOW:
        return "quiet"
    if ratio > BUSY_ABOVE:
        return "busy"
    return "normal"


def public_percent(voted: int, voters: int) -> float:
    """1 decimal, 0-100. Never shows 100.0 before everyone has voted (99.96 is 99.9), and never
    more than 100 when a list count is short of the check-ins (the ward page shows those)."""
    if voters <= 0:
        return 0.0
    if voted >= voters:
        return 100.0
    return min(round(100.0 * voted / voters, 1), 99.9)


def map_links(latitude: float | None, longitude: float | None) -> tuple[str | None, str | None]:
    """(OpenStreetMap link, geo: URI) for the point, or (None, None) without one."""
    if latitude is None or longitude is None:
        return None, None
    lat, lon = _degrees(latitude), _degrees(longitude)
    osm = f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map={MAP_ZOOM}/{lat}/{lon}"
    return osm, f"geo:{lat},{lon}"


def _degrees(value: float) -> str:
    # 6 decimals is 0.1 m: as precise as a door needs, without float noise like 21.024500000000003.
    return f"{value:.6f}".rstrip("0").rstrip(".")


def public_overview(conn: sqlite3.Connection, now: datetime) -> PublicOverview:
    stations = [
        _station(conn, turnout, now)
        for number in figures.station_numbers(conn)
        if (turnout := figures.station_turnout(conn, number, now)) is not None
    ]
    voters = sum(s.voters for s in stations)
    voted = sum(s.voted for s in stations)
    ward = PublicWard(
        name=get_meta(conn, "ward_name"),
        stations=len(stations),
        voters=voters,
        voted=voted,
        percent=public_percent(voted, voters),
    )
    return PublicOverview(server_time=to_iso(local(now)), ward=ward, stations=stations)


def _station(conn: sqlite3.Connection, turnout: StationTurnout, now: datetime) -> PublicStation:
    place = places.load(conn, turnout.station)
    map_url, geo_uri = map_links(place.latitude, place.longitude)
    # Never heard from at all is "no recent figures" too: the zeros would read as a quiet station.
    stale = turnout.silent or (turnout.last_contact_at is None and turnout.polls != "closed")
    recent = recent_arrivals(conn, turnout.station, now, off_the_list=turnout.checked_in_but_marked_elsewhere)
    return PublicStation(
        station=turnout.station,
        name=turnout.name,
        place=place.place,
        address=place.address,
        groups=list(place.groups),
        contact=place.contact,
        latitude=place.latitude,
        longitude=place.longitude,
        map_url=map_url,
        geo_uri=geo_uri,
        voters=turnout.voters,
        voted=turnout.checked_in,
        percent=public_percent(turnout.checked_in, turnout.voters),
        everyone_voted=turnout.voters > 0 and turnout.checked_in >= turnout.voters,
        by_hour=[PublicHour(hour=h.hour, arrivals=h.checked_in, cumulative=h.cumulative) for h in turnout.by_hour],
        arrivals_last_30_min=recent,
        busyness=_busyness(conn, turnout, recent, now, stale),
        polls=turnout.polls,
        last_contact_at=turnout.last_contact_at,
        stale=stale,
    )


def _busyness(conn: sqlite3.Connection, turnout: StationTurnout, recent: int, now: datetime, stale: bool) -> Busyness:
    if stale or turnout.polls != "open" or turnout.last_contact_at is None:
        return "unknown"
    if (now - from_iso(turnout.last_contact_at)) > timedelta(minutes=CONTACT_WITHIN_MINUTES):
        return "unknown"
    opened_ms = polls_opened_ms(conn, turnout.station)
    if opened_ms is None:
        return "unknown"
    minutes_open = (now.timestamp() * 1000 - opened_ms) / 60_000
    return classify_busyness(recent, turnout.checked_in, minutes_open)


def polls_opened_ms(conn: sqlite3.Connection, station: int) -> int | None:
    """When the polls last opened (after any test mode), as the station recorded it."""
    row = conn.execute(
        "SELECT MAX(at_ms) FROM milestones WHERE station = ? AND kind = 'polls_opened'", (station,)
    ).fetchone()
    return int(row[0]) if row[0] is not None else None


def recent_arrivals(conn: sqlite3.Connection, station: int, now: datetime, off_the_list: Collection[int] = ()) -> int:
    """Voters whose first counting check-in is in the last 30 minutes (or later: a station clock
    a little ahead of the ward's still counts as now).

    The candidates are the voters with any check-in event in the window; each is then judged on
    everything held about them, exactly as turnout counts them (ward_server.checkins), and
    ``off_the_list`` (voters marked as voting elsewhere: ward_server.elsewhere) are left out.
    """
    since_ms = int((now - RECENT).timestamp() * 1000)
    candidates = [
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT list_no FROM events WHERE id BETWEEN ? AND ? AND kind = 'checked_in' AND at_ms >= ?",
            (*station_ids(station), since_ms),
        )
        if row[0] not in off_the_list
    ]
    if not candidates:
        return 0
    arrived = 0
    for voter in voters_checkins(conn, station, candidates).values():
        live = voter.live()
        if live and live[0].at_ms >= since_ms:
            arrived += 1
    return arrived


def where_answer(conn: sqlite3.Connection, station: int) -> WhereAnswer | None:
    """The polling place of a station found in the where-do-I-vote index."""
    row = conn.execute("SELECT name FROM stations WHERE number = ?", (station,)).fetchone()
    if row is None:
        return None
    place = places.load(conn, station)
    map_url, _ = map_links(place.latitude, place.longitude)
    return WhereAnswer(station=station, place=place.place or str(row[0]), address=place.address, map_url=map_url)
