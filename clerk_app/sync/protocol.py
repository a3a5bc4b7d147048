"""The wire format of docs/sync-protocol.md, as the clerk side reads and writes it.

Answers are checked as they are parsed: anything that is not the shape the ward server sends
(a captive-portal page on a hotel Wi-Fi, a proxy's error page) raises NotWardServer, which the
worker treats like no answer at all. "Online" is the ward server answering, nothing less.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from clerk_app.clock import from_iso
from clerk_app.storage.eventlog import Event
from clerk_app.sync.credentials import DeviceCredentials
from clerk_app.sync.errors import Unreachable
from clerk_app.turnout.ward import StationFigures


class NotWardServer(Unreachable):
    """Something answered, but not with the ward server's protocol."""


@dataclass(frozen=True)
class Health:
    server_time: datetime


@dataclass(frozen=True)
class Enrolment:
    station: int
    device_id: str
    credentials: DeviceCredentials
    server_time: datetime


@dataclass(frozen=True)
class ConflictRef:
    device_id: str
    seq: int
    at: str


@dataclass(frozen=True)
class ServerConflict:
    """A voter the ward sees checked in on more than one device of the station."""

    list_no: int
    check_ins: tuple[ConflictRef, ...]


@dataclass(frozen=True)
class RefusedEvent:
    seq: int
    reason: str  # different_content | bad_hash (an incident on the ward's page)


@dataclass(frozen=True)
class Ack:
    device_id: str
    acked_seq: int
    server_time: datetime
    stored: int
    duplicates: int
    refused: tuple[RefusedEvent, ...]
    conflicts: tuple[ServerConflict, ...]


@dataclass(frozen=True)
class EventsPage:
    events: tuple[Event, ...]
    next: int


@dataclass(frozen=True)
class WardOverview:
    """GET /api/v1/stations, as far as a station needs it: every station's figures, and when."""

    server_time: datetime
    stations: tuple[StationFigures, ...]


def batch_body(device_id: str, station: int, events: Sequence[Event]) -> bytes:
    """The POST /api/v1/events body. Events carry what the hash covers, never a local note."""
    batch = {
        "device_id": device_id,
        "station": station,
        "events": [
            {
                "seq": e.seq,
                "uuid": e.uuid,
                "kind": e.kind,
                "list_no": e.list_no,
                "at": e.at,
                "clerk": e.clerk,
                "payload": e.payload,
                "prev_hash": e.prev_hash,
                "hash": e.hash,
            }
            for e in events
        ],
    }
    return json.dumps(batch, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# --- reading answers ------------------------------------------------------------------------


def _field(data: dict[str, Any], key: str, kind: type[Any]) -> Any:
    value = data.get(key)
    # bool is an int in Python, never in this protocol.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise NotWardServer(f"unexpected answer: {key!r} missing or not {kind.__name__}")
    return value


def _time(data: dict[str, Any], key: str) -> datetime:
    try:
        return from_iso(_field(data, key, str))
    except ValueError:
        raise NotWardServer(f"unexpected answer: {key!r} is not a time with offset") from None


def _object(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise NotWardServer("unexpected answer: not a JSON object")
    return value


def parse_health(data: Any) -> Health:
    body = _object(data)
    if body.get("ok") is not True:
        raise NotWardServer("the ward server says it is not ok")
    return Health(_time(body, "server_time"))


def parse_enrolment(data: Any) -> Enrolment:
    body = _object(data)
    return Enrolment(
        station=_field(body, "station", int),
        device_id=_field(body, "device_id", str),
        credentials=DeviceCredentials(token=_field(body, "token", str), secret=_field(body, "secret", str)),
        server_time=_time(body, "server_time"),
    )


def parse_ack(data: Any) -> Ack:
    body = _object(data)
    refused = tuple(
        RefusedEvent(_field(r, "seq", int), _field(r, "reason", str)) for r in map(_object, body.get("refused") or [])
    )
    return Ack(
        device_id=_field(body, "device_id", str),
        acked_seq=_field(body, "acked_seq", int),
        server_time=_time(body, "server_time"),
        stored=_field(body, "stored", int),
        duplicates=_field(body, "duplicates", int),
        refused=refused,
        conflicts=tuple(_conflict(_object(c)) for c in _field(body, "conflicts", list)),
    )


def _conflict(data: dict[str, Any]) -> ServerConflict:
    refs = tuple(
        ConflictRef(_field(r, "device_id", str), _field(r, "seq", int), _field(r, "at", str))
        for r in map(_object, _field(data, "check_ins", list))
    )
    return ServerConflict(_field(data, "list_no", int), refs)


def parse_events_page(data: Any) -> EventsPage:
    body = _object(data)
    events = tuple(_event(_object(e)) for e in _field(body, "events", list))
    return EventsPage(events, _field(body, "next", int))


def _event(data: dict[str, Any]) -> Event:
    list_no = data.get("list_no")
    if list_no is not None and (not isinstance(list_no, int) or isinstance(list_no, bool)):
        raise NotWardServer("unexpected answer: an event's list_no is not a number")
    return Event(
        device_id=_field(data, "device_id", str),
        seq=_field(data, "seq", int),
        uuid=_field(data, "uuid", str),
        kind=_field(data, "kind", str),
        list_no=list_no,
        at=_field(data, "at", str),
        clerk=_field(data, "clerk", str),
        payload=_field(data, "payload", dict),
        prev_hash=_field(data, "prev_hash", str),
        hash=_field(data, "hash", str),
    )


def parse_overview(data: Any) -> WardOverview:
    body = _object(data)
    stations = tuple(
        StationFigures(_field(s, "station", int), _field(s, "voters", int), _field(s, "checked_in", int))
        for s in map(_object, _field(body, "stations", list))
    )
    return WardOverview(_time(body, "server_time"), stations)
