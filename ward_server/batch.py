"""Reading a POSTed batch: schema checks, what the server derives from each event, its content hash.

Two paths with one outcome. The fast path reads the body with msgspec, which checks types,
ranges, lengths and unknown fields in C as it decodes, then checks what is left (patterns,
dates, payloads) and hashes each event in one tight loop (orjson and hashlib directly). It
accepts only what is plainly valid in the form a station sends (plain ints, plain strings,
nothing extra); anything else, valid or not, goes to the reference path: the pydantic models
of ward_server.models, which also make /openapi.json and give every 422 its JSON pointers. So
the answer to a body is the reference path's answer whichever path ran, and the fast path
never has to reproduce an error message (tests/ward_server/test_batch.py checks the two agree).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Annotated, Any

import msgspec
import orjson

from clerk_app.clock import VN_TZ
from clerk_app.storage.eventlog import MAX_CLERK_LENGTH, event_hash
from clerk_app.storage.merge import undo_target  # the station's rule for payload.undoes
from ward_server import wire
from ward_server.errors import ApiError, FieldProblem
from ward_server.models import AT_PATTERN, MAX_EVENTS_PER_BATCH, MAX_STATION, VOTER_KINDS, EventIn, payload_problem

UNDO_KIND = "check_in_undone"
# Vietnam keeps UTC+7 all year, so the local hour is plain arithmetic on the UTC instant.
VN_OFFSET_MS = int(VN_TZ.utcoffset(None).total_seconds() * 1000)
_EPOCH_ORDINAL = datetime(1970, 1, 1).toordinal()
_ONE_US = timedelta(microseconds=1)

# The fast path's checks, each as strict as the model's or stricter (ASCII-only digits).
_AT = AT_PATTERN.removeprefix("^").removesuffix("$")
_AT_LINES = re.compile(f"(?:{_AT}\\n)*+", re.ASCII)  # `at` after `at`, each ended by a newline
_KIND = re.compile(r"[a-z][a-z0-9_]{0,39}", re.ASCII)
_HEX64 = re.compile(r"[0-9a-f]{64}", re.ASCII)
_DEVICE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", re.ASCII)
_MAX_SEQ, _MAX_LIST_NO = 2**53, 10_000_000
# An `at` must fall in 1900-8999 (UTC): a station clock set near year 1 or 9999 would otherwise store
# a time that cannot be shown in Vietnam time, and every page and figure of the ward would fail.
# The range is wide on purpose: an event cannot be changed once written, so a time the ward refuses
# stalls its station's outbox for good; a clock merely wrong (1970, 2038) must still get through.
EARLIEST_AT_MS = -2_208_988_800_000  # 1900-01-01T00:00:00Z
LATEST_AT_MS = 221_845_392_000_000  # 9000-01-01T00:00:00Z, excluded


class Prepared(msgspec.Struct, gc=False):
    """One event ready to store: what was sent plus what the server derives from it.

    A msgspec Struct, made in C, untracked by the garbage collector (it holds no containers
    but the ``undoes`` pair): 500 of them per batch cost a third of what a slots dataclass did."""

    seq: int
    uuid: str
    kind: str
    list_no: int | None
    at: str
    at_ms: int
    hour_local: int
    clerk: str
    payload_json: str
    prev_hash: str
    hash: str
    hash_ok: bool
    test: bool  # a test-mode check-in ("test": true): never counts
    undoes: tuple[str, int] | None  # a check_in_undone's payload.undoes (device_id, seq), when well formed


@dataclass(frozen=True, slots=True)
class Batch:
    device_id: str
    station: int
    events: list[Prepared]


def read_batch(body: bytes, device_id: str) -> Batch:
    """The batch with every event prepared and hashed as ``device_id``'s (the authenticated device);
    ApiError 422 (with pointers) when it breaks the schema."""
    return _fast(body, device_id) or _reference(body, device_id)


def canonical_payload(payload: dict[str, Any]) -> str:
    """The payload text the station hashed (eventlog._payload_json): sorted keys, no spaces."""
    if not payload:
        return "{}"  # most events: skip the encoder
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def utc_offset_us(moment: datetime) -> int:
    delta = moment.utcoffset()
    if delta is None:
        raise ValueError("a time without a UTC offset")
    return delta // _ONE_US


def instant_ms(moment: datetime) -> int:
    """Milliseconds since 1970-01-01 UTC of an aware datetime, exactly (floored, as
    ``(moment - epoch) // 1 ms``; a float timestamp can round 08:00:00.000 down), from its fields:
    twice as fast as the timedelta arithmetic."""
    seconds = (moment.toordinal() - _EPOCH_ORDINAL) * 86_400 + moment.hour * 3600 + moment.minute * 60 + moment.second
    return (seconds * 1_000_000 + moment.microsecond - utc_offset_us(moment)) // 1000


# --- the reference path -------------------------------------------------------------------------


def _reference(body: bytes, device_id: str) -> Batch:
    batch = wire.parse_batch(body)
    return Batch(batch.device_id, batch.station, [prepare(device_id, i, e) for i, e in enumerate(batch.events)])


def _invalid(index: int, where: str, message: str) -> ApiError:
    return ApiError(422, "schema violation", [FieldProblem(f"/events/{index}{where}", message)])


def prepare(device_id: str, index: int, event: EventIn) -> Prepared:
    """Derive what the server stores from a validated model; also the checks the schema cannot express.

    They run here rather than as pydantic validators: one Python pass over the batch, which
    the server makes anyway, instead of a call out of pydantic-core per event.
    """
    try:
        moment = datetime.fromisoformat(event.at)
    except ValueError:
        raise _invalid(index, "/at", "not a real date and time") from None
    at_ms = instant_ms(moment)
    if not EARLIEST_AT_MS <= at_ms < LATEST_AT_MS:
        raise _invalid(index, "/at", "not between 1900 and 8999 (is the station's clock right?)")
    if event.list_no is None and event.kind in VOTER_KINDS:
        raise _invalid(index, "/list_no", f"{event.kind} needs list_no")
    if event.payload:
        problem = payload_problem(event.payload)
        if problem:
            raise _invalid(index, "/payload", problem)
    payload_json = canonical_payload(event.payload)
    recomputed = event_hash(
        device_id=device_id,
        seq=event.seq,
        uuid=event.uuid,
        kind=event.kind,
        list_no=event.list_no,
        at=event.at,
        clerk=event.clerk,
        payload_json=payload_json,
        prev_hash=event.prev_hash,
    )
    return Prepared(
        seq=event.seq,
        uuid=event.uuid,
        kind=event.kind,
        list_no=event.list_no,
        at=event.at,
        at_ms=at_ms,
        hour_local=(at_ms + VN_OFFSET_MS) // 3_600_000 % 24,
        clerk=event.clerk,
        payload_json=payload_json,
        prev_hash=event.prev_hash,
        hash=event.hash,
        hash_ok=recomputed == event.hash,
        test=event.payload.get("test") is True,
        undoes=undo_target(event.payload) if event.kind == UNDO_KIND else None,
    )


# --- the fast path ------------------------------------------------------------------------------


class _Event(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    """EventIn as msgspec reads it in C: types, ranges and lengths. The patterns are left out
    (msgspec would call the regex engine three times per event) and checked once per batch
    below; defaults as EventIn's."""

    seq: Annotated[int, msgspec.Meta(ge=1, le=_MAX_SEQ)]
    uuid: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    kind: str
    at: Annotated[str, msgspec.Meta(max_length=40)]
    prev_hash: str
    hash: str
    list_no: Annotated[int, msgspec.Meta(ge=1, le=_MAX_LIST_NO)] | None = None
    clerk: Annotated[str, msgspec.Meta(max_length=MAX_CLERK_LENGTH)] = ""
    payload: dict[str, Any] = {}


class _Batch(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    device_id: str
    station: Annotated[int, msgspec.Meta(ge=1, le=MAX_STATION)]
    events: Annotated[list[_Event], msgspec.Meta(max_length=MAX_EVENTS_PER_BATCH)]


_decode = msgspec.json.Decoder(_Batch).decode


def _fast(body: bytes, device_id: str) -> Batch | None:
    """The batch, or None to let the reference path decide (and word any error)."""
    try:
        data = _decode(body)
    except msgspec.DecodeError:  # not JSON, or not plainly valid: msgspec is strict (no 7.0 for 7)
        return None
    except RecursionError:  # nested past msgspec's depth limit (about 1,000): pydantic words the 422
        return None
    if _DEVICE_ID.fullmatch(data.device_id) is None:
        return None
    try:
        prepared = _prepare_all(data.events, device_id)
    except (_Unusual, orjson.JSONEncodeError):
        return None
    if not all_at_shaped([e.at for e in prepared]) or not _all_in_years(prepared):
        return None
    return Batch(data.device_id, data.station, prepared)


def _all_in_years(prepared: list[Prepared]) -> bool:
    """Whether every event's instant is in 1900-8999 (one min and one max per batch)."""
    instants = [e.at_ms for e in prepared]
    return not instants or (min(instants) >= EARLIEST_AT_MS and max(instants) < LATEST_AT_MS)


class _Unusual(Exception):
    """Something the fast path leaves to the reference path."""


def _prepare_all(events: list[_Event], device_id: str) -> list[Prepared]:
    """Each event checked, hashed and derived, in one tight loop (it runs for every event of
    every batch); raises _Unusual (or orjson's error) to hand the batch over."""
    sha256, fromisoformat, dumps = hashlib.sha256, datetime.fromisoformat, orjson.dumps
    kind_match, hex_match = _KIND.fullmatch, _HEX64.fullmatch
    kinds: set[str] = set()  # kinds already checked in this batch
    offsets: dict[tzinfo | None, int] = {}  # UTC offset -> microseconds
    # The hash of the event before: a chained prev_hash needs no second look. None (never a str)
    # for the batch's first event, whose prev_hash is always checked.
    previous: str | None = None
    prepared: list[Prepared] = []
    keep = prepared.append
    for e in events:
        seq, kind, list_no, at, payload, prev_hash, digest = (
            e.seq,
            e.kind,
            e.list_no,
            e.at,
            e.payload,
            e.prev_hash,
            e.hash,
        )
        if kind not in kinds:
            if kind_match(kind) is None:
                raise _Unusual
            kinds.add(kind)
        if list_no is None and kind in VOTER_KINDS:
            raise _Unusual
        if prev_hash != previous and hex_match(prev_hash) is None:
            raise _Unusual
        try:
            moment = fromisoformat(at)  # a real date and time; its shape is checked after the loop
        except ValueError:
            raise _Unusual from None
        offset = offsets.get(moment.tzinfo)
        if offset is None:
            if moment.tzinfo is None:  # no UTC offset (the pattern, checked after, would say so too)
                raise _Unusual
            offset = offsets[moment.tzinfo] = utc_offset_us(moment)
        # instant_ms, inlined.
        at_ms = (
            ((moment.toordinal() - _EPOCH_ORDINAL) * 86_400 + moment.hour * 3600 + moment.minute * 60 + moment.second)
            * 1_000_000
            + moment.microsecond
            - offset
        ) // 1000
        if payload:
            if payload_problem(payload) is not None:
                raise _Unusual
            payload_json = canonical_payload(payload)
            test = payload.get("test") is True
            undoes = undo_target(payload) if kind == UNDO_KIND else None
        else:
            payload_json, test, undoes = "{}", False, None
        # event_hash's canonical text, json.dumps([...], ensure_ascii=False, separators=(",", ":"))
        # encoded as UTF-8, is byte for byte what orjson writes for the same list of str, int and
        # None (both escape exactly '"', '\\' and U+0000-U+001F, the same way; the tests check every
        # code point), in one C call. A lone surrogate, which neither can encode, raises.
        canonical = dumps([device_id, seq, e.uuid, kind, list_no, at, e.clerk, payload_json, prev_hash])
        hash_ok = sha256(canonical).hexdigest() == digest
        # A hash that matches is 64 lowercase hex digits; only one that doesn't needs the pattern.
        if not hash_ok and hex_match(digest) is None:
            raise _Unusual
        previous = digest
        keep(
            Prepared(
                seq,
                e.uuid,
                kind,
                list_no,
                at,
                at_ms,
                (at_ms + VN_OFFSET_MS) // 3_600_000 % 24,
                e.clerk,
                payload_json,
                prev_hash,
                digest,
                hash_ok,
                test,
                undoes,
            )
        )
    return prepared


def all_at_shaped(ats: list[str]) -> bool:
    """Whether every text matches AT_PATTERN: one regex call for a batch rather than one per event.

    Each `at` is followed by a newline, which AT_PATTERN cannot match, so the lines are the texts
    exactly when there are as many newlines as texts (one holding a newline of its own adds one).
    """
    if not ats:
        return True
    lines = "\n".join(ats) + "\n"
    return lines.count("\n") == len(ats) and _AT_LINES.fullmatch(lines) is not None
