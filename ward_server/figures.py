"""The read side: each station's turnout, the ward's totals, and a station's events by cursor.

Every figure comes from the derived check-in state and a few indexed lookups, so the page and
the API stay cheap however many events the ward holds.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import datetime

from clerk_app.clock import from_iso, local, to_iso
from ward_server.checkins import station_conflicts
from ward_server.elsewhere import off_the_list
from ward_server.models import EventOut, EventsPage, HourCount, StationsOverview, StationTurnout, WardTotals
from ward_server.registry import get_meta
from ward_server.schema import newest_event_id, station_ids

SILENT_AFTER_MINUTES = 70
POLLS_KINDS = {"test_started": "test", "polls_opened": "open", "polls_closed": "closed"}


def turnout_percent(checked_in: int, voters: int) -> float:
    return round(100.0 * checked_in / voters, 2) if voters else 0.0


def station_numbers(conn: sqlite3.Connection) -> list[int]:
    return [row[0] for row in conn.execute("SELECT number FROM stations ORDER BY number")]


def station_turnout(conn: sqlite3.Connection, number: int, now: datetime) -> StationTurnout | None:
    row = conn.execute("SELECT name, voters FROM stations WHERE number = ?", (number,)).fetchone()
    if row is None:
        return None
    name, listed = row
    list_size = listed or _reported_list_size(conn, number)
    added = _added_on_the_day(conn, number)
    # The list's numbers are 1..N (voter-list-format.md): a mark of a number past them (the list
    # replaced by a shorter one before opening; the station warns its team leader) leaves no one.
    elsewhere = off_the_list(conn, number, listed=lambda n: n <= list_size or n in added)
    per_hour = _checked_in_by_hour(conn, number, leave_out=elsewhere.checked_in_hours.values())
    checked_in = sum(per_hour.values())
    voters = list_size + len(added) - len(elsewhere.marked)
    devices, last_contact, last_event = _device_summary(conn, number)
    silent_minutes = _minutes_since(last_contact, now)
    polls = _polls_state(conn, number)
    return StationTurnout(
        station=number,
        name=name,
        voters=voters,
        checked_in=checked_in,
        turnout=turnout_percent(checked_in, voters),
        by_hour=cumulative_hours(per_hour),
        polls=polls,
        devices=devices,
        last_event_at=last_event,
        last_contact_at=last_contact,
        silent_minutes=silent_minutes,
        silent=polls != "closed" and silent_minutes is not None and silent_minutes > SILENT_AFTER_MINUTES,
        conflicts=station_conflicts(conn, number),
        marked_elsewhere=len(elsewhere.marked),
        checked_in_but_marked_elsewhere=elsewhere.checked_in,
        incidents=conn.execute("SELECT COUNT(*) FROM incidents WHERE station = ?", (number,)).fetchone()[0],
    )


def overview(conn: sqlite3.Connection, now: datetime) -> StationsOverview:
    stations = [t for n in station_numbers(conn) if (t := station_turnout(conn, n, now)) is not None]
    voters = sum(s.voters for s in stations)
    checked_in = sum(s.checked_in for s in stations)
    ward_hours: dict[int, int] = {}
    for station in stations:
        for item in station.by_hour:
            hour = int(item.hour[:2])
            ward_hours[hour] = ward_hours.get(hour, 0) + item.checked_in
    ward = WardTotals(
        name=get_meta(conn, "ward_name"),
        stations=len(stations),
        voters=voters,
        checked_in=checked_in,
        turnout=turnout_percent(checked_in, voters),
        by_hour=cumulative_hours(ward_hours),
        silent_stations=[s.station for s in stations if s.silent],
    )
    return StationsOverview(server_time=to_iso(now), ward=ward, stations=stations)


def cumulative_hours(per_hour: dict[int, int]) -> list[HourCount]:
    """Every hour from 07:00 (or the first check-in, if earlier) to the last check-in."""
    if not per_hour:
        return []
    total = 0
    result = []
    for hour in range(min(7, *per_hour), max(per_hour) + 1):
        count = per_hour.get(hour, 0)
        total += count
        result.append(HourCount(hour=f"{hour:02d}:00", checked_in=count, cumulative=total))
    return result


def _checked_in_by_hour(conn: sqlite3.Connection, station: int, leave_out: Iterable[int] = ()) -> dict[int, int]:
    """Voters counted once each, in the hour of their first live check-in (see checkins), less one
    voter in each hour of ``leave_out`` (voters off the list: ward_server.elsewhere)."""
    rows = conn.execute("SELECT hour_local, voters FROM turnout_hours WHERE station = ? AND voters > 0", (station,))
    per_hour = {int(hour): int(count) for hour, count in rows}
    for hour in leave_out:
        if hour in per_hour:  # always, as the two are derived alike; a page must not fail on a slip
            per_hour[hour] -= 1
    return {hour: count for hour, count in per_hour.items() if count > 0}


def _reported_list_size(conn: sqlite3.Connection, station: int) -> int:
    """When the ward registered no count, the size the station reported on importing its list."""
    row = conn.execute(
        "SELECT payload FROM milestones WHERE station = ? AND kind = 'list_imported' ORDER BY at_ms DESC LIMIT 1",
        (station,),
    ).fetchone()
    if row is None:
        return 0
    voters = json.loads(row[0]).get("voters")
    return voters if isinstance(voters, int) and not isinstance(voters, bool) and voters >= 0 else 0


def _added_on_the_day(conn: sqlite3.Connection, station: int) -> set[int]:
    """The list numbers of the voters with a certificate to vote here, who join the list on the day."""
    rows = conn.execute(
        "SELECT DISTINCT list_no FROM milestones WHERE station = ? AND kind = 'voter_added' AND list_no IS NOT NULL",
        (station,),
    )
    return {int(row[0]) for row in rows}


def _polls_state(conn: sqlite3.Connection, station: int) -> str:
    row = conn.execute(
        "SELECT kind FROM milestones WHERE station = ? AND kind IN ('test_started', 'polls_opened', 'polls_closed')"
        " ORDER BY at_ms DESC, seq DESC LIMIT 1",
        (station,),
    ).fetchone()
    return POLLS_KINDS[row[0]] if row else "not_open"


def _device_summary(conn: sqlite3.Connection, station: int) -> tuple[int, str | None, str | None]:
    count, last_contact = conn.execute(
        "SELECT COUNT(*), MAX(last_contact_at) FROM devices WHERE station = ?", (station,)
    ).fetchone()
    row = conn.execute(
        "SELECT last_event_at FROM devices WHERE station = ? AND last_event_ms IS NOT NULL"
        " ORDER BY last_event_ms DESC LIMIT 1",
        (station,),
    ).fetchone()
    # Shown in Vietnam time whatever offset the station wrote (the instant is the same).
    last_event = to_iso(local(from_iso(row[0]))) if row else None
    return int(count), last_contact, last_event


def _minutes_since(moment_text: str | None, now: datetime) -> int | None:
    if moment_text is None:
        return None
    return max(0, int((now - from_iso(moment_text)).total_seconds() // 60))


def events_page(
    conn: sqlite3.Connection, station: int, after: int, limit: int, exclude_device: str | None = None
) -> EventsPage:
    """The station's events after the cursor, in server order; call in a read snapshot.

    ``next`` is past the last event returned and, on a page that is not full, past every event
    of the station the answer looked at, so that the events left out (``exclude_device``: a
    device's own) are not looked at again. With nothing new at all it stays ``after``.
    """
    first, last = station_ids(station)
    query = (
        "SELECT id, device_id, seq, uuid, kind, list_no, at, clerk, payload, prev_hash, hash"
        " FROM events WHERE id > ? AND id <= ?"
    )
    params: tuple[object, ...] = (max(after, first - 1), last)
    if exclude_device is not None:
        query += " AND device_id <> ?"
        params += (exclude_device,)
    rows = conn.execute(query + " ORDER BY id LIMIT ?", (*params, limit)).fetchall()
    events = [
        EventOut(
            device_id=r[1],
            seq=r[2],
            uuid=r[3],
            kind=r[4],
            list_no=r[5],
            at=r[6],
            clerk=r[7],
            payload=json.loads(r[8]),
            prev_hash=r[9],
            hash=r[10],
        )
        for r in rows
    ]
    if len(rows) == limit:
        return EventsPage(events=events, next=rows[-1][0])
    # Everything of the station after ``after`` was looked at.
    return EventsPage(events=events, next=max(after, newest_event_id(conn, station) or 0))
