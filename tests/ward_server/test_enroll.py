"""Enrolment: a one-time code turns a laptop into a device of one station."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.ward_server.support import Device, WardProcess, election_time
from ward_server import registry
from ward_server.db import open_database
from ward_server.errors import ApiError
from ward_server.paths import database_path
from ward_server.service import WardService


def test_good_code_enrols_and_answers_credentials(ward: WardProcess, station_no: int) -> None:
    code = ward.add_station(station_no, "Nhà văn hoá tổ 5")
    answer = ward.enroll(station_no, code, "dev-1a2b3c4d5e6f")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["station"] == station_no
    assert body["device_id"] == "dev-1a2b3c4d5e6f"
    assert len(body["token"]) >= 32 and len(body["secret"]) >= 32
    assert body["server_time"].endswith("+07:00")


def test_code_is_typed_forgivingly(ward: WardProcess, station_no: int) -> None:
    code = ward.add_station(station_no, "Trường tiểu học Láng")
    typed = " " + code.replace("-", " ").lower() + " "
    assert ward.enroll(station_no, typed, f"dev-typed-{station_no}").status_code == 200


def test_reused_code_is_refused(ward: WardProcess, station_no: int) -> None:
    code = ward.add_station(station_no, "Nhà văn hoá tổ 7")
    assert ward.enroll(station_no, code, f"dev-first-{station_no}").status_code == 200
    again = ward.enroll(station_no, code, f"dev-second-{station_no}")
    assert again.status_code == 403
    assert "detail" in again.json()


def test_wrong_code_is_refused(ward: WardProcess, station_no: int) -> None:
    ward.add_station(station_no, "Nhà văn hoá tổ 9")
    assert ward.enroll(station_no, "AAAA-AAAA", f"dev-wrong-{station_no}").status_code == 403


def test_code_of_another_station_is_refused(ward: WardProcess, station_no: int) -> None:
    code = ward.add_station(station_no, "Nhà văn hoá tổ 11")
    other = station_no + 10_000
    ward.add_station(other, "Khu vực khác")
    assert ward.enroll(other, code, f"dev-cross-{station_no}").status_code == 403
    # ...and the code is still good for its own station.
    assert ward.enroll(station_no, code, f"dev-cross-{station_no}").status_code == 200


def test_unknown_station_is_404(ward: WardProcess) -> None:
    assert ward.enroll(99_999, "AAAA-AAAA", "dev-nowhere").status_code == 404


def test_device_id_of_another_station_is_409_and_keeps_the_code(ward: WardProcess, station_no: int) -> None:
    mine = ward.add_station(station_no, "Nhà văn hoá tổ 12")
    other = station_no + 20_000
    theirs = ward.add_station(other, "Khu vực khác")
    assert ward.enroll(station_no, mine, f"dev-twice-{station_no}").status_code == 200
    refused = ward.enroll(other, theirs, f"dev-twice-{station_no}")
    assert refused.status_code == 409
    assert "another station" in refused.json()["detail"]
    # The refused request did not spend the other station's code: its own laptop can still use it.
    assert ward.enroll(other, theirs, f"dev-other-{station_no}").status_code == 200


def _reenrolled(ward: WardProcess, station_no: int, code: str, old: Device) -> Device:
    answer = ward.enroll(station_no, code, old.device_id)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["station"], body["device_id"]) == (station_no, old.device_id)
    assert body["token"] != old.token and body["secret"] != old.secret
    return Device(ward.url, station_no, old.device_id, body["token"], body["secret"])


def test_a_new_code_reenrols_the_device_and_the_old_token_stops_at_once(ward: WardProcess, station_no: int) -> None:
    """The answer to an enrolment was lost: the laptop retries with a new code from the ward office."""
    old = ward.device(station_no, f"dev-lost-{station_no}", name="Nhà văn hoá tổ 14")
    assert old.post(old.chain.check_ins(range(1, 4), election_time(7, 5)))["acked_seq"] == 3
    assert old.read_events().status_code == 200  # the server now holds the old token in its cache
    code = ward.add_station(station_no, "Nhà văn hoá tổ 14")

    new = _reenrolled(ward, station_no, code, old)

    assert old.read_events().status_code == 401
    assert old.post_raw(old.body([])).status_code == 401
    assert new.read_events().status_code == 200
    new.chain = old.chain  # the same device, the same event log: the ward kept its events and acked_seq
    heartbeat = new.post([])
    assert heartbeat["acked_seq"] == 3
    assert new.post(new.chain.check_ins([4], election_time(7, 10)))["acked_seq"] == 4
    assert ward.turnout(station_no)["checked_in"] == 4
    assert ward.enroll(station_no, code, f"dev-late-{station_no}").status_code == 403  # the code is spent
    logs = ward.logs_once_written(f"re-enrolled device {old.device_id} of station {station_no}")
    assert f"re-enrolled device {old.device_id} of station {station_no}" in logs
    for secret in (old.token, old.secret, new.token, new.secret, code, code.replace("-", "")):
        assert secret not in logs


def test_the_code_that_enrolled_the_device_reissues_its_credentials_once(ward: WardProcess, station_no: int) -> None:
    """The station holds only the code whose answer was lost: retrying it works once, soon after."""
    code = ward.add_station(station_no, "Nhà văn hoá tổ 15")
    first = ward.enroll(station_no, code, f"dev-retry-{station_no}").json()  # as if the answer was lost
    lost = Device(ward.url, station_no, f"dev-retry-{station_no}", first["token"], first["secret"])
    assert lost.read_events().status_code == 200

    again = _reenrolled(ward, station_no, code, lost)

    assert lost.read_events().status_code == 401
    assert ward.enroll(station_no, code, f"dev-retry-{station_no}").status_code == 403  # once only
    assert ward.enroll(station_no, code, f"dev-thief-{station_no}").status_code == 403  # never another device
    assert again.read_events().status_code == 200  # the refused tries changed nothing


def test_refused_requests_leave_an_enrolled_device_as_it_was(ward: WardProcess, station_no: int) -> None:
    device = ward.device(station_no, f"dev-kept-{station_no}", name="Nhà văn hoá tổ 16")
    assert ward.enroll(station_no, "AAAA-AAAA", device.device_id).status_code == 403
    assert ward.enroll(99_998, "AAAA-AAAA", device.device_id).status_code == 404
    other = station_no + 20_000
    ward.add_station(other, "Khu vực khác")
    assert ward.enroll(other, "AAAA-AAAA", device.device_id).status_code == 409
    assert device.read_events().status_code == 200
    assert device.post([])["acked_seq"] == 0


def test_bad_enrol_body_is_422_with_pointer(ward: WardProcess) -> None:
    answer = ward.enroll(0, "", "bad id with spaces")
    assert answer.status_code == 422
    pointers = {e["pointer"] for e in answer.json()["errors"]}
    assert {"/station", "/code", "/device_id"} <= pointers


def _ward_db(folder: Path) -> sqlite3.Connection:
    conn = open_database(database_path(folder)).conn
    registry.add_station(conn, 5, "Khu vực 5", 100, election_time(6))
    return conn


def _status(conn: sqlite3.Connection, code: str, device_id: str, now: datetime) -> int:
    try:
        registry.enroll(conn, 5, code, device_id, now)
    except ApiError as exc:
        return exc.status
    return 200


def test_a_spent_code_reissues_only_within_the_window(tmp_path: Path) -> None:
    conn = _ward_db(tmp_path)
    late, soon = (
        registry.add_station(conn, 5, "Khu vực 5", None, election_time(6)),
        registry.add_station(conn, 5, "Khu vực 5", None, election_time(6)),
    )
    registry.enroll(conn, 5, late, "dev-late", election_time(7))
    registry.enroll(conn, 5, soon, "dev-soon", election_time(7))
    after = election_time(7) + registry.REISSUE_WINDOW
    assert _status(conn, late, "dev-late", after + timedelta(milliseconds=1)) == 403
    assert _status(conn, soon, "dev-soon", after) == 200
    assert _status(conn, soon, "dev-soon", after + timedelta(milliseconds=1)) == 403  # once only
    conn.close()


def test_a_superseded_code_never_reissues(tmp_path: Path) -> None:
    conn = _ward_db(tmp_path)
    first, second = (registry.add_station(conn, 5, "Khu vực 5", None, election_time(6)) for _ in range(2))
    registry.enroll(conn, 5, first, "dev-a", election_time(7))
    done = registry.enroll(conn, 5, second, "dev-a", election_time(7, 1))
    assert done.reenrolled
    assert _status(conn, first, "dev-a", election_time(7, 2)) == 403  # the older code cannot take it back
    assert registry.device_for_token(conn, done.token) is not None
    assert _status(conn, second, "dev-a", election_time(7, 1)) == 403  # not in the same millisecond
    conn.close()


def test_a_lookup_overtaken_by_a_reenrolment_is_not_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader read the old token just before the re-enrolment committed: the service must not
    keep accepting it from its cache."""
    conn = _ward_db(tmp_path)
    first, second = (registry.add_station(conn, 5, "Khu vực 5", None, election_time(6)) for _ in range(2))
    conn.close()
    service = WardService(tmp_path)
    service.start()
    read, release = threading.Event(), threading.Event()
    lookup = registry.device_for_digest

    def slow_lookup(conn: sqlite3.Connection, digest: str) -> registry.Device | None:
        found = lookup(conn, digest)
        if not read.is_set():
            read.set()
            release.wait(10)
        return found

    async def scenario() -> tuple[int, int, registry.Device]:
        old = await service.enroll(5, first, "dev-race")
        monkeypatch.setattr(registry, "device_for_digest", slow_lookup)
        racing = asyncio.create_task(service.authenticate(old.token))
        assert await asyncio.to_thread(read.wait, 10)  # it read the old token...
        new = await service.enroll(5, second, "dev-race")  # ...then the re-enrolment committed
        release.set()
        statuses = []
        for attempt in (racing, service.authenticate(old.token)):
            try:
                await attempt
                statuses.append(200)
            except ApiError as exc:
                statuses.append(exc.status)
        return statuses[0], statuses[1], await service.authenticate(new.token)

    try:
        racing, later, device = asyncio.run(scenario())
    finally:
        service.close()
    assert (racing, later) == (401, 401)
    assert device.device_id == "dev-race"
