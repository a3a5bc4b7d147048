"""Helpers for the ward server tests: a real server process, enrolled devices, signed batches."""

from __future__ import annotations

import gzip
import hashlib
import hmac
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import requests

from clerk_app.clock import VN_TZ, to_iso
from clerk_app.storage.eventlog import GENESIS_HASH, event_hash

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = (3.05, 30.0)  # (connect, read) seconds: every HTTP call in these tests says so
STARTUP_LIMIT_S = 30.0


def election_time(hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 3, 15, hour, minute, second, tzinfo=VN_TZ)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def run_cli(data_dir: Path, *args: str, run_as: Sequence[str] = ()) -> subprocess.CompletedProcess[str]:
    """``ward-server ARGS --data-dir DATA_DIR``; ``run_as``: a command to run it through (setpriv)."""
    return subprocess.run(
        [*run_as, sys.executable, "-m", "ward_server", *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        cwd=REPO,
        check=False,
    )


@dataclass
class WardProcess:
    data_dir: Path
    url: str
    process: subprocess.Popen[bytes]
    output: Path
    names: dict[int, str] = field(default_factory=dict)

    def add_station(self, number: int, name: str, *extra: str) -> str:
        done = run_cli(self.data_dir, "add-station", str(number), "--name", name, "--json", *extra)
        assert done.returncode == 0, done.stderr
        self.names[number] = name
        code: str = json.loads(done.stdout)["enrollment_code"]
        return code

    def enroll(self, station: int, code: str, device_id: str) -> requests.Response:
        body = {"station": station, "code": code, "device_id": device_id}
        return requests.post(f"{self.url}/api/v1/enroll", json=body, timeout=TIMEOUT)

    def device(self, station: int, device_id: str | None = None, *, name: str | None = None) -> Device:
        """Register the station (again: one more code) and enrol a fresh device with it."""
        device_id = device_id or f"dev-{uuid.uuid4().hex[:12]}"
        # add-station again for a known station issues one more code (and would rename it).
        code = self.add_station(station, name or self.names.get(station, f"Khu vực {station}"))
        answer = self.enroll(station, code, device_id)
        assert answer.status_code == 200, answer.text
        cred = answer.json()
        return Device(self.url, station, device_id, cred["token"], cred["secret"])

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return requests.get(f"{self.url}{path}", timeout=TIMEOUT, **kwargs)

    def logs_once_written(self, expected: str, timeout_s: float = 10.0) -> str:
        """Its log file and console output, once ``expected`` is in them: a thread writes the
        log a moment after the line is logged (ward_server.logs)."""
        deadline = time.monotonic() + timeout_s
        while True:
            logs = (self.data_dir / "logs" / "ward-server.log").read_text(encoding="utf-8")
            logs += self.output.read_text(encoding="utf-8")
            if expected in logs or time.monotonic() > deadline:
                return logs
            time.sleep(0.05)

    def turnout(self, station: int) -> dict[str, Any]:
        answer = self.get(f"/api/v1/stations/{station}/turnout")
        assert answer.status_code == 200, answer.text
        result: dict[str, Any] = answer.json()
        return result


@contextmanager
def ward_server(data_dir: Path) -> Iterator[WardProcess]:
    """The real server (python -m ward_server) on a free loopback port, until the block ends."""
    data_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    output = data_dir / "server-output.txt"
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ward_server",
                "--data-dir",
                str(data_dir),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            stdout=sink,
            stderr=subprocess.STDOUT,
            cwd=REPO,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    server = WardProcess(data_dir, f"http://127.0.0.1:{port}", process, output)
    try:
        _wait_healthy(server)
        yield server
    finally:
        _stop(process)


def _wait_healthy(server: WardProcess) -> None:
    deadline = time.monotonic() + STARTUP_LIMIT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"ward server exited: {server.output.read_text(encoding='utf-8')}")
        try:
            if requests.get(f"{server.url}/healthz", timeout=(0.5, 2)).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"ward server not healthy after {STARTUP_LIMIT_S} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@dataclass
class Chain:
    """Events as a station writes them: gap-free seq, chained hashes (clerk_app's event_hash)."""

    device_id: str
    seq: int = 0
    prev_hash: str = GENESIS_HASH

    def next(
        self,
        kind: str,
        list_no: int | None = None,
        at: datetime | str | None = None,
        payload: dict[str, Any] | None = None,
        clerk: str = "Bàn 1",
    ) -> dict[str, Any]:
        self.seq += 1
        at_text = at if isinstance(at, str) else to_iso(at or election_time(7, 0) + timedelta(seconds=self.seq))
        event = {
            "seq": self.seq,
            "uuid": str(uuid.uuid4()),
            "kind": kind,
            "list_no": list_no,
            "at": at_text,
            "clerk": clerk,
            "payload": payload or {},
            "prev_hash": self.prev_hash,
        }
        event["hash"] = content_hash(self.device_id, event)
        self.prev_hash = event["hash"]
        return event

    def check_ins(self, list_nos: range | list[int], start: datetime, step_s: float = 20) -> list[dict[str, Any]]:
        return [self.next("checked_in", n, start + timedelta(seconds=i * step_s)) for i, n in enumerate(list_nos)]


def content_hash(device_id: str, event: dict[str, Any]) -> str:
    payload_json = json.dumps(event["payload"], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return event_hash(
        device_id=device_id,
        seq=event["seq"],
        uuid=event["uuid"],
        kind=event["kind"],
        list_no=event["list_no"],
        at=event["at"],
        clerk=event["clerk"],
        payload_json=payload_json,
        prev_hash=event["prev_hash"],
    )


@dataclass
class Device:
    url: str
    station: int
    device_id: str
    token: str
    secret: str
    chain: Chain = field(init=False)

    def __post_init__(self) -> None:
        self.chain = Chain(self.device_id)

    def body(self, events: list[dict[str, Any]], **override: Any) -> bytes:
        batch = {"device_id": self.device_id, "station": self.station, "events": events, **override}
        return json.dumps(batch, ensure_ascii=False).encode("utf-8")

    def sign(self, body: bytes) -> str:
        return hmac.new(self.secret.encode("utf-8"), body, hashlib.sha256).hexdigest()

    def post_raw(
        self, body: bytes, *, gzipped: bool = False, headers: dict[str, str] | None = None
    ) -> requests.Response:
        sent = gzip.compress(body) if gzipped else body
        all_headers = {
            "Authorization": f"Bearer {self.token}",
            "X-Signature": self.sign(sent),
            "Content-Type": "application/json",
        }
        if gzipped:
            all_headers["Content-Encoding"] = "gzip"
        all_headers.update(headers or {})
        return requests.post(f"{self.url}/api/v1/events", data=sent, headers=all_headers, timeout=TIMEOUT)

    def post(self, events: list[dict[str, Any]], **kwargs: Any) -> dict[str, Any]:
        answer = self.post_raw(self.body(events), **kwargs)
        assert answer.status_code == 200, answer.text
        result: dict[str, Any] = answer.json()
        return result

    def read_events(self, station: int | None = None, **params: Any) -> requests.Response:
        return requests.get(
            f"{self.url}/api/v1/stations/{station or self.station}/events",
            params=params,
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=TIMEOUT,
        )
