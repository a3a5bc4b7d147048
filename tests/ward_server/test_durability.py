"""What the ward office relies on: many stations at once, a restart losing nothing, HTTPS."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from tests.ward_server.support import TIMEOUT, Device, WardProcess, election_time, free_port, ward_server


def test_many_devices_posting_at_once(ward: WardProcess, station_no: int) -> None:
    """Requests overlap; the single writer thread serialises them and nothing is lost."""
    desks = [ward.device(station_no) for _ in range(4)]
    batches = []
    for number, desk in enumerate(desks):
        events = desk.chain.check_ins(range(number * 1000 + 1, number * 1000 + 201), election_time(9), step_s=3)
        batches += [(desk, events[i : i + 40]) for i in range(0, len(events), 40)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda item: item[0].post(item[1]), batches))
    assert sum(a["stored"] for a in answers) == 800
    assert ward.turnout(station_no)["checked_in"] == 800


def test_restart_loses_nothing(tmp_path: Path) -> None:
    with ward_server(tmp_path / "ward") as first:
        device = first.device(3, "dev-restart")
        body = device.body(device.chain.check_ins(range(1, 51), election_time(8)))
        assert device.post_raw(body).json()["acked_seq"] == 50
    with ward_server(tmp_path / "ward") as second:
        assert second.turnout(3)["checked_in"] == 50
        replay = Device(second.url, 3, device.device_id, device.token, device.secret)
        answer = replay.post_raw(body).json()  # the same token still works after the restart
        assert (answer["duplicates"], answer["acked_seq"]) == (50, 50)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command to make a test certificate")
def test_serves_https_with_the_given_certificate(tmp_path: Path) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    request = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1"]
    subprocess.run(
        ["openssl", *request, "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    port = free_port()
    process = subprocess.Popen(
        [*_server_command(tmp_path / "ward", port), "--tls-cert", str(cert), "--tls-key", str(key)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        answer = _wait_https(f"https://127.0.0.1:{port}/healthz", cert)
        assert answer.json()["ok"] is True
    finally:
        process.terminate()
        process.wait(timeout=15)


def _server_command(data_dir: Path, port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "ward_server",
        "--data-dir",
        str(data_dir),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]


def _wait_https(url: str, cert: Path) -> requests.Response:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            return requests.get(url, verify=str(cert), timeout=TIMEOUT)
        except requests.ConnectionError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer")
