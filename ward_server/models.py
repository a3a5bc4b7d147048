"""The wire format of docs/sync-protocol.md as pydantic models (they also make /openapi.json)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, GetJsonSchemaHandler, StringConstraints
from pydantic_core import PydanticCustomError, core_schema

from clerk_app.storage.eventlog import MAX_CLERK_LENGTH

MAX_EVENTS_PER_BATCH = 500
MAX_STATION = 100_000  # station numbers are 1..MAX_STATION
# Kinds that are about one voter and so must name the list number.
VOTER_KINDS = frozenset({"checked_in", "check_in_undone", "voter_added", "voter_marked_elsewhere"})
_PAYLOAD_MAX_DEPTH = 4
_PAYLOAD_MAX_TEXT = 200

AT_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?([+-]\d{2}:\d{2}|Z)$"


@dataclass(frozen=True)
class JsonInteger:
    """An integer as JSON Schema means it: 7 and 7.0 (and 7e0), never "7", true or 7.5.

    Strict pydantic refuses 7.0, which /openapi.json calls a valid integer; lax pydantic takes
    "7" and true, which it does not. Plain ints take the first branch, with no Python call.
    """

    ge: int
    le: int

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        whole_float = core_schema.no_info_after_validator_function(
            _whole_number, core_schema.float_schema(strict=True, allow_inf_nan=False)
        )
        either = core_schema.union_schema(
            [core_schema.int_schema(strict=True), whole_float],
            mode="left_to_right",
            custom_error_type="int_type",  # one error at the field, not one per branch
        )
        return core_schema.chain_schema([either, core_schema.int_schema(ge=self.ge, le=self.le)])

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.ge, "maximum": self.le}


def _whole_number(value: float) -> int:
    if not value.is_integer():
        raise PydanticCustomError("int_from_float", "Input should be a whole number")
    return int(value)


DeviceId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
Hash64 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
StationNo = Annotated[int, JsonInteger(ge=1, le=MAX_STATION)]
ListNo = Annotated[int, JsonInteger(ge=1, le=10_000_000)]
Seq = Annotated[int, JsonInteger(ge=1, le=2**53)]


class _Strict(BaseModel):
    # Strict: "5" is not a seq and true is not a list number; unknown fields are refused
    # because they would travel outside the event hash.
    model_config = ConfigDict(strict=True, extra="forbid")


class EventIn(_Strict):
    seq: Seq
    uuid: str = Field(min_length=1, max_length=64)
    kind: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")
    list_no: ListNo | None = None
    # The shape is checked here; that it is a real date and time is checked on ingest
    # (datetime.fromisoformat), where the server parses it anyway.
    at: str = Field(pattern=AT_PATTERN, max_length=40, description="ISO 8601 with UTC offset, as hashed")
    clerk: str = Field(default="", max_length=MAX_CLERK_LENGTH)
    payload: dict[str, Any] = Field(default_factory=dict, description="list numbers, times and flags only")
    # Also required, checked on ingest (ward_server.batch): list_no for the kinds in
    # VOTER_KINDS, a real date in `at`, a small payload (payload_problem).
    prev_hash: Hash64
    hash: Hash64


def payload_problem(payload: dict[str, Any]) -> str | None:
    """Payloads are flags and numbers: no deep trees, no long text, no NaN (not JSON)."""
    try:
        _check_json_value(payload, 0)
    except ValueError as exc:
        return str(exc)
    return None


def _check_json_value(value: object, depth: int) -> None:
    if depth > _PAYLOAD_MAX_DEPTH:
        raise ValueError("payload nested too deep")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("payload number is not finite")
    if isinstance(value, str) and len(value) > _PAYLOAD_MAX_TEXT:
        raise ValueError("payload text too long")
    if isinstance(value, dict):
        for key, item in value.items():
            _check_json_value(key, depth + 1)
            _check_json_value(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_json_value(item, depth + 1)


class EventBatch(_Strict):
    device_id: DeviceId
    station: StationNo
    events: list[EventIn] = Field(max_length=MAX_EVENTS_PER_BATCH)


class EnrollRequest(_Strict):
    station: StationNo
    code: str = Field(min_length=1, max_length=32)
    device_id: DeviceId


class EnrollResponse(BaseModel):
    station: int
    device_id: str
    token: str
    secret: str
    server_time: str


class CheckInRef(BaseModel):
    device_id: str
    seq: int
    at: str


class Conflict(BaseModel):
    list_no: int
    check_ins: list[CheckInRef]


class Refused(BaseModel):
    seq: int
    reason: str  # different_content | bad_hash


class EventsAck(BaseModel):
    device_id: str
    acked_seq: int
    server_time: str
    stored: int
    duplicates: int
    incidents: int
    refused: list[Refused]
    conflicts: list[Conflict]


class EventOut(BaseModel):
    device_id: str
    seq: int
    uuid: str
    kind: str
    list_no: int | None
    at: str
    clerk: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str


class EventsPage(BaseModel):
    events: list[EventOut]
    next: int = Field(description="pass as ?after= to get the events stored after these")


class HourCount(BaseModel):
    hour: str  # "07:00", Vietnam time
    checked_in: int
    cumulative: int


class StationTurnout(BaseModel):
    station: int
    name: str
    voters: int
    checked_in: int
    turnout: float  # percent, 0..100, 2 decimals
    by_hour: list[HourCount]
    polls: str  # not_open | test | open | closed
    devices: int
    last_event_at: str | None
    last_contact_at: str | None
    silent_minutes: int | None
    silent: bool  # no contact for more than SILENT_AFTER_MINUTES while the polls are not closed
    conflicts: list[Conflict]
    # Voters given a certificate to vote at another polling place: off the list, as at the station
    # (ward_server.elsewhere), so in neither ``voters`` nor ``checked_in``.
    marked_elsewhere: int
    checked_in_but_marked_elsewhere: list[int]  # their list numbers: the team must settle them
    incidents: int


class WardTotals(BaseModel):
    name: str | None
    stations: int
    voters: int
    checked_in: int
    turnout: float
    by_hour: list[HourCount]
    silent_stations: list[int]


class StationsOverview(BaseModel):
    server_time: str
    ward: WardTotals
    stations: list[StationTurnout]


class Health(BaseModel):
    ok: bool
    server_time: str


class ErrorItem(BaseModel):
    pointer: str
    message: str


class ErrorBody(BaseModel):
    detail: str
    errors: list[ErrorItem] = Field(default_factory=list)
