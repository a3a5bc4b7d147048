"""Enrolment: a one-time code turns a laptop into a device of one station."""

from __future__ import annotations

from tests.ward_server.support import WardProcess


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


def test_enrolled_device_id_is_409_and_keeps_the_code(ward: WardProcess, station_no: int) -> None:
    first = ward.add_station(station_no, "Nhà văn hoá tổ 12")
    second = ward.add_station(station_no, "Nhà văn hoá tổ 12")
    assert ward.enroll(station_no, first, f"dev-twice-{station_no}").status_code == 200
    assert ward.enroll(station_no, second, f"dev-twice-{station_no}").status_code == 409
    # The refused retry did not spend the second code: a replacement laptop can still use it.
    assert ward.enroll(station_no, second, f"dev-replacement-{station_no}").status_code == 200


def test_bad_enrol_body_is_422_with_pointer(ward: WardProcess) -> None:
    answer = ward.enroll(0, "", "bad id with spaces")
    assert answer.status_code == 422
    pointers = {e["pointer"] for e in answer.json()["errors"]}
    assert {"/station", "/code", "/device_id"} <= pointers
