"""The ward-server command: add-station, stations, and what goes in the log."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import pytest

from tests.ward_server.support import REPO, WardProcess, election_time, run_cli

SAMPLE_LIST = REPO / "tests" / "data" / "kvbp-07-phuong-lang.csv"


def test_add_station_prints_a_one_time_code_as_json(tmp_path: Path) -> None:
    done = run_cli(tmp_path, "add-station", "3", "--name", "Nhà văn hoá tổ 3", "--voter-count", "1450", "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["station"] == 3
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}", answer["enrollment_code"])
    listing = json.loads(run_cli(tmp_path, "stations", "--json").stdout)
    assert listing["stations"] == [
        {
            "station": 3,
            "name": "Nhà văn hoá tổ 3",
            "voters": 1450,
            "devices": 0,
            "unused_codes": 1,
            "last_contact_at": None,
        }
    ]


def test_add_station_again_renames_keeps_the_count_and_adds_a_code(tmp_path: Path) -> None:
    run_cli(tmp_path, "add-station", "4", "--name", "Cũ", "--voter-count", "900")
    done = run_cli(tmp_path, "add-station", "4", "--name", "Trường Tiểu học Láng", "--json")
    assert done.returncode == 0, done.stderr
    (station,) = json.loads(run_cli(tmp_path, "stations", "--json").stdout)["stations"]
    assert (station["name"], station["voters"], station["unused_codes"]) == ("Trường Tiểu học Láng", 900, 2)


def test_text_output_is_vietnamese(tmp_path: Path) -> None:
    done = run_cli(tmp_path, "add-station", "5", "--name", "Nhà văn hoá tổ 5")
    assert "Mã đăng ký máy (dùng một lần):" in done.stdout
    assert "KV 05  Nhà văn hoá tổ 5" in run_cli(tmp_path, "stations").stdout


def test_voters_file_gives_the_count_only(tmp_path: Path) -> None:
    pytest.importorskip("clerk_app.storage.listfile")
    done = run_cli(tmp_path, "add-station", "7", "--name", "Khu vực 7", "--voters", str(SAMPLE_LIST), "--json")
    assert done.returncode == 0, done.stderr
    (station,) = json.loads(run_cli(tmp_path, "stations", "--json").stdout)["stations"]
    assert station["voters"] > 1000
    database = (tmp_path / "ward.db").read_bytes()
    first_name = "Nguyễn".encode()  # the sample list is full of them; none may reach ward.db
    assert first_name not in database


def test_voters_file_of_another_station_exits_2(tmp_path: Path) -> None:
    pytest.importorskip("clerk_app.storage.listfile")
    done = run_cli(tmp_path, "add-station", "8", "--name", "Khu vực 8", "--voters", str(SAMPLE_LIST))
    assert done.returncode == 2
    assert "station 7" in done.stderr
    assert json.loads(run_cli(tmp_path, "stations", "--json").stdout)["stations"] == []


def test_missing_voters_file_exits_2(tmp_path: Path) -> None:
    pytest.importorskip("clerk_app.storage.listfile")
    done = run_cli(tmp_path, "add-station", "9", "--name", "Khu vực 9", "--voters", str(tmp_path / "none.csv"))
    assert done.returncode == 2 and "none.csv" in done.stderr


def test_bad_arguments_exit_2(tmp_path: Path) -> None:
    assert run_cli(tmp_path, "add-station", "0", "--name", "x").returncode == 2
    assert run_cli(tmp_path, "add-station", "5", "--name", "   ").returncode == 2
    assert run_cli(tmp_path, "add-station", "5").returncode == 2
    assert run_cli(tmp_path, "--tls-cert", "cert.pem").returncode == 2


def test_log_has_no_tokens_secrets_or_codes(ward: WardProcess, station_no: int) -> None:
    code = ward.add_station(station_no, "Khu vực nhật ký")
    answer = ward.enroll(station_no, code, f"dev-log-{station_no}").json()
    device = ward.device(station_no)
    device.post(device.chain.check_ins([1, 2], election_time(8)))
    device.read_events()
    logs = ward.logs_once_written(f"GET /api/v1/stations/{station_no}/events")  # the last request
    assert "POST /api/v1/events" in logs and device.device_id in logs  # the log is being written
    for secret in (answer["token"], answer["secret"], device.token, device.secret, code, code.replace("-", "")):
        assert secret not in logs


def test_taken_port_exits_1(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_cli(tmp_path, "--host", "127.0.0.1", "--port", str(port))
    assert done.returncode == 1, done.stderr[-1000:]
    # Logged through the queue, and written out before the process ends (ward_server.logs).
    assert "address already in use" in done.stderr.lower()
    assert "address already in use" in (tmp_path / "logs" / "ward-server.log").read_text(encoding="utf-8").lower()
