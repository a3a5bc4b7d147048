"""The public API on a real server: figures after a simulated morning, where-do-I-vote, the
rate limit and the cache.

One server for the module, seeded with tests/ward_server/seed.py's ward (stations 1-8: one
silent, one never connected) plus stations registered here. The rate limit counts per client
address; the server trusts X-Forwarded-For from loopback (uvicorn's default, for a reverse proxy
on the same machine), so each test here looks like its own client by sending one.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from clerk_app.clock import VN_TZ
from clerk_app.generate import generate_voters, write_csv
from clerk_app.model import ListRow
from tests.ward_server.seed import NEVER_CONNECTED, SILENT, STATIONS, seed_ward
from tests.ward_server.support import TIMEOUT, WardProcess, ward_server
from ward_server.public import public_percent
from ward_server.public_api import CACHE_SECONDS, WHERE_PER_MINUTE

WHERE_STATION = 20
PLACE: dict[str, Any] = {
    "place": "Hội trường Trường Tiểu học Láng Thượng",
    "address": "Số 15 phố Chùa Láng, Đống Đa, Hà Nội",
    "latitude": 21.0232,
    "longitude": 105.8031,
}
_clients = itertools.count(1)


@pytest.fixture(scope="module")
def public_ward(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[WardProcess, list[ListRow]]]:
    data_dir = tmp_path_factory.mktemp("public-ward")
    rows = generate_voters(300, seed=11, station_no=WHERE_STATION)
    list_path = data_dir.parent / "kvbp-20.csv"
    write_csv(rows, list_path, station_no=WHERE_STATION, ward="phường Láng", city="thành phố Hà Nội")
    with ward_server(data_dir) as server:
        seed_ward(server)
        server.add_station(
            WHERE_STATION,
            "Khu vực 20",
            *("--voters", str(list_path), "--place", str(PLACE["place"]), "--address", str(PLACE["address"])),
            *("--lat", str(PLACE["latitude"]), "--lon", str(PLACE["longitude"]), "--groups", "Tổ 20, Tổ 21"),
        )
        yield server, rows


@pytest.fixture
def ward(public_ward: tuple[WardProcess, list[ListRow]]) -> WardProcess:
    return public_ward[0]


@pytest.fixture
def voters(public_ward: tuple[WardProcess, list[ListRow]]) -> list[ListRow]:
    return [r for r in public_ward[1] if r.id_number and r.birth_year]


def a_client() -> dict[str, str]:
    """Headers that make the requests look like a client of their own (see the module doc)."""
    return {"X-Forwarded-For": f"198.51.100.{next(_clients)}"}


def where(ward: WardProcess, body: Any, headers: dict[str, str]) -> requests.Response:
    return requests.post(f"{ward.url}/api/v1/public/where", json=body, headers=headers, timeout=TIMEOUT)


def public_stations(ward: WardProcess) -> dict[str, Any]:
    answer = ward.get("/api/v1/public/stations")
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


def until(condition: Any, limit_s: float) -> Any:
    """Poll ``condition()`` until it is truthy or ``limit_s`` has passed; its last value."""
    deadline = time.monotonic() + limit_s
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.25)


# -- figures ------------------------------------------------------------------------------------


def test_public_figures_are_the_wards_after_a_simulated_morning(ward: WardProcess) -> None:
    def both() -> tuple[dict[str, Any], dict[str, Any]] | None:
        ward_figures = ward.get("/api/v1/stations").json()
        public = public_stations(ward)
        same = public["ward"]["voted"] == ward_figures["ward"]["checked_in"]
        return (ward_figures, public) if same else None

    found = until(both, CACHE_SECONDS + 3)
    assert found, "the public figures never caught up with the ward's"
    ward_figures, public = found
    assert public["ward"]["voters"] == ward_figures["ward"]["voters"]
    assert public["ward"]["name"] == "phường Láng"
    official = {s["station"]: s for s in ward_figures["stations"]}
    shown = {s["station"]: s for s in public["stations"]}
    assert set(shown) == set(official) >= {n for n, _, _ in STATIONS}
    for number, mine in shown.items():
        theirs = official[number]
        assert (mine["name"], mine["voters"], mine["voted"]) == (theirs["name"], theirs["voters"], theirs["checked_in"])
        assert mine["percent"] == public_percent(theirs["checked_in"], theirs["voters"])
        assert [(h["hour"], h["arrivals"], h["cumulative"]) for h in mine["by_hour"]] == [
            (h["hour"], h["checked_in"], h["cumulative"]) for h in theirs["by_hour"]
        ]
        assert (mine["polls"], mine["last_contact_at"]) == (theirs["polls"], theirs["last_contact_at"])
        assert mine["stale"] == (theirs["silent"] or theirs["last_contact_at"] is None)
        assert mine["everyone_voted"] is False
    assert shown[1]["voted"] > 500 and shown[1]["by_hour"][0]["hour"] == "07:00"
    assert shown[SILENT]["stale"] and shown[SILENT]["busyness"] == "unknown"
    assert shown[NEVER_CONNECTED]["stale"] and shown[NEVER_CONNECTED]["voted"] == 0
    assert shown[NEVER_CONNECTED]["busyness"] == "unknown"
    place = shown[WHERE_STATION]
    assert {k: place[k] for k in PLACE} == PLACE
    assert place["groups"] == ["Tổ 20", "Tổ 21"]
    assert place["map_url"] == "https://www.openstreetmap.org/?mlat=21.0232&mlon=105.8031#map=17/21.0232/105.8031"
    assert place["geo_uri"] == "geo:21.0232,105.8031"
    assert shown[1]["map_url"] is None and shown[1]["geo_uri"] is None


def test_a_rush_now_is_busy_with_its_arrivals_of_the_last_half_hour(ward: WardProcess) -> None:
    now = datetime.now(VN_TZ)
    desk = ward.device(31, "dev-kv31-ban1", name="Khu vực 31")
    events = [
        desk.chain.next("list_imported", at=now - timedelta(hours=3), payload={"action": "created", "voters": 900}),
        desk.chain.next("polls_opened", at=now - timedelta(minutes=120)),
    ]
    # One every 2 minutes for the first 90 minutes, then one every 20 s (well inside the window).
    events += desk.chain.check_ins(range(1, 46), now - timedelta(minutes=120), step_s=120)
    events += desk.chain.check_ins(range(46, 46 + 72), now - timedelta(minutes=25), step_s=20)
    desk.post(events)

    def rush() -> dict[str, Any] | None:
        station = next((s for s in public_stations(ward)["stations"] if s["station"] == 31), None)
        return station if station and station["voted"] == 117 else None

    station = until(rush, CACHE_SECONDS + 3)
    assert station, "the check-ins never showed"
    assert (station["arrivals_last_30_min"], station["busyness"], station["stale"]) == (72, "busy", False)
    assert station["percent"] == 13.0


# -- cache --------------------------------------------------------------------------------------


def test_answers_are_cached_for_a_few_seconds_and_a_check_in_shows_within_them(ward: WardProcess) -> None:
    first = ward.get("/api/v1/public/stations")
    assert first.headers["Cache-Control"] == f"public, max-age={CACHE_SECONDS}"
    assert first.headers["Content-Type"] == "application/json"
    second, third = ward.get("/api/v1/public/stations"), ward.get("/api/v1/public/stations")
    # Back to back, two of three answers fall in the same few seconds: the very same snapshot.
    assert second.content in (first.content, third.content)

    desk = ward.device(32, "dev-kv32-ban1", name="Khu vực 32")
    desk.post(desk.chain.check_ins([1, 2, 3], datetime.now(VN_TZ) - timedelta(minutes=1)))
    posted = time.monotonic()

    def shown() -> bool:
        return any(s["station"] == 32 and s["voted"] == 3 for s in public_stations(ward)["stations"])

    assert until(shown, CACHE_SECONDS + 3)
    assert time.monotonic() - posted <= CACHE_SECONDS + 3


def test_a_crowd_of_readers_gets_the_same_snapshot(ward: WardProcess) -> None:
    def read(_: int) -> str:
        answer = ward.get("/api/v1/public/stations")
        assert answer.status_code == 200
        time_: str = answer.json()["server_time"]
        return time_

    with ThreadPoolExecutor(max_workers=16) as pool:
        times = set(pool.map(read, range(64)))
    assert len(times) <= 2  # one snapshot (two if the few seconds ran out during the crowd)


def test_the_page_is_served_with_its_headers(ward: WardProcess) -> None:
    answer = ward.get("/public")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("text/html")
    assert answer.headers["Cache-Control"] == f"public, max-age={CACHE_SECONDS}"
    assert "default-src 'none'" in answer.headers["Content-Security-Policy"]
    assert f'data-station="{WHERE_STATION}"' in answer.text


def test_the_public_routes_are_in_the_openapi_document(ward: WardProcess) -> None:
    paths = ward.get("/openapi.json").json()["paths"]
    assert {"/public", "/api/v1/public/stations", "/api/v1/public/where"} <= set(paths)
    assert {"200", "404", "422", "429"} <= set(paths["/api/v1/public/where"]["post"]["responses"])


# -- where do I vote ----------------------------------------------------------------------------


def test_a_known_voter_gets_the_polling_place(ward: WardProcess, voters: list[ListRow]) -> None:
    client = a_client()
    for voter in voters[:3]:
        answer = where(ward, {"id": voter.id_number, "birth_year": voter.birth_year}, client)
        assert answer.status_code == 200, answer.text
        assert answer.json() == {
            "station": WHERE_STATION,
            "place": PLACE["place"],
            "address": PLACE["address"],
            "map_url": "https://www.openstreetmap.org/?mlat=21.0232&mlon=105.8031#map=17/21.0232/105.8031",
        }
        assert answer.headers["Cache-Control"] == "no-store"


def test_a_wrong_birth_year_or_an_unknown_id_is_not_found(ward: WardProcess, voters: list[ListRow]) -> None:
    voter, client = voters[0], a_client()
    assert voter.birth_year
    for body in (
        {"id": voter.id_number, "birth_year": voter.birth_year + 1},
        {"id": voter.id_number, "birth_year": voter.birth_year - 1},
        {"id": "001099000000", "birth_year": voter.birth_year},
    ):
        answer = where(ward, body, client)
        assert answer.status_code == 404
        assert answer.json()["detail"] == "not found"


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"id": "12345", "birth_year": 1985}, "/id"),
        ({"id": "00108501234x", "birth_year": 1985}, "/id"),
        ({"id": "١٢٣٤٥٦٧٨٩٠١٢", "birth_year": 1985}, "/id"),  # digits, but not ours
        ({"id": 1085012345, "birth_year": 1985}, "/id"),
        ({"id": "001085012345", "birth_year": "năm"}, "/birth_year"),
        ({"id": "001085012345", "birth_year": 1850}, "/birth_year"),
        ({"id": "001085012345"}, "/birth_year"),
        ({"id": "001085012345", "birth_year": 1985, "name": "x"}, "/name"),
    ],
)
def test_malformed_input_is_a_422_naming_the_field(ward: WardProcess, body: dict[str, Any], pointer: str) -> None:
    answer = where(ward, body, a_client())
    assert answer.status_code == 422
    errors = answer.json()["errors"]
    assert pointer in [e["pointer"] for e in errors], errors
    assert all(e["message"] for e in errors)


def test_a_body_that_is_not_json_is_a_422(ward: WardProcess) -> None:
    answer = requests.post(
        f"{ward.url}/api/v1/public/where",
        data=b"id=001085012345&birth_year=1985",
        headers={"Content-Type": "application/x-www-form-urlencoded", **a_client()},
        timeout=TIMEOUT,
    )
    assert answer.status_code == 422
    assert answer.json()["detail"] == "schema violation"


def test_look_ups_are_limited_per_client_address(ward: WardProcess, voters: list[ListRow]) -> None:
    client, other = a_client(), a_client()
    body = {"id": "001099000000", "birth_year": 1980}
    assert [where(ward, body, client).status_code for _ in range(WHERE_PER_MINUTE)] == [404] * WHERE_PER_MINUTE
    refused = where(ward, body, client)
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60 / WHERE_PER_MINUTE
    assert "try again in" in refused.json()["detail"]
    # Even a right answer waits its turn; another address is not held back.
    voter = voters[0]
    assert where(ward, {"id": voter.id_number, "birth_year": voter.birth_year}, client).status_code == 429
    assert where(ward, {"id": voter.id_number, "birth_year": voter.birth_year}, other).status_code == 200


def test_no_voter_data_in_the_server_log(ward: WardProcess, voters: list[ListRow], tmp_path: Path) -> None:
    client = a_client()
    for voter in voters[:3]:
        where(ward, {"id": voter.id_number, "birth_year": voter.birth_year}, client)
    logs = ward.logs_once_written("POST /api/v1/public/where")
    assert "POST /api/v1/public/where" in logs  # the log is being written
    for voter in voters:
        assert voter.id_number and voter.id_number not in logs
        assert voter.name not in logs
