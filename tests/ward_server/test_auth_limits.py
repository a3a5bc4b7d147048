"""Who may post, how much, and in what shape: 401, 403, 413, 415, 422, 400."""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import requests

from tests.ward_server.support import TIMEOUT, WardProcess, election_time

LIMIT = 2 * 1024 * 1024


def test_missing_token_is_401(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    body = device.body(device.chain.check_ins([1], election_time(8)))
    answer = requests.post(
        f"{ward.url}/api/v1/events", data=body, headers={"X-Signature": device.sign(body)}, timeout=TIMEOUT
    )
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"] == "Bearer"


def test_wrong_token_is_401(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    body = device.body(device.chain.check_ins([1], election_time(8)))
    answer = device.post_raw(body, headers={"Authorization": "Bearer not-a-token"})
    assert answer.status_code == 401


def test_tampered_body_is_401_and_nothing_is_stored(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    body = device.body(device.chain.check_ins([1], election_time(8)))
    signature = device.sign(body)
    tampered = body.replace(b'"list_no": 1', b'"list_no": 2')
    assert tampered != body
    answer = device.post_raw(tampered, headers={"X-Signature": signature})
    assert answer.status_code == 401
    assert device.post_raw(body, headers={"X-Signature": ""}).status_code == 401
    assert ward.turnout(station_no)["checked_in"] == 0


def test_signature_with_another_devices_secret_is_401(ward: WardProcess, station_no: int) -> None:
    mine, other = ward.device(station_no), ward.device(station_no)
    body = mine.body(mine.chain.check_ins([1], election_time(8)))
    assert mine.post_raw(body, headers={"X-Signature": other.sign(body)}).status_code == 401


def test_posting_for_another_station_is_403(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    ward.add_station(station_no + 20_000, "Khu vực bên cạnh")
    body = device.body(device.chain.check_ins([1], election_time(8)), station=station_no + 20_000)
    assert device.post_raw(body).status_code == 403
    as_other_device = device.body(device.chain.check_ins([1], election_time(8)), device_id="dev-someone-else")
    assert device.post_raw(as_other_device).status_code == 403


def test_reading_another_stations_events_is_403(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    ward.add_station(station_no + 30_000, "Khu vực bên kia")
    assert device.read_events(station_no + 30_000).status_code == 403
    assert device.read_events().status_code == 200
    no_token = requests.get(f"{ward.url}/api/v1/stations/{station_no}/events", timeout=TIMEOUT)
    assert no_token.status_code == 401


def test_too_large_body_is_413(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    assert device.post_raw(b" " * (LIMIT + 1)).status_code == 413


def test_too_large_chunked_body_is_413_while_reading(ward: WardProcess, station_no: int) -> None:
    """No Content-Length to trust: the limit holds while the chunks arrive."""
    device = ward.device(station_no)

    def chunks() -> Iterator[bytes]:
        for _ in range(64):  # 4 MiB in 64 KiB pieces
            yield b" " * 65536

    answer = requests.post(
        f"{ward.url}/api/v1/events",
        data=chunks(),
        headers={"Authorization": f"Bearer {device.token}", "X-Signature": "0" * 64},
        timeout=TIMEOUT,
    )
    assert answer.status_code == 413


def test_gzip_bomb_is_413(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    bomb = gzip.compress(b" " * (64 * 1024 * 1024))  # 64 MiB of spaces in about 64 KiB
    assert len(bomb) < LIMIT
    answer = device.post_raw(bomb, headers={"Content-Encoding": "gzip", "X-Signature": device.sign(bomb)})
    assert answer.status_code == 413


def test_corrupt_gzip_is_400(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    junk = b"\x1f\x8b not really gzip"
    answer = device.post_raw(junk, headers={"Content-Encoding": "gzip", "X-Signature": device.sign(junk)})
    assert answer.status_code == 400


def test_unknown_content_encoding_is_415(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    assert device.post_raw(device.body([]), headers={"Content-Encoding": "br"}).status_code == 415


def test_too_many_events_is_422(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    events = device.chain.check_ins(range(1, 502), election_time(10), step_s=1)
    answer = device.post_raw(device.body(events), gzipped=True)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["pointer"] == "/events"


def test_bad_schema_is_422_with_the_pointer(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    good = device.chain.check_ins([1, 2, 3], election_time(8))
    good[2]["seq"] = "3"
    answer = device.post_raw(device.body(good))
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["pointer"] == "/events/2/seq"
    assert ward.turnout(station_no)["checked_in"] == 0  # the whole batch was refused


def test_schema_rules_each_give_422(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no)
    cases = {
        "/events/0/at": {"at": "2026-03-15T07:00:00"},  # no UTC offset
        "/events/0/list_no": {"list_no": None},  # a check-in must name the voter
        "/events/0/payload": {"payload": {"note": "x" * 500}},  # payloads are flags, not text
        "/events/0/surname": {"surname": "Nguyễn"},  # unknown fields would travel outside the hash
        "/events/0/hash": {"hash": "XYZ"},
    }
    for pointer, change in cases.items():
        event = device.chain.next("checked_in", 1, election_time(8))
        device.chain.seq -= 1
        answer = device.post_raw(device.body([{**event, **change}]))
        assert answer.status_code == 422, (pointer, answer.text)
        assert pointer in {e["pointer"] for e in answer.json()["errors"]}, (pointer, answer.text)
    not_json = device.post_raw(b"{not json")
    assert not_json.status_code == 422
