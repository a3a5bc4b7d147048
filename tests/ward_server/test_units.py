"""Small pure functions of the ward server, without a server process."""

from __future__ import annotations

import gzip
import json
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clerk_app.storage.eventlog import event_hash
from ward_server import credentials, dashboard, wire
from ward_server.batch import canonical_payload, prepare
from ward_server.errors import ApiError
from ward_server.figures import cumulative_hours
from ward_server.models import EventIn, HourCount


def test_gunzip_stops_at_the_limit() -> None:
    assert wire.gunzip_limited(gzip.compress(b"x" * 100), 100) == b"x" * 100
    with pytest.raises(ApiError) as too_big:
        wire.gunzip_limited(gzip.compress(b"x" * 101), 100)
    assert too_big.value.status == 413
    with pytest.raises(ApiError) as truncated:
        wire.gunzip_limited(gzip.compress(b"x" * 50)[:-6], 100)
    assert truncated.value.status == 400


def test_json_pointer_escapes_per_rfc_6901() -> None:
    assert wire.json_pointer(("events", 3, "seq")) == "/events/3/seq"
    assert wire.json_pointer(("a/b", "c~d")) == "/a~1b/c~0d"
    assert wire.json_pointer(()) == ""


def test_enrolment_codes_avoid_look_alikes_and_forgive_typing() -> None:
    codes = {credentials.new_enrollment_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 9 and code[4] == "-"
        assert not set(code) & set("01ILO")
    assert credentials.code_digest("k7qf m2xd") == credentials.code_digest("K7QF-M2XD")


@pytest.mark.parametrize(
    ("header", "token"),
    [("Bearer abc", "abc"), ("bearer  abc ", "abc"), ("Basic abc", None), ("Bearer", None), (None, None)],
)
def test_bearer_token(header: str | None, token: str | None) -> None:
    assert credentials.bearer_token(header) == token


def test_signature_check_refuses_odd_headers() -> None:
    body = b'{"a":1}'
    good = credentials.body_signature("s3cret", body)
    assert credentials.signature_matches("s3cret", body, good.upper())
    for bad in (None, "", "zz" * 32, good[:-1], good + "0", "é" * 64):
        assert not credentials.signature_matches("s3cret", body, bad)


def test_cumulative_hours_fill_the_quiet_hours() -> None:
    assert cumulative_hours({}) == []
    assert cumulative_hours({9: 5, 7: 2}) == [
        HourCount(hour="07:00", checked_in=2, cumulative=2),
        HourCount(hour="08:00", checked_in=0, cumulative=2),
        HourCount(hour="09:00", checked_in=5, cumulative=7),
    ]
    assert cumulative_hours({6: 1})[0].hour == "06:00"  # opened early: shown from then


def test_vietnamese_number_formats() -> None:
    assert dashboard.number(34000) == "34.000"
    assert dashboard.percent(99.69) == "99,7%"
    assert dashboard.clock_time("2026-03-15T00:30:00.000+00:00") == "07:30"


payloads = st.dictionaries(
    st.text(max_size=8),
    st.one_of(st.booleans(), st.integers(-(10**6), 10**6), st.text(max_size=20), st.none()),
    max_size=4,
)


@settings(max_examples=60, deadline=None)
@given(
    seq=st.integers(1, 10**6),
    list_no=st.one_of(st.none(), st.integers(1, 5000)),
    clerk=st.text(max_size=30),
    payload=payloads,
)
def test_server_hash_equals_the_stations(seq: int, list_no: int | None, clerk: str, payload: dict[str, object]) -> None:
    """The station hashes the payload text it stored; the server rebuilds that text from JSON."""
    station_payload_json = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    fields = {
        "seq": seq,
        "uuid": str(uuid.uuid4()),
        "kind": "polls_opened",
        "list_no": list_no,
        "at": "2026-03-15T07:00:00.000+07:00",
        "clerk": clerk,
        "prev_hash": "0" * 64,
    }
    digest = event_hash(device_id="dev-x", payload_json=station_payload_json, **fields)  # type: ignore[arg-type]
    wire_event = json.loads(json.dumps({**fields, "payload": payload, "hash": digest}, ensure_ascii=False))
    event = EventIn.model_validate(wire_event)
    assert canonical_payload(event.payload) == station_payload_json
    assert prepare("dev-x", 0, event).hash_ok


def test_prepare_derives_the_local_hour_from_any_offset() -> None:
    base = {"seq": 1, "uuid": "u", "kind": "checked_in", "list_no": 1, "clerk": "", "prev_hash": "0" * 64}
    for at, hour in (
        ("2026-03-15T00:30:00Z", 7),
        ("2026-03-15T23:59:59.999+07:00", 23),
        ("2026-03-15T18:00:00+01:00", 0),
    ):
        event = EventIn.model_validate({**base, "at": at, "hash": "0" * 64})
        assert prepare("d", 0, event).hour_local == hour


def test_a_full_disk_answers_503_so_stations_retry() -> None:
    import asyncio
    import sqlite3

    from starlette.requests import Request

    from ward_server.api import _storage_error

    request = Request({"type": "http", "method": "POST", "path": "/api/v1/events", "headers": [], "query_string": b""})
    full = asyncio.run(_storage_error(request, sqlite3.OperationalError("database or disk is full")))
    assert full.status_code == 503 and full.headers["Retry-After"] == "30"
    bug = asyncio.run(_storage_error(request, sqlite3.OperationalError("no such column: nonsense")))
    assert bug.status_code == 500
