"""POST /api/v1/events as a bare ASGI route: what a station sees is what FastAPI's endpoint gave.

ward_server.events_route reads the headers and the body itself and answers with orjson; errors
still go through the app's handlers. These tests pin the parts it does by hand: the bearer token
as FastAPI's HTTPBearer reads it, the exact answer and error bodies, the document, and the
canonical text the fast batch reader hashes (orjson's, which must be json.dumps's byte for byte).
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

import orjson
import pytest
import requests
from fastapi.security import HTTPBearer
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.requests import Request

from tests.ward_server.support import TIMEOUT, WardProcess, election_time
from ward_server.events_route import bearer_credentials
from ward_server.models import EventsAck

JSON = "application/json"


def _fastapi_bearer(value: str | None) -> str | None:
    headers = [] if value is None else [(b"authorization", value.encode("latin-1"))]
    request = Request({"type": "http", "method": "POST", "path": "/", "headers": headers, "query_string": b""})
    found = asyncio.run(HTTPBearer(auto_error=False)(request))
    return found.credentials if found else None


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "Bearer abc",
        "bearer abc",
        "BEARER  abc ",
        "Bearer",
        "Bearer ",
        "Basic abc",
        " Bearer abc",
        "Bearerabc",
    ],
)
def test_the_token_is_read_as_httpbearer_reads_it(value: str | None) -> None:
    assert bearer_credentials(value) == _fastapi_bearer(value)


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=20))
def test_any_authorization_header_reads_as_httpbearer_reads_it(value: str) -> None:
    assert bearer_credentials(value) == _fastapi_bearer(value)


def test_orjson_escapes_every_character_as_json_dumps_does() -> None:
    # Both escape character by character, so one string with every code point (but the lone
    # surrogates, which neither can write as UTF-8 and orjson.loads never yields) proves it.
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    assert orjson.dumps(every) == json.dumps(every, ensure_ascii=False).encode("utf-8")


texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)


@given(
    st.lists(st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1), texts), max_size=9),
)
def test_the_canonical_text_is_event_hashs(items: list[Any]) -> None:
    # event_hash: json.dumps(list, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert orjson.dumps(items) == json.dumps(items, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _error(answer: requests.Response, status: int, detail: str) -> None:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == JSON
    assert answer.json() == {"detail": detail, "errors": []}


def test_the_answer_is_the_models_json_byte_for_byte(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    first = device.chain.check_ins([1, 2], election_time(8))
    answer = device.post_raw(device.body(first))
    assert answer.status_code == 200 and answer.headers["content-type"] == JSON
    ack = EventsAck.model_validate_json(answer.content)
    assert answer.content == ack.model_dump_json().encode("utf-8")
    assert (ack.device_id, ack.acked_seq, ack.stored, ack.refused, ack.conflicts) == (device.device_id, 2, 2, [], [])
    # With a refusal in it: the list of refusals as the model writes it too.
    bad = device.chain.next("checked_in", 3, election_time(8, 5))
    bad["list_no"] = 4
    answer = device.post_raw(device.body([bad]))
    assert answer.content == EventsAck.model_validate_json(answer.content).model_dump_json().encode("utf-8")
    assert answer.json()["refused"] == [{"seq": 3, "reason": "bad_hash"}]


def test_every_refusal_at_the_door_keeps_its_status_and_body(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    body = device.body(device.chain.check_ins([1], election_time(8)))
    url = f"{ward.url}/api/v1/events"
    signed = {"X-Signature": device.sign(body)}
    for authorization in (None, "Basic abc", "Bearer", f"Token {device.token}"):
        headers = signed if authorization is None else {**signed, "Authorization": authorization}
        answer = requests.post(url, data=body, headers=headers, timeout=TIMEOUT)
        _error(answer, 401, "missing bearer token")
        assert answer.headers["WWW-Authenticate"] == "Bearer"
    _error(device.post_raw(body, headers={"Authorization": "Bearer nope"}), 401, "unknown token")
    _error(device.post_raw(body, headers={"X-Signature": "0" * 64}), 401, "bad or missing signature")
    # The scheme in any case, as before.
    assert device.post_raw(body, headers={"Authorization": f"bEaReR {device.token}"}).status_code == 200
    _error(device.post_raw(body, headers={"Content-Encoding": "br"}), 415, "Content-Encoding must be gzip or absent")
    _error(device.post_raw(b"x" * (2 * 1024 * 1024 + 1)), 413, "body larger than 2097152 bytes")
    other = device.body([], station=station_no + 1000)
    _error(device.post_raw(other), 403, "this device is enrolled for another station or device id")
    answer = device.post_raw(device.body([{"seq": "1"}]))
    assert answer.status_code == 422 and answer.json()["detail"] == "schema violation"
    assert "/events/0/seq" in {e["pointer"] for e in answer.json()["errors"]}


def test_other_methods_are_405(ward: WardProcess) -> None:
    answer = ward.get("/api/v1/events")
    assert answer.status_code == 405 and answer.headers["allow"] == "POST"


def test_the_document_describes_the_route_as_fastapi_did(ward: WardProcess) -> None:
    document = ward.get("/openapi.json").json()
    operation = document["paths"]["/api/v1/events"]["post"]
    assert operation["operationId"] == "post_events_api_v1_events_post"
    assert "description" not in operation
    assert operation["security"] == [{"HTTPBearer": []}]
    assert [p["name"] for p in operation["parameters"]] == ["x-signature", "content-encoding"]
    assert operation["requestBody"] == {
        "required": True,
        "content": {JSON: {"schema": {"$ref": "#/components/schemas/EventBatch"}}},
    }
    responses = operation["responses"]
    assert responses["200"]["content"][JSON]["schema"] == {"$ref": "#/components/schemas/EventsAck"}
    for status in ("400", "401", "403", "413", "415", "422", "503"):
        assert responses[status]["content"][JSON]["schema"] == {"$ref": "#/components/schemas/ErrorBody"}
    assert list(document["paths"]["/api/v1/events"]) == ["post"]
