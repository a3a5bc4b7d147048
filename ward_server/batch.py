"""Reading a POSTed batch: schema checks, what the server derives from each event, its content hash.

Two paths with one outcome. The fast path reads the body with orjson and checks the raw dicts
by hand in one tight loop, hashing each event as it goes (hashlib directly, the device's part
of the canonical text built once per batch). It accepts only what is plainly valid in the form
a station sends (plain ints, plain strings, nothing missing or extra); anything else, valid
or not, goes to the reference path: the pydantic models of ward_server.models, which also
make /openapi.json and give every 422 its JSON pointers. So the answer to a body is the
reference path's answer whichever path ran, and the fast path never has to reproduce an
error message (tests/ward_server/test_batch.py checks the two agree).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

import orjson

from clerk_app.clock import VN_TZ
from clerk_app.storage.eventlog import event_hash
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
_BATCH_KEYS = frozenset({"device_id", "station", "events"})
_EVENT_KEYS = frozenset({"seq", "uuid", "kind", "list_no", "at", "clerk", "payload", "prev_hash", "hash"})
_EVENT_REQUIRED = frozenset({"seq", "uuid", "kind", "at", "prev_hash", "hash"})
_MAX_SEQ, _MAX_LIST_NO = 2**53, 10_000_000


@dataclass(slots=True)
class Prepared:
    """One event ready to store: what was sent plus what the server derives from it."""

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
    if event.list_no is None and event.kind in VOTER_KINDS:
        raise _invalid(index, "/list_no", f"{event.kind} needs list_no")
    if event.payload:
        problem = payload_problem(event.payload)
        if problem:
            raise _invalid(index, "/payload", problem)
    at_ms = instant_ms(moment)
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


def _fast(body: bytes, device_id: str) -> Batch | None:  # noqa: PLR0911, PLR0912, PLR0915 - one flat loop is the point
    """The batch, or None to let the reference path decide (and word any error)."""
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    if type(data) is not dict or data.keys() != _BATCH_KEYS:
        return None
    batch_device, station, events = data["device_id"], data["station"], data["events"]
    if type(batch_device) is not str or _DEVICE_ID.fullmatch(batch_device) is None:
        return None
    if type(station) is not int or not 1 <= station <= MAX_STATION:
        return None
    if type(events) is not list or len(events) > MAX_EVENTS_PER_BATCH:
        return None
    sha256, fromisoformat, dumps = hashlib.sha256, datetime.fromisoformat, orjson.dumps
    kind_match, hex_match = _KIND.fullmatch, _HEX64.fullmatch
    kinds: set[str] = set()  # kinds already checked in this batch
    offsets: dict[tzinfo | None, int] = {}  # UTC offset -> microseconds
    previous = ""  # the hash of the event before: a chained prev_hash needs no second look
    ats: list[str] = []  # every `at`, checked against AT_PATTERN in one go after the loop
    prepared: list[Prepared] = []
    keep_at, keep = ats.append, prepared.append
    for event in events:
        if type(event) is not dict:
            return None
        if len(event) == len(_EVENT_KEYS):  # the usual: nine keys, so these nine or a KeyError
            try:
                seq, uuid, kind, at, list_no = event["seq"], event["uuid"], event["kind"], event["at"], event["list_no"]
                clerk, payload, prev_hash, digest = event["clerk"], event["payload"], event["prev_hash"], event["hash"]
            except KeyError:
                return None
        else:
            keys = event.keys()
            if not (keys <= _EVENT_KEYS and keys >= _EVENT_REQUIRED):
                return None
            seq, uuid, kind, at = event["seq"], event["uuid"], event["kind"], event["at"]
            list_no, clerk, payload = event.get("list_no"), event.get("clerk", ""), event.get("payload", {})
            prev_hash, digest = event["prev_hash"], event["hash"]
        if type(seq) is not int or not 1 <= seq <= _MAX_SEQ:
            return None
        if type(uuid) is not str or not 1 <= len(uuid) <= 64:
            return None
        if type(kind) is not str:
            return None
        if kind not in kinds:
            if kind_match(kind) is None:
                return None
            kinds.add(kind)
        if list_no is None:
            if kind in VOTER_KINDS:
                return None
        elif type(list_no) is not int or not 1 <= list_no <= _MAX_LIST_NO:
            return None
        if type(at) is not str or type(clerk) is not str or len(clerk) > 100 or type(payload) is not dict:
            return None
        if prev_hash != previous and (type(prev_hash) is not str or hex_match(prev_hash) is None):
            return None
        try:
            moment = fromisoformat(at)  # a real date and time; its shape is checked after the loop
        except ValueError:
            return None
        offset = offsets.get(moment.tzinfo)
        if offset is None:
            if moment.tzinfo is None:  # no UTC offset (the pattern, checked below, would say so too)
                return None
            offset = offsets[moment.tzinfo] = utc_offset_us(moment)
        # instant_ms, inlined: this loop runs for every event of every batch.
        at_ms = (
            ((moment.toordinal() - _EPOCH_ORDINAL) * 86_400 + moment.hour * 3600 + moment.minute * 60 + moment.second)
            * 1_000_000
            + moment.microsecond
            - offset
        ) // 1000
        if payload:
            if payload_problem(payload) is not None:
                return None
            payload_json = canonical_payload(payload)
            test = payload.get("test") is True
            undoes = undo_target(payload) if kind == UNDO_KIND else None
        else:
            payload_json, test, undoes = "{}", False, None
        # event_hash's canonical text, json.dumps([...], ensure_ascii=False, separators=(",", ":"))
        # encoded as UTF-8, is byte for byte what orjson writes for the same list of str, int and
        # None (both escape exactly '"', '\\' and U+0000-U+001F, the same way; the tests check every
        # code point), in one C call. orjson.loads never yields a lone surrogate, which neither can encode.
        try:
            canonical = dumps([device_id, seq, uuid, kind, list_no, at, clerk, payload_json, prev_hash])
        except orjson.JSONEncodeError:
            return None
        hash_ok = sha256(canonical).hexdigest() == digest
        # A hash that matches is 64 lowercase hex digits; only one that doesn't needs the pattern.
        if not hash_ok and (type(digest) is not str or hex_match(digest) is None):
            return None
        previous = digest
        keep_at(at)
        keep(
            Prepared(
                seq,
                uuid,
                kind,
                list_no,
                at,
                at_ms,
                (at_ms + VN_OFFSET_MS) // 3_600_000 % 24,
                clerk,
                payload_json,
                prev_hash,
                digest,
                hash_ok,
                test,
                undoes,
            )
        )
    if not all_at_shaped(ats):
        return None
    return Batch(batch_device, station, prepared)


def all_at_shaped(ats: list[str]) -> bool:
    """Whether every text matches AT_PATTERN: one regex call for a batch rather than one per event.

    Each `at` is followed by a newline, which AT_PATTERN cannot match, so the lines are the texts
    exactly when there are as many newlines as texts (one holding a newline of its own adds one).
    """
    if not ats:
        return True
    lines = "\n".join(ats) + "\n"
    return lines.count("\n") == len(ats) and _AT_LINES.fullmatch(lines) is not None
